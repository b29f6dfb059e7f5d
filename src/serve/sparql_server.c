/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "sparql_server.h"

#include <errno.h>
#include <jansson.h>
#include <microhttpd.h>
#include <netdb.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "http_accept.h"
#include "query_runner.h"
#include "results_writer.h"
#include "sparql_protocol.h"

/* A media type a client may ask for, the results_writer format behind it, and the
   Content-Type of the answer. In the server's order of preference. */
typedef struct {
  const char *media;
  const char *format;
  const char *content_type;
} offer;

static const offer RESULT_OFFERS[] = {
  {"application/sparql-results+json", "json", "application/sparql-results+json"},
  {"application/sparql-results+xml", "xml", "application/sparql-results+xml; charset=utf-8"},
  {"text/csv", "csv", "text/csv; charset=utf-8"},
  {"text/tab-separated-values", "tsv", "text/tab-separated-values; charset=utf-8"},
  {"application/json", "json", "application/json"},
  {"application/xml", "xml", "application/xml; charset=utf-8"},
};

static const offer GRAPH_OFFERS[] = {
  {"text/turtle", "turtle", "text/turtle; charset=utf-8"},
  {"application/n-triples", "ntriples", "application/n-triples"},
  {"application/ld+json", "jsonld", "application/ld+json"},
  {"application/rdf+xml", "rdfxml", "application/rdf+xml"},
  {"text/plain", "ntriples", "text/plain; charset=utf-8"},
};

#define NOFFERS(list) (sizeof(list) / sizeof *(list))
#define TEXT_TYPE "text/plain; charset=utf-8"

struct sparql_server {
  struct MHD_Daemon *daemon;
  graph *g;
  pthread_mutex_t graph_lock; /* the graph and its raptor world: one user at a time */
  sparql_server_options o;
  char *topics_json; /* owned */
  unsigned port;
};

/* A request while its body arrives. */
typedef struct {
  char *body;
  size_t len;
  int too_large;
} request_body;

/* ---- responses ------------------------------------------------------------------- */

/* Queue @p body (@p len bytes; taken when @p owned, else static) with @p status. */
static enum MHD_Result
send_body(struct MHD_Connection *c, unsigned status, const char *content_type, char *body,
          size_t len, int owned, const char *allow)
{
  struct MHD_Response *r = MHD_create_response_from_buffer(
    len, body, owned ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
  if (!r) {
    if (owned) {
      free(body);
    }
    return MHD_NO;
  }
  int ok = MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, content_type) == MHD_YES &&
           MHD_add_response_header(r, "Access-Control-Allow-Origin", "*") == MHD_YES &&
           MHD_add_response_header(r, "X-Content-Type-Options", "nosniff") == MHD_YES &&
           MHD_add_response_header(r, MHD_HTTP_HEADER_VARY, "Accept") == MHD_YES;
  if (ok && allow) {
    ok = MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, allow) == MHD_YES;
  }
  const enum MHD_Result queued = ok ? MHD_queue_response(c, status, r) : MHD_NO;
  MHD_destroy_response(r);
  return queued;
}

static enum MHD_Result send_text(struct MHD_Connection *c, unsigned status, const char *fmt,
                                 ...) ILDKG_PRINTF(3, 4);

/* A plain-text answer: an error's message, one line. */
static enum MHD_Result
send_text(struct MHD_Connection *c, unsigned status, const char *fmt, ...)
{
  char *text = NULL;
  va_list args;
  va_start(args, fmt);
  const int len = vasprintf(&text, fmt, args);
  va_end(args);
  if (len < 0) {
    return MHD_NO;
  }
  const char *allow = status == MHD_HTTP_METHOD_NOT_ALLOWED ? "GET, HEAD, POST, OPTIONS" : NULL;
  return send_body(c, status, TEXT_TYPE, text, (size_t)len, 1, allow);
}

