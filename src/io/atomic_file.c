/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void
release(atomic_file *af)
{
  free(af->path);
  free(af->tmp_path);
  af->path = af->tmp_path = NULL;
  af->file = NULL;
}

ildkg_status
atomic_file_open(atomic_file *af, const char *path)
{
  af->file = NULL;
  af->path = strdup(path);
  if (!af->path || asprintf(&af->tmp_path, "%s.tmp", path) < 0) {
    af->tmp_path = NULL;
    release(af);
    return ILDKG_ERR_NOMEM;
  }
  /* Not mkstemp: its 0600 mode would leak into the published exports. */
  const int fd = open(af->tmp_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0 || !(af->file = fdopen(fd, "wb"))) {
    const int err = errno;
    if (fd >= 0) {
      close(fd);
      unlink(af->tmp_path);
    }
    release(af);
    errno = err;
    return ILDKG_ERR_CANTCREAT;
  }
  return ILDKG_OK;
}

ildkg_status
atomic_file_finish(atomic_file *af)
{
  FILE *f = af->file;
  af->file = NULL;
  const int failed = fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0;
  const int err = errno;
  const int closed = fclose(f) == 0;
  if (failed || !closed) {
    errno = failed ? err : errno;
    return ILDKG_ERR_IO;
  }
  return ILDKG_OK;
}

ildkg_status
atomic_file_commit(atomic_file *af)
{
  if (rename(af->tmp_path, af->path) != 0) {
    const int err = errno;
    atomic_file_abort(af);
    errno = err;
    return ILDKG_ERR_IO;
  }
  release(af);
  return ILDKG_OK;
}

void
atomic_file_abort(atomic_file *af)
{
  if (af->file) {
    fclose(af->file);
  }
  if (af->tmp_path) {
    unlink(af->tmp_path);
  }
  release(af);
}
