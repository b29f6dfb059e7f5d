/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "endpoint_client.h"

#include <ctype.h>
#include <curl/curl.h>
#include <jansson.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "graph.h"
#include "statement_sort.h"
#include "sparql_lexer.h"
#include "utf8.h"

#define XSD_STRING "http://www.w3.org/2001/XMLSchema#string"
#define VIRTUOSO_ASK "__ASK_RETVAL"

/* What the store may send at most: beyond, the answer is refused (ILDKG_ERR_LIMIT). */
#define MAX_BODY ((size_t)1 << 30)
/* How much of an error page a message quotes. */
enum { QUOTED_BYTES = 300, MAX_REDIRECTS = 5 };

static ildkg_status fail(char *why, size_t why_size, ildkg_status st, const char *fmt, ...)
  ILDKG_PRINTF(4, 5);

/* Write the reason to @p why and return @p st: report and return in one statement. */
static ildkg_status
fail(char *why, size_t why_size, ildkg_status st, const char *fmt, ...)
{
  va_list args;
  va_start(args, fmt);
  vsnprintf(why, why_size, fmt, args);
  va_end(args);
  return st;
}

int
endpoint_client_url_is_valid(const char *url)
{
  static const char *const schemes[] = {"http://", "https://"};
  for (size_t i = 0; i < sizeof schemes / sizeof *schemes; ++i) {
    const size_t n = strlen(schemes[i]);
    if (!strncasecmp(url, schemes[i], n) && url[n] && url[n] != '/') {
      for (const unsigned char *c = (const unsigned char *)url; *c; ++c) {
        if (*c <= ' ' || *c == 0x7f) {
          return 0; /* libcurl would send a space or a control byte as it is */
        }
      }
      return 1;
    }
  }
  return 0;
}

static int
word_is(const char *word, size_t n, const char *keyword)
{
  return strlen(keyword) == n && !strncasecmp(word, keyword, n);
}

endpoint_form
endpoint_client_query_form(const char *query, size_t len)
{
  const sparql_token t = sparql_lexer_after_prologue(query);
  if (t.start + t.len > len) {
    return ENDPOINT_FORM_UNKNOWN;
  }
  return sparql_token_is(query, &t, "SELECT")      ? ENDPOINT_FORM_SELECT
         : sparql_token_is(query, &t, "ASK")       ? ENDPOINT_FORM_ASK
         : sparql_token_is(query, &t, "CONSTRUCT") ? ENDPOINT_FORM_GRAPH
         : sparql_token_is(query, &t, "DESCRIBE")  ? ENDPOINT_FORM_GRAPH
                                                   : ENDPOINT_FORM_UNKNOWN;
}

/* ---- SPARQL 1.1 JSON results ---- */

/* A literal of @p value (the JSON object of a binding): language or datatype, or neither. */
static ildkg_status
literal_term(raptor_world *world, const json_t *value, int typed, raptor_term **out, char *why,
             size_t why_size)
{
  const json_t *text = json_object_get(value, "value");
  const char *lang = json_string_value(json_object_get(value, "xml:lang"));
  const char *datatype = json_string_value(json_object_get(value, "datatype"));
  if (typed && !datatype) {
    return fail(why, why_size, ILDKG_ERR_REMOTE, "a typed-literal without a datatype");
  }
  if (lang && strlen(lang) > UCHAR_MAX) {
    return fail(why, why_size, ILDKG_ERR_REMOTE, "a language tag of more than %d bytes",
                UCHAR_MAX);
  }
  if ((lang && *lang) || (datatype && !strcmp(datatype, XSD_STRING))) {
    datatype = NULL; /* rdf:langString goes with its tag; xsd:string is the simple literal */
  }
  raptor_uri *dt = datatype ? raptor_new_uri(world, (const unsigned char *)datatype) : NULL;
  if (datatype && !dt) {
    return fail(why, why_size, ILDKG_ERR_REMOTE, "a datatype that is not an IRI: '%s'", datatype);
  }
  *out = raptor_new_term_from_counted_literal(
    world, (const unsigned char *)json_string_value(text), json_string_length(text), dt,
    (const unsigned char *)(lang && *lang ? lang : NULL),
    (unsigned char)(lang ? strlen(lang) : 0));
  if (dt) {
    raptor_free_uri(dt);
  }
  return *out ? ILDKG_OK : ILDKG_ERR_NOMEM;
}

