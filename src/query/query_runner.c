/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "query_runner.h"

#include <rasqal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "property_path.h"
#include "query_guard.h"
#include "query_order.h"
#include "query_scope.h"
#include "statement_sort.h"
#include "triples_source.h"

#define XSD_STRING "http://www.w3.org/2001/XMLSchema#string"

/* RDF 1.1: "abc" and "abc"^^xsd:string are one term; answers write the simple form. */
static int
is_xsd_string(raptor_uri *datatype)
{
  return datatype && !strcmp((const char *)raptor_uri_as_string(datatype), XSD_STRING);
}

static raptor_term *
typed_term(raptor_world *world, const unsigned char *s, size_t len, raptor_uri *datatype,
           const char *lang)
{
  return raptor_new_term_from_counted_literal(world, s, len,
                                              is_xsd_string(datatype) ? NULL : datatype,
                                              (const unsigned char *)lang,
                                              lang ? (unsigned char)strlen(lang) : 0);
}

/* A new raptor term for the value @p l (borrowed); NULL when out of memory or not a term. */
static raptor_term *
term_from_literal(raptor_world *world, rasqal_literal *l)
{
  rasqal_literal *node = rasqal_literal_as_node(l);
  raptor_term *term = NULL;
  if (!node) {
    return NULL;
  }
  switch (node->type) {
  case RASQAL_LITERAL_URI: term = raptor_new_term_from_uri(world, node->value.uri); break;
  case RASQAL_LITERAL_BLANK:
    term = raptor_new_term_from_counted_blank(world, node->string, node->string_len);
    break;
  case RASQAL_LITERAL_STRING:
    term = typed_term(world, node->string, node->string_len, node->datatype, node->language);
    break;
  default: break;
  }
  rasqal_free_literal(node);
  return term;
}

/* The projected variables; rasqal's results know them only once there is a row. */
static ildkg_status
add_variables(rasqal_query_results *res, query_answer *a)
{
  const int n = rasqal_query_results_get_bindings_count(res);
  ildkg_status st = ILDKG_OK;
  for (int i = 0; st == ILDKG_OK && i < n; ++i) {
    st = query_answer_add_variable(a, (const char *)rasqal_query_results_get_binding_name(res, i));
  }
  raptor_sequence *vars =
    n > 0 ? NULL : rasqal_query_get_bound_variable_sequence(rasqal_query_results_get_query(res));
  for (int i = 0; st == ILDKG_OK && vars && i < raptor_sequence_size(vars); ++i) {
    const rasqal_variable *v = raptor_sequence_get_at(vars, i);
    st = query_answer_add_variable(a, (const char *)v->name);
  }
  return st;
}

static ildkg_status
collect_bindings(rasqal_query_results *res, raptor_world *world, const query_limits *limits,
                 query_answer *a, char *why)
{
  ildkg_status st = add_variables(res, a);
  const int n = (int)a->nvariables;
  for (; st == ILDKG_OK && !rasqal_query_results_finished(res); rasqal_query_results_next(res)) {
    if (limits->max_rows && a->nrows >= limits->max_rows) {
      snprintf(why, QUERY_WHY_SIZE, "the answer has more than %zu rows (--max-rows)",
               limits->max_rows);
      return ILDKG_ERR_LIMIT;
    }
    raptor_term **row = calloc(n ? (size_t)n : 1, sizeof *row);
    if (!row) {
      return ILDKG_ERR_NOMEM;
    }
    for (int i = 0; st == ILDKG_OK && i < n; ++i) {
      rasqal_literal *value = rasqal_query_results_get_binding_value(res, i);
      if (value && !(row[i] = term_from_literal(world, value))) {
        st = ILDKG_ERR_NOMEM;
      }
    }
    if (st == ILDKG_OK) {
      st = query_answer_add_row(a, row);
    } else {
      for (int i = 0; i < n; ++i) {
        if (row[i]) {
          raptor_free_term(row[i]);
        }
      }
    }
    free(row);
  }
  return st;
}

