/* SPDX-License-Identifier: MIT */
/**
 * @file endpoint_client.h  A remote SPARQL 1.1 service: one query sent and its complete
 * answer, or one graph put into its Graph Store.
 *
 * The query goes unchanged (no local refusal rules) over the SPARQL 1.1 Protocol with
 * libcurl: a POST of `query=...` URL-encoded in the body (Virtuoso 7.2 never answers
 * a POST of `application/sparql-query`), to the URL as given, so that its query string
 * (`?default-graph-uri=...`) still applies. The Accept header asks for what fits the
 * query form: SPARQL 1.1 JSON results for SELECT and ASK, an RDF graph (N-Triples,
 * Turtle, RDF/XML) for CONSTRUCT and DESCRIBE; the answer is parsed by its Content-Type.
 * Virtuoso answers an ASK in JSON as a table of one variable `__ASK_RETVAL` (a row 1
 * for true, none for false): that is read as the boolean it stands for.
 */
#ifndef ILDKG_ENDPOINT_CLIENT_H
#define ILDKG_ENDPOINT_CLIENT_H

#include <raptor2.h>
#include <stddef.h>

#include "query_answer.h"
#include "status.h"

/** What a query asks for, by its first keyword after the prologue. */
typedef enum {
  ENDPOINT_FORM_UNKNOWN, /**< not recognised: the answer's Content-Type decides */
  ENDPOINT_FORM_SELECT,
  ENDPOINT_FORM_ASK,
  ENDPOINT_FORM_GRAPH, /**< CONSTRUCT or DESCRIBE */
} endpoint_form;

/** A useful size for the @p why buffers below. */
enum { ENDPOINT_WHY_SIZE = 768 };

/** True when @p url starts with http:// or https:// (any case) and has a host. */
int endpoint_client_url_is_valid(const char *url);

/** The form of the SPARQL query @p query (@p len bytes), skipping comments, PREFIX, BASE. */
endpoint_form endpoint_client_query_form(const char *query, size_t len);

/**
 * Send the query @p query (@p len bytes) to the SPARQL endpoint @p url and return its
 * complete answer in *out (the caller frees it with query_answer_free; NULL on failure),
 * its terms created in @p world. @p timeout_s: give up after so many seconds (0: never);
 * @p max_rows: refuse an answer of more rows or triples (0: no limit). On failure @p why
 * (@p why_size bytes) says why, naming @p url. @p world's raptor log handler is reset to
 * the default when an RDF answer has been parsed.
 * @return ILDKG_OK; ILDKG_ERR_REMOTE (no connection, HTTP status >= 400 with the start
 *   of what the store said, a body that does not parse, an unexpected Content-Type, or
 *   an answer that does not fit the query form); ILDKG_ERR_LIMIT (the timeout, or more
 *   than @p max_rows rows or triples); ILDKG_ERR_USAGE (not an http(s) URL);
 *   ILDKG_ERR_NOMEM.
 */
ildkg_status endpoint_client_answer(const char *url, const char *query, size_t len,
                                    double timeout_s, size_t max_rows, raptor_world *world,
                                    query_answer **out, char *why, size_t why_size);

/**
 * Parse the SPARQL 1.1 JSON results @p body (@p len bytes) into *out (caller frees;
 * NULL on failure): `boolean` gives ANSWER_BOOLEAN, else ANSWER_BINDINGS with the
 * variables of head.vars and one row a binding (type uri, literal with `xml:lang` or
 * `datatype`, typed-literal, bnode; an absent variable is unbound). An xsd:string
 * datatype is dropped (RDF 1.1: the same term as the simple literal).
 * @return ILDKG_OK; ILDKG_ERR_REMOTE (not JSON, or not the SPARQL results shape; @p why
 *   says where); ILDKG_ERR_LIMIT (more than @p max_rows rows; 0: no limit);
 *   ILDKG_ERR_NOMEM.
 */
ildkg_status endpoint_client_parse_json(const char *body, size_t len, raptor_world *world,
                                        size_t max_rows, query_answer **out, char *why,
                                        size_t why_size);

/**
 * Parse the answer @p body (@p len bytes) by its @p content_type (parameters such as
 * `; charset=UTF-8` are ignored): SPARQL 1.1 JSON results, or an RDF graph
 * (application/n-triples or text/plain, text/turtle, application/rdf+xml; relative IRIs
 * against @p base_iri) into sorted ANSWER_GRAPH triples. The answer must fit @p form
 * (Virtuoso's `__ASK_RETVAL` table is an ASK's boolean). *out as above.
 * @return as endpoint_client_parse_json; ILDKG_ERR_REMOTE also for another Content-Type
 *   (SPARQL XML results among them) or an answer of another form.
 */
ildkg_status endpoint_client_parse_body(const char *content_type, const char *body, size_t len,
                                        endpoint_form form, const char *base_iri,
                                        raptor_world *world, size_t max_rows,
                                        query_answer **out, char *why, size_t why_size);

/** One graph for a store's SPARQL 1.1 Graph Store HTTP Protocol endpoint. */
typedef struct {
  const char *url;          /**< the Graph Store endpoint (http or https) */
  const char *graph;        /**< the graph IRI (?graph=...); NULL: the default graph (?default) */
  int add;                  /**< POST (add the triples) instead of PUT (replace the graph) */
  const char *content_type; /**< of @p body: text/turtle, application/n-triples... */
  const char *body;
  size_t len;
  const char *user;         /**< NULL: no authentication; else Basic or Digest, as asked */
  const char *password;
  double timeout_s;         /**< 0: never give up */
} endpoint_graph_upload;

/**
 * Send @p u to its store; *status is the HTTP status (0 when none came).
 * @return ILDKG_OK (2xx); ILDKG_ERR_REMOTE (no connection, or a status outside 2xx: @p why
 *   says it with the start of what the store said); ILDKG_ERR_LIMIT (the timeout);
 *   ILDKG_ERR_USAGE (not an http(s) URL); ILDKG_ERR_NOMEM.
 */
ildkg_status endpoint_client_store_graph(const endpoint_graph_upload *u, long *status,
                                         char *why, size_t why_size);

#endif
