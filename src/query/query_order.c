/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "query_order.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ns.h"
#include "sparql_lexer.h"

/* The projected variable an order condition sorts by, or NULL when it is anything else. */
static const char *
condition_variable(const rasqal_expression *e, int *descending)
{
  *descending = e->op == RASQAL_EXPR_ORDER_COND_DESC;
  if (e->op == RASQAL_EXPR_ORDER_COND_ASC || e->op == RASQAL_EXPR_ORDER_COND_DESC) {
    e = e->arg1;
  }
  if (!e || e->op != RASQAL_EXPR_LITERAL || !e->literal ||
      e->literal->type != RASQAL_LITERAL_VARIABLE) {
    return NULL;
  }
  return (const char *)e->literal->value.variable->name;
}

static int
is_projected(rasqal_query *q, const char *name)
{
  raptor_sequence *projected = rasqal_query_get_bound_variable_sequence(q);
  for (int i = 0; projected && i < raptor_sequence_size(projected); ++i) {
    const rasqal_variable *v = raptor_sequence_get_at(projected, i);
    if (v && !strcmp((const char *)v->name, name)) {
      return 1;
    }
  }
  return 0;
}

/* Where the top-level ORDER BY starts in @p text, or SIZE_MAX: the ORDER at brace depth
 * 0 after the WHERE clause's group, followed by nothing but its conditions, LIMIT and
 * OFFSET (which the sort applies), not a VALUES clause. */
static size_t
order_clause_start(const char *text)
{
  size_t at = 0, found = SIZE_MAX;
  int depth = 0, after_group = 0;
  for (sparql_token t = sparql_lexer_next_solid(text, 0); t.kind != SPARQL_TOKEN_END;
       t = sparql_lexer_next_solid(text, at)) {
    at = t.start + t.len;
    if (t.kind == SPARQL_TOKEN_PUNCT && (text[t.start] == '{' || text[t.start] == '}')) {
      depth += text[t.start] == '{' ? 1 : -1;
      after_group |= depth == 0;
    } else if (depth == 0 && after_group && t.kind == SPARQL_TOKEN_WORD) {
      if (sparql_token_is(text, &t, "ORDER")) {
        found = t.start;
      } else if (found != SIZE_MAX && sparql_token_is(text, &t, "VALUES")) {
        return SIZE_MAX;
      }
    }
  }
  return found;
}

ildkg_status
query_order_plan(rasqal_query *q, const char *text, query_order *order)
{
  *order = (query_order){0, {NULL}, {0}, NULL, -1, -1};
  raptor_sequence *conditions = rasqal_query_get_order_conditions_sequence(q);
  const int n = conditions ? raptor_sequence_size(conditions) : 0;
  if (n <= 0 || n > QUERY_ORDER_MAX_KEYS || rasqal_query_get_verb(q) != RASQAL_QUERY_VERB_SELECT) {
    return ILDKG_OK;
  }
  query_order plan = {0, {NULL}, {0}, NULL, rasqal_query_get_limit(q), rasqal_query_get_offset(q)};
  for (int i = 0; i < n; ++i) {
    const char *name = condition_variable(raptor_sequence_get_at(conditions, i), &plan.descending[i]);
    if (!name || !is_projected(q, name)) {
      return ILDKG_OK;
    }
    plan.names[i] = name;
  }
  const size_t cut = order_clause_start(text);
  if (cut == SIZE_MAX) {
    return ILDKG_OK;
  }
  if (!(plan.unordered = strndup(text, cut))) {
    return ILDKG_ERR_NOMEM;
  }
  plan.nkeys = (size_t)n;
  *order = plan;
  return ILDKG_OK;
}

void
query_order_clear(query_order *order)
{
  free(order->unordered);
  *order = (query_order){0, {NULL}, {0}, NULL, -1, -1};
}

/* ---- comparing ----------------------------------------------------------------- */

typedef enum { KIND_NONE, KIND_IRI, KIND_PLAIN, KIND_XSD_STRING, KIND_NUMBER, KIND_OTHER } value_kind;

/* The numeric datatypes compared by value: XSD's decimal, float and double, and integer
 * with the types derived from it. */
static int
is_numeric_datatype(const char *dt)
{
  static const char *const NUMERIC[] = {
    "integer", "decimal", "double", "float", "int", "long", "short", "byte",
    "nonNegativeInteger", "positiveInteger", "nonPositiveInteger", "negativeInteger",
    "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte"};
  if (strncmp(dt, NS_XSD, strlen(NS_XSD))) {
    return 0;
  }
  for (size_t i = 0; i < sizeof NUMERIC / sizeof *NUMERIC; ++i) {
    if (!strcmp(dt + strlen(NS_XSD), NUMERIC[i])) {
      return 1;
    }
  }
  return 0;
}

/* A finite number, all of the lexical form read: NaN and the infinities have no place
 * SPARQL's order gives them, so a column holding one is left to rasqal. */
static int
number_of(const char *lexical, double *value)
{
  char *end = NULL;
  *value = strtod(lexical, &end);
  return end != lexical && !*end && *value == *value && *value - *value == 0;
}

static value_kind
kind_of(const raptor_term *t)
{
  if (t->type == RAPTOR_TERM_TYPE_URI) {
    return KIND_IRI;
  }
  if (t->type != RAPTOR_TERM_TYPE_LITERAL) {
    return KIND_OTHER;
  }
  if (!t->value.literal.datatype) {
    return KIND_PLAIN;
  }
  const char *dt = (const char *)raptor_uri_as_string(t->value.literal.datatype);
  double ignored;
  if (is_numeric_datatype(dt)) {
    return number_of((const char *)t->value.literal.string, &ignored) ? KIND_NUMBER : KIND_OTHER;
  }
  return !strcmp(dt, NS_XSD "string") ? KIND_XSD_STRING : KIND_OTHER;
}

