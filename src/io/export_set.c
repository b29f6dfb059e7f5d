/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "export_set.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fault.h"

static ildkg_status
cant(ildkg_diag *d, const char *path, const char *what)
{
  ildkg_diag_error(d, (ildkg_loc){path, 0, NULL}, "%s", what);
  return ILDKG_ERR_CANTCREAT;
}

static ildkg_status
cant_errno(ildkg_diag *d, const char *path, const char *what)
{
  ildkg_diag_error(d, (ildkg_loc){path, 0, NULL}, "%s: %s", what, strerror(errno));
  return ILDKG_ERR_CANTCREAT;
}

/* Split OUT (trailing slashes dropped) into parent and last component. */
static ildkg_status
split_out_path(export_set *s, const char *out)
{
  size_t len = strlen(out);
  while (len > 1 && out[len - 1] == '/') {
    --len;
  }
  const char *slash = memrchr(out, '/', len);
  const size_t name_at = slash ? (size_t)(slash - out) + 1 : 0;
  s->name = strndup(out + name_at, len - name_at);
  s->parent = slash ? strndup(out, slash == out ? 1 : (size_t)(slash - out)) : strdup(".");
  if (!s->name || !s->parent ||
      asprintf(&s->staging, "%s/.%s.ildkg-staging", s->parent, s->name) < 0) {
    s->staging = NULL;
    return ILDKG_ERR_NOMEM;
  }
  return ILDKG_OK;
}

/* Create the missing directories of @p path, as `mkdir -p` does (mode 0777 less the umask),
   so that --out a/b works when a/ is new. */
static ildkg_status
make_parents(const char *path, ildkg_diag *d)
{
  char *copy = strdup(path);
  if (!copy) {
    return ILDKG_ERR_NOMEM;
  }
  ildkg_status st = ILDKG_OK;
  for (char *p = copy + 1;; ++p) {
    const char c = *p;
    if (c != '/' && c != '\0') {
      continue;
    }
    *p = '\0';
    if (mkdir(copy, 0777) != 0 && errno != EEXIST) {
      st = cant_errno(d, copy, "cannot create the output's parent directory");
      break;
    }
    if (c == '\0') {
      break;
    }
    *p = c;
  }
  free(copy);
  return st;
}

/* Nothing but regular files named PREFIX* in DIR? Names the first other entry in *other. */
static ildkg_status
holds_only_exports(const char *dir, const char *prefix, char **other)
{
  *other = NULL;
  DIR *listing = opendir(dir);
  if (!listing) {
    return ILDKG_ERR_IO;
  }
  ildkg_status st = ILDKG_OK;
  const struct dirent *entry;
  errno = 0;
  while (st == ILDKG_OK && (entry = readdir(listing)) != NULL) {
    if (!strcmp(entry->d_name, ".") || !strcmp(entry->d_name, "..")) {
      continue;
    }
    struct stat info;
    const bool is_export = !strncmp(entry->d_name, prefix, strlen(prefix)) &&
                           fstatat(dirfd(listing), entry->d_name, &info, AT_SYMLINK_NOFOLLOW) == 0 &&
                           S_ISREG(info.st_mode);
    if (!is_export) {
      *other = strdup(entry->d_name);
      st = *other ? ILDKG_ERR_INPUT : ILDKG_ERR_NOMEM;
    }
  }
  closedir(listing);
  return st;
}

/* Remove the export files in DIR and DIR itself (checked by holds_only_exports first). */
static int
remove_directory(const char *dir)
{
  DIR *listing = opendir(dir);
  if (!listing) {
    return -1;
  }
  int rc = 0;
  const struct dirent *entry;
  while (rc == 0 && (entry = readdir(listing)) != NULL) {
    if (strcmp(entry->d_name, ".") && strcmp(entry->d_name, "..")) {
      rc = ildkg_fault_point("remove a file of the staging directory");
      rc = rc == 0 ? unlinkat(dirfd(listing), entry->d_name, 0) : rc;
    }
  }
  closedir(listing);
  rc = rc == 0 ? ildkg_fault_point("remove the staging directory") : rc;
  return rc == 0 ? rmdir(dir) : rc;
}

