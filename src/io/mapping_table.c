/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "mapping_table.h"

#include <stdlib.h>
#include <string.h>

#include "ns.h"

struct mapping_table {
  entity_mapping *items; /* sorted by entity */
  size_t count;
};

static int
compare_mappings(const void *a, const void *b)
{
  return strcmp(((const entity_mapping *)a)->entity, ((const entity_mapping *)b)->entity);
}

ildkg_status
mapping_table_new(const export_job *job, const statement_index *x, mapping_table **out)
{
  mapping_table *t = calloc(1, sizeof *t);
  *out = NULL;
  if (!t) {
    return ILDKG_ERR_NOMEM;
  }
  for (size_t i = 0; i < job->count; ++i) {
    const raptor_statement *s = job->statements[i];
    if (!term_is_iri(s->predicate, NS_RDF "type") || !term_is_iri(s->object, NS_ILDKG "Mapping")) {
      continue;
    }
    const char *node = term_iri(s->subject);
    const entity_mapping m = {
      term_iri(statement_index_object(x, node, NS_ILDKG "mappedEntity")),
      term_literal(statement_index_object(x, node, NS_ILDKG "externalId")),
      term_literal(statement_index_object(x, node, NS_ILDKG "externalLabel")),
      term_is_iri(statement_index_object(x, node, NS_ILDKG "matchPredicate"), NS_SKOS "exactMatch")};
    if (!m.entity || !m.curie || !m.label) {
      continue;
    }
    entity_mapping *grown = realloc(t->items, (t->count + 1) * sizeof *grown);
    if (!grown) {
      mapping_table_free(t);
      return ILDKG_ERR_NOMEM;
    }
    t->items = grown;
    t->items[t->count++] = m;
  }
  if (t->count) {
    qsort(t->items, t->count, sizeof *t->items, compare_mappings);
  }
  *out = t;
  return ILDKG_OK;
}

void
mapping_table_free(mapping_table *t)
{
  if (t) {
    free(t->items);
    free(t);
  }
}

const entity_mapping *
mapping_table_of(const mapping_table *t, const char *entity, size_t *n)
{
  const entity_mapping key = {entity, NULL, NULL, 0};
  const entity_mapping *hit =
    entity && t->count ? bsearch(&key, t->items, t->count, sizeof key, compare_mappings) : NULL;
  *n = 0;
  if (!hit) {
    return NULL;
  }
  while (hit > t->items && !strcmp(hit[-1].entity, entity)) {
    --hit;
  }
  while (hit + *n < t->items + t->count && !strcmp(hit[*n].entity, entity)) {
    ++*n;
  }
  return hit;
}

int
mapping_has_prefix(const char *curie, const char *prefix)
{
  const size_t n = strlen(prefix);
  return !strncmp(curie, prefix, n) && curie[n] == ':';
}
