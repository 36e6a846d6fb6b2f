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

/// Finds the fields of the plain records at the start of `bytes[0 ..< length)`: records of
/// exactly `width` fields that end with a line feed (or a carriage return and a line feed), are
/// not empty, are at most `maximum` bytes long without their line break, and hold no quote, NUL
/// or other carriage return.
///
/// For each record it writes `width + 1` offsets into `ends`: the record's first byte minus one
/// (modulo 2^32), then the end of each field (the offset of the comma or line break after it).
/// Field `k` is `bytes[ends[k] + 1 ..< ends[k + 1])`.
///
/// Stops before the first record that is not plain or not whole in the bytes, or when `records`
/// records are written. Returns the number of records written and sets `*consumed` to the offset
/// after the last one's line feed (0 when none). `length` must be below 2^31, `width` at least 1.
///
/// On x86-64 processors with AVX2 (and a system that supports it), the bytes are read with AVX2,
/// thirty-two at a time; elsewhere as `compass_plain_records_portable` reads them. Both find the
/// same records.
size_t compass_plain_records(const uint8_t *bytes, size_t length, size_t width, size_t maximum, uint32_t *ends,
                             size_t records, size_t *consumed);
/// `compass_plain_records` with the instructions of every x86-64 processor (SSE2), or byte by
/// byte elsewhere, whatever the processor running it: for tests that compare the two.
size_t compass_plain_records_portable(const uint8_t *bytes, size_t length, size_t width, size_t maximum,
                                      uint32_t *ends, size_t records, size_t *consumed);

/// Finds the first field of every whole line of `bytes[0 ..< length)`: a line ends with a line
/// feed, and its first field runs from its start to its first comma, or to the line feed when it
/// has none (a carriage return before that line feed is left in the field).
///
/// For each line it writes two offsets into `lines`: the line's first byte, then the end of its
/// first field (the offset of the comma or the line feed after it). Stops after the last line
/// feed in the bytes, or when `capacity` lines are written. Returns the number of lines written
/// and sets `*consumed` to the offset after the last one's line feed (0 when none). Commas and
/// line feeds are all it looks for: the caller knows the bytes hold no quote. `length` must be
/// below 2^32.
size_t compass_line_heads(const uint8_t *bytes, size_t length, uint32_t *lines, size_t capacity, size_t *consumed);

/// Copies 64 bytes from `source` to `destination`, which is 64-byte aligned, with stores that
/// bypass the cache (SSE2's streaming stores; a plain copy elsewhere): the destination's line is
/// not read from memory first. Call `compass_stream_fence` before the bytes are read again.
void compass_stream_line(void *destination, const void *source);

/// Orders the streaming stores made before it before any store or load after it.
void compass_stream_fence(void);

#endif
