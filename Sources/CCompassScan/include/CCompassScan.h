// Finding the separators of CSV text sixteen bytes at a time. C, because Swift has no portable
// way to turn a vector comparison into a bit mask (SSE2's movemask), and a scan eight bytes at a
// time in integer registers was a quarter of the reader's time.
#ifndef C_COMPASS_SCAN_H
#define C_COMPASS_SCAN_H

#include <stddef.h>
#include <stdint.h>

/// A stop is the offset of a separator in the bytes scanned, with its kind in the top two bits.
#define COMPASS_STOP_COMMA 0x00000000u
/// A line feed.
#define COMPASS_STOP_LF 0x80000000u
/// A line feed right after a carriage return (the stop is the line feed's offset).
#define COMPASS_STOP_CRLF 0xC0000000u
/// The bits of a stop that hold its offset.
#define COMPASS_STOP_OFFSET 0x3FFFFFFFu

/// Writes the stops of `bytes[0 ..< length)` in order: every comma and every line feed, up to
/// the first byte that plain CSV cannot hold (a quote, a NUL, or a carriage return that is not
/// followed by a line feed within the bytes), or until `capacity` stops are written.
///
/// Returns the number of stops written, and sets `*scanned` to the offset up to which every stop
/// is written: `length` when every byte was scanned, the offset of the first byte plain CSV
/// cannot hold, or an earlier offset when `capacity` was reached. `length` must be below 2^30,
/// and `capacity` at least 16.
size_t compass_find_stops(const uint8_t *bytes, size_t length, uint32_t *stops, size_t capacity, size_t *scanned);

#endif
