// How the command-line tool sets up the C library's allocator. C, because the Swift overlay of
// glibc does not import <malloc.h>.
#ifndef C_COMPASS_ALLOCATOR_H
#define C_COMPASS_ALLOCATOR_H

/// Makes the allocator map every block of 256 KiB or more on its own and give it back to the
/// system when it is freed. glibc otherwise raises that threshold each time such a block is
/// freed, and later large blocks then stay in its heap once freed, counted in the peak memory.
/// Does nothing with another C library.
void compass_map_large_blocks(void);

#endif
