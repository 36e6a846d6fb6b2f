// How the command-line tool sets up the C library's allocator. C, because the Swift overlay of
// glibc does not import <malloc.h>.
#ifndef C_COMPASS_ALLOCATOR_H
#define C_COMPASS_ALLOCATOR_H

/// Makes the allocator map every block of 256 KiB or more on its own and give it back to the
/// system when it is freed, and give back the free top of its heaps from 128 KiB on. glibc
/// otherwise raises both thresholds as blocks are freed, and keeps much more memory that is
/// free, counted in the peak (at a million migrants, 6–13 MiB from run to run).
/// Does nothing with another C library.
void compass_map_large_blocks(void);

#endif
