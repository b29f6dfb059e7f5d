/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "graph.h"

#include "triples_source.h"

#include <errno.h>
#include <librdf.h>
#include <rasqal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct graph {
  librdf_world *world;
  librdf_storage *storage;
  librdf_model *model;
  triples_source source; /* what rasqal matches queries against */
  char last_error[512];
};

/* librdf's default handler prints a garbled locator: keep the message for the caller instead. */
static int
keep_message(void *user_data, librdf_log_message *message)
{
  graph *g = user_data;
  if (librdf_log_message_level(message) >= LIBRDF_LOG_WARN && !g->last_error[0]) {
    const char *text = librdf_log_message_message(message);
    const raptor_locator *at = librdf_log_message_locator(message);
    char where[64] = "";
    if (at && at->line > 0) {
      snprintf(where, sizeof where, "line %d%s", at->line, at->column > 0 ? ", " : ": ");
    }
    if (at && at->line > 0 && at->column > 0) {
      snprintf(where + strlen(where), sizeof where - strlen(where), "column %d: ", at->column);
    }
    snprintf(g->last_error, sizeof g->last_error, "%s%s", where, text ? text : "librdf error");
  }
  return 1;
}

void
graph_free(graph *g)
{
  if (!g) {
    return;
  }
  if (g->model) {
    librdf_free_model(g->model);
  }
  if (g->storage) {
    librdf_free_storage(g->storage);
  }
  if (g->world) {
    librdf_free_world(g->world);
  }
  free(g);
}

graph *
graph_new(void)
{
  graph *g = calloc(1, sizeof *g);
  if (!g || !(g->world = librdf_new_world())) {
    graph_free(g);
    return NULL;
  }
  librdf_world_set_logger(g->world, g, keep_message);
  librdf_world_open(g->world);
  /* The plain "memory" storage is quadratic to load. "hashes" finds a fully bound
     pattern by scanning every triple (9-15 ms each on the shipped graph, so rasqal's
     nested-loop joins took seconds to minutes); "trees" with all four orders indexes
     every pattern shape. */
  g->storage = librdf_new_storage(g->world, "trees", "ildkg",
                                  "index-spo='yes',index-sop='yes',index-ops='yes',index-pso='yes'");
  g->model = g->storage ? librdf_new_model(g->world, g->storage, NULL) : NULL;
  g->source = (triples_source){g->world, g->model};
  if (!g->model || triples_source_install(&g->source) != ILDKG_OK) {
    graph_free(g);
    return NULL;
  }
  return g;
}

static librdf_node *
iri_node(graph *g, const char *iri)
{
  return librdf_new_node_from_uri_string(g->world, (const unsigned char *)iri);
}

/* Consumes s, p and o whatever happens; NULL among them means a failed constructor. */
static ildkg_status
add_nodes(graph *g, librdf_node *s, librdf_node *p, librdf_node *o)
{
  if (!s || !p || !o) {
    if (s) {
      librdf_free_node(s);
    }
    if (p) {
      librdf_free_node(p);
    }
    if (o) {
      librdf_free_node(o);
    }
    return ILDKG_ERR_RDF;
  }
  librdf_statement *t = librdf_new_statement_from_nodes(g->world, s, p, o);
  if (!t) {
    return ILDKG_ERR_RDF; /* librdf freed the nodes */
  }
  const int rc = librdf_model_add_statement(g->model, t); /* copies the statement */
  librdf_free_statement(t);
  return rc ? ILDKG_ERR_RDF : ILDKG_OK;
}

ildkg_status
graph_add_iri(graph *g, const char *s, const char *p, const char *o)
{
  return add_nodes(g, iri_node(g, s), iri_node(g, p), iri_node(g, o));
}

static librdf_node *
literal_node(graph *g, const char *value, const char *datatype, const char *lang)
{
  if (!datatype) {
    return librdf_new_node_from_literal(g->world, (const unsigned char *)value, lang, 0);
  }
  librdf_uri *type = librdf_new_uri(g->world, (const unsigned char *)datatype);
  if (!type) {
    return NULL;
  }
  librdf_node *node =
    librdf_new_node_from_typed_literal(g->world, (const unsigned char *)value, NULL, type);
  librdf_free_uri(type);
  return node;
}

