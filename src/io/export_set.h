/* SPDX-License-Identifier: MIT */
/**
 * @file export_set.h  The export files appear as one set: all new, or all as they were.
 *
 * The new set is written into a hidden staging directory beside the output directory
 * (PARENT/.NAME.ildkg-staging), each file synced, and then switched in with one
 * renameat2(RENAME_EXCHANGE) (or a plain rename when there was no output directory).
 * After a failure or a kill at any instant the output directory holds exactly the
 * previous set or exactly the new one. The parent directory stays locked (flock) for the
 * whole run, so a staging directory found while holding the lock was left by a run that
 * died: it is cleared (only when it holds nothing but export files) and the run goes on.
 * Because the whole directory is switched, it must hold only export files: anything else
 * in it is refused, never moved away.
 */
#ifndef ILDKG_EXPORT_SET_H
#define ILDKG_EXPORT_SET_H

#include <stdbool.h>
#include <stdio.h>
#include <sys/types.h>

#include "diag.h"
#include "status.h"

typedef struct {
  char *out;       /**< owned: the output directory as given */
  char *parent;    /**< owned: its parent directory */
  char *name;      /**< owned: its last path component */
  char *staging;   /**< owned: PARENT/.NAME.ildkg-staging */
  char *prefix;    /**< owned: what every export file name starts with ("BASENAME.") */
  int parent_fd;   /**< open and locked between open and close; -1 otherwise */
  bool out_exists; /**< there is a previous set to exchange with */
  mode_t out_mode; /**< its permissions, which the new set keeps */
  bool own_staging; /**< this run created the staging directory: only then is it removed */
  bool switched;   /**< the new set is in place */
} export_set;

/**
 * Lock the parent of @p out, check @p out (absent, or a writable directory holding only
 * files named BASENAME.*), clear a stale staging directory and create a new one. Errors are
 * reported to @p d: ILDKG_ERR_CANTCREAT (also while another build holds the lock),
 * ILDKG_ERR_NOMEM. On failure @p s needs only export_set_close.
 */
ildkg_status export_set_open(export_set *s, const char *out, const char *basename, ildkg_diag *d);

/** The staging path of BASENAME EXTENSION (caller frees), or NULL when out of memory. */
char *export_set_staging_path(const export_set *s, const char *basename, const char *extension);

/** Create @p path (from export_set_staging_path) for writing. ILDKG_ERR_CANTCREAT, errno set. */
ildkg_status export_set_create_file(const char *path, FILE **file);

/** Flush, sync and close @p file (always closed). ILDKG_ERR_IO, errno set, when any write
    failed. */
ildkg_status export_set_finish_file(FILE *file);

/** Sync the staging directory and switch it in place of the output directory. */
ildkg_status export_set_switch(export_set *s, ildkg_diag *d);

/**
 * Remove the staging directory (the unfinished new set, or after the switch the previous
 * set), unlock, and release @p s. A file that cannot be removed is reported as a warning on
 * stderr: the next build clears it.
 */
void export_set_close(export_set *s);

#endif
