/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "facts.h"

#include <stdlib.h>
#include <string.h>

#include "strmap.h"

/* A growable array of records of one kind, with an id index when they have ids. */
typedef struct {
  void *items;
  size_t count, capacity, size;
  strmap *index;
} record_list;

struct facts {
  fact_review review;
  record_list sections, entities, mappings, statements;
  char **files;
  size_t nfiles;
};

static void
section_clear(fact_section *s)
{
  free(s->id);
  free(s->cls);
  free(s->label);
  free(s->part_of);
}

static void
entity_clear(fact_entity *e)
{
  free(e->id);
  free(e->cls);
  free(e->label);
  for (size_t i = 0; i < e->nalt_labels; ++i) {
    free(e->alt_labels[i]);
  }
  free(e->alt_labels);
}

static void
mapping_clear(fact_mapping *m)
{
  free(m->entity);
  free(m->curie);
  free(m->external_label);
  free(m->checked_in);
}

static void
statement_clear(fact_statement *s)
{
  free(s->id);
  free(s->subject);
  free(s->predicate);
  free(s->object);
  free(s->section);
  free(s->quote);
  for (size_t i = 0; i < s->nqualifiers; ++i) {
    free(s->qualifiers[i].property);
    free(s->qualifiers[i].value);
  }
  free(s->qualifiers);
  free(s->references);
}

void
facts_free(facts *f)
{
  if (!f) {
    return;
  }
  for (size_t i = 0; i < f->sections.count; ++i) {
    section_clear((fact_section *)f->sections.items + i);
  }
  for (size_t i = 0; i < f->entities.count; ++i) {
    entity_clear((fact_entity *)f->entities.items + i);
  }
  for (size_t i = 0; i < f->mappings.count; ++i) {
    mapping_clear((fact_mapping *)f->mappings.items + i);
  }
  for (size_t i = 0; i < f->statements.count; ++i) {
    statement_clear((fact_statement *)f->statements.items + i);
  }
  record_list *lists[] = {&f->sections, &f->entities, &f->mappings, &f->statements};
  for (size_t i = 0; i < 4; ++i) {
    free(lists[i]->items);
    strmap_free(lists[i]->index);
  }
  for (size_t i = 0; i < f->nfiles; ++i) {
    free(f->files[i]);
  }
  free(f->files);
  free(f->review.label);
  free(f);
}

facts *
facts_new(void)
{
  facts *f = calloc(1, sizeof *f);
  if (!f) {
    return NULL;
  }
  f->sections.size = sizeof(fact_section);
  f->entities.size = sizeof(fact_entity);
  f->mappings.size = sizeof(fact_mapping);
  f->statements.size = sizeof(fact_statement);
  if (!(f->sections.index = strmap_new()) || !(f->entities.index = strmap_new()) ||
      !(f->statements.index = strmap_new())) {
    facts_free(f);
    return NULL;
  }
  return f;
}

fact_review *
facts_review(facts *f)
{
  return &f->review;
}

const fact_review *
facts_review_const(const facts *f)
{
  return &f->review;
}

/* A zeroed slot at the end of the list, or NULL. */
static void *
record_append(record_list *l)
{
  if (l->count == l->capacity) {
    const size_t capacity = l->capacity ? l->capacity * 2 : 64;
    void *grown = realloc(l->items, capacity * l->size);
    if (!grown) {
      return NULL;
    }
    l->items = grown;
    l->capacity = capacity;
  }
  void *slot = (char *)l->items + l->count * l->size;
  memset(slot, 0, l->size);
  return slot;
}

/* Count the slot in, and index it by @p id (a string the slot owns). */
static ildkg_status
record_commit(record_list *l, const char *id)
{
  if (l->index && strmap_put(l->index, id, l->count) == ILDKG_ERR_NOMEM) {
    return ILDKG_ERR_NOMEM;
  }
  ++l->count;
  return ILDKG_OK;
}

static char *
copy(const char *s, bool *ok)
{
  if (!s) {
    return NULL;
  }
  char *c = strdup(s);
  *ok = *ok && c;
  return c;
}

ildkg_status
facts_add_section(facts *f, const fact_section *s)
{
  fact_section *to = record_append(&f->sections);
  bool ok = to != NULL;
  if (ok) {
    *to = (fact_section){copy(s->id, &ok), copy(s->cls, &ok), copy(s->label, &ok),
                         copy(s->part_of, &ok), s->order};
  }
  if (!ok) {
    if (to) {
      section_clear(to);
    }
    return ILDKG_ERR_NOMEM;
  }
  return record_commit(&f->sections, to->id);
}

