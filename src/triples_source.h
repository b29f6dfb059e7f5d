/* SPDX-License-Identifier: MIT */
/**
 * @file triples_source.h  The triples rasqal matches a query against: a librdf model,
 * using the values of variables an enclosing pattern has already bound.
 *
 * librdf's own source hands every variable of a pattern to rasqal as a binding. Before
 * re-running the right side of an OPTIONAL or a join for the next left row, rasqal
 * resets those bindings, and so erases the value the left side had just given a shared
 * variable: from the second left row on, the right side matched every triple of its
 * pattern and rasqal joined the lot (a query's cost grew with rows x triples). This
 * source treats a variable that already has a value as a constant of the pattern, and
 * never lets rasqal reset it, so each left row costs one indexed lookup.
 */
#ifndef ILDKG_TRIPLES_SOURCE_H
#define ILDKG_TRIPLES_SOURCE_H

#include <librdf.h>

#include "status.h"

/** What the queries of one librdf world read: both borrowed. */
typedef struct {
  librdf_world *world;
  librdf_model *model;
} triples_source;

/**
 * Make every query run in @p source's world match against its model through this
 * source, in place of librdf's. rasqal keeps @p source itself (borrowed, not copied):
 * it must stay in place as long as the world runs queries.
 * @return ILDKG_OK, or ILDKG_ERR_RDF when rasqal refused the factory.
 */
ildkg_status triples_source_install(triples_source *source);

#endif
