/* SPDX-License-Identifier: MIT */
/**
 * @file service_description.h  The SPARQL 1.1 Service Description of `ildkg serve`
 * (https://www.w3.org/TR/sparql11-service-description/), as a graph answer that the
 * results writers write in the negotiated RDF syntax.
 *
 * It says what the endpoint is (SPARQL 1.1 Query, read-only), the result formats it
 * writes, its dataset (one default graph, its triple count), its limits, and the shipped
 * compare topics as example queries, each an `sh:SPARQLExecutable` with `sh:select` and
 * `schema:target` as in the SIB SPARQL examples convention.
 */
#ifndef ILDKG_SERVICE_DESCRIPTION_H
#define ILDKG_SERVICE_DESCRIPTION_H

#include <raptor2.h>
#include <stddef.h>

#include "query_answer.h"
#include "status.h"

/** A shipped query, borrowed. */
typedef struct {
  const char *name;
  const char *title;
  const char *query;
} service_example;

typedef struct {
  const char *endpoint;    /**< the endpoint's URL, as the client reached it */
  size_t triples;          /**< in the default graph */
  const char *dataset_iri; /**< the one default-graph-uri accepted, or NULL */
  double timeout_s;        /**< 0: none */
  size_t max_rows;         /**< 0: none */
  const service_example *examples;
  size_t nexamples;
} service_info;

/**
 * The description of @p info as a sorted ANSWER_GRAPH answer in *out, its terms in
 * @p world (free with query_answer_free). ILDKG_OK, ILDKG_ERR_NOMEM or ILDKG_ERR_RDF.
 */
ildkg_status service_description_build(raptor_world *world, const service_info *info,
                                       query_answer **out);

#endif
