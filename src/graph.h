/* SPDX-License-Identifier: MIT */
/**
 * @file graph.h  The RDF graph: a librdf model on an indexed storage, behind one API.
 *
 * Callers never see which librdf storage holds the triples. Writers take a
 * sorted snapshot (graph_sorted_statements), so exports do not depend on the
 * storage's hash order.
 */
#ifndef ILDKG_GRAPH_H
#define ILDKG_GRAPH_H

#include <raptor2.h>
#include <stddef.h>

#include "ontology.h"
#include "status.h"

typedef struct graph graph;

/** An empty graph on librdf's "trees" in-memory storage, every pattern shape indexed; NULL on failure. */
graph *graph_new(void);
void graph_free(graph *g); /**< NULL is fine */

/** Add <s> <p> <o>, all IRIs. A duplicate is not an error (RDF graphs are sets). */
ildkg_status graph_add_iri(graph *g, const char *s, const char *p, const char *o);
/** Add <s> <p> "value", typed with @p datatype (an IRI) or tagged with @p lang, or plain. */
ildkg_status graph_add_literal(graph *g, const char *s, const char *p, const char *value,
                               const char *datatype, const char *lang);
/** Add a triple given as ildkg terms (the subject and predicate must be IRIs). */
ildkg_status graph_add_triple(graph *g, const ildkg_triple *t);

size_t graph_size(graph *g);

/** The raptor world behind the graph (borrowed), for serializers over its statements. */
raptor_world *graph_raptor_world(graph *g);

/**
 * Every statement of the graph, in the order of the lines of its N-Triples form
 * (as `LC_ALL=C sort` orders them).
 * *out is an array of *count statements owned by the caller: free it with
 * graph_statements_free.
 */
ildkg_status graph_sorted_statements(graph *g, raptor_statement ***out, size_t *count);
void graph_statements_free(raptor_statement **statements, size_t count); /**< NULL is fine */

/**
 * Called once a result row: @p names and @p values (N-Triples form, NULL when unbound)
 * are borrowed for the call. A status other than ILDKG_OK stops the query with it.
 */
typedef ildkg_status (*graph_row_fn)(void *user_data, size_t n, const char *const *names,
                                     const char *const *values);

/**
 * Run the SPARQL 1.1 SELECT @p query on the graph (rasqal, through librdf).
 * @return ILDKG_OK; ILDKG_ERR_INPUT when the query does not parse or is not a
 *   SELECT (graph_last_error says why); ILDKG_ERR_RDF when execution failed;
 *   or what @p on_row returned.
 */
ildkg_status graph_select(graph *g, const char *query, graph_row_fn on_row, void *user_data);

/**
 * Parse the RDF file @p path into the graph with raptor's parser @p syntax
 * ("turtle", "ntriples", "nquads", "rdfxml"; N-Quads lose their graph names).
 * @return ILDKG_OK; ILDKG_ERR_NOINPUT when it cannot be opened; ILDKG_ERR_INPUT when
 *   it does not parse (graph_last_error says where).
 */
ildkg_status graph_load_file(graph *g, const char *path, const char *syntax);

typedef enum { GRAPH_RESULT_BINDINGS, GRAPH_RESULT_BOOLEAN, GRAPH_RESULT_GRAPH } graph_result_kind;

typedef struct graph_results graph_results; /**< the answer to one query; owns it */

/**
 * Run the SPARQL 1.1 query @p query (SELECT, ASK or CONSTRUCT) on the graph.
 * @return ILDKG_OK and *out (free with graph_results_free); ILDKG_ERR_INPUT when it
 *   does not parse (graph_last_error gives rasqal's message, with line and column where
 *   rasqal gives them); ILDKG_ERR_RDF when execution failed.
 */
ildkg_status graph_query(graph *g, const char *query, graph_results **out);
void graph_results_free(graph_results *r); /**< NULL is fine */
graph_result_kind graph_results_kind(const graph_results *r);

/** The variables of SELECT results (borrowed), even when there are no rows. */
size_t graph_results_variables(graph_results *r, const char **names, size_t max);
/** True while SELECT results have rows left to read. */
int graph_results_has_rows(graph_results *r);
/** Call @p on_row for each row of SELECT results (consumes the rows). */
ildkg_status graph_results_each_row(graph_results *r, graph_row_fn on_row, void *user_data);
/** The answer of an ASK query. */
int graph_results_boolean(graph_results *r);
/** The triples of CONSTRUCT results in N-Triples line order; free with graph_statements_free. */
ildkg_status graph_results_statements(graph_results *r, raptor_statement ***out, size_t *count);
/**
 * Write SELECT or ASK results in a SPARQL results format of rasqal: "csv", "tsv",
 * "json" (SPARQL 1.1 JSON), "xml" (SPARQL XML). ILDKG_OK, _IO or _RDF.
 */
ildkg_status graph_results_write(graph_results *r, const char *format, FILE *out);

/** The last error librdf reported for @p g, or "" (borrowed, valid until the next call). */
const char *graph_last_error(const graph *g);

#endif
