/* SPDX-License-Identifier: MIT */
/**
 * @file tsv_reader.h  Reads one facts file: UTF-8 TSV, `#` comments, a header row.
 *
 * The reader checks what any facts file must satisfy (encoding, header, column
 * count, no stray white space around a field); what the fields mean is the
 * validator's business.
 */
#ifndef ILDKG_TSV_READER_H
#define ILDKG_TSV_READER_H

#include <stddef.h>

#include "diag.h"
#include "status.h"

typedef struct {
  ildkg_loc loc;  /**< file and line of the row (field is NULL) */
  size_t nfields; /**< always the number of columns of the header */
  char **fields;  /**< borrowed: valid until the next tsv_reader_next or close */
} tsv_row;

typedef struct tsv_reader tsv_reader;

/**
 * Open @p path and check its header against @p columns.
 * @return ILDKG_OK; ILDKG_ERR_NOINPUT when it cannot be opened (reported);
 *   ILDKG_ERR_INPUT when the header is missing or wrong (reported; *out is NULL).
 * Close *out with tsv_reader_close. @p d and @p columns must outlive the reader.
 */
ildkg_status tsv_reader_open(tsv_reader **out, const char *path, const char *const *columns,
                             size_t ncolumns, ildkg_diag *d);

/**
 * Read the next data row into @p row.
 * @return ILDKG_OK; ILDKG_DONE at the end; ILDKG_ERR_INPUT for a bad line
 *   (reported, skipped: call again); ILDKG_ERR_IO or ILDKG_ERR_NOMEM (fatal).
 */
ildkg_status tsv_reader_next(tsv_reader *r, tsv_row *row);

void tsv_reader_close(tsv_reader *r); /**< NULL is fine */

#endif
