/* SPDX-License-Identifier: MIT */
/**
 * @file export.h  The export formats, one table; every writer is fed sorted statements.
 */
#ifndef ILDKG_EXPORT_H
#define ILDKG_EXPORT_H

#include <raptor2.h>
#include <stdbool.h>
#include <stdio.h>

#include "diag.h"
#include "graph.h"
#include "mapping_table.h"
#include "ontology.h"
#include "status.h"

typedef struct {
  const char *base;             /**< the data's base IRI: the prefix `kg:` */
  const ontology *ontology;     /**< for the JSON-LD context; may be NULL for other formats */
  const char *jsonld_context;   /**< URL of a hosted context to refer to; NULL: embed it */
} export_options;

/**
 * What a writer gets: the graph's statements in N-Triples line order, and lookups over
 * them built once for all the writers of a run.
 */
typedef struct {
  raptor_world *world;
  raptor_statement **statements;
  size_t count;
  const statement_index *index;   /**< the statements by subject (needs_lookups) */
  const mapping_table *mappings;  /**< the graph's ildkg:Mapping nodes (needs_lookups) */
  const export_options *options;
  ildkg_diag *diag; /**< where a writer reports data it cannot carry */
  const char *path; /**< the file being written, for those reports */
} export_job;

typedef struct export_format export_format;

/** At most this many formats: a list of formats, each once, fits in an array of this size. */
enum { EXPORT_FORMAT_MAX = 32 };

struct export_format {
  const char *name;        /**< as given to --format */
  const char *extension;   /**< of the exported file, with the dot */
  const char *summary;
  const char *raptor_name; /**< the raptor serializer behind it, or NULL */
  const char *holds;       /**< what the file holds: "triples" (the whole graph), or a feed's */
  /**
   * Write the job to @p out: ILDKG_OK, ILDKG_ERR_INPUT (data the format cannot carry,
   * reported), ILDKG_ERR_IO (errno set), ILDKG_ERR_RDF, ILDKG_ERR_NOMEM. The caller
   * flushes @p out and checks its error state: a writer need not.
   */
  ildkg_status (*write)(const export_format *self, const export_job *job, FILE *out);
  /** Whether the writer reads the job's @c index and @c mappings (NULL otherwise: a
      serialisation of the whole graph reads the statements alone, and building the
      lookups was a seventh of writing JSON-LD). */
  bool needs_lookups;
};

size_t export_format_count(void);
const export_format *export_format_at(size_t i); /**< static; NULL past the end */
const export_format *export_format_find(const char *name); /**< static, or NULL */

/**
 * Write @p g to @p out in @p format.
 * @return ILDKG_OK; ILDKG_ERR_IO when a write failed (errno set); ILDKG_ERR_RDF.
 */
ildkg_status export_write(graph *g, const export_format *format, const export_options *options,
                          FILE *out, ildkg_diag *d);

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