static enum MHD_Result
send_preflight(struct MHD_Connection *c)
{
  struct MHD_Response *r = MHD_create_response_from_buffer(0, NULL, MHD_RESPMEM_PERSISTENT);
  if (!r) {
    return MHD_NO;
  }
  const int ok =
    MHD_add_response_header(r, "Access-Control-Allow-Origin", "*") == MHD_YES &&
    MHD_add_response_header(r, "Access-Control-Allow-Methods", "GET, HEAD, POST, OPTIONS") ==
      MHD_YES &&
    MHD_add_response_header(r, "Access-Control-Allow-Headers", "Accept, Content-Type") ==
      MHD_YES &&
    MHD_add_response_header(r, "Access-Control-Max-Age", "86400") == MHD_YES &&
    MHD_add_response_header(r, MHD_HTTP_HEADER_ALLOW, "GET, HEAD, POST, OPTIONS") == MHD_YES;
  const enum MHD_Result queued = ok ? MHD_queue_response(c, MHD_HTTP_NO_CONTENT, r) : MHD_NO;
  MHD_destroy_response(r);
  return queued;
}

static const char *
header(struct MHD_Connection *c, const char *name)
{
  return MHD_lookup_connection_value(c, MHD_HEADER_KIND, name);
}

/* The offer of @p offers that the request's Accept prefers, or NULL (406). */
static const offer *
negotiate(struct MHD_Connection *c, const offer *offers, size_t n)
{
  const char *media[8];
  for (size_t i = 0; i < n; ++i) {
    media[i] = offers[i].media;
  }
  const long chosen = http_accept_choose(header(c, MHD_HTTP_HEADER_ACCEPT), media, n);
  return chosen < 0 ? NULL : &offers[chosen];
}

static enum MHD_Result
send_not_acceptable(struct MHD_Connection *c, const offer *offers, size_t n)
{
  char list[512] = "";
  for (size_t i = 0; i < n; ++i) {
    strncat(list, i ? ", " : "", sizeof list - strlen(list) - 1);
    strncat(list, offers[i].media, sizeof list - strlen(list) - 1);
  }
  return send_text(c, MHD_HTTP_NOT_ACCEPTABLE, "no format the Accept header allows: this "
                   "answer can be %s\n", list);
}