/* The term of one binding's value object (SPARQL 1.1 JSON results, section 3.2.2). */
static ildkg_status
term_from_json(raptor_world *world, const json_t *value, raptor_term **out, char *why,
               size_t why_size)
{
  const char *type = json_string_value(json_object_get(value, "type"));
  const json_t *text = json_object_get(value, "value");
  *out = NULL;
  if (!json_is_object(value) || !type || !json_is_string(text)) {
    return fail(why, why_size, ILDKG_ERR_REMOTE, "a value without a type or a string value");
  }
  const unsigned char *s = (const unsigned char *)json_string_value(text);
  const size_t n = json_string_length(text);
  if (!strcmp(type, "literal") || !strcmp(type, "typed-literal")) {
    return literal_term(world, value, !strcmp(type, "typed-literal"), out, why, why_size);
  }
  if (strcmp(type, "uri") && strcmp(type, "bnode")) {
    return fail(why, why_size, ILDKG_ERR_REMOTE, "a value of unknown type '%s'", type);
  }
  if (!n) {
    return fail(why, why_size, ILDKG_ERR_REMOTE, "an empty %s", type);
  }
  *out = !strcmp(type, "uri") ? raptor_new_term_from_counted_uri_string(world, s, n)
                              : raptor_new_term_from_counted_blank(world, s, n);
  return *out ? ILDKG_OK : ILDKG_ERR_NOMEM;
}

static ildkg_status
add_variables(query_answer *a, const json_t *vars, char *why, size_t why_size)
{
  if (!json_is_array(vars)) {
    return fail(why, why_size, ILDKG_ERR_REMOTE, "no head.vars array");
  }
  ildkg_status st = ILDKG_OK;
  for (size_t i = 0; st == ILDKG_OK && i < json_array_size(vars); ++i) {
    const char *name = json_string_value(json_array_get(vars, i));
    if (!name || !*name || query_answer_find_variable(a, name) >= 0) {
      return fail(why, why_size, ILDKG_ERR_REMOTE, "head.vars[%zu] is not a new variable name", i);
    }
    st = query_answer_add_variable(a, name);
  }
  return st;
}

/* Fill @p row (a->nvariables entries, all NULL) from one binding object. */
static ildkg_status
fill_row(query_answer *a, json_t *binding, raptor_term **row, char *why, size_t why_size)
{
  if (!json_is_object(binding)) {
    return fail(why, why_size, ILDKG_ERR_REMOTE, "a binding that is not an object");
  }
  const char *name;
  json_t *value;
  json_object_foreach (binding, name, value) {
    const long column = query_answer_find_variable(a, name);
    if (column < 0) {
      return fail(why, why_size, ILDKG_ERR_REMOTE, "a binding of '%s', not in head.vars", name);
    }
    const ildkg_status st = term_from_json(a->world, value, &row[column], why, why_size);
    if (st != ILDKG_OK) {
      return st;
    }
  }
  return ILDKG_OK;
}

