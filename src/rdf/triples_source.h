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
 *
 * A pattern whose predicate names a property path (property_paths_get) is answered
 * with the pairs of nodes the path connects (property_path_eval), not with triples.
 */
#ifndef ILDKG_TRIPLES_SOURCE_H
#define ILDKG_TRIPLES_SOURCE_H

#include <librdf.h>
#include <rasqal.h>

#include "property_path.h"
#include "status.h"

/**
 * When a query must stop. Every triple a query reads passes through this source, so a
 * join that runs away (a cartesian product, nested OPTIONALs) meets the deadline here:
 * the source then reports no more triples and sets @c expired, and the caller must
 * discard the (incomplete) answer.
 */
typedef struct {
  double deadline_ms;  /**< CLOCK_MONOTONIC milliseconds; 0: no deadline */
  unsigned long reads; /**< triples read since the deadline was set */
  int expired;         /**< set once the deadline has passed */
} triples_source_clock;

/** The milliseconds of CLOCK_MONOTONIC, the clock of deadline_ms. */
double triples_source_now_ms(void);

/**
 * Lasting copies of the data's lexical forms that rasqal would otherwise rewrite
 * ("0"^^xsd:boolean as "false"): they live as long as the pool, which must outlive
 * every query of the source. And each IRI's terms, made once.
 */
typedef struct triples_source_pool triples_source_pool;
triples_source_pool *triples_source_pool_new(void); /**< NULL when out of memory */
void triples_source_pool_free(triples_source_pool *p); /**< NULL is fine */
/**
 * Free the terms the pool keeps for the IRIs queries met (shared, counted references):
 * call it before the world that made them is freed. The pool stays usable.
 */
void triples_source_pool_release_terms(triples_source_pool *p);

/** The model of the named graph @p name (an IRI), or NULL when there is none. */
typedef librdf_model *(*triples_source_named_fn)(void *user_data, const char *name);

/** What the queries of one librdf world read: all borrowed. */
typedef struct {
  librdf_world *world;
  librdf_model *model;           /**< the default graph */
  triples_source_clock *clock;
  triples_source_named_fn named; /**< the named graphs (GRAPH patterns) */
  void *named_user_data;
  triples_source_pool *pool;
  const property_paths *paths; /**< the property paths of the query running; NULL: none */
  struct lookup_memo *memo;    /**< the source's own, a query's: NULL in what callers give */
  /** The default graph's objects of each IRI subject and predicate, valid while @c model
      is unchanged; NULL: librdf is searched (and its answers kept in @c memo). */
  struct subject_index *subjects;
} triples_source;

/**
 * Make every query run in @p source's world match against its model through this
 * source, in place of librdf's. rasqal keeps @p source itself (borrowed, not copied):
 * it must stay in place as long as the world runs queries.
 * @return ILDKG_OK, or ILDKG_ERR_RDF when rasqal refused the factory.
 */
ildkg_status triples_source_install(triples_source *source);

#endif
