/* SPDX-License-Identifier: MIT */
/**
 * @file query_runner.h  SPARQL over the graph: parse with rasqal, refuse what rasqal
 * cannot answer correctly (query_guard), run within limits, and return the whole answer.
 */
#ifndef ILDKG_QUERY_RUNNER_H
#define ILDKG_QUERY_RUNNER_H

#include <stddef.h>

#include "graph.h"
#include "query_answer.h"
#include "status.h"

typedef struct {
  double timeout_s;     /**< stop the query after this many seconds; 0: never */
  size_t max_rows;      /**< refuse an answer of more rows or triples; 0: no limit */
  const char *base_iri; /**< resolves relative IRIs of the query; NULL: none */
} query_limits;

/** How big a reason query_run writes at most. */
enum { QUERY_WHY_SIZE = 640 };

/**
 * Parse, check and run the SPARQL query @p text (@p len bytes: a NUL byte inside is an
 * error) on @p g, and return its complete answer in *out (free with query_answer_free).
 * On failure @p why (QUERY_WHY_SIZE bytes) says why, for the user.
 * @return ILDKG_OK; ILDKG_ERR_INPUT (not SPARQL: rasqal's message with its line);
 *   ILDKG_ERR_UNSUPPORTED (valid SPARQL that ildkg cannot answer correctly; @p why
 *   starts with "not supported: " and names the construct); ILDKG_ERR_LIMIT (the time
 *   or row limit ended it); ILDKG_ERR_RDF; ILDKG_ERR_NOMEM.
 */
ildkg_status query_run(graph *g, const char *text, size_t len, const query_limits *limits,
                       query_answer **out, char *why);

/**
 * Called once a result row: @p names and @p values (N-Triples form, NULL when unbound)
 * are borrowed for the call. A status other than ILDKG_OK stops the rows with it.
 */
typedef ildkg_status (*query_row_fn)(void *user_data, size_t n, const char *const *names,
                                     const char *const *values);

/**
 * Run the SELECT @p text without limits and call @p on_row for each row.
 * @return as query_run (a query that is not a SELECT is ILDKG_ERR_INPUT), or what
 *   @p on_row returned.
 */
ildkg_status query_select(graph *g, const char *text, query_row_fn on_row, void *user_data,
                          char *why);

#endif