static ildkg_status
add_rows(query_answer *a, const json_t *bindings, size_t max_rows, char *why, size_t why_size)
{
  if (!json_is_array(bindings)) {
    return fail(why, why_size, ILDKG_ERR_REMOTE, "no results.bindings array");
  }
  if (max_rows && json_array_size(bindings) > max_rows) {
    return fail(why, why_size, ILDKG_ERR_LIMIT, "the answer has more than %zu rows (--max-rows)",
                max_rows);
  }
  ildkg_status st = ILDKG_OK;
  for (size_t r = 0; st == ILDKG_OK && r < json_array_size(bindings); ++r) {
    raptor_term **row = calloc(a->nvariables ? a->nvariables : 1, sizeof *row);
    if (!row) {
      return ILDKG_ERR_NOMEM;
    }
    st = fill_row(a, json_array_get(bindings, r), row, why, why_size);
    if (st == ILDKG_OK) {
      st = query_answer_add_row(a, row); /* takes the terms */
    } else {
      for (size_t c = 0; c < a->nvariables; ++c) {
        if (row[c]) {
          raptor_free_term(row[c]);
        }
      }
    }
    free(row);
  }
  return st;
}

static ildkg_status
answer_from_json(const json_t *root, raptor_world *world, size_t max_rows, query_answer **out,
                 char *why, size_t why_size)
{
  const json_t *boolean = json_object_get(root, "boolean");
  query_answer *a = query_answer_new(boolean ? ANSWER_BOOLEAN : ANSWER_BINDINGS, world);
  ildkg_status st = a ? ILDKG_OK : ILDKG_ERR_NOMEM;
  if (st == ILDKG_OK && boolean) {
    a->boolean = json_is_true(boolean);
    if (!json_is_boolean(boolean)) {
      st = fail(why, why_size, ILDKG_ERR_REMOTE, "'boolean' is not true or false");
    }
  } else if (st == ILDKG_OK) {
    st = add_variables(a, json_object_get(json_object_get(root, "head"), "vars"), why, why_size);
    if (st == ILDKG_OK) {
      st = add_rows(a, json_object_get(json_object_get(root, "results"), "bindings"), max_rows,
                    why, why_size);
    }
  }
  if (st != ILDKG_OK) {
    query_answer_free(a);
    a = NULL;
  }
  *out = a;
  return st;
}

ildkg_status
endpoint_client_parse_json(const char *body, size_t len, raptor_world *world, size_t max_rows,
                           query_answer **out, char *why, size_t why_size)
{
  json_error_t error;
  *out = NULL;
  json_t *root = json_loadb(body, len, JSON_REJECT_DUPLICATES, &error);
  if (!root) {
    return fail(why, why_size, ILDKG_ERR_REMOTE,
                "not SPARQL 1.1 JSON results: not JSON: %s (line %d)", error.text, error.line);
  }
  ildkg_status st =
    json_is_object(root)
      ? answer_from_json(root, world, max_rows, out, why, why_size)
      : fail(why, why_size, ILDKG_ERR_REMOTE, "the JSON results are not an object");
  json_decref(root);
  if (st == ILDKG_ERR_REMOTE) {
    char detail[ENDPOINT_WHY_SIZE];
    snprintf(detail, sizeof detail, "%s", why);
    st = fail(why, why_size, st, "not SPARQL 1.1 JSON results: %s", detail);
  }
  return st;
}

/* ---- RDF graphs ---- */

typedef struct {
  query_answer *answer;
  raptor_parser *parser;
  size_t max_rows;
  ildkg_status status;
  char error[256]; /* raptor's first error */
} graph_sink;

static void
on_statement(void *user_data, raptor_statement *t)
{
  graph_sink *sink = user_data;
  if (sink->status != ILDKG_OK) {
    return;
  }
  if (sink->max_rows && sink->answer->ntriples >= sink->max_rows) {
    sink->status = ILDKG_ERR_LIMIT;
    raptor_parser_parse_abort(sink->parser);
    return;
  }
  raptor_statement *copy = raptor_statement_copy(t);
  sink->status = copy ? query_answer_add_triple(sink->answer, copy) : ILDKG_ERR_NOMEM;
}

static void
on_log(void *user_data, raptor_log_message *m)
{
  graph_sink *sink = user_data;
  if (m->level >= RAPTOR_LOG_LEVEL_ERROR && !sink->error[0]) {
    snprintf(sink->error, sizeof sink->error, "line %d: %s", m->locator ? m->locator->line : 0,
             m->text ? m->text : "error");
  }
}

