/* SPDX-License-Identifier: MIT */
/**
 * @file graph_builder.h  Validated facts + ontology -> RDF graph.
 *
 * Writes, in this order: the ontology's own triples but its header; the dataset node
 * (the data's own IRI and version, importing the ontology); the review node citing
 * every reference; references; sections; entities with labels and external
 * matches; one statement node a claim (qualifiers, provenance, text anchor);
 * and the direct edge derived from each claim that is not negated.
 * All IRIs are minted from curated ids under @p base: no blank nodes.
 */
#ifndef ILDKG_GRAPH_BUILDER_H
#define ILDKG_GRAPH_BUILDER_H

#include "facts.h"
#include "graph.h"
#include "ontology.h"
#include "status.h"

/** Add everything to @p g. @p base ends in '/' or '#'. */
ildkg_status graph_builder_build(graph *g, const ontology *o, const facts *f, const char *base);

/**
 * The IRI of this release of the data under @p base (`BASE` "release/" version): the
 * dataset node's, and the graph name of N-Quads and of the stores it is loaded into.
 * Caller frees; NULL when out of memory.
 */
char *graph_builder_dataset_iri(const char *base);

/** Check a base IRI: an absolute http(s) IRI ending in '/' or '#'. */
int graph_builder_base_is_valid(const char *base);

/**
 * True when @p iri is an absolute http(s) IRI of at most 512 bytes, in UTF-8, with no
 * character an IRI cannot hold (space, <>"{}|\^`, controls, noncharacters such as
 * U+FFFE): safe in every export format.
 */
int graph_builder_iri_is_valid(const char *iri);

#endif