static const char *
language(const raptor_term *t)
{
  return t->value.literal.language ? (const char *)t->value.literal.language : "";
}

/* Strings of any form (simple, with a language tag, xsd:string) are one kind here. */
static value_kind
sort_kind(const raptor_term *t)
{
  const value_kind k = kind_of(t);
  return k == KIND_XSD_STRING ? KIND_PLAIN : k;
}

/* Whether every bound value of @p column is of one kind this module compares. */
static int
column_is_comparable(const query_answer *a, size_t column)
{
  value_kind kind = KIND_NONE;
  for (size_t r = 0; r < a->nrows; ++r) {
    const raptor_term *t = query_answer_cell(a, r, column);
    const value_kind k = t ? sort_kind(t) : KIND_NONE;
    if (k == KIND_OTHER || (k != KIND_NONE && kind != KIND_NONE && k != kind)) {
      return 0;
    }
    kind = k != KIND_NONE ? k : kind;
  }
  return 1;
}

static const char *
text_of(const raptor_term *t)
{
  return t->type == RAPTOR_TERM_TYPE_URI ? (const char *)raptor_uri_as_string(t->value.uri)
                                         : (const char *)t->value.literal.string;
}

/* Two bound values of one column, of one kind (column_is_comparable). Strings by their
 * text; SPARQL leaves the order of a language-tagged string against another string to the
 * engine: equal texts go simple, then by language tag, then xsd:string, as rdflib has it. */
static int
compare_values(const raptor_term *t, const raptor_term *u)
{
  double x, y;
  if (kind_of(t) == KIND_NUMBER && number_of(text_of(t), &x) && number_of(text_of(u), &y)) {
    return (x > y) - (x < y);
  }
  int d = strcmp(text_of(t), text_of(u));
  if (!d && t->type == RAPTOR_TERM_TYPE_LITERAL) {
    d = (kind_of(t) == KIND_XSD_STRING) - (kind_of(u) == KIND_XSD_STRING);
    d = d ? d : strcmp(language(t), language(u));
  }
  return d;
}

typedef struct {
  const query_answer *a;
  size_t columns[QUERY_ORDER_MAX_KEYS];
  const int *descending;
  size_t nkeys;
} sort_context;

static int
compare_rows(const void *x, const void *y, void *context)
{
  const size_t r = *(const size_t *)x, s = *(const size_t *)y;
  const sort_context *c = context;
  for (size_t k = 0; k < c->nkeys; ++k) {
    const raptor_term *t = query_answer_cell(c->a, r, c->columns[k]);
    const raptor_term *u = query_answer_cell(c->a, s, c->columns[k]);
    /* unbound sorts first; numbers by value; bytes of UTF-8 compare as their code points do */
    int d = !t || !u ? (t != NULL) - (u != NULL) : compare_values(t, u);
    if (d) {
      return c->descending[k] ? -d : d;
    }
  }
  return r < s ? -1 : r > s; /* stable: ties keep the order rasqal gave */
}

/* OFFSET and LIMIT (-1: none), after the sort as SPARQL has them; the rows cut are freed. */
static void
slice(query_answer *a, long offset, long limit)
{
  const size_t first = offset > 0 ? ((size_t)offset < a->nrows ? (size_t)offset : a->nrows) : 0;
  size_t keep = a->nrows - first;
  keep = limit >= 0 && (size_t)limit < keep ? (size_t)limit : keep;
  const size_t w = a->nvariables;
  for (size_t r = 0; r < a->nrows; ++r) {
    for (size_t c = 0; (r < first || r >= first + keep) && c < w; ++c) {
      if (a->cells[r * w + c]) {
        raptor_free_term(a->cells[r * w + c]);
      }
    }
  }
  if (keep && w) {
    memmove(a->cells, a->cells + first * w, keep * w * sizeof *a->cells);
  }
  a->nrows = keep;
}

ildkg_status
query_order_apply(const query_order *order, query_answer *a, int *sorted)
{
  *sorted = 0;
  sort_context c = {a, {0}, order->descending, order->nkeys};
  for (size_t k = 0; k < order->nkeys; ++k) {
    const long column = query_answer_find_variable(a, order->names[k]);
    if (column < 0 || !column_is_comparable(a, (size_t)column)) {
      return ILDKG_OK;
    }
    c.columns[k] = (size_t)column;
  }
  const size_t ncells = a->nrows * a->nvariables;
  if (!ncells) {
    *sorted = 1; /* nothing to move (and a->cells may be NULL) */
    return ILDKG_OK;
  }
  size_t *rows = malloc((a->nrows ? a->nrows : 1) * sizeof *rows);
  raptor_term **cells = malloc((ncells ? ncells : 1) * sizeof *cells);
  if (!rows || !cells) {
    free(rows);
    free(cells);
    return ILDKG_ERR_NOMEM;
  }
  for (size_t r = 0; r < a->nrows; ++r) {
    rows[r] = r;
  }
  qsort_r(rows, a->nrows, sizeof *rows, compare_rows, &c);
  for (size_t r = 0; r < a->nrows; ++r) {
    memcpy(&cells[r * a->nvariables], &a->cells[rows[r] * a->nvariables],
           a->nvariables * sizeof *cells);
  }
  memcpy(a->cells, cells, ncells * sizeof *cells);
  free(cells);
  free(rows);
  slice(a, order->offset, order->limit);
  *sorted = 1;
  return ILDKG_OK;
}