ildkg_status
graph_add_literal(graph *g, const char *s, const char *p, const char *value, const char *datatype,
                  const char *lang)
{
  return add_nodes(g, iri_node(g, s), iri_node(g, p), literal_node(g, value, datatype, lang));
}

ildkg_status
graph_add_triple(graph *g, const ildkg_triple *t)
{
  if (t->s.kind != TERM_IRI || t->p.kind != TERM_IRI) {
    return ILDKG_ERR_RDF;
  }
  if (t->o.kind == TERM_IRI) {
    return graph_add_iri(g, t->s.value, t->p.value, t->o.value);
  }
  return graph_add_literal(g, t->s.value, t->p.value, t->o.value, t->o.datatype, t->o.lang);
}

size_t
graph_size(graph *g)
{
  const int n = librdf_model_size(g->model);
  return n > 0 ? (size_t)n : 0;
}

raptor_world *
graph_raptor_world(graph *g)
{
  return librdf_world_get_raptor(g->world);
}

/* A statement with its terms in N-Triples form, the sort keys. */
typedef struct {
  raptor_statement *statement;
  unsigned char *terms[3];
} sort_entry;

/* N-Triples terms are self-delimiting, so comparing them one by one orders the
 * statements exactly as `LC_ALL=C sort` orders the lines of the N-Triples file. */
static int
compare_entries(const void *a, const void *b)
{
  const sort_entry *x = a, *y = b;
  for (int i = 0; i < 3; ++i) {
    const int c = strcmp((const char *)x->terms[i], (const char *)y->terms[i]);
    if (c) {
      return c;
    }
  }
  return 0;
}

static ildkg_status
sort_statements(raptor_statement **all, size_t n)
{
  sort_entry *entries = calloc(n ? n : 1, sizeof *entries);
  ildkg_status st = entries ? ILDKG_OK : ILDKG_ERR_NOMEM;
  for (size_t i = 0; st == ILDKG_OK && i < n; ++i) {
    raptor_term *terms[3] = {all[i]->subject, all[i]->predicate, all[i]->object};
    entries[i].statement = all[i];
    for (int k = 0; st == ILDKG_OK && k < 3; ++k) {
      entries[i].terms[k] = raptor_term_to_counted_string(terms[k], NULL);
      st = entries[i].terms[k] ? ILDKG_OK : ILDKG_ERR_NOMEM;
    }
  }
  if (st == ILDKG_OK) {
    qsort(entries, n, sizeof *entries, compare_entries);
    for (size_t i = 0; i < n; ++i) {
      all[i] = entries[i].statement;
    }
  }
  for (size_t i = 0; entries && i < n; ++i) {
    for (int k = 0; k < 3; ++k) {
      raptor_free_memory(entries[i].terms[k]);
    }
  }
  free(entries);
  return st;
}

void
graph_statements_free(raptor_statement **statements, size_t count)
{
  for (size_t i = 0; statements && i < count; ++i) {
    raptor_free_statement(statements[i]);
  }
  free(statements);
}

ildkg_status
graph_sorted_statements(graph *g, raptor_statement ***out, size_t *count)
{
  const size_t capacity = graph_size(g);
  raptor_statement **all = calloc(capacity ? capacity : 1, sizeof *all);
  librdf_stream *stream = all ? librdf_model_as_stream(g->model) : NULL;
  size_t n = 0;
  ildkg_status st = stream ? ILDKG_OK : ILDKG_ERR_RDF;
  for (; st == ILDKG_OK && !librdf_stream_end(stream); librdf_stream_next(stream)) {
    librdf_statement *t = librdf_stream_get_object(stream);
    if (n == capacity) {
      st = ILDKG_ERR_RDF; /* the model changed size under us */
    } else if (!(all[n] = raptor_statement_copy(t))) {
      st = ILDKG_ERR_NOMEM;
    } else {
      ++n;
    }
  }
  if (stream) {
    librdf_free_stream(stream);
  }
  if (st == ILDKG_OK) {
    st = sort_statements(all, n);
  }
  if (st != ILDKG_OK) {
    graph_statements_free(all, n);
    return st;
  }
  *out = all;
  *count = n;
  return ILDKG_OK;
}

enum { MAX_COLUMNS = 64 };

