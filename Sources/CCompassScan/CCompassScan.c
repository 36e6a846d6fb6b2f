#include "CCompassScan.h"

#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
// AVX2 is not in the x86-64 baseline the package is built for: the scan of plain records has a
// second body built for it (`target("avx2")`), chosen at run time when the processor and the
// system support it.
#include <cpuid.h>
#include <immintrin.h>
#define COMPASS_SCAN_AVX2 1
#endif

/// The kind of a line feed at `offset`: after a carriage return or not.
static inline uint32_t line_feed(const uint8_t *bytes, size_t offset) {
    return (offset > 0 && bytes[offset - 1] == '\r') ? COMPASS_STOP_CRLF : COMPASS_STOP_LF;
}

/// The same scan one byte at a time, from `index`: for the bytes after the last block of
/// sixteen, and on machines without SSE2.
static size_t find_stops_bytes(const uint8_t *bytes, size_t index, size_t length, uint32_t *stops, size_t count,
                               size_t capacity, size_t *scanned) {
    for (; index < length; index++) {
        uint8_t byte = bytes[index];
        if (byte == ',' || byte == '\n') {
            if (count == capacity) break;
            stops[count++] = (uint32_t)index | (byte == ',' ? COMPASS_STOP_COMMA : line_feed(bytes, index));
        } else if (byte == '"' || byte == 0 || (byte == '\r' && (index + 1 == length || bytes[index + 1] != '\n'))) {
            break;
        }
    }
    *scanned = index;
    return count;
}

#if defined(__SSE2__)
/// The separators of sixteen bytes, as bits.
typedef struct {
    /// The stops (commas and line feeds) before the first byte plain CSV cannot hold.
    uint32_t found;
    /// The line feeds among all sixteen.
    uint32_t lineFeeds;
    /// The bytes plain CSV cannot hold: a quote, a NUL, or a carriage return that is not before a
    /// line feed; 0 when none.
    uint32_t stopping;
} block_bits;

/// The separators of the sixteen bytes at `bytes + index`; `bytes[index + 16]` is read too, for
/// a carriage return at the end.
static inline block_bits block_stops(const uint8_t *bytes, size_t index) {
    __m128i block = _mm_loadu_si128((const __m128i *)(bytes + index));
    uint32_t commas = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(block, _mm_set1_epi8(',')));
    uint32_t feeds = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(block, _mm_set1_epi8('\n')));
    uint32_t returns = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(block, _mm_set1_epi8('\r')));
    uint32_t stops = (uint32_t)_mm_movemask_epi8(
        _mm_or_si128(_mm_cmpeq_epi8(block, _mm_set1_epi8('"')), _mm_cmpeq_epi8(block, _mm_setzero_si128())));
    if (returns != 0) {
        // A carriage return is plain only before a line feed.
        uint32_t nextIsLineFeed = (feeds >> 1) | (bytes[index + 16] == '\n' ? 0x8000u : 0u);
        stops |= returns & ~nextIsLineFeed;
    }
    uint32_t found = commas | feeds;
    if (stops != 0) found &= (stops & (0u - stops)) - 1u;
    block_bits bits = {found, feeds, stops};
    return bits;
}

/// The commas and the line feeds of the thirty-two bytes `low` and `high`, as bits.
static inline void separators32(__m128i low, __m128i high, uint32_t *commas, uint32_t *feeds) {
    const __m128i comma = _mm_set1_epi8(','), lineFeed = _mm_set1_epi8('\n');
    *commas = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(low, comma)) |
              (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(high, comma)) << 16;
    *feeds = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(low, lineFeed)) |
             (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(high, lineFeed)) << 16;
}

/// The bits of thirty-two bytes that hold a quote, a NUL or a carriage return: the carriage
/// returns not before a line feed join the quotes and NULs (`stops`), and the separators from the
/// first of those on are dropped. `next` is the byte after the thirty-two.
static inline block_bits rare_stops32(uint32_t commas, uint32_t feeds, uint32_t quotesAndNuls, uint32_t returns,
                                      uint8_t next) {
    uint32_t found = commas | feeds;
    // A carriage return is plain only before a line feed.
    uint32_t nextIsLineFeed = (feeds >> 1) | (next == '\n' ? 0x80000000u : 0u);
    uint32_t stops = quotesAndNuls | (returns & ~nextIsLineFeed);
    if (stops != 0) found &= (stops & (0u - stops)) - 1u;
    block_bits bits = {found, feeds, stops};
    return bits;
}

