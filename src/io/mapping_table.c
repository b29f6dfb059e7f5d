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

/* strcmp, with NULL (a field the node lacks) before any string */
static int
compare_fields(const char *a, const char *b)
{
  return a && b ? strcmp(a, b) : (a != NULL) - (b != NULL);
}

static int
compare_entities(const void *a, const void *b)
{
  return compare_fields(((const entity_mapping *)a)->entity, ((const entity_mapping *)b)->entity);
}

static int
is_complete(const entity_mapping *m)
{
  return m->entity && m->curie && m->label;
}

static int
compare_mappings(const void *a, const void *b)
{
  const entity_mapping *x = a, *y = b;
  const int by_entity = compare_entities(a, b);
  const int by_completeness = by_entity ? by_entity : is_complete(x) - is_complete(y);
  const int by_id = by_completeness ? by_completeness : compare_fields(x->curie, y->curie);
  return by_id ? by_id : strcmp(x->node, y->node);
}

ildkg_status
mapping_table_new(raptor_statement *const *statements, size_t count, const statement_index *x,
                  mapping_table **out)
{
  mapping_table *t = calloc(1, sizeof *t);
  *out = NULL;
  if (!t) {
    return ILDKG_ERR_NOMEM;
  }
  for (size_t i = 0; i < count; ++i) {
    const raptor_statement *s = statements[i];
    if (!term_is_iri(s->predicate, NS_RDF "type") || !term_is_iri(s->object, NS_ILDKG "Mapping")) {
      continue;
    }
    const char *node = term_iri(s->subject);
    const entity_mapping m = {
      node, term_iri(statement_index_object(x, node, NS_ILDKG "mappedEntity")),
      term_literal(statement_index_object(x, node, NS_ILDKG "externalId")),
      term_literal(statement_index_object(x, node, NS_ILDKG "externalLabel")),
      term_is_iri(statement_index_object(x, node, NS_ILDKG "matchPredicate"), NS_SKOS "exactMatch")};
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
  const entity_mapping key = {NULL, entity, NULL, NULL, 0};
  const entity_mapping *hit =
    entity && t->count ? bsearch(&key, t->items, t->count, sizeof key, compare_entities) : NULL;
  *n = 0;
  if (!hit) {
    return NULL;
  }
  while (hit > t->items && !compare_entities(&hit[-1], &key)) {
    --hit;
  }
  while (hit + *n < t->items + t->count && !compare_entities(&hit[*n], &key)) {
    ++*n;
  }
  /* an entity's incomplete mappings sort first: skip them */
  while (*n && !is_complete(hit)) {
    ++hit;
    --*n;
  }
  return *n ? hit : NULL;
}

int
mapping_has_prefix(const char *curie, const char *prefix)
{
  const size_t n = strlen(prefix);
  return !strncmp(curie, prefix, n) && curie[n] == ':';
}

const entity_mapping *
mapping_table_all(const mapping_table *t, size_t *n)
{
  *n = t->count;
  return t->items;
}
