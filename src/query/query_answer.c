/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "query_answer.h"

#include <stdlib.h>
#include <string.h>

query_answer *
query_answer_new(answer_kind kind, raptor_world *world)
{
  query_answer *a = calloc(1, sizeof *a);
  if (a) {
    a->kind = kind;
    a->world = world;
  }
  return a;
}

void
query_answer_free(query_answer *a)
{
  if (!a) {
    return;
  }
  for (size_t i = 0; i < a->nrows * a->nvariables; ++i) {
    if (a->cells[i]) {
      raptor_free_term(a->cells[i]);
    }
  }
  free(a->cells);
  for (size_t i = 0; i < a->nvariables; ++i) {
    free(a->variables[i]);
  }
  free(a->variables);
  for (size_t i = 0; i < a->ntriples; ++i) {
    raptor_free_statement(a->triples[i]);
  }
  free(a->triples);
  free(a);
}

ildkg_status
query_answer_add_variable(query_answer *a, const char *name)
{
  if (a->nrows) {
    return ILDKG_ERR_RDF;
  }
  char **grown = realloc(a->variables, (a->nvariables + 1) * sizeof *grown);
  if (!grown) {
    return ILDKG_ERR_NOMEM;
  }
  a->variables = grown;
  if (!(a->variables[a->nvariables] = strdup(name))) {
    return ILDKG_ERR_NOMEM;
  }
  ++a->nvariables;
  return ILDKG_OK;
}

long
query_answer_find_variable(const query_answer *a, const char *name)
{
  for (size_t i = 0; i < a->nvariables; ++i) {
    if (!strcmp(a->variables[i], name)) {
      return (long)i;
    }
  }
  return -1;
}

static void
free_terms(raptor_term **values, size_t n)
{
  for (size_t i = 0; i < n; ++i) {
    if (values[i]) {
      raptor_free_term(values[i]);
    }
  }
}

ildkg_status
query_answer_add_row(query_answer *a, raptor_term **values)
{
  const size_t n = a->nvariables;
  if ((a->nrows + 1) * n > a->capacity) {
    const size_t capacity = a->capacity ? a->capacity * 2 : 64 * (n ? n : 1);
    raptor_term **grown = realloc(a->cells, capacity * sizeof *grown);
    if (!grown) {
      free_terms(values, n);
      return ILDKG_ERR_NOMEM;
    }
    a->cells = grown;
    a->capacity = capacity;
  }
  if (n) {
    memcpy(a->cells + a->nrows * n, values, n * sizeof *values);
  }
  ++a->nrows;
  return ILDKG_OK;
}

ildkg_status
query_answer_add_triple(query_answer *a, raptor_statement *t)
{
  if (a->ntriples == a->triples_capacity) {
    const size_t capacity = a->triples_capacity ? a->triples_capacity * 2 : 64;
    raptor_statement **grown = realloc(a->triples, capacity * sizeof *grown);
    if (!grown) {
      raptor_free_statement(t);
      return ILDKG_ERR_NOMEM;
    }
    a->triples = grown;
    a->triples_capacity = capacity;
  }
  a->triples[a->ntriples++] = t;
  return ILDKG_OK;
}

raptor_term *
query_answer_cell(const query_answer *a, size_t row, size_t column)
{
  return a->cells[row * a->nvariables + column];
}