/* Parse @p body with raptor's parser @p syntax into sink->answer. */
static ildkg_status
parse_rdf(graph_sink *sink, const char *syntax, const char *body, size_t len, const char *base_iri,
          raptor_world *world)
{
  raptor_uri *base = raptor_new_uri(world, (const unsigned char *)base_iri);
  sink->parser = base ? raptor_new_parser(world, syntax) : NULL;
  if (!sink->parser) {
    if (base) {
      raptor_free_uri(base);
    }
    return ILDKG_ERR_NOMEM;
  }
  raptor_world_set_log_handler(world, sink, on_log);
  raptor_parser_set_statement_handler(sink->parser, sink, on_statement);
  int rc = raptor_parser_parse_start(sink->parser, base);
  rc = rc ? rc
          : raptor_parser_parse_chunk(sink->parser, (const unsigned char *)body, len, 1);
  raptor_world_set_log_handler(world, NULL, NULL);
  raptor_free_parser(sink->parser);
  raptor_free_uri(base);
  if (sink->status == ILDKG_OK && (rc || sink->error[0])) {
    sink->status = ILDKG_ERR_REMOTE;
  }
  return sink->status;
}

static ildkg_status
parse_graph(const char *syntax, const char *body, size_t len, const char *base_iri,
            raptor_world *world, size_t max_rows, query_answer **out, char *why, size_t why_size)
{
  graph_sink sink = {query_answer_new(ANSWER_GRAPH, world), NULL, max_rows, ILDKG_OK, ""};
  ildkg_status st = sink.answer ? parse_rdf(&sink, syntax, body, len, base_iri, world)
                                : ILDKG_ERR_NOMEM;
  if (st == ILDKG_OK) {
    st = statement_sort(sink.answer->triples, sink.answer->ntriples);
  } else if (st == ILDKG_ERR_LIMIT) {
    fail(why, why_size, st, "the answer has more than %zu triples (--max-rows)", max_rows);
  } else if (st == ILDKG_ERR_REMOTE) {
    fail(why, why_size, st, "the %s answer does not parse: %s", syntax,
         sink.error[0] ? sink.error : "parse error");
  }
  if (st != ILDKG_OK) {
    query_answer_free(sink.answer);
    sink.answer = NULL;
  }
  *out = sink.answer;
  return st;
}

/* ---- the answer as a whole ---- */

/* The raptor parser for @p media (a media type without parameters), "json", or NULL. */
static const char *
syntax_for(const char *media, size_t n)
{
  static const struct {
    const char *media, *syntax;
  } known[] = {
    {"application/sparql-results+json", "json"}, {"application/json", "json"},
    {"application/n-triples", "ntriples"},       {"text/plain", "ntriples"},
    {"text/turtle", "turtle"},                   {"application/x-turtle", "turtle"},
    {"application/rdf+xml", "rdfxml"},
  };
  for (size_t i = 0; i < sizeof known / sizeof *known; ++i) {
    if (word_is(media, n, known[i].media)) {
      return known[i].syntax;
    }
  }
  return NULL;
}

static const char *
form_name(endpoint_form form)
{
  switch (form) {
  case ENDPOINT_FORM_SELECT: return "a SELECT query";
  case ENDPOINT_FORM_ASK: return "an ASK query";
  case ENDPOINT_FORM_GRAPH: return "a CONSTRUCT or DESCRIBE query";
  case ENDPOINT_FORM_UNKNOWN: break;
  }
  return "the query";
}

/* Virtuoso's ASK in JSON: one variable __ASK_RETVAL, one row 1 for true, none for false. */
static int
is_virtuoso_ask(const query_answer *a)
{
  return a->kind == ANSWER_BINDINGS && a->nvariables == 1 &&
         !strcmp(a->variables[0], VIRTUOSO_ASK) && a->nrows <= 1;
}

