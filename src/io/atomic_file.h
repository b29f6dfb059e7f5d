/* SPDX-License-Identifier: MIT */
/**
 * @file atomic_file.h  Outputs appear whole or not at all (git's lockfile).
 *
 * Write to PATH.tmp (created with O_EXCL, so a stale one fails loudly instead
 * of being clobbered), then rename it over PATH. Several files can be finished
 * first and committed together, so one failing export replaces none.
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
 * Create @p path + ".tmp" for writing. ILDKG_ERR_CANTCREAT (errno set) when it
 * cannot be created, also when it already exists. On failure @p af needs no cleanup.
 */
ildkg_status atomic_file_open(atomic_file *af, const char *path);
/** Flush, sync and close the temporary file. ILDKG_ERR_IO (errno set) when any write failed. */
ildkg_status atomic_file_finish(atomic_file *af);
/** Rename the finished temporary file over the path, and release @p af. */
ildkg_status atomic_file_commit(atomic_file *af);
/** Close and remove the temporary file, and release @p af. Safe after any step. */
void atomic_file_abort(atomic_file *af);

#endif