/* A CONSTRUCT answer is a graph, a set: rasqal gives a triple once per solution. */
static void
drop_repeated_triples(query_answer *a)
{
  size_t kept = 0;
  for (size_t i = 0; i < a->ntriples; ++i) {
    if (kept && raptor_statement_equals(a->triples[kept - 1], a->triples[i])) {
      raptor_free_statement(a->triples[i]);
    } else {
      a->triples[kept++] = a->triples[i];
    }
  }
  a->ntriples = kept;
}

static ildkg_status
collect_triples(rasqal_query_results *res, const query_limits *limits, query_answer *a, char *why)
{
  ildkg_status st = ILDKG_OK;
  for (raptor_statement *t; st == ILDKG_OK && (t = rasqal_query_results_get_triple(res));) {
    if (limits->max_rows && a->ntriples >= limits->max_rows) {
      snprintf(why, QUERY_WHY_SIZE, "the answer has more than %zu triples (--max-rows)",
               limits->max_rows);
      return ILDKG_ERR_LIMIT;
    }
    raptor_statement *copy = raptor_statement_copy(t);
    st = copy ? query_answer_add_triple(a, copy) : ILDKG_ERR_NOMEM;
    if (rasqal_query_results_next_triple(res)) {
      break;
    }
  }
  st = st == ILDKG_OK ? statement_sort(a->triples, a->ntriples) : st;
  if (st == ILDKG_OK) {
    drop_repeated_triples(a);
  }
  return st;
}

static ildkg_status
collect(rasqal_query_results *res, raptor_world *world, const query_limits *limits,
        query_answer **out, char *why)
{
  const answer_kind kind = rasqal_query_results_is_boolean(res) ? ANSWER_BOOLEAN
                           : rasqal_query_results_is_graph(res) ? ANSWER_GRAPH
                                                                : ANSWER_BINDINGS;
  query_answer *a = query_answer_new(kind, world);
  ildkg_status st = a ? ILDKG_OK : ILDKG_ERR_NOMEM;
  if (st == ILDKG_OK && kind == ANSWER_BOOLEAN) {
    const int b = rasqal_query_results_get_boolean(res);
    a->boolean = b > 0;
    st = b < 0 ? ILDKG_ERR_RDF : ILDKG_OK;
  } else if (st == ILDKG_OK && kind == ANSWER_GRAPH) {
    st = collect_triples(res, limits, a, why);
  } else if (st == ILDKG_OK) {
    st = collect_bindings(res, world, limits, a, why);
  }
  if (st != ILDKG_OK) {
    query_answer_free(a);
    a = NULL;
  }
  *out = a;
  return st;
}

/* ---- aggregates over no solutions --------------------------------------------------- */

/* rasqal moves each aggregate into a variable $$agg$$N of its own: look through it. */
static const rasqal_expression *
through_variable(const rasqal_expression *e)
{
  while (e && e->op == RASQAL_EXPR_LITERAL && e->literal &&
         e->literal->type == RASQAL_LITERAL_VARIABLE && e->literal->value.variable->expression) {
    e = e->literal->value.variable->expression;
  }
  return e;
}

static int
find_aggregate(void *user_data, rasqal_expression *e)
{
  (void)user_data;
  const rasqal_expression *target = through_variable(e);
  if (target != e) {
    return rasqal_expression_visit((rasqal_expression *)target, find_aggregate, NULL);
  }
  switch (e->op) {
  case RASQAL_EXPR_COUNT:
  case RASQAL_EXPR_SUM:
  case RASQAL_EXPR_AVG:
  case RASQAL_EXPR_MIN:
  case RASQAL_EXPR_MAX:
  case RASQAL_EXPR_SAMPLE:
  case RASQAL_EXPR_GROUP_CONCAT: return 1;
  default: return 0;
  }
}

static int
has_aggregate(rasqal_expression *e)
{
  return e && rasqal_expression_visit(e, find_aggregate, NULL);
}