/// The separators of the thirty-two bytes at `bytes + index`, as `block_stops` finds those of
/// sixteen; `bytes[index + 32]` is read too, for a carriage return at the end.
static inline block_bits block_stops32(const uint8_t *bytes, size_t index) {
    const __m128i carriageReturn = _mm_set1_epi8('\r'), quote = _mm_set1_epi8('"'), zero = _mm_setzero_si128();
    __m128i low = _mm_loadu_si128((const __m128i *)(bytes + index));
    __m128i high = _mm_loadu_si128((const __m128i *)(bytes + index + 16));
    uint32_t commas, feeds;
    separators32(low, high, &commas, &feeds);
    // Quotes, NULs and carriage returns are rare: one test for all three, both halves.
    __m128i rareLow = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(low, quote), _mm_cmpeq_epi8(low, zero)),
                                   _mm_cmpeq_epi8(low, carriageReturn));
    __m128i rareHigh = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(high, quote), _mm_cmpeq_epi8(high, zero)),
                                    _mm_cmpeq_epi8(high, carriageReturn));
    if (_mm_movemask_epi8(_mm_or_si128(rareLow, rareHigh)) == 0) {
        block_bits bits = {commas | feeds, feeds, 0};
        return bits;
    }
    uint32_t returns = (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(low, carriageReturn)) |
                       (uint32_t)_mm_movemask_epi8(_mm_cmpeq_epi8(high, carriageReturn)) << 16;
    uint32_t quotesAndNuls =
        (uint32_t)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(low, quote), _mm_cmpeq_epi8(low, zero))) |
        (uint32_t)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(high, quote), _mm_cmpeq_epi8(high, zero))) << 16;
    return rare_stops32(commas, feeds, quotesAndNuls, returns, bytes[index + 32]);
}
#endif

size_t compass_find_stops(const uint8_t *bytes, size_t length, uint32_t *stops, size_t capacity, size_t *scanned) {
    size_t count = 0;
    size_t index = 0;
#if defined(__SSE2__)
    // One byte more than the block is read for a carriage return at its end, so the last block
    // left to the byte loop ends before `length`.
    while (index + 16 < length) {
        block_bits bits = block_stops(bytes, index);
        uint32_t found = bits.found, lineFeeds = bits.lineFeeds, stopping = bits.stopping;
        // A block has sixteen stops at most (x86-64 has no population count before SSE4.2).
        if (count + 16 > capacity) {
            *scanned = index;
            return count;
        }
        while (found != 0) {
            uint32_t bit = (uint32_t)__builtin_ctz(found);
            size_t offset = index + bit;
            stops[count++] = (uint32_t)offset | (((lineFeeds >> bit) & 1u) ? line_feed(bytes, offset) : COMPASS_STOP_COMMA);
            found &= found - 1u;
        }
        if (stopping != 0) {
            *scanned = index + (size_t)__builtin_ctz(stopping);
            return count;
        }
        index += 16;
    }
#endif
    return find_stops_bytes(bytes, index, length, stops, count, capacity, scanned);
}

/// The state of `compass_plain_records` between blocks: the record being scanned.
typedef struct {
    const uint8_t *bytes;
    size_t width;
    size_t maximum;
    uint32_t *ends;
    size_t written;    // records written
    size_t capacity;   // records that fit
    size_t start;      // the record's first byte
    size_t field;      // fields ended in the record so far
    uint32_t *record;  // where the record's offsets go
} plain_scan;

/// Ends a field at a comma; returns 0 when the record has too many fields.
static inline int plain_comma(plain_scan *scan, size_t offset) {
    if (scan->field + 1 >= scan->width) return 0;
    scan->record[++scan->field] = (uint32_t)offset;
    return 1;
}

/// Ends the record at a line feed; returns 0 when it is not a plain record, and 2 when it was
/// the last that fits.
static inline int plain_line_feed(plain_scan *scan, size_t offset) {
    size_t end = (offset > scan->start && scan->bytes[offset - 1] == '\r') ? offset - 1 : offset;
    if (scan->field + 1 != scan->width || end == scan->start || end - scan->start > scan->maximum) return 0;
    scan->record[scan->width] = (uint32_t)end;
    scan->written += 1;
    scan->start = offset + 1;
    scan->field = 0;
    if (scan->written == scan->capacity) return 2;
    scan->record += scan->width + 1;
    scan->record[0] = (uint32_t)scan->start - 1u;
    return 1;
}

/// Takes the stops of a block (`found`, the line feeds among them `lineFeeds`) from `index`;
/// returns those left when a record that is not plain, or the last that fits, stopped the scan.
static inline uint32_t plain_stops(plain_scan *scan, uint32_t found, uint32_t lineFeeds, size_t index) {
    while (found != 0) {
        uint32_t bit = (uint32_t)__builtin_ctz(found);
        size_t offset = index + bit;
        int kept = ((lineFeeds >> bit) & 1u) ? plain_line_feed(scan, offset) : plain_comma(scan, offset);
        if (kept != 1) break;
        found &= found - 1u;
    }
    return found;
}