static ildkg_status
emit_row(librdf_query_results *r, graph_row_fn on_row, void *user_data)
{
  const int n = librdf_query_results_get_bindings_count(r);
  const char *names[MAX_COLUMNS];
  unsigned char *values[MAX_COLUMNS] = {NULL};
  if (n < 0 || n > MAX_COLUMNS) {
    return ILDKG_ERR_RDF;
  }
  ildkg_status st = ILDKG_OK;
  for (int i = 0; st == ILDKG_OK && i < n; ++i) {
    names[i] = librdf_query_results_get_binding_name(r, i);
    librdf_node *node = librdf_query_results_get_binding_value(r, i);
    if (node) {
      values[i] = raptor_term_to_counted_string(node, NULL);
      st = values[i] ? ILDKG_OK : ILDKG_ERR_NOMEM;
      librdf_free_node(node);
    }
  }
  if (st == ILDKG_OK) {
    st = on_row(user_data, (size_t)n, names, (const char *const *)values);
  }
  for (int i = 0; i < n; ++i) {
    raptor_free_memory(values[i]);
  }
  return st;
}

struct graph_results {
  graph *g;
  librdf_query *query;
  librdf_query_results *results;
  char *text;          /* the query, for its projection when there are no rows */
  char **projection;   /* variable names parsed from text, on demand */
  size_t nprojection;
};

void
graph_results_free(graph_results *r)
{
  if (!r) {
    return;
  }
  if (r->results) {
    librdf_free_query_results(r->results);
  }
  if (r->query) {
    librdf_free_query(r->query);
  }
  for (size_t i = 0; i < r->nprojection; ++i) {
    free(r->projection[i]);
  }
  free(r->projection);
  free(r->text);
  free(r);
}

ildkg_status
graph_query(graph *g, const char *query, graph_results **out)
{
  graph_results *r = calloc(1, sizeof *r);
  *out = NULL;
  if (!r) {
    return ILDKG_ERR_NOMEM;
  }
  g->last_error[0] = '\0';
  r->g = g;
  if (!(r->text = strdup(query))) {
    graph_results_free(r);
    return ILDKG_ERR_NOMEM;
  }
  r->query = librdf_new_query(g->world, "sparql11-query", NULL, (const unsigned char *)query, NULL);
  if (!r->query) {
    graph_results_free(r);
    return ILDKG_ERR_INPUT;
  }
  r->results = librdf_query_execute(r->query, g->model);
  if (!r->results) {
    graph_results_free(r);
    return g->last_error[0] ? ILDKG_ERR_INPUT : ILDKG_ERR_RDF;
  }
  *out = r;
  return ILDKG_OK;
}

graph_result_kind
graph_results_kind(const graph_results *r)
{
  return librdf_query_results_is_boolean(r->results) ? GRAPH_RESULT_BOOLEAN
         : librdf_query_results_is_graph(r->results) ? GRAPH_RESULT_GRAPH
                                                     : GRAPH_RESULT_BINDINGS;
}

static void
ignore_rasqal_message(void *user_data, raptor_log_message *message)
{
  (void)user_data;
  (void)message;
}

/* librdf learns the variables from the first row: without rows, ask rasqal's parser. */
static void
parse_projection(graph_results *r)
{
  rasqal_world *world = rasqal_new_world();
  rasqal_query *q = NULL;
  const int opened = world && !rasqal_world_open(world);
  if (opened) {
    rasqal_world_set_log_handler(world, NULL, ignore_rasqal_message); /* after open: needs raptor */
  }
  if (opened && (q = rasqal_new_query(world, "sparql11-query", NULL)) &&
      !rasqal_query_prepare(q, (const unsigned char *)r->text, NULL)) {
    raptor_sequence *vars = rasqal_query_get_bound_variable_sequence(q);
    const int n = vars ? raptor_sequence_size(vars) : 0;
    r->projection = n > 0 ? calloc((size_t)n, sizeof *r->projection) : NULL;
    for (int i = 0; r->projection && i < n; ++i) {
      const rasqal_variable *v = raptor_sequence_get_at(vars, i);
      if ((r->projection[r->nprojection] = strdup((const char *)v->name))) {
        ++r->nprojection;
      }
    }
  }
  if (q) {
    rasqal_free_query(q);
  }
  if (world) {
    rasqal_free_world(world);
  }
}