/* Check that @p *a answers a query of @p form; Virtuoso's ASK table becomes its boolean. */
static ildkg_status
fit_form(query_answer **a, endpoint_form form, char *why, size_t why_size)
{
  static const answer_kind kinds[] = {
    [ENDPOINT_FORM_SELECT] = ANSWER_BINDINGS,
    [ENDPOINT_FORM_ASK] = ANSWER_BOOLEAN,
    [ENDPOINT_FORM_GRAPH] = ANSWER_GRAPH,
  };
  if (form == ENDPOINT_FORM_ASK && is_virtuoso_ask(*a)) {
    raptor_term *t = (*a)->nrows ? query_answer_cell(*a, 0, 0) : NULL;
    const int yes = t && t->type == RAPTOR_TERM_TYPE_LITERAL &&
                    (!strcmp((const char *)t->value.literal.string, "1") ||
                     !strcmp((const char *)t->value.literal.string, "true"));
    query_answer *b = query_answer_new(ANSWER_BOOLEAN, (*a)->world);
    if (!b) {
      return ILDKG_ERR_NOMEM;
    }
    b->boolean = yes;
    query_answer_free(*a);
    *a = b;
  }
  if (form != ENDPOINT_FORM_UNKNOWN && (*a)->kind != kinds[form]) {
    static const char *const what[] = {"a results table", "a boolean", "a graph"};
    return fail(why, why_size, ILDKG_ERR_REMOTE, "the endpoint answered %s with %s",
                form_name(form), what[(*a)->kind]);
  }
  return ILDKG_OK;
}

ildkg_status
endpoint_client_parse_body(const char *content_type, const char *body, size_t len,
                           endpoint_form form, const char *base_iri, raptor_world *world,
                           size_t max_rows, query_answer **out, char *why, size_t why_size)
{
  *out = NULL;
  if (!content_type || !*content_type) {
    return fail(why, why_size, ILDKG_ERR_REMOTE, "an answer without a Content-Type");
  }
  const size_t n = strcspn(content_type, "; \t");
  const char *syntax = syntax_for(content_type, n);
  if (!syntax) {
    return fail(why, why_size, ILDKG_ERR_REMOTE,
                "an answer of Content-Type '%.*s', which ildkg does not read (it reads SPARQL "
                "1.1 JSON results, N-Triples, Turtle and RDF/XML)",
                (int)n, content_type);
  }
  ildkg_status st =
    !strcmp(syntax, "json")
      ? endpoint_client_parse_json(body, len, world, max_rows, out, why, why_size)
      : parse_graph(syntax, body, len, base_iri, world, max_rows, out, why, why_size);
  if (st == ILDKG_OK) {
    st = fit_form(out, form, why, why_size);
  }
  if (st != ILDKG_OK) {
    query_answer_free(*out);
    *out = NULL;
  }
  return st;
}

/* ---- HTTP ---- */

typedef struct {
  char *data;
  size_t len, capacity;
  int too_big, no_memory;
} buffer;

static size_t
on_data(char *data, size_t size, size_t count, void *user_data)
{
  buffer *b = user_data;
  const size_t n = size * count;
  if (n > MAX_BODY - b->len) {
    b->too_big = 1;
    return 0; /* libcurl stops with CURLE_WRITE_ERROR */
  }
  if (b->len + n + 1 > b->capacity) {
    const size_t capacity = (b->len + n + 1) * 2;
    char *grown = realloc(b->data, capacity);
    if (!grown) {
      b->no_memory = 1;
      return 0;
    }
    b->data = grown;
    b->capacity = capacity;
  }
  memcpy(b->data + b->len, data, n);
  b->len += n;
  b->data[b->len] = '\0';
  return n;
}

/* The answer of the store: status, Content-Type (owned) and body. */
typedef struct {
  long status;
  char *content_type;
  buffer body;
} response;

/* Accept: what fits the query form, so that Virtuoso (which takes the first type it
   can write, whatever the query) answers a CONSTRUCT with a graph, a SELECT with JSON. */
