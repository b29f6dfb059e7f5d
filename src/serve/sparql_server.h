/* SPDX-License-Identifier: MIT */
/**
 * @file sparql_server.h  `ildkg serve`: a read-only SPARQL 1.1 Protocol endpoint over one
 * graph, on libmicrohttpd.
 *
 * Paths: `/sparql` the endpoint (sparql_protocol.h decides what a request asks; a GET
 * without parameters is the service description), `/` the query page, `/topics` the
 * shipped compare topics as JSON ([{"name", "title", "query"}]). Every answer carries
 * `Access-Control-Allow-Origin: *`, and OPTIONS answers the CORS preflight, so a page
 * on another origin can query. Answers are negotiated from Accept (sparql_server.c lists
 * the media types) and their Content-Type always names what the body is.
 *
 * Requests are served by a pool of threads; librdf and rasqal are not thread-safe, so
 * the graph answers one query at a time (the others wait), each within its time limit.
 */
#ifndef ILDKG_SPARQL_SERVER_H
#define ILDKG_SPARQL_SERVER_H

#include <stddef.h>

#include "graph.h"
#include "service_description.h"
#include "status.h"

typedef struct {
  const char *bind;         /**< a numeric IPv4 or IPv6 address to listen on */
  unsigned port;            /**< 0: a free port, chosen by the system */
  unsigned threads;         /**< request threads, at least 1 */
  double timeout_s;         /**< a query's time limit; 0: none */
  size_t max_rows;          /**< a query's row limit; 0: none */
  size_t max_body;          /**< bytes of a request body, beyond which it is 413 */
  const char *base;         /**< the data's base IRI (the `kg:` prefix of JSON-LD) */
  const char *dataset_iri;  /**< the one default-graph-uri accepted; NULL: none */
  const char *page;         /**< the HTML of `/`, borrowed; NULL: 404 */
  const service_example *examples; /**< borrowed, like every string above */
  size_t nexamples;
} sparql_server_options;

typedef struct sparql_server sparql_server;

enum { SPARQL_SERVER_WHY_SIZE = 256 };

/**
 * Listen as @p o says and answer queries on @p g (borrowed, with everything @p o points
 * to, until sparql_server_stop). On failure @p why (SPARQL_SERVER_WHY_SIZE bytes) says why.
 * @return ILDKG_OK; ILDKG_ERR_USAGE (not a numeric address); ILDKG_ERR_CANTCREAT (cannot
 *   listen there, e.g. the port is taken); ILDKG_ERR_NOMEM.
 */
ildkg_status sparql_server_start(graph *g, const sparql_server_options *o, sparql_server **out,
                                 char *why);

/** The port it listens on (the chosen one when asked for 0). */
unsigned sparql_server_port(const sparql_server *s);

/**
 * http://ADDR:PORT/@p path on the address and port it listens on (an IPv6 address in
 * brackets). Caller frees; NULL when out of memory.
 */
char *sparql_server_url(const sparql_server *s, const char *path);

/** Stop listening, finish the requests under way, and release @p s. NULL is fine. */
void sparql_server_stop(sparql_server *s);

#endif