ildkg_status
facts_add_entity(facts *f, const fact_entity *e)
{
  fact_entity *to = record_append(&f->entities);
  bool ok = to != NULL;
  if (ok) {
    *to = (fact_entity){copy(e->id, &ok), copy(e->cls, &ok), copy(e->label, &ok), NULL, 0};
    to->alt_labels = e->nalt_labels ? calloc(e->nalt_labels, sizeof(char *)) : NULL;
    ok = ok && (to->alt_labels || !e->nalt_labels);
    for (size_t i = 0; ok && i < e->nalt_labels; ++i) {
      to->alt_labels[to->nalt_labels++] = copy(e->alt_labels[i], &ok);
    }
  }
  if (!ok) {
    if (to) {
      entity_clear(to);
    }
    return ILDKG_ERR_NOMEM;
  }
  return record_commit(&f->entities, to->id);
}

ildkg_status
facts_add_mapping(facts *f, const fact_mapping *m)
{
  fact_mapping *to = record_append(&f->mappings);
  bool ok = to != NULL;
  if (ok) {
    *to = (fact_mapping){copy(m->entity, &ok), m->exact, copy(m->curie, &ok),
                         copy(m->external_label, &ok), copy(m->checked_in, &ok)};
  }
  if (!ok) {
    if (to) {
      mapping_clear(to);
    }
    return ILDKG_ERR_NOMEM;
  }
  return record_commit(&f->mappings, NULL);
}

static bool
copy_statement_lists(fact_statement *to, const fact_statement *s)
{
  bool ok = true;
  if (s->nqualifiers && !(to->qualifiers = calloc(s->nqualifiers, sizeof *to->qualifiers))) {
    return false;
  }
  for (size_t i = 0; ok && i < s->nqualifiers; ++i) {
    to->qualifiers[i].property = copy(s->qualifiers[i].property, &ok);
    to->qualifiers[i].value = copy(s->qualifiers[i].value, &ok);
    to->qualifiers[i].kind = s->qualifiers[i].kind;
    to->nqualifiers = i + 1;
  }
  if (ok && s->nreferences) {
    to->references = malloc(s->nreferences * sizeof *to->references);
    ok = to->references != NULL;
    if (ok) {
      memcpy(to->references, s->references, s->nreferences * sizeof *to->references);
      to->nreferences = s->nreferences;
    }
  }
  return ok;
}

ildkg_status
facts_add_statement(facts *f, const fact_statement *s)
{
  fact_statement *to = record_append(&f->statements);
  bool ok = to != NULL;
  if (ok) {
    to->id = copy(s->id, &ok);
    to->subject = copy(s->subject, &ok);
    to->predicate = copy(s->predicate, &ok);
    to->object = copy(s->object, &ok);
    to->section = copy(s->section, &ok);
    to->quote = copy(s->quote, &ok);
    to->file = s->file;
    to->line = s->line;
    ok = ok && copy_statement_lists(to, s);
  }
  if (!ok) {
    if (to) {
      statement_clear(to);
    }
    return ILDKG_ERR_NOMEM;
  }
  return record_commit(&f->statements, to->id);
}

const char *
facts_intern_file(facts *f, const char *path)
{
  for (size_t i = 0; i < f->nfiles; ++i) {
    if (!strcmp(f->files[i], path)) {
      return f->files[i];
    }
  }
  char **grown = realloc(f->files, (f->nfiles + 1) * sizeof *grown);
  if (!grown) {
    return NULL;
  }
  f->files = grown;
  return (f->files[f->nfiles] = strdup(path)) ? f->files[f->nfiles++] : NULL;
}

size_t facts_section_count(const facts *f) { return f->sections.count; }
size_t facts_entity_count(const facts *f) { return f->entities.count; }
size_t facts_mapping_count(const facts *f) { return f->mappings.count; }
size_t facts_statement_count(const facts *f) { return f->statements.count; }

const fact_section *
facts_section_at(const facts *f, size_t i)
{
  return i < f->sections.count ? (const fact_section *)f->sections.items + i : NULL;
}

const fact_entity *
facts_entity_at(const facts *f, size_t i)
{
  return i < f->entities.count ? (const fact_entity *)f->entities.items + i : NULL;
}

const fact_mapping *
facts_mapping_at(const facts *f, size_t i)
{
  return i < f->mappings.count ? (const fact_mapping *)f->mappings.items + i : NULL;
}

const fact_statement *
facts_statement_at(const facts *f, size_t i)
{
  return i < f->statements.count ? (const fact_statement *)f->statements.items + i : NULL;
}

static const void *
find(const record_list *l, const char *id)
{
  size_t i;
  return strmap_get(l->index, id, &i) ? (const char *)l->items + i * l->size : NULL;
}

const fact_section *
facts_find_section(const facts *f, const char *id)
{
  return find(&f->sections, id);
}

const fact_entity *
facts_find_entity(const facts *f, const char *id)
{
  return find(&f->entities, id);
}

const fact_statement *
facts_find_statement(const facts *f, const char *id)
{
  return find(&f->statements, id);
}
