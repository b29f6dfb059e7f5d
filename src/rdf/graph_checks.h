/* SPDX-License-Identifier: MIT */
/**
 * @file graph_checks.h  Graph rules as SPARQL files users can run too.
 *
 * Each `*.rq` in the checks directory is a SELECT whose rows are violations:
 * an empty result means the rule holds. Rows are reported to the diag sink as
 * `CHECK.rq: violation: ?var=value ...`.
 *
 * A shipped rule is answered by its direct pass (check_passes.h), with the same rows;
 * any other file, an edited rule too, runs as SPARQL through rasqal.
 */
#ifndef ILDKG_GRAPH_CHECKS_H
#define ILDKG_GRAPH_CHECKS_H

#include <stdbool.h>

#include "diag.h"
#include "graph.h"
#include "status.h"

/**
 * Run every check in @p dir (name order) on @p g; with @p sparql_only, all through rasqal.
 * @return ILDKG_OK when all ran (violations are diag errors; count them), also when
 *   @p dir does not exist (no rules); ILDKG_ERR_NOINPUT when it cannot be read; ILDKG_ERR_INPUT when a check does
 *   not parse (reported); another fatal status otherwise. @p nchecks gets how many ran,
 *   @p nnative how many of them by their direct pass.
 */
ildkg_status graph_checks_run(graph *g, const char *dir, bool sparql_only, ildkg_diag *d,
                              size_t *nchecks, size_t *nnative);

/**
 * Run the one check @p path on @p g, by its direct pass when it is a shipped rule.
 * Violations are diag errors, @p nviolations gets how many.
 * @return ILDKG_OK when it ran; ILDKG_ERR_NOINPUT when it cannot be read; ILDKG_ERR_INPUT
 *   when it does not parse (reported); another fatal status otherwise.
 */
ildkg_status graph_check_file(graph *g, const char *path, ildkg_diag *d, size_t *nviolations);

#endif