/* Write @p a in the format of @p chosen and queue it. The caller holds the graph lock. */
static enum MHD_Result
send_answer(sparql_server *s, struct MHD_Connection *c, const query_answer *a,
            const offer *chosen)
{
  char *body = NULL, why[RESULTS_WHY_SIZE];
  size_t len = 0;
  FILE *out = open_memstream(&body, &len);
  if (!out) {
    return send_text(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory\n");
  }
  const ildkg_status st = results_write(a, chosen->format, s->o.base, out, why);
  if (fclose(out) != 0 || st != ILDKG_OK) {
    free(body);
    if (st == ILDKG_ERR_UNSUPPORTED) {
      return send_text(c, MHD_HTTP_NOT_ACCEPTABLE, "%s cannot hold this answer: %s\n",
                       chosen->media, why);
    }
    return send_text(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "cannot write the answer: %s\n",
                     ildkg_status_string(st));
  }
  return send_body(c, MHD_HTTP_OK, chosen->content_type, body, len, 1, NULL);
}

/* ---- the endpoint ---------------------------------------------------------------- */

/* The URL the client reached the endpoint at, from its Host header when that is a plain
   host[:port]; else the address listened on. Caller frees. */
static char *
endpoint_url(const sparql_server *s, struct MHD_Connection *c)
{
  const char *host = header(c, MHD_HTTP_HEADER_HOST);
  char *url = NULL;
  const int plain = host && *host && strlen(host) < 256 &&
                    host[strspn(host, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                      "0123456789.-:[]")] == '\0';
  if (!plain) {
    return sparql_server_url(s, "sparql");
  }
  return asprintf(&url, "http://%s/sparql", host) < 0 ? NULL : url;
}

static enum MHD_Result
answer_description(sparql_server *s, struct MHD_Connection *c)
{
  const offer *chosen = negotiate(c, GRAPH_OFFERS, NOFFERS(GRAPH_OFFERS));
  if (!chosen) {
    return send_not_acceptable(c, GRAPH_OFFERS, NOFFERS(GRAPH_OFFERS));
  }
  char *url = endpoint_url(s, c);
  if (!url) {
    return send_text(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory\n");
  }
  pthread_mutex_lock(&s->graph_lock);
  const service_info info = {url,          graph_size(s->g), s->o.dataset_iri, s->o.timeout_s,
                             s->o.max_rows, s->o.examples,   s->o.nexamples};
  query_answer *a = NULL;
  const ildkg_status st = service_description_build(graph_raptor_world(s->g), &info, &a);
  const enum MHD_Result sent =
    st == ILDKG_OK ? send_answer(s, c, a, chosen)
                   : send_text(c, MHD_HTTP_INTERNAL_SERVER_ERROR,
                               "cannot describe the service: %s\n", ildkg_status_string(st));
  query_answer_free(a);
  pthread_mutex_unlock(&s->graph_lock);
  free(url);
  return sent;
}

/* The dataset a request names must be the one the endpoint holds: nothing is ever
   answered from another graph than the client asked for. */
static int
names_our_dataset(const sparql_server *s, const protocol_request *r)
{
  for (size_t i = 0; i < r->ndefault_graphs; ++i) {
    if (!s->o.dataset_iri || strcmp(r->default_graphs[i], s->o.dataset_iri)) {
      return 0;
    }
  }
  return r->nnamed_graphs == 0;
}

static enum MHD_Result
refuse_dataset(const sparql_server *s, struct MHD_Connection *c, const protocol_request *r)
{
  if (r->nnamed_graphs) {
    return send_text(c, MHD_HTTP_BAD_REQUEST, "not supported: named-graph-uri <%s> (this "
                     "endpoint's dataset is one default graph and no named graphs)\n",
                     r->named_graphs[0]);
  }
  const char *ours = s->o.dataset_iri;
  for (size_t i = 0; i < r->ndefault_graphs; ++i) {
    if (!ours || strcmp(r->default_graphs[i], ours)) {
      return send_text(c, MHD_HTTP_BAD_REQUEST, "not supported: default-graph-uri <%s> (the "
                       "default graph of this endpoint is %s%s%s)\n", r->default_graphs[i],
                       ours ? "<" : "its data, with no name", ours ? ours : "", ours ? ">" : "");
    }
  }
  return MHD_NO;
}

static enum MHD_Result
send_query_failure(struct MHD_Connection *c, ildkg_status st, const char *why)
{
  switch (st) {
  case ILDKG_ERR_INPUT:
  case ILDKG_ERR_UNSUPPORTED: return send_text(c, MHD_HTTP_BAD_REQUEST, "%s\n", why);
  case ILDKG_ERR_LIMIT: return send_text(c, MHD_HTTP_SERVICE_UNAVAILABLE, "%s\n", why);
  default:
    return send_text(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "%s\n",
                     *why ? why : ildkg_status_string(st));
  }
}

static enum MHD_Result
answer_query(sparql_server *s, struct MHD_Connection *c, const protocol_request *r)
{
  if (!names_our_dataset(s, r)) {
    return refuse_dataset(s, c, r);
  }
  char why[QUERY_WHY_SIZE] = "";
  const query_limits limits = {s->o.timeout_s, s->o.max_rows, NULL};
  query_answer *a = NULL;
  pthread_mutex_lock(&s->graph_lock);
  const ildkg_status st = query_run(s->g, r->query, r->query_len, &limits, &a, why);
  enum MHD_Result sent;
  if (st != ILDKG_OK) {
    sent = send_query_failure(c, st, why);
  } else {
    const int graph_answer = a->kind == ANSWER_GRAPH;
    const offer *offers = graph_answer ? GRAPH_OFFERS : RESULT_OFFERS;
    const size_t n = graph_answer ? NOFFERS(GRAPH_OFFERS) : NOFFERS(RESULT_OFFERS);
    const offer *chosen = negotiate(c, offers, n);
    sent = chosen ? send_answer(s, c, a, chosen) : send_not_acceptable(c, offers, n);
  }
  query_answer_free(a);
  pthread_mutex_unlock(&s->graph_lock);
  return sent;
}

/* Collects the URL's query parameters. */
typedef struct {
  protocol_param *items;
  size_t n, capacity;
  int failed;
} param_list;

static enum MHD_Result
collect_param(void *cls, enum MHD_ValueKind kind, const char *key, const char *value)
{
  (void)kind;
  param_list *l = cls;
  if (l->n == l->capacity) {
    const size_t capacity = l->capacity ? 2 * l->capacity : 8;
    protocol_param *grown = realloc(l->items, capacity * sizeof *grown);
    if (!grown) {
      l->failed = 1;
      return MHD_NO;
    }
    l->items = grown;
    l->capacity = capacity;
  }
  l->items[l->n++] = (protocol_param){key, value};
  return MHD_YES;
}

static enum MHD_Result
answer_sparql(sparql_server *s, struct MHD_Connection *c, const char *method,
              const request_body *b)
{
  param_list params = {NULL, 0, 0, 0};
  MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, collect_param, &params);
  const protocol_input in = {method, header(c, MHD_HTTP_HEADER_CONTENT_TYPE), params.items,
                             params.n, b->body, b->len};
  protocol_request r;
  const ildkg_status st =
    params.failed ? ILDKG_ERR_NOMEM : sparql_protocol_read(&in, &r);
  enum MHD_Result sent;
  if (st != ILDKG_OK) {
    sent = send_text(c, MHD_HTTP_INTERNAL_SERVER_ERROR, "out of memory\n");
  } else if (r.action == PROTOCOL_REFUSED) {
    sent = send_text(c, r.status, "%s\n", r.message);
  } else if (r.action == PROTOCOL_PREFLIGHT) {
    sent = send_preflight(c);
  } else if (r.action == PROTOCOL_DESCRIPTION) {
    sent = answer_description(s, c);
  } else {
    sent = answer_query(s, c, &r);
  }
  if (st == ILDKG_OK) {
    protocol_request_clear(&r);
  }
  free(params.items);
  return sent;
}

/* ---- routing ---------------------------------------------------------------------- */

static enum MHD_Result
answer_static(struct MHD_Connection *c, const char *method, const char *content_type,
              const char *body)
{
  if (!strcmp(method, "OPTIONS")) {
    return send_preflight(c);
  }
  if (strcmp(method, "GET") && strcmp(method, "HEAD")) {
    return send_text(c, MHD_HTTP_METHOD_NOT_ALLOWED, "method %s: this page is read with GET\n",
                     method);
  }
  return send_body(c, MHD_HTTP_OK, content_type, (char *)body, strlen(body), 0, NULL);
}

static enum MHD_Result
respond(sparql_server *s, struct MHD_Connection *c, const char *url, const char *method,
        const request_body *b)
{
  if (b->too_large) {
    return send_text(c, MHD_HTTP_CONTENT_TOO_LARGE, "the request body is over %zu bytes\n",
                     s->o.max_body);
  }
  if (!strcmp(url, "/sparql")) {
    return answer_sparql(s, c, method, b);
  }
  if (!strcmp(url, "/") && s->o.page) {
    return answer_static(c, method, "text/html; charset=utf-8", s->o.page);
  }
  if (!strcmp(url, "/topics")) {
    return answer_static(c, method, "application/json", s->topics_json);
  }
  return send_text(c, MHD_HTTP_NOT_FOUND, "no such page: the SPARQL endpoint is /sparql\n");
}

static enum MHD_Result
handle_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
               const char *version, const char *upload_data, size_t *upload_data_size,
               void **state)
{
  (void)version;
  sparql_server *s = cls;
  request_body *b = *state;
  if (!b) {
    /* the first call sees the headers only: the body, if any, comes in the next calls */
    return (*state = calloc(1, sizeof *b)) ? MHD_YES : MHD_NO;
  }
  if (*upload_data_size) {
    const size_t add = *upload_data_size;
    *upload_data_size = 0;
    if (b->too_large || b->len + add > s->o.max_body) {
      b->too_large = 1;
      return MHD_YES;
    }
    char *grown = realloc(b->body, b->len + add + 1);
    if (!grown) {
      return MHD_NO;
    }
    memcpy(grown + b->len, upload_data, add);
    b->body = grown;
    b->len += add;
    return MHD_YES;
  }
  return respond(s, c, url, method, b);
}

