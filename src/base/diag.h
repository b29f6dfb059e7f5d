/* SPDX-License-Identifier: MIT */
/** @file diag.h  A diagnostics sink: validation reports every problem and moves on. */
#ifndef ILDKG_DIAG_H
#define ILDKG_DIAG_H

#include <stddef.h>

#include "status.h"

/** Where a problem is: file, line (0 = whole file) and field (NULL = whole line). */
typedef struct {
  const char *file;
  unsigned long line;
  const char *field;
} ildkg_loc;

typedef struct ildkg_diag ildkg_diag; /**< opaque; owns its messages */

/** A sink keeping at most @p max_kept messages (all are counted). Free with ildkg_diag_free. */
ildkg_diag *ildkg_diag_new(size_t max_kept);
void ildkg_diag_free(ildkg_diag *d); /**< NULL is fine */

/**
 * Record an error as `FILE:LINE: field NAME: message`.
 * @return ILDKG_ERR_INPUT, or ILDKG_ERR_NOMEM when the message could not be kept.
 */
ildkg_status ildkg_diag_error(ildkg_diag *d, ildkg_loc at, const char *fmt, ...)
  ILDKG_PRINTF(3, 4);

size_t ildkg_diag_count(const ildkg_diag *d);  /**< all errors, kept or not */
size_t ildkg_diag_kept(const ildkg_diag *d);   /**< messages kept (<= max_kept) */
const char *ildkg_diag_message(const ildkg_diag *d, size_t i); /**< borrowed; NULL past the end */

#endif