static int
sequence_size(raptor_sequence *seq)
{
  return seq ? raptor_sequence_size(seq) : 0;
}

/* Whether the top-level query groups its solutions (GROUP BY, HAVING or an aggregate). */
static int
groups_solutions(rasqal_query *q)
{
  if (sequence_size(rasqal_query_get_group_conditions_sequence(q)) ||
      sequence_size(rasqal_query_get_having_conditions_sequence(q))) {
    return 1;
  }
  raptor_sequence *vars = rasqal_query_get_bound_variable_sequence(q);
  for (int i = 0; i < sequence_size(vars); ++i) {
    const rasqal_variable *v = raptor_sequence_get_at(vars, i);
    if (has_aggregate(v->expression)) {
      return 1;
    }
  }
  return 0;
}

/* Whether the WHERE clause of @p text has a solution: its ASK, run with the same limits. */
static ildkg_status
where_has_solutions(graph *g, const char *text, const query_limits *limits, int *any, char *why)
{
  char *ask = NULL;
  ildkg_status st = query_scope_where_as_ask(text, &ask);
  query_answer *a = NULL;
  if (st == ILDKG_OK && !ask) {
    snprintf(why, QUERY_WHY_SIZE, "not supported: an aggregate whose WHERE clause ildkg cannot find");
    st = ILDKG_ERR_UNSUPPORTED;
  }
  st = st == ILDKG_OK ? query_run(g, ask, strlen(ask), limits, &a, why) : st;
  if (st == ILDKG_OK) {
    *any = a->kind == ANSWER_BOOLEAN && a->boolean;
  }
  query_answer_free(a);
  free(ask);
  return st;
}

/* The value of aggregate @p e over no solutions: COUNT and SUM 0, AVG 0, GROUP_CONCAT "",
   MIN, MAX and SAMPLE none (an error, so unbound). */
static ildkg_status
empty_group_value(const query_answer *a, rasqal_op op, raptor_term **out, char *why)
{
  *out = NULL;
  const char *zero = NULL;
  raptor_uri *type = NULL;
  switch (op) {
  case RASQAL_EXPR_COUNT:
  case RASQAL_EXPR_SUM:
  case RASQAL_EXPR_AVG: zero = "0"; break;
  case RASQAL_EXPR_GROUP_CONCAT:
    *out = raptor_new_term_from_counted_literal(a->world, (const unsigned char *)"", 0, NULL, NULL, 0);
    return *out ? ILDKG_OK : ILDKG_ERR_NOMEM;
  case RASQAL_EXPR_MIN:
  case RASQAL_EXPR_MAX:
  case RASQAL_EXPR_SAMPLE: return ILDKG_OK;
  default:
    snprintf(why, QUERY_WHY_SIZE, "not supported: a SELECT expression other than a plain "
                                  "aggregate over no solutions (rasqal answers no row)");
    return ILDKG_ERR_UNSUPPORTED;
  }
  type = raptor_new_uri(a->world, (const unsigned char *)"http://www.w3.org/2001/XMLSchema#integer");
  *out = type ? raptor_new_term_from_counted_literal(a->world, (const unsigned char *)zero, 1, type,
                                                     NULL, 0)
              : NULL;
  if (type) {
    raptor_free_uri(type);
  }
  return *out ? ILDKG_OK : ILDKG_ERR_NOMEM;
}

/*
 * What mend_empty_groups needs, taken before rasqal runs the query (running it moves
 * each aggregate out of its projected variable).
 */
typedef struct {
  int aggregates; /* GROUP BY, HAVING or an aggregate at the top level */
  int grouped;    /* GROUP BY */
  int having;
  size_t n;
  char **names;         /* projected variables */
  rasqal_op *ops;       /* each one's aggregate, RASQAL_EXPR_UNKNOWN when it is none */
} aggregate_plan;

