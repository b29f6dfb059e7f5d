/* SPDX-License-Identifier: MIT */
/**
 * @file atomic_file.h  Outputs appear whole or not at all (git's lockfile).
 *
 * Write to PATH.tmp (created with O_EXCL and locked with flock while this run writes it),
 * then rename it over PATH. A PATH.tmp nobody holds locked was left by a run that died:
 * it is removed and written anew; one another live run holds is left alone (EBUSY).
 * Several files can be finished first and committed together, so one failing export
 * replaces none.
 */
#ifndef ILDKG_ATOMIC_FILE_H
#define ILDKG_ATOMIC_FILE_H

#include <stdio.h>

#include "status.h"

typedef struct {
  char *path;     /**< owned */
  char *tmp_path; /**< owned */
  FILE *file;     /**< open between open and finish */
} atomic_file;

/**
 * Create @p path + ".tmp" for writing, locked. ILDKG_ERR_CANTCREAT (errno set) when it
 * cannot be created, also while another live run writes it (EBUSY). On failure @p af
 * needs no cleanup.
 */
ildkg_status atomic_file_open(atomic_file *af, const char *path);
/** Flush and sync the temporary file (it stays open and locked). ILDKG_ERR_IO (errno set)
    when any write failed. */
ildkg_status atomic_file_finish(atomic_file *af);
/** Rename the finished temporary file over the path, close it, and release @p af. */
ildkg_status atomic_file_commit(atomic_file *af);
/** Close and remove the temporary file, and release @p af. Safe after any step. */
void atomic_file_abort(atomic_file *af);

#endif