static ildkg_status
lock_parent(export_set *s, ildkg_diag *d)
{
  if (ildkg_fault_point("lock the parent directory") != 0) {
    return cant_errno(d, s->parent, "cannot lock the output's parent directory");
  }
  s->parent_fd = open(s->parent, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (s->parent_fd < 0) {
    return cant_errno(d, s->parent, "cannot open the output's parent directory");
  }
  if (flock(s->parent_fd, LOCK_EX | LOCK_NB) != 0) {
    return errno == EWOULDBLOCK
             ? cant(d, s->parent, "another build is writing an export set in this directory")
             : cant_errno(d, s->parent, "cannot lock the output's parent directory");
  }
  return ILDKG_OK;
}

static ildkg_status
check_out(export_set *s, ildkg_diag *d)
{
  struct stat info;
  if (lstat(s->out, &info) != 0) {
    return errno == ENOENT ? ILDKG_OK : cant_errno(d, s->out, "cannot use output directory");
  }
  if (!S_ISDIR(info.st_mode)) {
    return cant(d, s->out, "the output path is not a directory");
  }
  if (access(s->out, W_OK) != 0) {
    return cant_errno(d, s->out, "cannot write in the output directory");
  }
  char *other = NULL;
  ildkg_status st = holds_only_exports(s->out, s->prefix, &other);
  if (st == ILDKG_ERR_INPUT) {
    ildkg_diag_error(d, (ildkg_loc){s->out, 0, NULL},
                     "holds '%s', which is no export file; the export set replaces the whole "
                     "directory, so give --out a directory of its own",
                     other);
    st = ILDKG_ERR_CANTCREAT;
  } else if (st != ILDKG_OK) {
    st = cant_errno(d, s->out, "cannot list the output directory");
  }
  free(other);
  s->out_exists = st == ILDKG_OK;
  s->out_mode = info.st_mode & 07777;
  return st;
}

/* The lock is held, so a staging directory here belongs to a run that died. */
static ildkg_status
clear_stale_staging(export_set *s, ildkg_diag *d)
{
  struct stat info;
  if (lstat(s->staging, &info) != 0) {
    return errno == ENOENT ? ILDKG_OK : cant_errno(d, s->staging, "cannot use staging directory");
  }
  char *other = NULL;
  ildkg_status st = S_ISDIR(info.st_mode) ? holds_only_exports(s->staging, s->prefix, &other)
                                          : ILDKG_ERR_INPUT;
  if (st == ILDKG_OK && remove_directory(s->staging) != 0) {
    st = cant_errno(d, s->staging, "cannot remove the staging directory a killed build left");
  } else if (st == ILDKG_ERR_INPUT) {
    st = cant(d, s->staging, "is in the way of the staging directory and holds what no build "
                             "wrote; remove it by hand");
  } else if (st != ILDKG_OK) {
    st = cant_errno(d, s->staging, "cannot list the staging directory");
  } else {
    fprintf(stderr, "ildkg: removed %s, left by a build that was interrupted\n", s->staging);
  }
  free(other);
  return st;
}

static ildkg_status
make_staging(export_set *s, ildkg_diag *d)
{
  if (ildkg_fault_point("create the staging directory") != 0 || mkdir(s->staging, 0777) != 0) {
    return cant_errno(d, s->staging, "cannot create the staging directory");
  }
  s->own_staging = true;
  if (s->out_exists && chmod(s->staging, s->out_mode) != 0) {
    return cant_errno(d, s->staging, "cannot set the staging directory's permissions");
  }
  return ILDKG_OK;
}

ildkg_status
export_set_open(export_set *s, const char *out, const char *basename, ildkg_diag *d)
{
  *s = (export_set){.parent_fd = -1};
  s->out = strdup(out);
  if (!s->out || asprintf(&s->prefix, "%s.", basename) < 0) {
    s->prefix = NULL;
    return ILDKG_ERR_NOMEM;
  }
  ildkg_status st = split_out_path(s, out);
  if (st != ILDKG_OK) {
    return st;
  }
  if (!s->name[0] || !strcmp(s->name, ".") || !strcmp(s->name, "..") || !strcmp(s->name, "/")) {
    return cant(d, out, "--out must name a directory of its own, not '.', '..' or '/'");
  }
  ILDKG_TRY(st, make_parents(s->parent, d));
  ILDKG_TRY(st, lock_parent(s, d));
  ILDKG_TRY(st, check_out(s, d));
  ILDKG_TRY(st, clear_stale_staging(s, d));
  return make_staging(s, d);
}

char *
export_set_staging_path(const export_set *s, const char *basename, const char *extension)
{
  char *path = NULL;
  return asprintf(&path, "%s/%s%s", s->staging, basename, extension) < 0 ? NULL : path;
}

ildkg_status
export_set_create_file(const char *path, FILE **file)
{
  *file = NULL;
  if (ildkg_fault_point("create an export file") != 0) {
    return ILDKG_ERR_CANTCREAT;
  }
  const int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
  *file = fd >= 0 ? fdopen(fd, "w") : NULL;
  if (!*file) {
    const int saved = errno;
    if (fd >= 0) {
      close(fd);
    }
    errno = saved;
    return ILDKG_ERR_CANTCREAT;
  }
  return ILDKG_OK;
}

ildkg_status
export_set_finish_file(FILE *file)
{
  errno = 0;
  int rc = ildkg_fault_point("flush and sync an export file");
  rc = rc == 0 && (fflush(file) != 0 || ferror(file)) ? -1 : rc;
  rc = rc == 0 ? fsync(fileno(file)) : rc;
  const int saved = errno;
  const int closed = fclose(file);
  errno = rc != 0 ? saved : errno;
  return rc == 0 && closed == 0 ? ILDKG_OK : ILDKG_ERR_IO;
}

static int
sync_directory(const char *path)
{
  const int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) {
    return -1;
  }
  const int rc = fsync(fd);
  close(fd);
  return rc;
}

