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
#include <rasqal.h>
#include <stdbool.h>
#include <stddef.h>

#include "ontology.h"
#include "property_path.h"
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

/**
 * Index the statements added since the last call, so that patterns can be matched
 * (queries, graph_object_kinds, graph_size). Adding only collects statements: the
 * sorted snapshot and graph_each_statement need no index, and indexing is most of the
 * cost of building a graph. query_run calls it; call it before graph_size.
 * @return ILDKG_OK; ILDKG_ERR_RDF or ILDKG_ERR_NOMEM (what was not indexed stays waiting).
 */
ildkg_status graph_index(graph *g);

/**
 * Index the graph (graph_index), then the objects of each IRI subject and predicate of
 * its default graph, for a graph that many queries will read: a join's lookup of them is
 * then a hash of two pointers, not a search of librdf's trees. Adding a triple drops
 * that index (queries then search librdf again). Where the index could not answer as
 * librdf does (subject_index_new), there is none, and that is no error.
 * @return ILDKG_OK; ILDKG_ERR_RDF or ILDKG_ERR_NOMEM.
 */
ildkg_status graph_index_subjects(graph *g);
/** Whether @p g has that index now. */
bool graph_subjects_indexed(const graph *g);

/** The number of triples (it indexes the graph first: 0 when that fails). */
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
 * Call @p visit once for every statement of the default graph, in the storage's order
 * (or the order of adding, before graph_index: then a statement added twice is visited
 * twice), until it returns other than ILDKG_OK (which is then returned). The statement is borrowed
 * for the call; its terms (raptor counts their uses) stay valid while the graph is
 * unchanged: one IRI is one term, so its raptor_uri identifies it.
 */
ildkg_status graph_each_statement(graph *g,
                                  ildkg_status (*visit)(void *user_data,
                                                        const raptor_statement *t),
                                  void *user_data);

/**
 * Parse @p len bytes of @p text into the graph with raptor's parser @p syntax
 * ("turtle", "ntriples", "nquads", "trig", "rdfxml"), relative IRIs against @p base_iri.
 * A triple of a named graph (N-Quads, TriG) goes to that graph and to the default graph,
 * which is so the merge of everything read. A literal typed xsd:string is kept as the
 * simple literal it is in RDF 1.1.
 * @return ILDKG_OK; ILDKG_ERR_INPUT when it does not parse (graph_last_error says where).
 */
ildkg_status graph_load_text(graph *g, const char *text, size_t len, const char *syntax,
                             const char *base_iri);

/** The rasqal world queries of this graph run in (borrowed); its triples source is the graph. */
rasqal_world *graph_rasqal_world(graph *g);

/**
 * Stop the graph's triples source at @p deadline_ms (CLOCK_MONOTONIC milliseconds, see
 * triples_source_now_ms; 0: never). graph_deadline_expired tells afterwards whether it
 * stopped a query, whose answer is then incomplete.
 */
void graph_set_deadline(graph *g, double deadline_ms);
int graph_deadline_expired(const graph *g);

/** What kinds of literal the graph holds: some query rules depend on the data. */
enum {
  GRAPH_HAS_LANG_LITERAL = 1 << 0,   /**< a language-tagged literal */
  GRAPH_HAS_BOOLEAN = 1 << 1,        /**< an xsd:boolean */
  GRAPH_HAS_NUMBER = 1 << 2,         /**< an xsd numeric literal */
  GRAPH_HAS_LINE_BREAK = 1 << 4,     /**< a literal with a line feed or carriage return */
  GRAPH_HAS_NON_ASCII = 1 << 5,      /**< a literal or IRI with a character beyond ASCII */
  GRAPH_HAS_CASED_NON_ASCII = 1 << 6 /**< a literal with a non-ASCII letter that has a case (é) */
};
unsigned graph_features(const graph *g);

/** The kinds of term a predicate's objects are, in the default graph. */
enum {
  TERM_KIND_IRI = 1 << 0,
  TERM_KIND_BLANK = 1 << 1,
  TERM_KIND_NUMBER = 1 << 2,   /**< an xsd numeric literal */
  TERM_KIND_STRING = 1 << 3,   /**< a simple literal (xsd:string) */
  TERM_KIND_LANG = 1 << 4,     /**< a language-tagged literal */
  TERM_KIND_BOOLEAN = 1 << 5,
  TERM_KIND_DATETIME = 1 << 6, /**< xsd:dateTime */
  TERM_KIND_DATE = 1 << 7,     /**< xsd:date */
  TERM_KIND_OTHER = 1 << 8     /**< a literal of another datatype */
};
/** TERM_KIND_* of the objects of @p predicate (an IRI); 0 when it has none. */
unsigned graph_object_kinds(graph *g, const char *predicate);

/** The named graphs read, by name (IRI) order: their number, and the name of the i-th. */
size_t graph_named_count(const graph *g);
const char *graph_named_name(const graph *g, size_t i); /**< borrowed */

/**
 * The property paths of the query about to run (borrowed: keep them until the query's
 * results are freed, then set NULL), which its triples source answers.
 */
void graph_set_property_paths(graph *g, const property_paths *paths);

/** The last error librdf reported for @p g, or "" (borrowed, valid until the next call). */
const char *graph_last_error(const graph *g);
void graph_clear_last_error(graph *g);

#endif
