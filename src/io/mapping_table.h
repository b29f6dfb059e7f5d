/* SPDX-License-Identifier: MIT */
/**
 * @file mapping_table.h  The graph's ildkg:Mapping nodes, by entity, for the feed writers.
 */
#ifndef ILDKG_MAPPING_TABLE_H
#define ILDKG_MAPPING_TABLE_H

#include <stddef.h>

#include "export.h"
#include "statement_index.h"
#include "status.h"

/** One mapping; its strings are borrowed from the job's statements. */
typedef struct {
  const char *entity; /**< IRI */
  const char *curie;  /**< ildkg:externalId */
  const char *label;  /**< ildkg:externalLabel */
  int exact;          /**< skos:exactMatch, else skos:closeMatch */
} entity_mapping;

typedef struct mapping_table mapping_table;

/** Every mapping of @p job (looked up in @p x). Free *out with mapping_table_free. */
ildkg_status mapping_table_new(const export_job *job, const statement_index *x,
                               mapping_table **out);
void mapping_table_free(mapping_table *t); /**< NULL is fine */

/** The mappings of @p entity: *n of them from the one returned (NULL when none). */
const entity_mapping *mapping_table_of(const mapping_table *t, const char *entity, size_t *n);

/** True when @p curie is PREFIX:... */
int mapping_has_prefix(const char *curie, const char *prefix);

#endif
