/* SPDX-License-Identifier: MIT */
/**
 * @file statement_sort.h  Statements in the order of their N-Triples lines, as
 * `LC_ALL=C sort` orders them: the order of every sorted export and answer.
 */
#ifndef ILDKG_STATEMENT_SORT_H
#define ILDKG_STATEMENT_SORT_H

#include <raptor2.h>
#include <stddef.h>

#include "status.h"

/** Reorder @p all (@p n statements, still the caller's). ILDKG_ERR_NOMEM leaves the order as it was. */
ildkg_status statement_sort(raptor_statement **all, size_t n);

/**
 * statement_sort, then each repeat (a statement written as the same line as the one
 * before it) freed: the *kept statements left are at the front of @p all. On
 * ILDKG_ERR_NOMEM nothing is freed and *kept is @p n.
 */
ildkg_status statement_sort_unique(raptor_statement **all, size_t n, size_t *kept);

#endif
