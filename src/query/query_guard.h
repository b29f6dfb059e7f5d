/* SPDX-License-Identifier: MIT */
/**
 * @file query_guard.h  What rasqal 0.9.33 cannot answer correctly, found before it runs.
 *
 * Each rule names one construct and was checked against the W3C SPARQL test suites
 * (tests/w3c): it refuses the queries rasqal answers wrongly, or crashes on, and as few
 * of the ones it answers right as the construct allows. A refusal says
 * "not supported: CONSTRUCT (why)".
 */
#ifndef ILDKG_QUERY_GUARD_H
#define ILDKG_QUERY_GUARD_H

#include <rasqal.h>
#include <stddef.h>

#include "graph.h"
#include "status.h"

/**
 * The query text rasqal should parse: @p text with each signed number that follows an
 * operand in an expression (`1+1`, `?x -2`) split into an operator and a number
 * (`1+ 1`), which means the same: rasqal's parser overflows its heap on the joined
 * form. A new string in *out (caller frees).
 * @return ILDKG_OK or ILDKG_ERR_NOMEM.
 */
ildkg_status query_guard_fix_text(const char *text, char **out);

/**
 * Refuse a SPARQL Update request (its first keyword after the prologue is INSERT, DELETE,
 * LOAD, CLEAR, CREATE, DROP, COPY, MOVE, ADD or WITH) before rasqal parses it: ildkg's
 * graph is read-only, and rasqal 0.9.33 leaks what it parsed of an update it then
 * refuses to take as a query.
 * @return ILDKG_OK; ILDKG_ERR_UNSUPPORTED with @p why ("not supported: ...").
 */
ildkg_status query_guard_refuse_update(const char *text, char *why, size_t size);

/**
 * @p text with every SUBSTR rewritten so that rasqal answers it right (see
 * query_guard.c), in a new string *out (caller frees).
 * @return ILDKG_OK; ILDKG_ERR_UNSUPPORTED (@p why, @p size bytes) for a SUBSTR whose start
 *   or length is not a whole-number constant of at least 1; ILDKG_ERR_NOMEM.
 */
ildkg_status query_guard_rewrite_substr(const char *text, char **out, char *why, size_t size);

/**
 * Check the prepared query @p q against the data it runs on (@p data, for the kinds of
 * value a variable can take; NULL: unknown): @p features are the
 * GRAPH_HAS_* bits of the graph and of the query's own text (a rule may depend on them:
 * '.' in a regular expression is answered where no text holds a line break).
 * @return ILDKG_OK when rasqal can answer it; ILDKG_ERR_UNSUPPORTED with the reason in
 *   @p why (@p size bytes), starting "not supported: "; ILDKG_ERR_INPUT for an invalid
 *   query rasqal accepted (the reason in @p why).
 */
ildkg_status query_guard_check(rasqal_query *q, graph *data, unsigned features, char *why,
                               size_t size);

/**
 * Whether the C library's regular expressions match characters (a UTF-8 LC_CTYPE is
 * set): without it, a REGEX or REPLACE pattern with '.' or [...] is refused where the
 * text may hold non-ASCII characters. Default: false.
 */
void query_guard_set_utf8(int utf8);

/** True for a CONSTRUCT with an empty template, whose answer is the empty graph. */
int query_guard_is_empty_construct(rasqal_query *q);

#endif
