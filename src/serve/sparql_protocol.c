/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "sparql_protocol.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "utf8.h"

static const char FORM_TYPE[] = "application/x-www-form-urlencoded";
static const char QUERY_TYPE[] = "application/sparql-query";
static const char UPDATE_TYPE[] = "application/sparql-update";

static ildkg_status
refuse(protocol_request *r, unsigned status, const char *fmt, ...) ILDKG_PRINTF(3, 4);

static ildkg_status
refuse(protocol_request *r, unsigned status, const char *fmt, ...)
{
  va_list args;
  va_start(args, fmt);
  vsnprintf(r->message, sizeof r->message, fmt, args);
  va_end(args);
  r->action = PROTOCOL_REFUSED;
  r->status = status;
  return ILDKG_OK;
}

static ildkg_status
push(char ***list, size_t *n, const char *value, size_t len)
{
  char **grown = realloc(*list, (*n + 1) * sizeof **list);
  if (!grown) {
    return ILDKG_ERR_NOMEM;
  }
  *list = grown;
  if (!(grown[*n] = strndup(value, len))) {
    return ILDKG_ERR_NOMEM;
  }
  ++*n;
  return ILDKG_OK;
}

/* What the request has collected while reading its parameters. */
typedef struct {
  protocol_request *r;
  size_t nqueries, nupdates;
  int has_query_nul; /* a %00 in the query: never a SPARQL text */
} collected;

static ildkg_status
take(collected *c, const char *name, size_t name_len, const char *value, size_t value_len)
{
  protocol_request *r = c->r;
  if (name_len == 5 && !memcmp(name, "query", 5)) {
    if (c->nqueries++) {
      return ILDKG_OK;
    }
    c->has_query_nul = memchr(value, '\0', value_len) != NULL;
    r->query_len = value_len;
    return (r->query = strndup(value, value_len)) ? ILDKG_OK : ILDKG_ERR_NOMEM;
  }
  if (name_len == 6 && !memcmp(name, "update", 6)) {
    ++c->nupdates;
    return ILDKG_OK;
  }
  if (name_len == 17 && !memcmp(name, "default-graph-uri", 17)) {
    return push(&r->default_graphs, &r->ndefault_graphs, value, value_len);
  }
  if (name_len == 15 && !memcmp(name, "named-graph-uri", 15)) {
    return push(&r->named_graphs, &r->nnamed_graphs, value, value_len);
  }
  return ILDKG_OK; /* other parameters are the client's business (the protocol allows them) */
}

static int
hex_value(char c)
{
  return c >= '0' && c <= '9'   ? c - '0'
         : c >= 'a' && c <= 'f' ? c - 'a' + 10
         : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                : -1;
}

/* Decode one form field in place: '+' is a space, %XX a byte. Its new length, or -1 for
   a bad escape. */
static long
form_decode(char *s, size_t len)
{
  size_t out = 0;
  for (size_t i = 0; i < len; ++i) {
    if (s[i] == '%') {
      const int hi = i + 2 < len ? hex_value(s[i + 1]) : -1;
      const int lo = hi >= 0 ? hex_value(s[i + 2]) : -1;
      if (lo < 0) {
        return -1;
      }
      s[out++] = (char)(hi << 4 | lo);
      i += 2;
    } else {
      s[out++] = s[i] == '+' ? ' ' : s[i];
    }
  }
  return (long)out;
}

/* The fields of a form body name=value&name=value. */
static ildkg_status
read_form(collected *c, const char *body, size_t len, int *bad)
{
  char *copy = malloc(len + 1);
  if (!copy) {
    return ILDKG_ERR_NOMEM;
  }
  memcpy(copy, body, len);
  copy[len] = '\0';
  ildkg_status st = ILDKG_OK;
  for (char *field = copy, *end; st == ILDKG_OK && field < copy + len; field = end + 1) {
    end = memchr(field, '&', (size_t)(copy + len - field));
    if (!end) {
      end = copy + len;
    }
    char *eq = memchr(field, '=', (size_t)(end - field));
    char *value = eq ? eq + 1 : end;
    const long name_len = form_decode(field, (size_t)((eq ? eq : end) - field));
    const long value_len = form_decode(value, (size_t)(end - value));
    if (name_len < 0 || value_len < 0) {
      *bad = 1;
      break;
    }
    if (name_len > 0) {
      st = take(c, field, (size_t)name_len, value, (size_t)value_len);
    }
  }
  free(copy);
  return st;
}

/* The media type of a Content-Type without its parameters, lower case, into @p type. A
   charset other than UTF-8 sets *other_charset. */
