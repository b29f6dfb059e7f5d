/* SPDX-License-Identifier: MIT */
/**
 * @file query_order.h  ORDER BY done by ildkg on the complete answer, where it is sure.
 *
 * rasqal's ORDER BY grows faster than the rows it sorts (at 50000 generated statements the
 * `classification` topic takes 93 ms without its ORDER BY and 781 ms with it; doubling
 * the rows nearly quadruples the sort). When every order condition is a projected variable
 * (ASC or DESC), the query runs without its ORDER BY, LIMIT and OFFSET, and the answer is
 * sorted (stably: ties keep rasqal's order) and sliced here instead. Only columns whose
 * values are all of one kind are sorted here: IRIs, or strings (simple, language-tagged or
 * xsd:string), compared by code point; or finite numbers of the
 * XSD numeric types, by value; unbound values first. Anything else (dates, booleans, mixed
 * kinds, NaN) is left to rasqal: the caller runs the query again with its ORDER BY.
 * The sort also mends a rasqal defect: it leaves solutions with no triple pattern behind
 * them (a WHERE of VALUES alone) unsorted.
 */
#ifndef ILDKG_QUERY_ORDER_H
#define ILDKG_QUERY_ORDER_H

#include <rasqal.h>

#include "query_answer.h"
#include "status.h"

enum { QUERY_ORDER_MAX_KEYS = 16 };

typedef struct {
  size_t nkeys;                               /**< 0: rasqal sorts (or nothing to sort) */
  const char *names[QUERY_ORDER_MAX_KEYS];    /**< borrowed from the query's variables */
  int descending[QUERY_ORDER_MAX_KEYS];
  char *unordered;                            /**< owned: the text without its ORDER BY */
  long limit, offset;                         /**< applied after the sort; -1: none */
} query_order;

/**
 * Plan @p q (prepared from @p text): when its order conditions are all projected variables,
 * order->nkeys of them, its LIMIT and OFFSET, and the text without them and the clause;
 * otherwise order->nkeys is 0. @p q must outlive @p order; clear it with query_order_clear.
 * ILDKG_OK, or ILDKG_ERR_NOMEM.
 */
ildkg_status query_order_plan(rasqal_query *q, const char *text, query_order *order);
void query_order_clear(query_order *order);

/**
 * Sort @p a by @p order. ILDKG_OK and *sorted = 1 when done; *sorted = 0 (the answer
 * untouched) when a key column holds values this module does not compare; ILDKG_ERR_NOMEM.
 */
ildkg_status query_order_apply(const query_order *order, query_answer *a, int *sorted);

#endif