ildkg_status
export_set_switch(export_set *s, ildkg_diag *d)
{
  if (ildkg_fault_point("sync the staging directory") != 0 || sync_directory(s->staging) != 0) {
    return cant_errno(d, s->staging, "cannot sync the staging directory");
  }
  const char *staging_name = strrchr(s->staging, '/') + 1;
  if (ildkg_fault_point("switch the staging directory in") != 0 ||
      renameat2(s->parent_fd, staging_name, s->parent_fd, s->name,
                s->out_exists ? RENAME_EXCHANGE : RENAME_NOREPLACE) != 0) {
    return cant_errno(d, s->out, errno == EINVAL
                                   ? "cannot switch the new export set in (this file system "
                                     "cannot exchange two directories in one step)"
                                   : "cannot switch the new export set in");
  }
  s->switched = true;
  /* The new set is in place; a failed sync of the parent loses nothing now visible. */
  if (ildkg_fault_point("sync the parent directory") != 0 || fsync(s->parent_fd) != 0) {
    fprintf(stderr, "ildkg: warning: %s: syncing the directory failed: %s\n", s->parent,
            strerror(errno));
  }
  return ILDKG_OK;
}

void
export_set_close(export_set *s)
{
  struct stat info;
  if (s->own_staging && lstat(s->staging, &info) == 0 &&
      remove_directory(s->staging) != 0) {
    fprintf(stderr, "ildkg: warning: %s: %s; the next build removes it\n", s->staging,
            strerror(errno));
  }
  if (s->parent_fd >= 0) {
    close(s->parent_fd); /* releases the lock */
  }
  free(s->out);
  free(s->parent);
  free(s->name);
  free(s->staging);
  free(s->prefix);
  *s = (export_set){.parent_fd = -1};
}
