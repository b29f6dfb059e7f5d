/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "subject_index.h"

#include "grow.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

/* One predicate's triples of a subject: triples[start .. start + count). */
typedef struct {
  raptor_uri *p;
  uint32_t start, count;
} predicate_run;

/* One subject's runs: runs[first .. first + count). */
typedef struct {
  raptor_uri *s; /* NULL: an empty slot */
  uint32_t first, count;
} subject_slot;

/* Grouped by subject, then predicate, in the stream's order: a lookup hashes the subject,
   then reads its few predicates (a schema's, not the data's). */
struct subject_index {
  subject_index_triple *triples;
  size_t n, capacity;
  rasqal_literal **objects; /* the kept terms of triples[i].o; NULL until one is kept */
  predicate_run *runs;
  size_t nruns, runs_capacity;
  subject_slot *slots; /* open addressing, linear probing; a power of two of them */
  size_t nslots, nsubjects;
};

static size_t
hash_uri(const raptor_uri *s)
{
  const uint64_t h = (uint64_t)(uintptr_t)s * UINT64_C(0x9E3779B97F4A7C15);
  return (size_t)(h ^ (h >> 29));
}

static subject_slot *
slot_of(subject_slot *slots, size_t nslots, const raptor_uri *s)
{
  size_t at = hash_uri(s) & (nslots - 1);
  while (slots[at].s && slots[at].s != s) {
    at = (at + 1) & (nslots - 1);
  }
  return &slots[at];
}

static ildkg_status
grow_slots(subject_index *x)
{
  const size_t nslots = x->nslots ? 2 * x->nslots : 1024;
  subject_slot *slots = calloc(nslots, sizeof *slots);
  if (!slots) {
    return ILDKG_ERR_NOMEM;
  }
  for (size_t i = 0; i < x->nslots; ++i) {
    if (x->slots[i].s) {
      *slot_of(slots, nslots, x->slots[i].s) = x->slots[i];
    }
  }
  free(x->slots);
  x->slots = slots;
  x->nslots = nslots;
  return ILDKG_OK;
}

static raptor_uri *
uri_of(librdf_node *n)
{
  return (raptor_uri *)librdf_node_get_uri(n); /* librdf_uri is raptor_uri in librdf 1.0.17 */
}

/* Record triples[start ..] as one run of their predicate, within the subject whose runs
   begin at @p first_run. A predicate met in two runs of a subject means the stream did
   not give its triples together: unsupported. */
static ildkg_status
close_run(subject_index *x, size_t first_run, size_t start)
{
  if (start == x->n) {
    return ILDKG_OK;
  }
  raptor_uri *p = uri_of(x->triples[start].p);
  for (size_t r = first_run; r < x->nruns; ++r) {
    if (x->runs[r].p == p) {
      return ILDKG_ERR_UNSUPPORTED;
    }
  }
  predicate_run *runs = grow_array(x->runs, &x->runs_capacity, x->nruns + 1, sizeof *runs, 1024);
  if (!runs) {
    return ILDKG_ERR_NOMEM;
  }
  x->runs = runs;
  x->runs[x->nruns++] = (predicate_run){p, (uint32_t)start, (uint32_t)(x->n - start)};
  return ILDKG_OK;
}

/* Record runs[first_run ..] as the subject's. A subject met twice: unsupported. */
static ildkg_status
close_subject(subject_index *x, size_t first_run)
{
  if (first_run == x->nruns) {
    return ILDKG_OK;
  }
  if (2 * (x->nsubjects + 1) > x->nslots && grow_slots(x) != ILDKG_OK) {
    return ILDKG_ERR_NOMEM;
  }
  raptor_uri *s = uri_of(x->triples[x->runs[first_run].start].s);
  subject_slot *slot = slot_of(x->slots, x->nslots, s);
  if (slot->s) {
    return ILDKG_ERR_UNSUPPORTED;
  }
  *slot = (subject_slot){s, (uint32_t)first_run, (uint32_t)(x->nruns - first_run)};
  ++x->nsubjects;
  return ILDKG_OK;
}

