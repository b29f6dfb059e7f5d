/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "statement_index.h"

#include <stdlib.h>
#include <string.h>

#include "strmap.h"

struct statement_index {
  raptor_statement *const *statements;
  size_t count;
  strmap *first; /* subject IRI -> index of its first statement */
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

ildkg_status
statement_index_new(raptor_statement *const *statements, size_t count, statement_index **out)
{
  statement_index *x = calloc(1, sizeof *x);
  *out = NULL;
  if (!x || !(x->first = strmap_new())) {
    free(x);
    return ILDKG_ERR_NOMEM;
  }
  x->statements = statements;
  x->count = count;
  for (size_t i = 0; i < count; ++i) {
    const char *s = term_iri(statements[i]->subject);
    if (s && strmap_put(x->first, s, i) == ILDKG_ERR_NOMEM) { /* a later run keeps the first */
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
    strmap_free(x->first);
    free(x);
  }
}

const raptor_term *
statement_index_next(const statement_index *x, const char *subject, const char *predicate,
                     size_t *at)
{
  size_t i;
  if (!strmap_get(x->first, subject, &i)) {
    return NULL;
  }
  for (i += *at; i < x->count; ++i) {
    const raptor_statement *s = x->statements[i];
    const char *here = term_iri(s->subject);
    if (!here || strcmp(here, subject)) {
      break;
    }
    const char *p = term_iri(s->predicate);
    if (p && !strcmp(p, predicate)) {
      strmap_get(x->first, subject, at);
      *at = i - *at + 1;
      return s->object;
    }
  }
  return NULL;
}

void
statement_index_run(const statement_index *x, const char *subject, size_t *first, size_t *n)
{
  *n = 0;
  if (!strmap_get(x->first, subject, first)) {
    return;
  }
  while (*first + *n < x->count) {
    const char *here = term_iri(x->statements[*first + *n]->subject);
    if (!here || strcmp(here, subject)) {
      break;
    }
    ++*n;
  }
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
