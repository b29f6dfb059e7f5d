/* SPDX-License-Identifier: MIT */
/**
 * @file property_path.h  SPARQL 1.1 property paths (sections 9 and 18.4), which rasqal
 * 0.9.33 cannot parse.
 *
 * property_path_rewrite finds each path in the predicate position of a triple pattern,
 * parses it, and puts one synthetic IRI (`<urn:x-ildkg:path:N>`) in its place, so that
 * rasqal parses the rest of the query. The triples source (triples_source.c) meets that
 * IRI as the predicate of a pattern, looks the path up with property_paths_get, and
 * answers the pattern with property_path_eval.
 *
 * Evaluation follows the spec: a link is its triples; `^p` swaps them; `p/q` joins on
 * the middle node and `p|q` is the union, both counting duplicates (multisets); `!(...)`
 * are the triples whose predicate is not in the set, forward and (for `^iri` members)
 * inverse; `p*`, `p+`, `p?` are sets of distinct pairs (ALP), a zero-length path
 * connecting a given end to itself even when it is not in the graph.
 */
#ifndef ILDKG_PROPERTY_PATH_H
#define ILDKG_PROPERTY_PATH_H

#include <librdf.h>
#include <stddef.h>

#include "status.h"

/** What a rewritten path is called in the query rasqal parses: this, then its number. */
#define PROPERTY_PATH_IRI_PREFIX "urn:x-ildkg:path:"

typedef struct property_path property_path;   /**< one parsed path (owned by its table) */
typedef struct property_paths property_paths; /**< the paths of one query */

/**
 * Rewrite the SPARQL query @p text: each property path in a predicate position of its
 * WHERE clauses (sub-SELECTs and EXISTS included) becomes `<urn:x-ildkg:path:N>`. A
 * plain IRI, prefixed name, `a` or variable as predicate stays as it is. Prefixed names
 * are expanded with the query's PREFIX declarations; relative IRIs are resolved against
 * its BASE, else against @p base_iri (NULL: none).
 *
 * A query this scanner does not follow is returned unchanged (rasqal then judges it).
 * *out is a new string (caller frees); *paths is the table of the paths found (free with
 * property_paths_free), NULL when there are none. On failure *out and *paths are NULL.
 * @return ILDKG_OK; ILDKG_ERR_UNSUPPORTED for a path that does not parse, with @p why
 *   (@p why_size bytes) starting "not supported: "; ILDKG_ERR_INPUT for a prefix the
 *   query does not declare (@p why says which); ILDKG_ERR_NOMEM.
 */
ildkg_status property_path_rewrite(const char *text, const char *base_iri, char **out,
                                   property_paths **paths, char *why, size_t why_size);

void property_paths_free(property_paths *paths); /**< NULL is fine */

/** How many paths @p paths holds (0 for NULL). */
size_t property_paths_count(const property_paths *paths);

/**
 * The path named by @p iri (`urn:x-ildkg:path:N`), borrowed from @p paths; NULL when
 * @p iri names none (or @p paths is NULL).
 */
const property_path *property_paths_get(const property_paths *paths, const char *iri);

/**
 * @p p written as a term, e.g. `seq(<http://x/p>,zeroOrMore(inv(<http://x/q>)))`, into
 * @p buf (@p size bytes, truncated). Forms: `<iri>`, `inv(P)`, `seq(P,Q)`, `alt(P,Q)`,
 * `zeroOrOne(P)`, `zeroOrMore(P)`, `oneOrMore(P)`, `nps(<a>,^<b>)`.
 * @return the length the whole form needs (as snprintf).
 */
size_t property_path_describe(const property_path *p, char *buf, size_t size);

/** A pair of nodes a path connects; both owned by the list holding the pair. */
typedef struct {
  librdf_node *s;
  librdf_node *o;
} property_path_pair;

/** A multiset of pairs. Start zeroed; property_path_pairs_clear frees the contents. */
typedef struct {
  property_path_pair *pairs;
  size_t n;
  size_t cap;
} property_path_pairs;

void property_path_pairs_clear(property_path_pairs *pairs); /**< back to empty; NULL is fine */
/** Append (@p s, @p o), both copied (new references). ILDKG_ERR_NOMEM or ILDKG_OK. */
ildkg_status property_path_pairs_add(property_path_pairs *pairs, librdf_node *s, librdf_node *o);

/** True when evaluation must stop now (a deadline passed). */
typedef int (*property_path_stop_fn)(void *user_data);

/** The graph a path is evaluated on: all borrowed. */
typedef struct {
  librdf_world *world;
  librdf_model *model;
  property_path_stop_fn stop; /**< NULL: never stop */
  void *stop_data;
} property_path_graph;

/**
 * Append to @p out every pair (s, o) that @p p connects in @p g, with s equal to @p s
 * and o equal to @p o where these are given (NULL: any node). Each pair holds its own
 * copies of the nodes. A literal is never the subject of a triple, but a zero-length
 * path connects it (when given, or a node of the graph) to itself.
 * @return ILDKG_OK; ILDKG_ERR_LIMIT when @p g's stop said so (@p out then holds part of
 *   the answer); ILDKG_ERR_RDF when librdf failed; ILDKG_ERR_NOMEM.
 */
ildkg_status property_path_eval(const property_path *p, const property_path_graph *g,
                                librdf_node *s, librdf_node *o, property_path_pairs *out);

#endif
