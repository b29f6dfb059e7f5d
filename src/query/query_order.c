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

/* The kind of every bound value of @p column (KIND_NONE when none is bound), or KIND_OTHER
 * when the values are not all of one kind this module compares. */
static value_kind
column_kind(const query_answer *a, size_t column)
{
  value_kind kind = KIND_NONE;
  for (size_t r = 0; r < a->nrows; ++r) {
    const raptor_term *t = query_answer_cell(a, r, column);
    const value_kind k = t ? sort_kind(t) : KIND_NONE;
    if (k == KIND_OTHER || (k != KIND_NONE && kind != KIND_NONE && k != kind)) {
      return KIND_OTHER;
    }
    kind = k != KIND_NONE ? k : kind;
  }
  return kind;
}

static const char *
text_of(const raptor_term *t)
{
  return t->type == RAPTOR_TERM_TYPE_URI ? (const char *)raptor_uri_as_string(t->value.uri)
                                         : (const char *)t->value.literal.string;
}

/* One cell's sort key, read once: the comparisons of a sort are n log n, the cells n. */
typedef struct {
  const char *text;     /**< the IRI or the lexical form; NULL: unbound */
  const char *language; /**< "" when none */
  double number;        /**< the value, in a column of numbers */
  int xsd_string;       /**< typed xsd:string */
} sort_key;

static sort_key
key_of(const raptor_term *t, value_kind column)
{
  sort_key k = {NULL, "", 0, 0};
  if (t) {
    k.text = text_of(t);
    if (column == KIND_NUMBER) {
      number_of(k.text, &k.number);
    } else if (t->type == RAPTOR_TERM_TYPE_LITERAL) {
      k.language = language(t);
      k.xsd_string = kind_of(t) == KIND_XSD_STRING;
    }
  }
  return k;
}

/* Two keys of one column. Strings by their text; SPARQL leaves the order of a
 * language-tagged string against another string to the engine: equal texts go simple,
 * then by language tag, then xsd:string, as rdflib has it. Unbound sorts first; bytes of
 * UTF-8 compare as their code points do. */
static int
compare_keys(const sort_key *t, const sort_key *u, value_kind column)
{
  if (!t->text || !u->text) {
    return (t->text != NULL) - (u->text != NULL);
  }
  if (column == KIND_NUMBER) {
    return (t->number > u->number) - (t->number < u->number);
  }
  int d = strcmp(t->text, u->text);
  d = d ? d : t->xsd_string - u->xsd_string;
  return d ? d : strcmp(t->language, u->language);
}

typedef struct {
  sort_key *keys; /**< nkeys a row, row after row */
  value_kind kinds[QUERY_ORDER_MAX_KEYS];
  const int *descending;
  size_t nkeys;
} sort_context;

static int
compare_rows(const void *x, const void *y, void *context)
{
  const size_t r = *(const size_t *)x, s = *(const size_t *)y;
  const sort_context *c = context;
  for (size_t k = 0; k < c->nkeys; ++k) {
    const int d = compare_keys(&c->keys[r * c->nkeys + k], &c->keys[s * c->nkeys + k], c->kinds[k]);
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
  sort_context c = {NULL, {KIND_NONE}, order->descending, order->nkeys};
  size_t columns[QUERY_ORDER_MAX_KEYS];
  for (size_t k = 0; k < order->nkeys; ++k) {
    const long column = query_answer_find_variable(a, order->names[k]);
    c.kinds[k] = column < 0 ? KIND_OTHER : column_kind(a, (size_t)column);
    if (c.kinds[k] == KIND_OTHER) {
      return ILDKG_OK;
    }
    columns[k] = (size_t)column;
  }
  const size_t ncells = a->nrows * a->nvariables;
  if (!ncells) {
    *sorted = 1; /* nothing to move (and a->cells may be NULL) */
    return ILDKG_OK;
  }
  size_t *rows = malloc(a->nrows * sizeof *rows);
  raptor_term **cells = malloc(ncells * sizeof *cells);
  c.keys = malloc(a->nrows * c.nkeys * sizeof *c.keys);
  if (!rows || !cells || !c.keys) {
    free(rows);
    free(cells);
    free(c.keys);
    return ILDKG_ERR_NOMEM;
  }
  for (size_t r = 0; r < a->nrows; ++r) {
    rows[r] = r;
    for (size_t k = 0; k < c.nkeys; ++k) {
      c.keys[r * c.nkeys + k] = key_of(query_answer_cell(a, r, columns[k]), c.kinds[k]);
    }
  }
  qsort_r(rows, a->nrows, sizeof *rows, compare_rows, &c);
  for (size_t r = 0; r < a->nrows; ++r) {
    memcpy(&cells[r * a->nvariables], &a->cells[rows[r] * a->nvariables],
           a->nvariables * sizeof *cells);
  }
  memcpy(a->cells, cells, ncells * sizeof *cells);
  free(c.keys);
  free(cells);
  free(rows);
  slice(a, order->offset, order->limit);
  *sorted = 1;
  return ILDKG_OK;
}