static ildkg_status
append(subject_index *x, librdf_statement *st)
{
  if (x->n == UINT32_MAX) {
    return ILDKG_ERR_UNSUPPORTED; /* the runs count in 32 bits */
  }
  subject_index_triple *triples = grow_array(x->triples, &x->capacity, x->n + 1, sizeof *triples, 4096);
  if (!triples) {
    return ILDKG_ERR_NOMEM;
  }
  x->triples = triples;
  /* references, not copies: raptor counts a term's uses */
  subject_index_triple *t = &x->triples[x->n];
  t->s = librdf_new_node_from_node(librdf_statement_get_subject(st));
  t->p = t->s ? librdf_new_node_from_node(librdf_statement_get_predicate(st)) : NULL;
  t->o = t->p ? librdf_new_node_from_node(librdf_statement_get_object(st)) : NULL;
  if (!t->o) {
    if (t->s) {
      librdf_free_node(t->s);
    }
    if (t->p) {
      librdf_free_node(t->p);
    }
    return ILDKG_ERR_NOMEM;
  }
  ++x->n;
  return ILDKG_OK;
}

static bool
has_iri_subject_and_predicate(librdf_statement *st)
{
  librdf_node *s = librdf_statement_get_subject(st);
  librdf_node *p = librdf_statement_get_predicate(st);
  return s && p && librdf_node_is_resource(s) && librdf_node_is_resource(p);
}

static ildkg_status
read_model(subject_index *x, librdf_model *model)
{
  librdf_stream *stream = librdf_model_as_stream(model);
  if (!stream) {
    return ILDKG_ERR_RDF;
  }
  ildkg_status st = ILDKG_OK;
  size_t start = 0, first_run = 0; /* of the current predicate's run, of the subject's */
  for (; st == ILDKG_OK && !librdf_stream_end(stream); librdf_stream_next(stream)) {
    librdf_statement *t = librdf_stream_get_object(stream);
    if (!t) {
      st = ILDKG_ERR_RDF;
    } else if (has_iri_subject_and_predicate(t)) {
      const bool new_subject =
        x->n > start && uri_of(x->triples[start].s) != uri_of(librdf_statement_get_subject(t));
      if (x->n > start && (new_subject || uri_of(x->triples[start].p) !=
                                            uri_of(librdf_statement_get_predicate(t)))) {
        st = close_run(x, first_run, start);
        start = x->n;
      }
      if (st == ILDKG_OK && new_subject) {
        st = close_subject(x, first_run);
        first_run = x->nruns;
      }
      st = st == ILDKG_OK ? append(x, t) : st;
    }
  }
  librdf_free_stream(stream);
  st = st == ILDKG_OK ? close_run(x, first_run, start) : st;
  return st == ILDKG_OK ? close_subject(x, first_run) : st;
}

/* Whether @p world gives an IRI one raptor_uri: the lookups compare pointers. */
static bool
interns_iris(librdf_world *world, const subject_index *x)
{
  if (!x->n) {
    return true;
  }
  raptor_uri *kept = (raptor_uri *)librdf_node_get_uri(x->triples[0].s);
  raptor_uri *again = raptor_new_uri(librdf_world_get_raptor(world), raptor_uri_as_string(kept));
  const bool interned = again == kept;
  if (again) {
    raptor_free_uri(again);
  }
  return interned;
}

/* Whether librdf's own search gives the objects of @p run in the index's order: the
   stream's order is taken to be its search's, and this checks it. */