static void
aggregate_plan_clear(aggregate_plan *p)
{
  for (size_t i = 0; i < p->n; ++i) {
    free(p->names[i]);
  }
  free(p->names);
  free(p->ops);
  *p = (aggregate_plan){0, 0, 0, 0, NULL, NULL};
}

static ildkg_status
aggregate_plan_make(rasqal_query *q, aggregate_plan *p)
{
  *p = (aggregate_plan){0, 0, 0, 0, NULL, NULL};
  if (rasqal_query_get_verb(q) != RASQAL_QUERY_VERB_SELECT || !groups_solutions(q)) {
    return ILDKG_OK;
  }
  raptor_sequence *vars = rasqal_query_get_bound_variable_sequence(q);
  const size_t n = (size_t)sequence_size(vars);
  p->aggregates = 1;
  p->grouped = sequence_size(rasqal_query_get_group_conditions_sequence(q)) > 0;
  p->having = sequence_size(rasqal_query_get_having_conditions_sequence(q)) > 0;
  p->names = calloc(n ? n : 1, sizeof *p->names);
  p->ops = calloc(n ? n : 1, sizeof *p->ops);
  if (!p->names || !p->ops) {
    return ILDKG_ERR_NOMEM;
  }
  for (; p->n < n; ++p->n) {
    const rasqal_variable *v = raptor_sequence_get_at(vars, (int)p->n);
    const rasqal_expression *e = through_variable(v->expression);
    p->ops[p->n] = e ? e->op : RASQAL_EXPR_UNKNOWN;
    if (!(p->names[p->n] = strdup((const char *)v->name))) {
      return ILDKG_ERR_NOMEM;
    }
  }
  return ILDKG_OK;
}

static rasqal_op
planned_op(const aggregate_plan *p, const char *name)
{
  for (size_t i = 0; i < p->n; ++i) {
    if (!strcmp(p->names[i], name)) {
      return p->ops[i];
    }
  }
  return RASQAL_EXPR_UNKNOWN;
}

/* Without GROUP BY, no solutions still make one group: its row, which rasqal leaves out. */
static ildkg_status
add_empty_group_row(const aggregate_plan *plan, query_answer *a, char *why)
{
  if (plan->having) {
    snprintf(why, QUERY_WHY_SIZE, "not supported: HAVING over no solutions (rasqal answers "
                                  "no row)");
    return ILDKG_ERR_UNSUPPORTED;
  }
  raptor_term **row = calloc(a->nvariables ? a->nvariables : 1, sizeof *row);
  ildkg_status st = row ? ILDKG_OK : ILDKG_ERR_NOMEM;
  for (size_t c = 0; st == ILDKG_OK && c < a->nvariables; ++c) {
    st = empty_group_value(a, planned_op(plan, a->variables[c]), &row[c], why);
  }
  if (st == ILDKG_OK) {
    st = query_answer_add_row(a, row);
  } else {
    for (size_t c = 0; row && c < a->nvariables; ++c) {
      if (row[c]) {
        raptor_free_term(row[c]);
      }
    }
  }
  free(row);
  return st;
}

/*
 * rasqal answers an aggregate over no solutions wrongly: with GROUP BY it makes up one
 * group (COUNT 1), without GROUP BY it leaves out the one group's row. Only these two
 * answers can be such a mistake; the WHERE clause's ASK tells.
 */
static ildkg_status
mend_empty_groups(graph *g, const aggregate_plan *plan, const char *text,
                  const query_limits *limits, query_answer *a, char *why)
{
  if (a->kind != ANSWER_BINDINGS || !plan->aggregates) {
    return ILDKG_OK;
  }
  const int grouped = plan->grouped;
  if ((grouped && a->nrows != 1) || (!grouped && a->nrows != 0)) {
    return ILDKG_OK;
  }
  int any = 0;
  const ildkg_status st = where_has_solutions(g, text, limits, &any, why);
  if (st != ILDKG_OK || any) {
    return st;
  }
  if (!grouped) {
    return add_empty_group_row(plan, a, why);
  }
  for (size_t i = 0; i < a->nvariables; ++i) {
    if (a->cells[i]) {
      raptor_free_term(a->cells[i]);
    }
  }
  a->nrows = 0;
  return ILDKG_OK;
}

