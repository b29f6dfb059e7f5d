/* SPDX-License-Identifier: MIT */
/**
 * @file mapping_table.h  The graph's ildkg:Mapping nodes, by entity, for the feed writers.
 */
#ifndef ILDKG_MAPPING_TABLE_H
#define ILDKG_MAPPING_TABLE_H

#include <stddef.h>

#include "statement_index.h"
#include "status.h"

/** One mapping; its strings are borrowed from the statements. */
typedef struct {
  const char *node;   /**< the ildkg:Mapping node's IRI */
  const char *entity; /**< IRI, or NULL when the node names none */
  const char *curie;  /**< ildkg:externalId, or NULL */
  const char *label;  /**< ildkg:externalLabel, or NULL */
  int exact;          /**< skos:exactMatch, else skos:closeMatch */
} entity_mapping;

typedef struct mapping_table mapping_table;

/**
 * Every ildkg:Mapping node of the @p count sorted @p statements (looked up in @p x), in
 * the order of entity then id, so that what is read from it is the same every run.
 * Free *out with mapping_table_free.
 */
ildkg_status mapping_table_new(raptor_statement *const *statements, size_t count,
                               const statement_index *x, mapping_table **out);
void mapping_table_free(mapping_table *t); /**< NULL is fine */

/** The complete mappings of @p entity: *n of them from the one returned (NULL when none). */
const entity_mapping *mapping_table_of(const mapping_table *t, const char *entity, size_t *n);

/** Every mapping, complete or not, in the table's order: *n of them. */
const entity_mapping *mapping_table_all(const mapping_table *t, size_t *n);

/** True when @p curie is PREFIX:... */
int mapping_has_prefix(const char *curie, const char *prefix);

#endif