static const char *
accept_for(endpoint_form form)
{
  switch (form) {
  case ENDPOINT_FORM_SELECT:
  case ENDPOINT_FORM_ASK: return "Accept: application/sparql-results+json";
  case ENDPOINT_FORM_GRAPH:
    return "Accept: application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5";
  case ENDPOINT_FORM_UNKNOWN: break;
  }
  return "Accept: application/sparql-results+json, application/n-triples;q=0.9, "
         "text/turtle;q=0.8, application/rdf+xml;q=0.5";
}

static CURLcode
set_options(CURL *curl, const char *url, const char *fields, const struct curl_slist *headers,
            double timeout_s, buffer *body, char *error)
{
  CURLcode rc = curl_easy_setopt(curl, CURLOPT_URL, url);
  rc = rc ? rc : curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
  rc = rc ? rc : curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  rc = rc ? rc : curl_easy_setopt(curl, CURLOPT_POSTFIELDS, fields);
  rc = rc ? rc : curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  rc = rc ? rc : curl_easy_setopt(curl, CURLOPT_USERAGENT, PACKAGE_NAME "/" PACKAGE_VERSION);
  rc = rc ? rc : curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");
  rc = rc ? rc : curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  rc = rc ? rc : curl_easy_setopt(curl, CURLOPT_MAXREDIRS, (long)MAX_REDIRECTS);
  /* a redirected query is still a POST, whatever the 301, 302 or 303 */
  rc = rc ? rc : curl_easy_setopt(curl, CURLOPT_POSTREDIR, (long)CURL_REDIR_POST_ALL);
#if LIBCURL_VERSION_NUM >= 0x075500
  rc = rc ? rc : curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  rc = rc ? rc : curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
#else
  const long web = CURLPROTO_HTTP | CURLPROTO_HTTPS;
  rc = rc ? rc : curl_easy_setopt(curl, CURLOPT_PROTOCOLS, web);
  rc = rc ? rc : curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS, web);
#endif
  rc = rc ? rc : curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, (long)(timeout_s * 1e3));
  rc = rc ? rc : curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, on_data);
  rc = rc ? rc : curl_easy_setopt(curl, CURLOPT_WRITEDATA, body);
  return rc;
}

static ildkg_status
transfer_error(CURLcode rc, const char *url, double timeout_s, const buffer *body,
               const char *error, char *why, size_t why_size)
{
  if (rc == CURLE_OPERATION_TIMEDOUT) {
    return fail(why, why_size, ILDKG_ERR_LIMIT, "%s: no complete answer within %g s (--timeout)",
                url, timeout_s);
  }
  if (body->no_memory) {
    return ILDKG_ERR_NOMEM;
  }
  if (body->too_big) {
    return fail(why, why_size, ILDKG_ERR_LIMIT, "%s: the answer is larger than %zu MiB", url,
                MAX_BODY >> 20);
  }
  return fail(why, why_size, ILDKG_ERR_REMOTE, "%s: %s", url,
              *error ? error : curl_easy_strerror(rc));
}

/* POST the query to @p url; on success @p r holds the store's answer. */
static ildkg_status
post(CURL *curl, const char *url, const char *query, size_t len, endpoint_form form,
     double timeout_s, response *r, char *why, size_t why_size)
{
  char error[CURL_ERROR_SIZE] = "";
  char *escaped = len <= INT_MAX ? curl_easy_escape(curl, query, (int)len) : NULL;
  char *fields = NULL;
  if (!escaped || asprintf(&fields, "query=%s", escaped) < 0) {
    curl_free(escaped);
    return ILDKG_ERR_NOMEM;
  }
  curl_free(escaped);
  struct curl_slist *headers = curl_slist_append(NULL, accept_for(form));
  struct curl_slist *more = headers ? curl_slist_append(headers, "Expect:") : NULL;
  ildkg_status st = more ? ILDKG_OK : ILDKG_ERR_NOMEM;
  CURLcode rc = CURLE_OK;
  if (st == ILDKG_OK &&
      (rc = set_options(curl, url, fields, headers, timeout_s, &r->body, error)) == CURLE_OK) {
    rc = curl_easy_perform(curl);
  }
  if (st == ILDKG_OK && rc != CURLE_OK) {
    st = transfer_error(rc, url, timeout_s, &r->body, error, why, why_size);
  }
  const char *type = NULL;
  if (st == ILDKG_OK && (curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &r->status) ||
                         curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &type))) {
    st = fail(why, why_size, ILDKG_ERR_REMOTE, "%s: no HTTP status", url);
  }
  if (st == ILDKG_OK && type && !(r->content_type = strdup(type))) {
    st = ILDKG_ERR_NOMEM;
  }
  curl_slist_free_all(headers);
  free(fields);
  return st;
}

