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
  triples_source_clock clock;
  char last_error[512];
};

static void
keep_text(graph *g, const char *text, const raptor_locator *at)
{
  if (!g->last_error[0]) {
    char where[64] = "";
    if (at && at->line > 0) {
      snprintf(where, sizeof where, "line %d%s", at->line, at->column > 0 ? ", " : ": ");
    }
    if (at && at->line > 0 && at->column > 0) {
      snprintf(where + strlen(where), sizeof where - strlen(where), "column %d: ", at->column);
    }
    snprintf(g->last_error, sizeof g->last_error, "%s%s", where, text ? text : "librdf error");
  }
}

/* librdf's default handler prints a garbled locator: keep the message for the caller instead. */
static int
keep_message(void *user_data, librdf_log_message *message)
{
  if (librdf_log_message_level(message) >= LIBRDF_LOG_WARN) {
    keep_text(user_data, librdf_log_message_message(message), librdf_log_message_locator(message));
  }
  return 1;
}

/* rasqal's errors explain a refused query; its warnings ("variable bound but unused") are
   noise on stderr for a query that is answered. */
static void
keep_rasqal_message(void *user_data, raptor_log_message *message)
{
  if (message->level >= RAPTOR_LOG_LEVEL_ERROR) {
    keep_text(user_data, message->text, message->locator);
  }
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
  rasqal_world_set_log_handler(librdf_world_get_rasqal(g->world), g, keep_rasqal_message);
  /* The plain "memory" storage is quadratic to load. "hashes" finds a fully bound
     pattern by scanning every triple (9-15 ms each on the shipped graph, so rasqal's
     nested-loop joins took seconds to minutes); "trees" with all four orders indexes
     every pattern shape. */
  g->storage = librdf_new_storage(g->world, "trees", "ildkg",
                                  "index-spo='yes',index-sop='yes',index-ops='yes',index-pso='yes'");
  g->model = g->storage ? librdf_new_model(g->world, g->storage, NULL) : NULL;
  g->source = (triples_source){g->world, g->model, &g->clock};
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

ildkg_status
graph_sort_statements(raptor_statement **all, size_t n)
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
    st = graph_sort_statements(all, n);
  }
  if (st != ILDKG_OK) {
    graph_statements_free(all, n);
    return st;
  }
  *out = all;
  *count = n;
  return ILDKG_OK;
}

ildkg_status
graph_load_text(graph *g, const char *text, size_t len, const char *syntax, const char *base_iri)
{
  g->last_error[0] = '\0';
  librdf_parser *parser = librdf_new_parser(g->world, syntax, NULL, NULL);
  librdf_uri *base = parser ? librdf_new_uri(g->world, (const unsigned char *)base_iri) : NULL;
  const int rc = base ? librdf_parser_parse_counted_string_into_model(
                          parser, (const unsigned char *)text, len, base, g->model)
                      : 1;
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

rasqal_world *
graph_rasqal_world(graph *g)
{
  return librdf_world_get_rasqal(g->world);
}

void
graph_set_deadline(graph *g, double deadline_ms)
{
  g->clock = (triples_source_clock){deadline_ms, 0, 0};
}

int
graph_deadline_expired(const graph *g)
{
  return g->clock.expired;
}

void
graph_clear_last_error(graph *g)
{
  g->last_error[0] = '\0';
}