/* rasqal's message, or @p fallback when it gave none. */
static void
explain(graph *g, char *why, const char *prefix, const char *fallback)
{
  const char *said = graph_last_error(g);
  snprintf(why, QUERY_WHY_SIZE, "%s%s", prefix, *said ? said : fallback);
}

static ildkg_status
prepare(graph *g, const char *text, const query_limits *limits, rasqal_query **out, char *why)
{
  rasqal_world *world = graph_rasqal_world(g);
  raptor_world *raptor = rasqal_world_get_raptor(world);
  raptor_uri *base = limits->base_iri
                       ? raptor_new_uri(raptor, (const unsigned char *)limits->base_iri)
                       : NULL;
  rasqal_query *q = rasqal_new_query(world, "sparql11-query", NULL);
  ildkg_status st = q && (base || !limits->base_iri) ? ILDKG_OK : ILDKG_ERR_NOMEM;
  if (st == ILDKG_OK) {
    /* besides the guard's refusals: rasqal itself must never fetch a FROM or SERVICE IRI */
    rasqal_query_set_feature(q, RASQAL_FEATURE_NO_NET, 1);
  }
  if (st == ILDKG_OK && rasqal_query_prepare(q, (const unsigned char *)text, base)) {
    explain(g, why, "", "syntax error");
    st = ILDKG_ERR_INPUT;
    if (strstr(why, "memory exhausted")) {
      /* bison's parser stack ran out (about 10000 nested parentheses): the query may well
         be valid SPARQL, so it is not called bad */
      snprintf(why, QUERY_WHY_SIZE, "not supported: the query nests deeper than rasqal's "
                                    "parser can go (%s)",
               graph_last_error(g));
      st = ILDKG_ERR_UNSUPPORTED;
    }
  }
  if (base) {
    raptor_free_uri(base);
  }
  if (st != ILDKG_OK && q) {
    rasqal_free_query(q);
    q = NULL;
  }
  *out = q;
  return st;
}

/* GRAPH ?g ranges over the query's named data graphs: name each graph the data holds.
   rasqal never loads them (ildkg's triples source reads them from the graph). */
static ildkg_status
add_named_graphs(graph *g, rasqal_query *q)
{
  rasqal_world *world = graph_rasqal_world(g);
  raptor_world *raptor = rasqal_world_get_raptor(world);
  for (size_t i = 0; i < graph_named_count(g); ++i) {
    raptor_uri *name = raptor_new_uri(raptor, (const unsigned char *)graph_named_name(g, i));
    rasqal_data_graph *dg =
      name ? rasqal_new_data_graph_from_uri(world, name, name, RASQAL_DATA_GRAPH_NAMED, NULL,
                                            NULL, NULL)
           : NULL;
    if (name) {
      raptor_free_uri(name);
    }
    if (!dg || rasqal_query_add_data_graph(q, dg)) {
      return ILDKG_ERR_NOMEM;
    }
  }
  return ILDKG_OK;
}

static ildkg_status
execute(graph *g, rasqal_query *q, const query_limits *limits, query_answer **out, char *why)
{
  rasqal_world *world = graph_rasqal_world(g);
  const ildkg_status named = add_named_graphs(g, q);
  if (named != ILDKG_OK) {
    return named;
  }
  graph_set_deadline(g, limits->timeout_s > 0
                          ? triples_source_now_ms() + limits->timeout_s * 1e3
                          : 0);
  rasqal_query_results *res = rasqal_query_execute(q);
  ildkg_status st = ILDKG_OK;
  if (!res) {
    explain(g, why, "not supported: rasqal could not run this query: ", "execution failed");
    st = ILDKG_ERR_UNSUPPORTED;
  } else {
    st = collect(res, rasqal_world_get_raptor(world), limits, out, why);
    rasqal_free_query_results(res);
  }
  if (graph_deadline_expired(g)) {
    query_answer_free(*out);
    *out = NULL;
    snprintf(why, QUERY_WHY_SIZE, "the query ran longer than %g s (--timeout)",
             limits->timeout_s);
    st = ILDKG_ERR_LIMIT;
  }
  graph_set_deadline(g, 0);
  return st;
}