static void
request_completed(void *cls, struct MHD_Connection *c, void **state,
                  enum MHD_RequestTerminationCode code)
{
  (void)cls, (void)c, (void)code;
  request_body *b = *state;
  if (b) {
    free(b->body);
    free(b);
    *state = NULL;
  }
}

/* ---- start and stop --------------------------------------------------------------- */

static char *
topics_json(const sparql_server_options *o)
{
  json_t *list = json_array();
  for (size_t i = 0; list && i < o->nexamples; ++i) {
    json_t *t = json_pack("{s:s, s:s, s:s}", "name", o->examples[i].name, "title",
                          o->examples[i].title, "query", o->examples[i].query);
    if (!t || json_array_append_new(list, t)) {
      json_decref(list);
      return NULL;
    }
  }
  char *text = list ? json_dumps(list, JSON_INDENT(2)) : NULL;
  json_decref(list);
  return text;
}

static ildkg_status
resolve(const sparql_server_options *o, struct sockaddr_storage *addr, char *why)
{
  struct addrinfo hints = {.ai_flags = AI_NUMERICHOST | AI_PASSIVE, .ai_socktype = SOCK_STREAM};
  struct addrinfo *found = NULL;
  char port[16];
  snprintf(port, sizeof port, "%u", o->port);
  const int rc = getaddrinfo(o->bind, port, &hints, &found);
  if (rc != 0) {
    snprintf(why, SPARQL_SERVER_WHY_SIZE, "bad address '%s': %s (give a numeric IPv4 or IPv6 "
             "address)", o->bind, gai_strerror(rc));
    return ILDKG_ERR_USAGE;
  }
  memcpy(addr, found->ai_addr, found->ai_addrlen);
  freeaddrinfo(found);
  return ILDKG_OK;
}

