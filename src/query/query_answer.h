/* SPDX-License-Identifier: MIT */
/**
 * @file query_answer.h  The complete answer to one SPARQL query, held in memory.
 *
 * Whoever answers a query (rasqal over the local graph, or a remote endpoint) fills
 * one of these; the results writers read it. An answer is written only once it is
 * complete, so a query stopped by a limit or an error never leaves half a table.
 */
#ifndef ILDKG_QUERY_ANSWER_H
#define ILDKG_QUERY_ANSWER_H

#include <raptor2.h>
#include <stddef.h>

#include "status.h"

typedef enum { ANSWER_BINDINGS, ANSWER_BOOLEAN, ANSWER_GRAPH } answer_kind;

/** Fields are read freely; change them only through the functions below. */
typedef struct {
  answer_kind kind;
  raptor_world *world;         /**< borrowed: the world of every term */
  char **variables;            /**< owned; BINDINGS: the projected variables, in order */
  size_t nvariables;
  raptor_term **cells;         /**< owned; nrows x nvariables, row-major; NULL = unbound */
  size_t nrows, capacity;
  int boolean;                 /**< BOOLEAN: the answer */
  raptor_statement **triples;  /**< owned; GRAPH: the triples */
  size_t ntriples, triples_capacity;
} query_answer;

/** A new empty answer of @p kind whose terms live in @p world; NULL when out of memory. */
query_answer *query_answer_new(answer_kind kind, raptor_world *world);
void query_answer_free(query_answer *a); /**< NULL is fine */

/** Add a projected variable (copied). Only before the first row. */
ildkg_status query_answer_add_variable(query_answer *a, const char *name);
/** The column of @p name, or -1. */
long query_answer_find_variable(const query_answer *a, const char *name);

/**
 * Add a row: @p values has nvariables entries (NULL = unbound), which the answer
 * takes, also on failure.
 */
ildkg_status query_answer_add_row(query_answer *a, raptor_term **values);
/** Add a triple, which the answer takes, also on failure. */
ildkg_status query_answer_add_triple(query_answer *a, raptor_statement *t);

/** The term at @p row, @p column (borrowed), or NULL when unbound. */
raptor_term *query_answer_cell(const query_answer *a, size_t row, size_t column);

#endif