static bool
agrees_with_librdf(librdf_world *world, librdf_model *model, const predicate_run *run,
                   const subject_index_triple *triples)
{
  librdf_node *s = librdf_new_node_from_node(triples[run->start].s);
  librdf_node *p = s ? librdf_new_node_from_node(triples[run->start].p) : NULL;
  if (s && !p) {
    librdf_free_node(s);
  }
  librdf_statement *q = p ? librdf_new_statement_from_nodes(world, s, p, NULL) : NULL;
  librdf_stream *stream = q ? librdf_model_find_statements(model, q) : NULL;
  size_t i = 0;
  bool same = stream != NULL;
  for (; same && !librdf_stream_end(stream); librdf_stream_next(stream), ++i) {
    librdf_statement *t = librdf_stream_get_object(stream);
    same = t && i < run->count &&
           librdf_node_equals(librdf_statement_get_object(t), triples[run->start + i].o);
  }
  if (stream) {
    librdf_free_stream(stream);
  }
  if (q) {
    librdf_free_statement(q);
  }
  return same && i == run->count;
}

/* The longest run and a few more, spread over the index, asked of librdf too. */
static bool
order_agrees(librdf_world *world, librdf_model *model, const subject_index *x)
{
  enum { SAMPLES = 16 };
  size_t longest = 0;
  for (size_t r = 0; r < x->nruns; ++r) {
    longest = x->runs[r].count > x->runs[longest].count ? r : longest;
  }
  if (x->nruns && !agrees_with_librdf(world, model, &x->runs[longest], x->triples)) {
    return false;
  }
  const size_t step = x->nruns / SAMPLES ? x->nruns / SAMPLES : 1;
  for (size_t r = 0; r < x->nruns; r += step) {
    if (!agrees_with_librdf(world, model, &x->runs[r], x->triples)) {
      return false;
    }
  }
  return true;
}

ildkg_status
subject_index_new(librdf_world *world, librdf_model *model, subject_index **out)
{
  *out = NULL;
  subject_index *x = calloc(1, sizeof *x);
  if (!x) {
    return ILDKG_ERR_NOMEM;
  }
  ildkg_status st = grow_slots(x);
  st = st == ILDKG_OK ? read_model(x, model) : st;
  if (st == ILDKG_OK && (!interns_iris(world, x) || !order_agrees(world, model, x))) {
    st = ILDKG_ERR_UNSUPPORTED;
  }
  if (st != ILDKG_OK) {
    subject_index_free(x);
    return st;
  }
  *out = x;
  return ILDKG_OK;
}

void
subject_index_free(subject_index *x)
{
  if (!x) {
    return;
  }
  for (size_t i = 0; i < x->n; ++i) {
    librdf_free_node(x->triples[i].s);
    librdf_free_node(x->triples[i].p);
    librdf_free_node(x->triples[i].o);
  }
  for (size_t i = 0; x->objects && i < x->n; ++i) {
    if (x->objects[i]) {
      rasqal_free_literal(x->objects[i]);
    }
  }
  free(x->objects);
  free(x->triples);
  free(x->runs);
  free(x->slots);
  free(x);
}

size_t
subject_index_find(const subject_index *x, raptor_uri *s, raptor_uri *p,
                   const subject_index_triple **first)
{
  const subject_slot *slot = slot_of(x->slots, x->nslots, s);
  *first = NULL;
  for (uint32_t r = slot->first; slot->s && r < slot->first + slot->count; ++r) {
    if (x->runs[r].p == p) {
      *first = &x->triples[x->runs[r].start];
      return x->runs[r].count;
    }
  }
  return 0;
}

rasqal_literal *
subject_index_object(const subject_index *x, const subject_index_triple *t)
{
  return x->objects ? x->objects[t - x->triples] : NULL;
}

ildkg_status
subject_index_keep_object(subject_index *x, const subject_index_triple *t, rasqal_literal *term)
{
  if (!x->objects && !(x->objects = calloc(x->n, sizeof *x->objects))) {
    rasqal_free_literal(term);
    return ILDKG_ERR_NOMEM;
  }
  rasqal_literal **slot = &x->objects[t - x->triples];
  if (*slot) {
    rasqal_free_literal(*slot);
  }
  *slot = term;
  return ILDKG_OK;
}

size_t
subject_index_size(const subject_index *x)
{
  return x->n;
}
