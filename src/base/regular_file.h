/* SPDX-License-Identifier: MIT */
/**
 * @file regular_file.h  Opening an input that is a regular file, and nothing else.
 *
 * A FIFO would block open() or read() forever, a device (/dev/zero) never ends, a
 * directory reads as an error or as nothing: inputs must be regular files of a bounded
 * size. The open never blocks.
 */
#ifndef ILDKG_REGULAR_FILE_H
#define ILDKG_REGULAR_FILE_H

#include <stddef.h>

/**
 * Open @p path for reading when it is a regular file of at most @p max_bytes (0: any
 * size). @return the descriptor (caller closes), or -1 with *why a static English reason
 * ("a directory, not a file", "not a regular file", "larger than N MiB", or strerror).
 */
int regular_file_open(const char *path, size_t max_bytes, const char **why);

#endif