/* Run @p q; when @p order plans it, run its text without ORDER BY and sort the answer here
 * (query_order), and where the values are not ones ildkg compares, run @p q after all. */
/* rasqal leaves solutions with no triple pattern behind them unsorted: an ORDER BY it
 * would run over such a WHERE (VALUES alone) is refused, never answered unsorted. */
static ildkg_status
execute_sorted_by_rasqal(graph *g, rasqal_query *q, const query_limits *limits,
                         query_answer **out, char *why)
{
  raptor_sequence *conditions = rasqal_query_get_order_conditions_sequence(q);
  raptor_sequence *triples = rasqal_query_get_triple_sequence(q);
  if (conditions && raptor_sequence_size(conditions) > 0 &&
      (!triples || raptor_sequence_size(triples) == 0)) {
    snprintf(why, QUERY_WHY_SIZE,
             "not supported: this ORDER BY over a WHERE clause without a triple pattern "
             "(rasqal leaves such solutions unsorted; ildkg sorts by variables of strings, "
             "IRIs or numbers itself)");
    return ILDKG_ERR_UNSUPPORTED;
  }
  return execute(g, q, limits, out, why);
}

static ildkg_status
execute_ordered(graph *g, rasqal_query *q, const query_order *order, const query_limits *limits,
                query_answer **out, char *why)
{
  if (!order->nkeys) {
    return execute_sorted_by_rasqal(g, q, limits, out, why);
  }
  rasqal_query *unordered = NULL;
  int sorted = 0;
  ildkg_status st = prepare(g, order->unordered, limits, &unordered, why);
  st = st == ILDKG_OK ? execute(g, unordered, limits, out, why) : st;
  st = st == ILDKG_OK ? query_order_apply(order, *out, &sorted) : st;
  if (unordered) {
    rasqal_free_query(unordered);
  }
  if (st == ILDKG_OK && !sorted) {
    query_answer_free(*out);
    *out = NULL;
    st = execute_sorted_by_rasqal(g, q, limits, out, why);
  }
  return st;
}

/* A query's literals count as data for the guard's rules: "a\nb" in the text is a line break. */
static unsigned
text_features(const char *text)
{
  /* a raw line break is in a string only in a long (triple-quoted) one */
  const int long_strings = strstr(text, "'''") || strstr(text, "\"\"\"");
  unsigned f = 0;
  for (const unsigned char *p = (const unsigned char *)text; *p; ++p) {
    f |= *p >= 0x80 ? GRAPH_HAS_NON_ASCII | GRAPH_HAS_CASED_NON_ASCII : 0;
    f |= *p == '\\' && (p[1] == 'n' || p[1] == 'r') ? GRAPH_HAS_LINE_BREAK : 0;
    f |= long_strings && (*p == '\n' || *p == '\r') ? GRAPH_HAS_LINE_BREAK : 0;
  }
  return f;
}

