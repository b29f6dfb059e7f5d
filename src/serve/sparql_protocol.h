/* SPDX-License-Identifier: MIT */
/**
 * @file sparql_protocol.h  What one HTTP request asks of a SPARQL 1.1 Protocol query
 * service (https://www.w3.org/TR/sparql11-protocol/), decided apart from the HTTP server:
 * the query and its dataset, the service description, a CORS preflight, or a refusal with
 * its HTTP status.
 *
 * Query by GET `?query=`, POST `application/x-www-form-urlencoded`, or POST
 * `application/sparql-query` (the query is the body); `default-graph-uri` and
 * `named-graph-uri` from the URL or the form. The service is read-only: `update` and
 * `application/sparql-update` are 405. A body in another charset than UTF-8, or another
 * media type, is 415; two queries, a query that is not UTF-8, or a bad %-escape are 400.
 * GET or HEAD with no protocol parameter asks for the service description.
 */
#ifndef ILDKG_SPARQL_PROTOCOL_H
#define ILDKG_SPARQL_PROTOCOL_H

#include <stddef.h>

#include "status.h"

/** One decoded URL query parameter, borrowed. */
typedef struct {
  const char *name;
  const char *value; /**< NULL for a bare `?name` */
} protocol_param;

typedef struct {
  const char *method;       /**< GET, POST, HEAD, OPTIONS, ... */
  const char *content_type; /**< of the body; NULL when absent */
  const protocol_param *params; /**< the URL's query parameters, decoded */
  size_t nparams;
  const char *body; /**< the request body (not NUL-terminated), or NULL */
  size_t body_len;
} protocol_input;

typedef enum {
  PROTOCOL_QUERY,       /**< run query with the dataset given */
  PROTOCOL_DESCRIPTION, /**< answer the service description */
  PROTOCOL_PREFLIGHT,   /**< OPTIONS: answer the CORS preflight */
  PROTOCOL_REFUSED,     /**< answer status with message */
} protocol_action;

enum { PROTOCOL_MESSAGE_SIZE = 256 };

typedef struct {
  protocol_action action;
  char *query; /**< owned, NUL-terminated; PROTOCOL_QUERY only */
  size_t query_len;
  char **default_graphs; /**< owned: default-graph-uri values, in order */
  size_t ndefault_graphs;
  char **named_graphs; /**< owned: named-graph-uri values, in order */
  size_t nnamed_graphs;
  unsigned status; /**< PROTOCOL_REFUSED: the HTTP status (400, 405, 415) */
  char message[PROTOCOL_MESSAGE_SIZE]; /**< PROTOCOL_REFUSED: why, for the client */
} protocol_request;

/**
 * Decide what @p in asks for, into @p out (release with protocol_request_clear, also on
 * failure). A request the protocol refuses is ILDKG_OK with action PROTOCOL_REFUSED.
 * @return ILDKG_OK or ILDKG_ERR_NOMEM.
 */
ildkg_status sparql_protocol_read(const protocol_input *in, protocol_request *out);

void protocol_request_clear(protocol_request *r);

#endif