/// Takes the stops of a block of `width` bytes from `index`; returns whether the scan stops there:
/// at a record that is not plain, after the last record that fits, or at one seen to be longer
/// than the limit (its last byte so far, at index + width - 1, is before its end).
static inline int plain_block(plain_scan *scan, block_bits bits, size_t index, size_t width) {
    uint32_t left = plain_stops(scan, bits.found, bits.lineFeeds, index);
    return left != 0 || bits.stopping != 0 || index + width - scan->start > scan->maximum + 1;
}

#if defined(COMPASS_SCAN_AVX2)
/// The separators of the thirty-two bytes at `bytes + index`, as `block_stops32` finds them, with
/// AVX2: one load and a comparison per byte looked for.
__attribute__((target("avx2"))) static inline block_bits block_stops32_avx2(const uint8_t *bytes, size_t index) {
    __m256i block = _mm256_loadu_si256((const __m256i *)(bytes + index));
    uint32_t commas = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(block, _mm256_set1_epi8(',')));
    uint32_t feeds = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(block, _mm256_set1_epi8('\n')));
    __m256i returns = _mm256_cmpeq_epi8(block, _mm256_set1_epi8('\r'));
    __m256i stopping = _mm256_or_si256(_mm256_cmpeq_epi8(block, _mm256_set1_epi8('"')),
                                       _mm256_cmpeq_epi8(block, _mm256_setzero_si256()));
    // Quotes, NULs and carriage returns are rare: one test for the three.
    __m256i rare = _mm256_or_si256(stopping, returns);
    if (_mm256_testz_si256(rare, rare)) {
        block_bits bits = {commas | feeds, feeds, 0};
        return bits;
    }
    return rare_stops32(commas, feeds, (uint32_t)_mm256_movemask_epi8(stopping),
                        (uint32_t)_mm256_movemask_epi8(returns), bytes[index + 32]);
}
#endif

/// `compass_plain_records`, with AVX2's blocks of thirty-two bytes when `avx2` is set (a constant
/// in each of the two functions this is inlined into), SSE2's otherwise.
__attribute__((always_inline)) static inline size_t plain_records(const uint8_t *bytes, size_t length, size_t width,
                                                                  size_t maximum, uint32_t *ends, size_t records,
                                                                  size_t *consumed, int avx2) {
    plain_scan scan = {bytes, width, maximum, ends, 0, records, 0, 0, ends};
    *consumed = 0;
    if (records == 0 || width == 0) return 0;
    ends[0] = 0xFFFFFFFFu;
    size_t index = 0;
#if defined(__SSE2__)
    // Thirty-two bytes a round, then sixteen for the rest: the same stops, half the rounds.
    while (index + 32 < length) {
#if defined(COMPASS_SCAN_AVX2)
        block_bits bits = avx2 ? block_stops32_avx2(bytes, index) : block_stops32(bytes, index);
#else
        block_bits bits = block_stops32(bytes, index);
#endif
        if (plain_block(&scan, bits, index, 32)) goto done;
        index += 32;
    }
    while (index + 16 < length) {
        if (plain_block(&scan, block_stops(bytes, index), index, 16)) goto done;
        index += 16;
    }
#endif
    for (; index < length; index++) {
        uint8_t byte = bytes[index];
        int kept = 1;
        if (byte == ',') {
            kept = plain_comma(&scan, index);
        } else if (byte == '\n') {
            kept = plain_line_feed(&scan, index);
        } else if (byte == '"' || byte == 0 || (byte == '\r' && (index + 1 == length || bytes[index + 1] != '\n'))) {
            kept = 0;
        } else if (index - scan.start > scan.maximum + 1) {
            kept = 0;
        }
        if (kept != 1) break;
    }
done:
    (void)avx2;
    *consumed = scan.written == 0 ? 0 : scan.start;
    return scan.written;
}

size_t compass_plain_records_portable(const uint8_t *bytes, size_t length, size_t width, size_t maximum,
                                      uint32_t *ends, size_t records, size_t *consumed) {
    return plain_records(bytes, length, width, maximum, ends, records, consumed, 0);
}

#if defined(COMPASS_SCAN_AVX2)
__attribute__((target("avx2"))) static size_t plain_records_avx2(const uint8_t *bytes, size_t length, size_t width,
                                                                 size_t maximum, uint32_t *ends, size_t records,
                                                                 size_t *consumed) {
    return plain_records(bytes, length, width, maximum, ends, records, consumed, 1);
}