/* The first QUOTED_BYTES of @p b on one line: controls as spaces, runs of them as one,
   an invalid or cut UTF-8 sequence as '?'. @p out has QUOTED_BYTES + 1 bytes. */
static void
quote_body(const buffer *b, char *out)
{
  size_t n = b->len < QUOTED_BYTES ? b->len : QUOTED_BYTES, k = 0;
  while (n < b->len && n > 0 && ((unsigned char)b->data[n] & 0xc0) == 0x80) {
    --n; /* do not cut a character in two */
  }
  for (size_t i = 0; i < n;) {
    const size_t valid = utf8_invalid_offset((const unsigned char *)b->data + i, n - i);
    for (size_t j = i; j < i + valid; ++j) {
      const unsigned char c = (unsigned char)b->data[j];
      const int blank = c < ' ' || c == 0x7f || c == ' ';
      if (!blank || (k && out[k - 1] != ' ')) {
        out[k++] = blank ? ' ' : (char)c;
      }
    }
    i += valid;
    if (i < n) {
      out[k++] = '?';
      ++i;
    }
  }
  while (k && out[k - 1] == ' ') {
    --k;
  }
  out[k] = '\0';
}

static ildkg_status
http_error(const char *url, const response *r, char *why, size_t why_size)
{
  char quoted[QUOTED_BYTES + 1];
  quote_body(&r->body, quoted);
  return fail(why, why_size, ILDKG_ERR_REMOTE, "%s: HTTP status %ld%s%s%s", url, r->status,
              *quoted ? ": " : "", quoted, r->body.len > QUOTED_BYTES ? " [...]" : "");
}

ildkg_status
endpoint_client_answer(const char *url, const char *query, size_t len, double timeout_s,
                       size_t max_rows, raptor_world *world, query_answer **out, char *why,
                       size_t why_size)
{
  *out = NULL;
  if (!endpoint_client_url_is_valid(url)) {
    return fail(why, why_size, ILDKG_ERR_USAGE, "not an http:// or https:// URL: '%s'", url);
  }
  const endpoint_form form = endpoint_client_query_form(query, len);
  response r = {0, NULL, {NULL, 0, 0, 0, 0}};
  const int initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  CURL *curl = initialised ? curl_easy_init() : NULL;
  ildkg_status st =
    curl ? post(curl, url, query, len, form, timeout_s, &r, why, why_size) : ILDKG_ERR_NOMEM;
  if (st == ILDKG_OK && (r.status < 200 || r.status > 299)) {
    st = http_error(url, &r, why, why_size);
  }
  if (st == ILDKG_OK) {
    char reason[ENDPOINT_WHY_SIZE];
    st = endpoint_client_parse_body(r.content_type, r.body.data ? r.body.data : "", r.body.len,
                                    form, url, world, max_rows, out, reason, sizeof reason);
    if (st != ILDKG_OK && st != ILDKG_ERR_NOMEM) {
      fail(why, why_size, st, "%s: %s", url, reason);
    }
  }
  if (curl) {
    curl_easy_cleanup(curl);
  }
  if (initialised) {
    curl_global_cleanup(); /* reference-counted: pairs with the init above */
  }
  free(r.content_type);
  free(r.body.data);
  return st;
}

