/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "statement_index.h"

#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "ptrmap.h"
#include "strmap.h"

/* The statements of one subject: [first, first + n). */
typedef struct {
  size_t first, n;
} run;

/* A subject is found by the address of its IRI's text first: the writers ask with the text
   raptor keeps for an interned IRI, and hashing and comparing the whole IRI was most of a
   feed's lookups. Text from elsewhere is found by content. */
struct statement_index {
  raptor_statement *const *statements;
  size_t count;
  run *runs;
  size_t nruns, runs_room;
  ptrmap *by_address; /* a subject IRI's text, as raptor keeps it -> its run */
  strmap *by_text;    /* the same, by content */
};

const char *
term_iri(const raptor_term *t)
{
  return t && t->type == RAPTOR_TERM_TYPE_URI ? (const char *)raptor_uri_as_string(t->value.uri)
                                               : NULL;
}

const char *
term_literal(const raptor_term *t)
{
  return t && t->type == RAPTOR_TERM_TYPE_LITERAL ? (const char *)t->value.literal.string : NULL;
}

int
term_is_iri(const raptor_term *t, const char *iri)
{
  const char *s = term_iri(t);
  return s && !strcmp(s, iri);
}

/* Note that the statement at @p i, of subject @p s, starts a run or belongs to the last. */
static ildkg_status
add_statement(statement_index *x, size_t i, const char *s)
{
  run *last = x->nruns ? &x->runs[x->nruns - 1] : NULL;
  const char *last_s = last ? term_iri(x->statements[last->first]->subject) : NULL;
  size_t found;
  if (last && last->first + last->n == i && last_s && (s == last_s || !strcmp(s, last_s))) {
    ++last->n;
    const ildkg_status st = ptrmap_get(x->by_address, s, &found) ? ILDKG_OK
                                                                 : ptrmap_put(x->by_address, s, x->nruns - 1);
    return st == ILDKG_ERR_NOMEM ? st : ILDKG_OK;
  }
  if (strmap_get(x->by_text, s, &found)) {
    return ILDKG_OK; /* a later run keeps the first (sorted statements have one run a subject) */
  }
  run *runs = grow_array(x->runs, &x->runs_room, x->nruns + 1, sizeof *runs, 1024);
  if (!runs) {
    return ILDKG_ERR_NOMEM;
  }
  x->runs = runs;
  x->runs[x->nruns] = (run){i, 1};
  ildkg_status st = strmap_put(x->by_text, s, x->nruns);
  if (st == ILDKG_OK && !ptrmap_get(x->by_address, s, &found)) {
    st = ptrmap_put(x->by_address, s, x->nruns);
  }
  ++x->nruns;
  return st == ILDKG_ERR_NOMEM ? st : ILDKG_OK;
}

ildkg_status
statement_index_new(raptor_statement *const *statements, size_t count, statement_index **out)
{
  statement_index *x = calloc(1, sizeof *x);
  *out = NULL;
  if (!x || !(x->by_text = strmap_new()) || !(x->by_address = ptrmap_new())) {
    statement_index_free(x);
    return ILDKG_ERR_NOMEM;
  }
  x->statements = statements;
  x->count = count;
  for (size_t i = 0; i < count; ++i) {
    const char *s = term_iri(statements[i]->subject);
    if (s && add_statement(x, i, s) != ILDKG_OK) {
      statement_index_free(x);
      return ILDKG_ERR_NOMEM;
    }
  }
  *out = x;
  return ILDKG_OK;
}

void
statement_index_free(statement_index *x)
{
  if (x) {
    strmap_free(x->by_text);
    ptrmap_free(x->by_address);
    free(x->runs);
    free(x);
  }
}

/* The run of @p subject, or NULL. */
static const run *
find_run(const statement_index *x, const char *subject)
{
  size_t k;
  if (ptrmap_get(x->by_address, subject, &k) || strmap_get(x->by_text, subject, &k)) {
    return &x->runs[k];
  }
  return NULL;
}

const raptor_term *
statement_index_next(const statement_index *x, const char *subject, const char *predicate,
                     size_t *at)
{
  const run *r = find_run(x, subject);
  for (size_t i = r ? r->first + *at : 0; r && i < r->first + r->n; ++i) {
    const raptor_statement *s = x->statements[i];
    const char *p = term_iri(s->predicate);
    if (p && (p == predicate || !strcmp(p, predicate))) {
      *at = i - r->first + 1;
      return s->object;
    }
  }
  return NULL;
}

void
statement_index_run(const statement_index *x, const char *subject, size_t *first, size_t *n)
{
  const run *r = find_run(x, subject);
  *first = r ? r->first : 0;
  *n = r ? r->n : 0;
}

const raptor_term *
statement_index_object(const statement_index *x, const char *subject, const char *predicate)
{
  size_t at = 0;
  return statement_index_next(x, subject, predicate, &at);
}

const char *
statement_index_text(const statement_index *x, const char *subject, const char *predicate)
{
  const raptor_term *t = statement_index_object(x, subject, predicate);
  return term_iri(t) ? term_iri(t) : term_literal(t);
}
