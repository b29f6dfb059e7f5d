/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "void_writer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph.h"
#include "statement_sort.h"
#include "graph_builder.h"
#include "ns.h"
#include "strmap.h"

/* Distinct strings with a count each, in first-seen order. Keys are borrowed. */
typedef struct {
  strmap *index;
  const char **keys;
  size_t *counts;
  size_t n, cap;
} tally;

static ildkg_status
tally_add(tally *t, const char *key)
{
  size_t i;
  if (strmap_get(t->index, key, &i)) {
    ++t->counts[i];
    return ILDKG_OK;
  }
  if (t->n == t->cap) {
    const size_t cap = t->cap ? 2 * t->cap : 64;
    const char **keys = realloc(t->keys, cap * sizeof *keys);
    t->keys = keys ? keys : t->keys;
    size_t *counts = keys ? realloc(t->counts, cap * sizeof *counts) : NULL;
    t->counts = counts ? counts : t->counts;
    if (!counts) {
      return ILDKG_ERR_NOMEM;
    }
    t->cap = cap;
  }
  t->keys[t->n] = key;
  t->counts[t->n] = 1;
  return strmap_put(t->index, key, t->n++) == ILDKG_ERR_NOMEM ? ILDKG_ERR_NOMEM : ILDKG_OK;
}

static void
tally_free(tally *t)
{
  strmap_free(t->index);
  free(t->keys);
  free(t->counts);
}

/* What the statements hold; literal keys are owned here, IRIs borrowed from the job. */
typedef struct {
  tally subjects, objects, classes, properties;
  size_t entities;
  char **owned;
  size_t nowned;
} census;

static const char *
iri_of(const raptor_term *t)
{
  return t->type == RAPTOR_TERM_TYPE_URI ? (const char *)raptor_uri_as_string(t->value.uri) : NULL;
}

/* A key for a term no IRI can equal: IRIs as they are, others behind a control byte. */
static const char *
term_key(census *c, const raptor_term *t)
{
  const char *iri = iri_of(t);
  if (iri) {
    return iri;
  }
  char *key = NULL;
  int n;
  if (t->type == RAPTOR_TERM_TYPE_LITERAL) {
    const raptor_uri *dt = t->value.literal.datatype;
    n = asprintf(&key, "\x01%s\x01%s\x01%s", (const char *)t->value.literal.string,
                 dt ? (const char *)raptor_uri_as_string((raptor_uri *)dt) : "",
                 t->value.literal.language ? (const char *)t->value.literal.language : "");
  } else {
    n = asprintf(&key, "\x02%s", (const char *)t->value.blank.string);
  }
  if (n < 0) {
    return NULL;
  }
  c->owned[c->nowned++] = key;
  return key;
}

static ildkg_status
take_census(census *c, const export_job *job)
{
  const char *base = job->options->base;
  const size_t nbase = strlen(base);
  tally *all[] = {&c->subjects, &c->objects, &c->classes, &c->properties};
  for (size_t i = 0; i < sizeof all / sizeof *all; ++i) {
    if (!(all[i]->index = strmap_new())) {
      return ILDKG_ERR_NOMEM;
    }
  }
  if (!(c->owned = calloc(2 * job->count + 1, sizeof *c->owned))) {
    return ILDKG_ERR_NOMEM;
  }
  ildkg_status st = ILDKG_OK;
  for (size_t i = 0; st == ILDKG_OK && i < job->count; ++i) {
    const raptor_statement *s = job->statements[i];
    const char *subject = term_key(c, s->subject), *object = term_key(c, s->object);
    const char *predicate = iri_of(s->predicate);
    if (!subject || !object || !predicate) {
      return ILDKG_ERR_NOMEM;
    }
    const size_t before = c->subjects.n;
    st = tally_add(&c->subjects, subject);
    c->entities += c->subjects.n > before && !strncmp(subject, base, nbase);
    st = st == ILDKG_OK ? tally_add(&c->objects, object) : st;
    st = st == ILDKG_OK ? tally_add(&c->properties, predicate) : st;
    if (st == ILDKG_OK && !strcmp(predicate, NS_RDF "type") && iri_of(s->object)) {
      st = tally_add(&c->classes, object);
    }
  }
  return st;
}

static void
census_free(census *c)
{
  tally_free(&c->subjects);
  tally_free(&c->objects);
  tally_free(&c->classes);
  tally_free(&c->properties);
  for (size_t i = 0; i < c->nowned; ++i) {
    free(c->owned[i]);
  }
  free(c->owned);
}

/* The statements of the description, each made from new terms it owns. */
typedef struct {
  raptor_world *world;
  raptor_statement **all;
  size_t n, cap;
  size_t source_count; /* the statements described */
  ildkg_status st;
} emitter;

static raptor_term *
iri_term(emitter *e, const char *iri)
{
  return raptor_new_term_from_uri_string(e->world, (const unsigned char *)iri);
}

static raptor_term *
integer_term(emitter *e, size_t value)
{
  char text[32];
  snprintf(text, sizeof text, "%zu", value);
  raptor_uri *xsd_integer = raptor_new_uri(e->world, (const unsigned char *)NS_XSD "integer");
  raptor_term *t = xsd_integer ? raptor_new_term_from_literal(e->world, (const unsigned char *)text,
                                                              xsd_integer, NULL)
                               : NULL;
  if (xsd_integer) {
    raptor_free_uri(xsd_integer);
  }
  return t;
}

