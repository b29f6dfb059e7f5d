/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

static void
release(atomic_file *af)
{
  free(af->path);
  free(af->tmp_path);
  af->path = af->tmp_path = NULL;
  af->file = NULL;
}

/*
 * A PATH.tmp left by a run that died (killed, interrupted) holds no lock: remove it. One
 * a live run is writing is locked by it: leave it, and say EBUSY.
 * @return 0 when the stale file is gone (or was never there), -1 otherwise (errno set).
 */
static int
clear_stale(const char *tmp_path)
{
  const int fd = open(tmp_path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    return errno == ENOENT ? 0 : -1;
  }
  struct stat info;
  int rc = fstat(fd, &info) == 0 && S_ISREG(info.st_mode) ? 0 : -1;
  if (rc == 0 && flock(fd, LOCK_EX | LOCK_NB) != 0) {
    errno = errno == EWOULDBLOCK ? EBUSY : errno;
    rc = -1;
  }
  if (rc == 0 && unlink(tmp_path) != 0 && errno != ENOENT) {
    rc = -1;
  }
  const int err = errno;
  close(fd);
  errno = err;
  return rc;
}

/* PATH.tmp, new, locked for as long as this run writes it. */
static int
create_locked(const char *tmp_path)
{
  /* Not mkstemp: its 0600 mode would leak into the published exports. */
  int fd = open(tmp_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  if (fd < 0 && errno == EEXIST && clear_stale(tmp_path) == 0) {
    fd = open(tmp_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  } else if (fd < 0 && errno == EEXIST) {
    return -1; /* clear_stale set errno: EBUSY for a live writer */
  }
  if (fd >= 0 && flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    close(fd);
    unlink(tmp_path);
    errno = err;
    return -1;
  }
  return fd;
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
  const int fd = create_locked(af->tmp_path);
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
  /* still open, and so still locked, until the commit or the abort */
  FILE *f = af->file;
  return fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0 ? ILDKG_ERR_IO : ILDKG_OK;
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
  const int closed = fclose(af->file) == 0; /* its lock goes with it */
  af->file = NULL;
  release(af);
  return closed ? ILDKG_OK : ILDKG_ERR_IO;
}

void
atomic_file_abort(atomic_file *af)
{
  if (af->tmp_path) {
    unlink(af->tmp_path); /* while still locked: no other run can take it for stale */
  }
  if (af->file) {
    fclose(af->file);
  }
  release(af);
}