ildkg_status
sparql_server_start(graph *g, const sparql_server_options *o, sparql_server **out, char *why)
{
  *out = NULL;
  why[0] = '\0';
  struct sockaddr_storage addr;
  ildkg_status st = resolve(o, &addr, why);
  if (st != ILDKG_OK) {
    return st;
  }
  sparql_server *s = calloc(1, sizeof *s);
  if (!s || !(s->topics_json = topics_json(o))) {
    free(s);
    return ILDKG_ERR_NOMEM;
  }
  s->g = g;
  s->o = *o;
  pthread_mutex_init(&s->graph_lock, NULL);
  const unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_AUTO | MHD_USE_ERROR_LOG |
                         (addr.ss_family == AF_INET6 ? MHD_USE_IPv6 : 0);
  s->daemon = MHD_start_daemon(
    flags, (uint16_t)o->port, NULL, NULL, handle_request, s, MHD_OPTION_SOCK_ADDR, &addr,
    MHD_OPTION_THREAD_POOL_SIZE, o->threads ? o->threads : 1u, MHD_OPTION_CONNECTION_TIMEOUT,
    30u, MHD_OPTION_NOTIFY_COMPLETED, request_completed, s, MHD_OPTION_END);
  if (!s->daemon) {
    snprintf(why, SPARQL_SERVER_WHY_SIZE, "cannot listen on %s port %u: %s", o->bind, o->port,
             errno ? strerror(errno) : "libmicrohttpd failed to start");
    sparql_server_stop(s);
    return ILDKG_ERR_CANTCREAT;
  }
  const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
  s->port = info ? info->port : o->port;
  *out = s;
  return ILDKG_OK;
}

unsigned
sparql_server_port(const sparql_server *s)
{
  return s->port;
}

char *
sparql_server_url(const sparql_server *s, const char *path)
{
  const int v6 = strchr(s->o.bind, ':') != NULL;
  char *url = NULL;
  return asprintf(&url, "http://%s%s%s:%u/%s", v6 ? "[" : "", s->o.bind, v6 ? "]" : "",
                  s->port, path) < 0
           ? NULL
           : url;
}

void
sparql_server_stop(sparql_server *s)
{
  if (!s) {
    return;
  }
  if (s->daemon) {
    MHD_stop_daemon(s->daemon);
  }
  pthread_mutex_destroy(&s->graph_lock);
  free(s->topics_json);
  free(s);
}