/* Add (s, p, o); takes @p o, whatever happens. */
static void
emit(emitter *e, const char *s, const char *p, raptor_term *o)
{
  if (e->st == ILDKG_OK && e->n == e->cap) {
    const size_t cap = e->cap ? 2 * e->cap : 64;
    raptor_statement **all = realloc(e->all, cap * sizeof *all);
    e->all = all ? all : e->all;
    e->cap = all ? cap : e->cap;
    e->st = all ? ILDKG_OK : ILDKG_ERR_NOMEM;
  }
  raptor_term *subject = e->st == ILDKG_OK && o ? iri_term(e, s) : NULL;
  raptor_term *predicate = subject ? iri_term(e, p) : NULL;
  if (!predicate) {
    e->st = ILDKG_ERR_NOMEM;
    if (subject) {
      raptor_free_term(subject);
    }
    if (o) {
      raptor_free_term(o);
    }
    return;
  }
  /* raptor_new_statement_from_nodes owns the terms from here, and frees them if it fails. */
  raptor_statement *statement = raptor_new_statement_from_nodes(e->world, subject, predicate, o, NULL);
  if (statement) {
    e->all[e->n++] = statement;
  } else {
    e->st = ILDKG_ERR_NOMEM;
  }
}

/* RELEASE/KIND/PREFIX-LOCAL for an IRI under a known prefix, else RELEASE/KIND/N (its place in
 * the statements' order, so the same graph gives the same IRIs). Caller frees. */
static char *
partition_iri(const char *dataset, const char *kind, const char *iri, size_t i)
{
  char *out = NULL;
  for (size_t k = 0; k <= NS_PREFIX_COUNT; ++k) {
    const char *prefix = k < NS_PREFIX_COUNT ? NS_PREFIXES[k].prefix : "rdf";
    const char *ns = k < NS_PREFIX_COUNT ? NS_PREFIXES[k].iri : NS_RDF;
    const size_t n = strlen(ns);
    if (!strncmp(iri, ns, n) && iri[n] && !strpbrk(iri + n, "/#?")) {
      return asprintf(&out, "%s/%s/%s-%s", dataset, kind, prefix, iri + n) < 0 ? NULL : out;
    }
  }
  return asprintf(&out, "%s/%s/%zu", dataset, kind, i + 1) < 0 ? NULL : out;
}

static void
emit_partitions(emitter *e, const char *dataset, const tally *t, const char *kind,
                const char *link, const char *what, const char *count_property)
{
  for (size_t i = 0; e->st == ILDKG_OK && i < t->n; ++i) {
    char *part = partition_iri(dataset, kind, t->keys[i], i);
    if (!part) {
      e->st = ILDKG_ERR_NOMEM;
      return;
    }
    emit(e, dataset, link, iri_term(e, part));
    emit(e, part, what, iri_term(e, t->keys[i]));
    emit(e, part, count_property, integer_term(e, t->counts[i]));
    free(part);
  }
}

static void
emit_description(emitter *e, const char *dataset, const census *c)
{
  emit(e, dataset, NS_RDF "type", iri_term(e, NS_VOID "Dataset"));
  emit(e, dataset, NS_VOID "triples", integer_term(e, e->source_count));
  emit(e, dataset, NS_VOID "entities", integer_term(e, c->entities));
  emit(e, dataset, NS_VOID "distinctSubjects", integer_term(e, c->subjects.n));
  emit(e, dataset, NS_VOID "distinctObjects", integer_term(e, c->objects.n));
  emit(e, dataset, NS_VOID "classes", integer_term(e, c->classes.n));
  emit(e, dataset, NS_VOID "properties", integer_term(e, c->properties.n));
  emit_partitions(e, dataset, &c->classes, "class", NS_VOID "classPartition", NS_VOID "class",
                  NS_VOID "entities");
  emit_partitions(e, dataset, &c->properties, "property", NS_VOID "propertyPartition",
                  NS_VOID "property", NS_VOID "triples");
}

ildkg_status
void_describe(const export_job *job, raptor_statement ***out, size_t *count)
{
  *out = NULL;
  *count = 0;
  char *dataset = graph_builder_dataset_iri(job->options ? job->options->base : NULL);
  if (!dataset) {
    return job->options && job->options->base
               ? ILDKG_ERR_NOMEM
               : ildkg_diag_error(job->diag, (ildkg_loc){job->path, 0, NULL},
                                  "VoID needs the data's base IRI to name the dataset");
  }
  census c = {{NULL, NULL, NULL, 0, 0}, {NULL, NULL, NULL, 0, 0}, {NULL, NULL, NULL, 0, 0},
              {NULL, NULL, NULL, 0, 0}, 0, NULL, 0};
  emitter e = {job->world, NULL, 0, 0, job->count, take_census(&c, job)};
  if (e.st == ILDKG_OK) {
    emit_description(&e, dataset, &c);
  }
  census_free(&c);
  free(dataset);
  if (e.st == ILDKG_OK) {
    e.st = statement_sort(e.all, e.n);
  }
  if (e.st != ILDKG_OK) {
    graph_statements_free(e.all, e.n);
    return e.st;
  }
  *out = e.all;
  *count = e.n;
  return ILDKG_OK;
}