ildkg_status
query_run(graph *g, const char *text, size_t len, const query_limits *limits,
          query_answer **out, char *why)
{
  *out = NULL;
  why[0] = '\0';
  graph_clear_last_error(g);
  ildkg_status indexed = graph_index(g);
  if (indexed != ILDKG_OK) {
    snprintf(why, QUERY_WHY_SIZE, "cannot index the graph: %s",
             *graph_last_error(g) ? graph_last_error(g) : "out of memory");
    return indexed;
  }
  if (strlen(text) != len) {
    snprintf(why, QUERY_WHY_SIZE, "the query holds a NUL byte (at byte %zu)", strlen(text) + 1);
    return ILDKG_ERR_INPUT;
  }
  /* rasqal cannot parse property paths: each becomes an IRI the triples source answers */
  char *unpathed = NULL, *fixed = NULL;
  property_paths *paths = NULL;
  ildkg_status st = query_guard_refuse_update(text, why, QUERY_WHY_SIZE);
  if (st == ILDKG_OK) {
    st = query_scope_check(text, why, QUERY_WHY_SIZE);
  }
  if (st == ILDKG_OK) {
    st = property_path_rewrite(text, limits->base_iri, &unpathed, &paths, why, QUERY_WHY_SIZE);
  }
  char *substrings = NULL;
  if (st == ILDKG_OK) {
    st = query_guard_rewrite_substr(unpathed, &substrings, why, QUERY_WHY_SIZE);
  }
  if (st == ILDKG_OK) {
    st = query_guard_fix_text(substrings, &fixed);
  }
  free(substrings);
  free(unpathed);
  rasqal_query *q = NULL;
  if (st == ILDKG_OK) {
    st = prepare(g, fixed, limits, &q, why);
  }
  if (st == ILDKG_OK) {
    st = query_guard_check(q, g, graph_features(g) | text_features(text), why, QUERY_WHY_SIZE);
  }
  query_order order = {0, {NULL}, {0}, NULL, -1, -1};
  if (st == ILDKG_OK) {
    st = query_order_plan(q, fixed, &order);
  }
  if (st == ILDKG_OK && query_guard_is_empty_construct(q)) {
    /* rasqal crashes on an empty template; its answer is the empty graph */
    *out = query_answer_new(ANSWER_GRAPH, rasqal_world_get_raptor(graph_rasqal_world(g)));
    st = *out ? ILDKG_OK : ILDKG_ERR_NOMEM;
  } else if (st == ILDKG_OK) {
    graph_clear_last_error(g);
    aggregate_plan plan;
    st = aggregate_plan_make(q, &plan);
    graph_set_property_paths(g, paths);
    st = st == ILDKG_OK ? execute_ordered(g, q, &order, limits, out, why) : st;
    graph_set_property_paths(g, NULL);
    st = st == ILDKG_OK ? mend_empty_groups(g, &plan, text, limits, *out, why) : st;
    if (st != ILDKG_OK) {
      query_answer_free(*out);
      *out = NULL;
    }
    aggregate_plan_clear(&plan);
  }
  if (q) {
    rasqal_free_query(q);
  }
  query_order_clear(&order);
  free(fixed);
  property_paths_free(paths);
  return st;
}

ildkg_status
query_select(graph *g, const char *text, query_row_fn on_row, void *user_data, char *why)
{
  const query_limits none = {0, 0, NULL};
  query_answer *a = NULL;
  ildkg_status st = query_run(g, text, strlen(text), &none, &a, why);
  if (st == ILDKG_OK && a->kind != ANSWER_BINDINGS) {
    snprintf(why, QUERY_WHY_SIZE, "not a SELECT query");
    st = ILDKG_ERR_INPUT;
  }
  const size_t n = a ? a->nvariables : 0;
  char **values = calloc(n ? n : 1, sizeof *values);
  st = st == ILDKG_OK && !values ? ILDKG_ERR_NOMEM : st;
  for (size_t r = 0; st == ILDKG_OK && r < a->nrows; ++r) {
    for (size_t c = 0; st == ILDKG_OK && c < n; ++c) {
      raptor_term *t = query_answer_cell(a, r, c);
      values[c] = t ? (char *)raptor_term_to_counted_string(t, NULL) : NULL;
      st = t && !values[c] ? ILDKG_ERR_NOMEM : ILDKG_OK;
    }
    if (st == ILDKG_OK) {
      st = on_row(user_data, n, (const char *const *)a->variables, (const char *const *)values);
    }
    for (size_t c = 0; c < n; ++c) {
      raptor_free_memory(values[c]);
      values[c] = NULL;
    }
  }
  free(values);
  query_answer_free(a);
  return st;
}
