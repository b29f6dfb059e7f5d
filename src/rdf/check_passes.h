/* SPDX-License-Identifier: MIT */
/**
 * @file check_passes.h  The shipped graph checks as direct passes over the triple table.
 *
 * The rules are the SPARQL files of ontology/checks: users run those, and they stay the
 * definition. rasqal answers their joins as nested loops with allocations on every row
 * (6-8 s at a million triples); these passes give the same rows from sorted numbers.
 * A pass answers a check only when the file is, byte for byte, the rule it was written
 * from (a fingerprint of the text): an edited or a new check runs as SPARQL.
 * tests/cli/checks.sh breaks every branch of every rule and compares the rows with
 * rasqal's and rdflib's.
 */
#ifndef ILDKG_CHECK_PASSES_H
#define ILDKG_CHECK_PASSES_H

#include <stddef.h>
#include <stdint.h>

#include "query_runner.h"
#include "status.h"
#include "triple_table.h"

typedef struct check_pass check_pass;

/** The pass written from the SPARQL @p text (@p len bytes), or NULL when there is none. */
const check_pass *check_pass_find(const char *text, size_t len);

/** The rule's file name, "described-iris.rq" say. */
const char *check_pass_file(const check_pass *c);

/** The fingerprint check_pass_find compares: FNV-1a, 64 bits, of the text's bytes. */
uint64_t check_pass_fingerprint(const char *text, size_t len);

/**
 * Run @p c on @p t and call @p on_row with each violation as the SPARQL's would be
 * (its variables, values in N-Triples form), each row once, in the order of the rule's
 * ORDER BY and then of its other columns.
 * @return ILDKG_OK; ILDKG_ERR_NOMEM; or what @p on_row returned.
 */
ildkg_status check_pass_run(const check_pass *c, const triple_table *t, query_row_fn on_row,
                            void *user_data);

#endif