static void
media_type(const char *content_type, char *type, size_t size, int *other_charset)
{
  *other_charset = 0;
  size_t n = 0;
  const char *p = content_type + strspn(content_type, " \t");
  for (; *p && *p != ';' && *p != ' ' && *p != '\t' && n + 1 < size; ++p) {
    type[n++] = (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p);
  }
  type[n] = '\0';
  for (const char *c = strcasestr(p, "charset="); c; c = NULL) {
    c += 8;
    c += *c == '"';
    *other_charset = strncasecmp(c, "utf-8", 5) || (c[5] && !strchr("\"; \t", c[5]));
  }
}

static ildkg_status
read_post(collected *c, const protocol_input *in, int *bad_escape)
{
  protocol_request *r = c->r;
  if (!in->content_type) {
    return refuse(r, 415, "a POST needs a Content-Type: %s or %s", FORM_TYPE, QUERY_TYPE);
  }
  char type[64];
  int other_charset;
  media_type(in->content_type, type, sizeof type, &other_charset);
  if (!strcmp(type, UPDATE_TYPE)) {
    ++c->nupdates;
    return ILDKG_OK;
  }
  if (strcmp(type, FORM_TYPE) && strcmp(type, QUERY_TYPE)) {
    return refuse(r, 415, "unsupported Content-Type '%s': send %s or %s", in->content_type,
                  FORM_TYPE, QUERY_TYPE);
  }
  if (other_charset) {
    return refuse(r, 415, "unsupported charset in '%s': the protocol's text is UTF-8",
                  in->content_type);
  }
  if (!strcmp(type, FORM_TYPE)) {
    return read_form(c, in->body ? in->body : "", in->body ? in->body_len : 0, bad_escape);
  }
  if (c->nqueries) {
    return refuse(r, 400, "%s", "give one query: the body, or query= in the URL, not both");
  }
  const char *body = in->body ? in->body : "";
  return take(c, "query", 5, body, in->body ? in->body_len : 0);
}

/* The request read, what it asks for decided. */
static ildkg_status
decide(const collected *c, const protocol_input *in, int is_get)
{
  protocol_request *r = c->r;
  if (c->nupdates) {
    return refuse(r, 405, "%s", "this endpoint is read-only: SPARQL Update is not accepted");
  }
  if (c->nqueries > 1) {
    return refuse(r, 400, "%s", "give one query: the request carries more than one");
  }
  if (!c->nqueries) {
    if (is_get && !in->nparams) {
      r->action = PROTOCOL_DESCRIPTION;
      return ILDKG_OK;
    }
    return refuse(r, 400, "%s", "no query: give the parameter query=... (SPARQL 1.1 Protocol)");
  }
  if (c->has_query_nul) {
    return refuse(r, 400, "%s", "the query holds a NUL character");
  }
  if (utf8_invalid_offset((const unsigned char *)r->query, r->query_len) != r->query_len) {
    return refuse(r, 400, "the query is not UTF-8 (byte %zu)",
                  utf8_invalid_offset((const unsigned char *)r->query, r->query_len));
  }
  r->action = PROTOCOL_QUERY;
  return ILDKG_OK;
}

ildkg_status
sparql_protocol_read(const protocol_input *in, protocol_request *out)
{
  *out = (protocol_request){.action = PROTOCOL_REFUSED};
  const int is_get = !strcmp(in->method, "GET") || !strcmp(in->method, "HEAD");
  if (!strcmp(in->method, "OPTIONS")) {
    out->action = PROTOCOL_PREFLIGHT;
    return ILDKG_OK;
  }
  if (!is_get && strcmp(in->method, "POST")) {
    return refuse(out, 405, "method %s: query with GET or POST", in->method);
  }
  collected c = {out, 0, 0, 0};
  ildkg_status st = ILDKG_OK;
  for (size_t i = 0; st == ILDKG_OK && i < in->nparams; ++i) {
    const char *value = in->params[i].value ? in->params[i].value : "";
    st = take(&c, in->params[i].name, strlen(in->params[i].name), value, strlen(value));
  }
  int bad_escape = 0;
  if (st == ILDKG_OK && !is_get) {
    st = read_post(&c, in, &bad_escape);
  }
  if (st != ILDKG_OK || out->status) {
    return st;
  }
  if (bad_escape) {
    return refuse(out, 400, "%s", "a bad %-escape in the form");
  }
  return decide(&c, in, is_get);
}

static void
free_list(char **list, size_t n)
{
  for (size_t i = 0; i < n; ++i) {
    free(list[i]);
  }
  free(list);
}

void
protocol_request_clear(protocol_request *r)
{
  free(r->query);
  free_list(r->default_graphs, r->ndefault_graphs);
  free_list(r->named_graphs, r->nnamed_graphs);
  *r = (protocol_request){.action = PROTOCOL_REFUSED};
}