size_t
graph_results_variables(graph_results *r, const char **names, size_t max)
{
  const int n = librdf_query_results_get_bindings_count(r->results);
  size_t k = 0;
  for (int i = 0; i < n && k < max; ++i) {
    names[k++] = librdf_query_results_get_binding_name(r->results, i);
  }
  if (k == 0 && !r->projection) {
    parse_projection(r);
  }
  for (size_t i = 0; k == 0 && i < r->nprojection && i < max; ++i) {
    names[i] = r->projection[i];
  }
  return k ? k : (r->nprojection < max ? r->nprojection : max);
}

int
graph_results_has_rows(graph_results *r)
{
  return !librdf_query_results_finished(r->results);
}

ildkg_status
graph_results_each_row(graph_results *r, graph_row_fn on_row, void *user_data)
{
  ildkg_status st = ILDKG_OK;
  while (st == ILDKG_OK && !librdf_query_results_finished(r->results)) {
    st = emit_row(r->results, on_row, user_data);
    librdf_query_results_next(r->results);
  }
  return st;
}

int
graph_results_boolean(graph_results *r)
{
  return librdf_query_results_get_boolean(r->results) > 0;
}

ildkg_status
graph_results_statements(graph_results *r, raptor_statement ***out, size_t *count)
{
  librdf_stream *stream = librdf_query_results_as_stream(r->results);
  raptor_statement **all = NULL;
  size_t n = 0, capacity = 0;
  ildkg_status st = stream ? ILDKG_OK : ILDKG_ERR_RDF;
  for (; st == ILDKG_OK && !librdf_stream_end(stream); librdf_stream_next(stream)) {
    if (n == capacity) {
      capacity = capacity ? capacity * 2 : 64;
      raptor_statement **grown = realloc(all, capacity * sizeof *grown);
      st = grown ? ILDKG_OK : ILDKG_ERR_NOMEM;
      all = grown ? grown : all;
    }
    if (st == ILDKG_OK) {
      all[n] = raptor_statement_copy(librdf_stream_get_object(stream));
      st = all[n] ? ILDKG_OK : ILDKG_ERR_NOMEM;
      n += st == ILDKG_OK;
    }
  }
  if (stream) {
    librdf_free_stream(stream);
  }
  st = st == ILDKG_OK ? sort_statements(all, n) : st;
  if (st != ILDKG_OK) {
    graph_statements_free(all, n);
    return st;
  }
  *out = all;
  *count = n;
  return ILDKG_OK;
}

ildkg_status
graph_results_write(graph_results *r, const char *format, FILE *out)
{
  r->g->last_error[0] = '\0';
  if (librdf_query_results_to_file_handle2(r->results, out, format, NULL, NULL, NULL) != 0) {
    return ILDKG_ERR_RDF;
  }
  return fflush(out) == 0 && !ferror(out) ? ILDKG_OK : ILDKG_ERR_IO;
}

ildkg_status
graph_select(graph *g, const char *query, graph_row_fn on_row, void *user_data)
{
  graph_results *r = NULL;
  ildkg_status st = graph_query(g, query, &r);
  if (st == ILDKG_OK && graph_results_kind(r) != GRAPH_RESULT_BINDINGS) {
    snprintf(g->last_error, sizeof g->last_error, "not a SELECT query");
    st = ILDKG_ERR_INPUT;
  }
  if (st == ILDKG_OK) {
    st = graph_results_each_row(r, on_row, user_data);
  }
  graph_results_free(r);
  return st;
}

ildkg_status
graph_load_file(graph *g, const char *path, const char *syntax)
{
  FILE *fh = fopen(path, "rb");
  if (!fh) {
    snprintf(g->last_error, sizeof g->last_error, "%s", strerror(errno));
    return ILDKG_ERR_NOINPUT;
  }
  g->last_error[0] = '\0';
  librdf_parser *parser = librdf_new_parser(g->world, syntax, NULL, NULL);
  librdf_uri *base = parser ? librdf_new_uri(g->world, (const unsigned char *)"urn:x-ildkg:data") : NULL;
  int rc = base ? librdf_parser_parse_file_handle_into_model(parser, fh, 0, base, g->model) : 1;
  fclose(fh);
  if (base) {
    librdf_free_uri(base);
  }
  if (parser) {
    librdf_free_parser(parser);
  }
  return rc || g->last_error[0] ? ILDKG_ERR_INPUT : ILDKG_OK;
}

const char *
graph_last_error(const graph *g)
{
  return g->last_error;
}
