/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "regular_file.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int
regular_file_open(const char *path, size_t max_bytes, const char **why)
{
  const int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  struct stat info;
  if (fd < 0) {
    *why = strerror(errno);
    return -1;
  }
  *why = fstat(fd, &info) != 0           ? strerror(errno)
         : S_ISDIR(info.st_mode)         ? "a directory, not a file"
         : !S_ISREG(info.st_mode)        ? "not a regular file"
         : max_bytes && (size_t)info.st_size > max_bytes ? "larger than the limit for this input"
                                                         : NULL;
  if (*why) {
    close(fd);
    return -1;
  }
  fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
  return fd;
}
