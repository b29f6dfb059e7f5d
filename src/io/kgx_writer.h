/* SPDX-License-Identifier: MIT */
/**
 * @file kgx_writer.h  The graph as a KGX graph of Biolink Model 4.4.4 (nodes and edges).
 *
 * Written from the graph. Nodes: every entity, its id the CURIE of its first exact mapping
 * in the order MONDO, HP, MAXO, CHEBI, ORPHA, OMIM, else its IRI; its categories those of
 * its classes (ildkg:biolinkCategory; biolink:NamedThing only when no other); name,
 * synonym (skos:altLabel), xref (the other exact mappings), provided_by. Edges: one a
 * plain claim whose predicate has ildkg:biolinkPredicate (subject to object) or
 * ildkg:biolinkPredicateReversed (object to subject); a claim a qualifier restricts is
 * left out. Each edge: id (the statement's IRI), knowledge_level knowledge_assertion,
 * agent_type manual_agent, primary_knowledge_source the review, publications (the
 * references), negated, has_percentage, frequency_qualifier, supporting_text (the quote).
 * Rows are sorted. TSV lists are '|'-separated; JSON Lines carry lists as arrays.
 */
#ifndef ILDKG_KGX_WRITER_H
#define ILDKG_KGX_WRITER_H

#include <stdio.h>

#include "export.h"
#include "status.h"

/** The Biolink Model version the KGX export follows. */
#define KGX_BIOLINK_VERSION "4.4.4"

typedef enum { KGX_NODES_TSV, KGX_EDGES_TSV, KGX_NODES_JSONL, KGX_EDGES_JSONL, KGX_METADATA } kgx_part;

/**
 * Write one part of @p job's KGX graph to @p out. ILDKG_ERR_INPUT (reported to job->diag)
 * when a value holds a tab or line break, or a list value a '|', which KGX's TSV cannot
 * carry; ILDKG_ERR_IO, ILDKG_ERR_NOMEM.
 */
ildkg_status kgx_write(const export_job *job, kgx_part part, FILE *out);

#endif
