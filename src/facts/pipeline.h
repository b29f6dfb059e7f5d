/* SPDX-License-Identifier: MIT */
/**
 * @file pipeline.h  The one-way flow every subcommand shares:
 * ontology + facts -> validated records -> graph.
 */
#ifndef ILDKG_PIPELINE_H
#define ILDKG_PIPELINE_H

#include <stdbool.h>

#include "diag.h"
#include "facts.h"
#include "graph.h"
#include "ontology.h"
#include "status.h"

typedef struct {
  ontology *ontology; /**< owned */
  facts *facts;       /**< owned */
  graph *graph;       /**< owned; NULL until pipeline_build_graph */
} pipeline;

/**
 * Load the ontology from @p ontology_dir and validate the facts in @p facts_dir.
 * @return ILDKG_OK when everything is valid; ILDKG_ERR_INPUT when anything was
 *   reported to @p d; a fatal status otherwise. Release @p p with pipeline_clear
 *   whatever the result.
 */
ildkg_status pipeline_load(pipeline *p, const char *facts_dir, const char *ontology_dir,
                           ildkg_diag *d);

/** Build the graph of loaded, valid facts under @p base. */
ildkg_status pipeline_build_graph(pipeline *p, const char *base);

/**
 * Run the graph rules of @p ontology_dir/checks on the built graph (@p sparql_only: all
 * through rasqal, also those with a direct pass; @p nnative: how many ran by their pass).
 * @return ILDKG_OK when every rule holds; ILDKG_ERR_INPUT when any was violated
 *   or does not run (reported); a fatal status otherwise. @p nchecks: how many ran.
 */
ildkg_status pipeline_check_graph(pipeline *p, const char *ontology_dir, bool sparql_only,
                                  ildkg_diag *d, size_t *nchecks, size_t *nnative);

void pipeline_clear(pipeline *p);

#endif
