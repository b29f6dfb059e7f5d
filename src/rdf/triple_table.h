/* SPDX-License-Identifier: MIT */
/**
 * @file triple_table.h  The graph's triples as numbers, sorted twice, for passes that join.
 *
 * One read of the graph gives every RDF term a number (the same IRI, blank node or literal
 * is the same number wherever it occurs), so that joins compare numbers. The triples are then
 * sorted subject-predicate-object and predicate-object-subject, so that "the objects of
 * s p", "the subjects of p o" and "is s p o there" are a binary search each.
 */
#ifndef ILDKG_TRIPLE_TABLE_H
#define ILDKG_TRIPLE_TABLE_H

#include <raptor2.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "graph.h"
#include "status.h"

typedef uint32_t term_id;
#define TERM_NONE UINT32_MAX /**< a term the graph does not hold */

typedef struct {
  term_id s, p, o;
} id_triple;

typedef struct triple_table triple_table;

/**
 * Read every triple of @p g's default graph into *out (free with triple_table_free).
 * The table borrows @p g's terms: free it before @p g changes or goes.
 * @return ILDKG_OK; ILDKG_ERR_UNSUPPORTED (a graph the table cannot number exactly: a
 *   literal holding a NUL character, more terms than a term_id counts); ILDKG_ERR_NOMEM;
 *   ILDKG_ERR_RDF.
 */
ildkg_status triple_table_new(graph *g, triple_table **out);
void triple_table_free(triple_table *t); /**< NULL is fine */

/** The number of @p iri, or TERM_NONE when no triple has it. */
term_id triple_table_iri(const triple_table *t, const char *iri);
/** How many terms are numbered: every number is below it. */
size_t triple_table_term_count(const triple_table *t);
/** The term numbered @p id (borrowed from the graph). */
const raptor_term *triple_table_term(const triple_table *t, term_id id);

/** The triples with subject @p s and predicate @p p: *first, and how many (object order). */
size_t triple_table_objects(const triple_table *t, term_id s, term_id p, const id_triple **first);
/** The triples with predicate @p p and object @p o: *first, and how many (subject order). */
size_t triple_table_subjects(const triple_table *t, term_id p, term_id o, const id_triple **first);
/** The triples with predicate @p p: *first, and how many (object, then subject order). */
size_t triple_table_with_predicate(const triple_table *t, term_id p, const id_triple **first);
/** Every triple: *first, and how many (subject-predicate-object order). */
size_t triple_table_all(const triple_table *t, const id_triple **first);

/** Whether the triple @p s @p p @p o is there. */
bool triple_table_has(const triple_table *t, term_id s, term_id p, term_id o);
/** Whether @p s has any triple with predicate @p p. */
bool triple_table_has_any(const triple_table *t, term_id s, term_id p);

#endif