/* ---- Graph Store HTTP Protocol ---- */

/* @p url with the graph parameter: ?graph=IRI (escaped), or ?default. Caller frees. */
static char *
graph_store_url(CURL *curl, const char *url, const char *graph_iri)
{
  const char *join = strchr(url, '?') ? "&" : "?";
  char *full = NULL;
  if (!graph_iri) {
    return asprintf(&full, "%s%sdefault", url, join) < 0 ? NULL : full;
  }
  char *escaped = curl_easy_escape(curl, graph_iri, 0);
  const int len = escaped ? asprintf(&full, "%s%sgraph=%s", url, join, escaped) : -1;
  curl_free(escaped);
  return len < 0 ? NULL : full;
}

static ildkg_status
send_graph(CURL *curl, const char *url, const endpoint_graph_upload *u, response *r, char *why,
           size_t why_size)
{
  char error[CURL_ERROR_SIZE] = "";
  char *content_type = NULL;
  if (asprintf(&content_type, "Content-Type: %s", u->content_type) < 0) {
    return ILDKG_ERR_NOMEM;
  }
  struct curl_slist *headers = curl_slist_append(NULL, content_type);
  struct curl_slist *more = headers ? curl_slist_append(headers, "Expect:") : NULL;
  ildkg_status st = more ? ILDKG_OK : ILDKG_ERR_NOMEM;
  CURLcode rc = CURLE_OK;
  if (st == ILDKG_OK) {
    rc = set_options(curl, url, u->body, headers, u->timeout_s, &r->body, error);
    rc = rc ? rc : curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)u->len);
    rc = rc ? rc : curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, u->add ? "POST" : "PUT");
    if (u->user) {
      /* whatever the store asks for: Basic, or Digest as Virtuoso's Graph Store does */
      rc = rc ? rc : curl_easy_setopt(curl, CURLOPT_HTTPAUTH, (long)CURLAUTH_ANY);
      rc = rc ? rc : curl_easy_setopt(curl, CURLOPT_USERNAME, u->user);
      rc = rc ? rc : curl_easy_setopt(curl, CURLOPT_PASSWORD, u->password ? u->password : "");
    }
    rc = rc ? rc : curl_easy_perform(curl);
  }
  if (st == ILDKG_OK && rc != CURLE_OK) {
    st = transfer_error(rc, url, u->timeout_s, &r->body, error, why, why_size);
  }
  if (st == ILDKG_OK && curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &r->status)) {
    st = fail(why, why_size, ILDKG_ERR_REMOTE, "%s: no HTTP status", url);
  }
  curl_slist_free_all(headers);
  free(content_type);
  return st;
}

ildkg_status
endpoint_client_store_graph(const endpoint_graph_upload *u, long *status, char *why,
                            size_t why_size)
{
  *status = 0;
  if (!endpoint_client_url_is_valid(u->url)) {
    return fail(why, why_size, ILDKG_ERR_USAGE, "not an http:// or https:// URL: '%s'", u->url);
  }
  response r = {0, NULL, {NULL, 0, 0, 0, 0}};
  const int initialised = curl_global_init(CURL_GLOBAL_DEFAULT) == CURLE_OK;
  CURL *curl = initialised ? curl_easy_init() : NULL;
  char *url = curl ? graph_store_url(curl, u->url, u->graph) : NULL;
  ildkg_status st = url ? send_graph(curl, url, u, &r, why, why_size) : ILDKG_ERR_NOMEM;
  *status = r.status;
  if (st == ILDKG_OK && (r.status < 200 || r.status > 299)) {
    st = http_error(url, &r, why, why_size);
  }
  free(url);
  if (curl) {
    curl_easy_cleanup(curl);
  }
  if (initialised) {
    curl_global_cleanup();
  }
  free(r.content_type);
  free(r.body.data);
  return st;
}