/// Whether the processor has AVX2 and the system saves its registers: 1 or 0, found once (two
/// threads finding it at once find the same).
static int has_avx2(void) {
    static int known = -1;
    int found = __atomic_load_n(&known, __ATOMIC_RELAXED);
    if (found >= 0) return found;
    unsigned eax = 0, ebx = 0, ecx = 0, edx = 0;
    found = 0;
    if (__get_cpuid(1, &eax, &ebx, &ecx, &edx) && (ecx & bit_OSXSAVE) && (ecx & bit_AVX)) {
        unsigned low = 0, high = 0;
        __asm__ volatile("xgetbv" : "=a"(low), "=d"(high) : "c"(0));
        // The system saves the SSE and AVX registers (XCR0 bits 1 and 2).
        if ((low & 6u) == 6u && __get_cpuid_max(0, 0) >= 7) {
            __cpuid_count(7, 0, eax, ebx, ecx, edx);
            found = (ebx & bit_AVX2) ? 1 : 0;
        }
    }
    __atomic_store_n(&known, found, __ATOMIC_RELAXED);
    return found;
}
#endif

size_t compass_plain_records(const uint8_t *bytes, size_t length, size_t width, size_t maximum, uint32_t *ends,
                             size_t records, size_t *consumed) {
#if defined(COMPASS_SCAN_AVX2)
    if (has_avx2()) return plain_records_avx2(bytes, length, width, maximum, ends, records, consumed);
#endif
    return compass_plain_records_portable(bytes, length, width, maximum, ends, records, consumed);
}

/// The state of `compass_line_heads`: the line being scanned.
typedef struct {
    uint32_t *lines;
    size_t written;   // lines written
    size_t capacity;  // lines that fit
    size_t start;     // the line's first byte
    int inHead;       // whether its first field has not ended yet
    size_t headEnd;   // where its first field ended, once it has
} head_scan;

/// Takes a separator at `offset`; returns 0 when the last line that fits was written.
static inline int head_stop(head_scan *scan, size_t offset, int isLineFeed) {
    if (scan->inHead) {
        scan->headEnd = offset;
        scan->inHead = 0;
    }
    if (!isLineFeed) return 1;
    scan->lines[2 * scan->written] = (uint32_t)scan->start;
    scan->lines[2 * scan->written + 1] = (uint32_t)scan->headEnd;
    scan->written += 1;
    scan->start = offset + 1;
    scan->inHead = 1;
    return scan->written < scan->capacity;
}

size_t compass_line_heads(const uint8_t *bytes, size_t length, uint32_t *lines, size_t capacity, size_t *consumed) {
    head_scan scan = {lines, 0, capacity, 0, 1, 0};
    *consumed = 0;
    if (capacity == 0) return 0;
    size_t index = 0;
#if defined(__SSE2__)
    // Thirty-two bytes a round. In a line's first field the next comma or line feed ends it; after
    // it, only the next line feed matters, so the commas of the rest of the line are skipped.
    while (index + 32 <= length) {
        __m128i low = _mm_loadu_si128((const __m128i *)(bytes + index));
        __m128i high = _mm_loadu_si128((const __m128i *)(bytes + index + 16));
        uint32_t commas, feeds;
        separators32(low, high, &commas, &feeds);
        uint32_t live = 0xFFFFFFFFu;
        while (1) {
            uint32_t candidates = (scan.inHead ? (commas | feeds) : feeds) & live;
            if (candidates == 0) break;
            uint32_t bit = (uint32_t)__builtin_ctz(candidates);
            if (!head_stop(&scan, index + bit, (int)((feeds >> bit) & 1u))) goto done;
            live = bit == 31 ? 0u : (0xFFFFFFFFu << (bit + 1));
        }
        index += 32;
    }
#endif
    for (; index < length; index++) {
        uint8_t byte = bytes[index];
        if (byte == ',' || byte == '\n') {
            if (!head_stop(&scan, index, byte == '\n')) break;
        }
    }
done:
    *consumed = scan.written == 0 ? 0 : scan.start;
    return scan.written;
}

void compass_stream_line(void *destination, const void *source) {
#if defined(__SSE2__)
    __m128i *to = (__m128i *)destination;
    const __m128i *from = (const __m128i *)source;
    _mm_stream_si128(to, _mm_loadu_si128(from));
    _mm_stream_si128(to + 1, _mm_loadu_si128(from + 1));
    _mm_stream_si128(to + 2, _mm_loadu_si128(from + 2));
    _mm_stream_si128(to + 3, _mm_loadu_si128(from + 3));
#else
    memcpy(destination, source, 64);
#endif
}

void compass_stream_fence(void) {
#if defined(__SSE2__)
    _mm_sfence();
#endif
}
