/* SPDX-License-Identifier: MIT */
/**
 * @file export.h  The export formats, one table; every writer is fed sorted statements.
 */
#ifndef ILDKG_EXPORT_H
#define ILDKG_EXPORT_H

#include <stdio.h>

#include "diag.h"
#include "graph.h"
#include "status.h"

typedef struct export_format export_format;

typedef struct {
  const char *base; /**< the data's base IRI: the prefix `kg:` in Turtle */
} export_options;

struct export_format {
  const char *name;        /**< as given to --format */
  const char *extension;   /**< of the exported file, with the dot */
  const char *raptor_name; /**< raptor serializer that writes it */
  const char *summary;
};

size_t export_format_count(void);
const export_format *export_format_at(size_t i); /**< static; NULL past the end */
const export_format *export_format_find(const char *name); /**< static, or NULL */

/**
 * Write @p g to @p out in @p format.
 * @return ILDKG_OK; ILDKG_ERR_IO when a write failed (errno set); ILDKG_ERR_RDF.
 */
ildkg_status export_write(graph *g, const export_format *format, const export_options *options,
                          FILE *out);

/**
 * Write each of @p formats to DIR/BASENAME.EXT, all or none: every file goes
 * to a temporary file first, and they are renamed into place only when all of
 * them are complete. Problems are reported to @p d; the written paths printed
 * to @p report (may be NULL).
 * @return ILDKG_OK; ILDKG_ERR_CANTCREAT; ILDKG_ERR_IO; ILDKG_ERR_RDF.
 */
ildkg_status export_write_all(graph *g, const export_format *const *formats, size_t nformats,
                              const export_options *options, const char *dir,
                              const char *basename, ildkg_diag *d, FILE *report);

#endif
