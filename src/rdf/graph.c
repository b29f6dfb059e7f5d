/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "graph.h"

#include "literal_map.h"
#include "statement_sort.h"
#include "strmap.h"
#include "subject_index.h"
#include "triples_source.h"

#include <errno.h>
#include <stdbool.h>
#include <librdf.h>
#include <rasqal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A named graph of the data read (N-Quads, TriG): its own indexed model. */
typedef struct {
  char *name; /* the graph's IRI */
  librdf_storage *storage;
  librdf_model *model;
} named_graph;

/* Terms kept by number, one reference each. */
typedef struct {
  librdf_node **terms;
  size_t n, capacity;
} term_list;

/* Keep @p term as number l->n; false (and nothing kept) without memory. */
static bool
term_list_push(term_list *l, librdf_node *term)
{
  if (l->n == l->capacity) {
    const size_t capacity = l->capacity ? 2 * l->capacity : 256;
    librdf_node **grown = realloc(l->terms, capacity * sizeof *grown);
    if (!grown) {
      return false;
    }
    l->terms = grown;
    l->capacity = capacity;
  }
  l->terms[l->n++] = term;
  return true;
}

static void
term_list_clear(term_list *l)
{
  for (size_t i = 0; i < l->n; ++i) {
    librdf_free_node(l->terms[i]);
  }
  free(l->terms);
  *l = (term_list){NULL, 0, 0};
}

struct graph {
  librdf_world *world;
  librdf_storage *storage;
  librdf_model *model;   /* the default graph: every triple read, named graphs included */
  /* Statements added and not yet in the model. The model's indexes are most of the cost
     of building a graph, and `build` needs only the sorted statements: a query indexes
     them first (graph_index). */
  librdf_statement **pending;
  size_t npending, pending_capacity;
  bool indexed;
  named_graph *named;    /* sorted by name */
  size_t nnamed;
  triples_source source; /* what rasqal matches queries against */
  subject_index *subjects; /* the model's, for queries (graph_index_subjects); NULL: none */
  triples_source_clock clock;
  triples_source_pool *pool;
  unsigned features; /* GRAPH_HAS_* of every term added */
  unsigned long files, blanks; /* files parsed; blank nodes made without a label */
  /* One term an IRI, shared by every statement using it (raptor counts the uses): a
     term each use was a fifth of the memory of a build. Keys are the terms' own strings. */
  strmap *iri_index;
  term_list iri_terms;
  /* Likewise one term a literal of the facts: a quote or a label is used by many. */
  literal_map *literal_index;
  term_list literal_terms;
  bool literal_failed; /* a literal mapped but not made: the map is not to be trusted */
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

/* raptor's warnings and errors (a file that does not parse) are the caller's to report. */
static void
keep_raptor_message(void *user_data, raptor_log_message *message)
{
  if (message->level >= RAPTOR_LOG_LEVEL_WARN) {
    keep_text(user_data, message->text, message->locator);
  }
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

static void
free_model(librdf_model *model, librdf_storage *storage)
{
  if (model) {
    librdf_free_model(model);
  }
  if (storage) {
    librdf_free_storage(storage);
  }
}

/* The plain "memory" storage is quadratic to load. "hashes" finds a fully bound
   pattern by scanning every triple (9-15 ms each on the shipped graph, so rasqal's
   nested-loop joins took seconds to minutes); "trees" indexes by subject, predicate and
   object first. Its fourth order (subject, object) serves only a pattern binding both
   with the predicate free, which the spo index answers from the subject's few
   statements; without it building the graph is 14% faster and a build takes 9% less
   memory at 1M triples, and no topic is slower. It keeps no graph names: a named graph
   is a model of its own. */
static librdf_model *
new_indexed_model(librdf_world *world, librdf_storage **storage)
{
  *storage = librdf_new_storage(world, "trees", "ildkg",
                                "index-spo='yes',index-sop='no',index-ops='yes',index-pso='yes'");
  librdf_model *model = *storage ? librdf_new_model(world, *storage, NULL) : NULL;
  if (!model && *storage) {
    librdf_free_storage(*storage);
    *storage = NULL;
  }
  return model;
}

static int
compare_named(const void *a, const void *b)
{
  return strcmp(((const named_graph *)a)->name, ((const named_graph *)b)->name);
}

static named_graph *
find_named(const graph *g, const char *name)
{
  const named_graph key = {(char *)name, NULL, NULL};
  return g->nnamed ? bsearch(&key, g->named, g->nnamed, sizeof key, compare_named) : NULL;
}

/* The model of the named graph @p name (borrowed), for the triples source; NULL: none. */
static librdf_model *
named_model(void *user_data, const char *name)
{
  const named_graph *n = find_named(user_data, name);
  return n ? n->model : NULL;
}

static named_graph *
add_named(graph *g, const char *name)
{
  named_graph *grown = realloc(g->named, (g->nnamed + 1) * sizeof *grown);
  if (!grown) {
    return NULL;
  }
  g->named = grown;
  named_graph *n = &g->named[g->nnamed];
  *n = (named_graph){strdup(name), NULL, NULL};
  if (!n->name || !(n->model = new_indexed_model(g->world, &n->storage))) {
    free(n->name);
    return NULL;
  }
  ++g->nnamed;
  qsort(g->named, g->nnamed, sizeof *g->named, compare_named);
  return find_named(g, name);
}

static unsigned char *blank_id(void *user_data, unsigned char *label);

void
graph_free(graph *g)
{
  if (!g) {
    return;
  }
  for (size_t i = 0; i < g->nnamed; ++i) {
    free_model(g->named[i].model, g->named[i].storage);
    free(g->named[i].name);
  }
  free(g->named);
  for (size_t i = 0; i < g->npending; ++i) {
    librdf_free_statement(g->pending[i]);
  }
  free(g->pending);
  subject_index_free(g->subjects); /* references the model's terms */
  free_model(g->model, g->storage);
  strmap_free(g->iri_index); /* before the terms holding its keys */
  term_list_clear(&g->iri_terms);
  literal_map_free(g->literal_index);
  term_list_clear(&g->literal_terms);
  triples_source_pool_release_terms(g->pool); /* terms of the world: before it goes */
  if (g->world) {
    /* queries' literals point into the pool: they are gone once the world is */
    librdf_free_world(g->world);
    g->world = NULL;
  }
  triples_source_pool_free(g->pool);
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
  raptor_world_set_log_handler(librdf_world_get_raptor(g->world), g, keep_raptor_message);
  raptor_world_set_generate_bnodeid_handler(librdf_world_get_raptor(g->world), g, blank_id);
  g->model = new_indexed_model(g->world, &g->storage);
  g->pool = triples_source_pool_new();
  g->iri_index = strmap_new();
  g->literal_index = literal_map_new();
  g->source =
    (triples_source){g->world, g->model, &g->clock, named_model, g, g->pool, NULL, NULL, NULL};
  if (!g->model || !g->pool || !g->iri_index || !g->literal_index ||
      triples_source_install(&g->source) != ILDKG_OK) {
    graph_free(g);
    return NULL;
  }
  return g;
}

/* A new reference to the graph's term for @p iri (free it with librdf_free_node), or NULL. */
static librdf_node *
iri_node(graph *g, const char *iri)
{
  size_t at;
  if (strmap_get(g->iri_index, iri, &at)) {
    return librdf_new_node_from_node(g->iri_terms.terms[at]);
  }
  librdf_node *term = librdf_new_node_from_uri_string(g->world, (const unsigned char *)iri);
  if (!term || !term_list_push(&g->iri_terms, term)) {
    if (term) {
      librdf_free_node(term);
    }
    return NULL;
  }
  const char *key = (const char *)librdf_uri_as_string(librdf_node_get_uri(term));
  if (strmap_put(g->iri_index, key, g->iri_terms.n - 1) != ILDKG_OK) {
    --g->iri_terms.n; /* kept no longer */
    librdf_free_node(term);
    return NULL;
  }
  return librdf_new_node_from_node(term);
}

static int
has_byte(const unsigned char *s, size_t len, int (*test)(unsigned char))
{
  for (size_t i = 0; i < len; ++i) {
    if (test(s[i])) {
      return 1;
    }
  }
  return 0;
}

static int
is_line_break(unsigned char c)
{
  return c == '\n' || c == '\r';
}

static int
is_non_ascii(unsigned char c)
{
  return c >= 0x80;
}

/* Letters with a case beyond ASCII: Latin-1 to Latin Extended-B, Greek, Cyrillic, Latin
   Extended Additional and Greek Extended, and the fullwidth Latin letters. */
static int
has_cased_non_ascii(const unsigned char *s, size_t len)
{
  for (size_t i = 0; i + 1 < len; ++i) {
    if (s[i] < 0xC3 || s[i] >= 0xF0) {
      continue;
    }
    const unsigned long c = s[i] < 0xE0 ? ((s[i] & 0x1Ful) << 6) | (s[i + 1] & 0x3F)
                            : i + 2 < len
                              ? ((s[i] & 0x0Ful) << 12) | ((s[i + 1] & 0x3Ful) << 6) | (s[i + 2] & 0x3F)
                              : 0;
    if ((c >= 0xC0 && c <= 0x24F) || (c >= 0x370 && c <= 0x52F) || (c >= 0x1E00 && c <= 0x1FFF) ||
        (c >= 0xFF21 && c <= 0xFF5A)) {
      return 1;
    }
  }
  return 0;
}

static unsigned
datatype_features(const char *datatype)
{
  static const char *const numbers[] = {
    "integer",         "decimal",         "double",        "float",
    "byte",            "short",           "int",           "long",
    "unsignedByte",    "unsignedShort",   "unsignedInt",   "unsignedLong",
    "positiveInteger", "negativeInteger", "nonPositiveInteger", "nonNegativeInteger", NULL};
  const char *xsd = "http://www.w3.org/2001/XMLSchema#";
  if (strncmp(datatype, xsd, strlen(xsd))) {
    return 0;
  }
  const char *local = datatype + strlen(xsd);
  if (!strcmp(local, "boolean")) {
    return GRAPH_HAS_BOOLEAN;
  }
  for (size_t i = 0; numbers[i]; ++i) {
    if (!strcmp(local, numbers[i])) {
      return GRAPH_HAS_NUMBER;
    }
  }
  return 0;
}

/* Note what kind of term @p t (a librdf node is a raptor term) is. */
static void
note_term(graph *g, const raptor_term *t)
{
  if (t->type == RAPTOR_TERM_TYPE_URI) {
    size_t len = 0;
    const unsigned char *iri = raptor_uri_as_counted_string(t->value.uri, &len);
    g->features |= has_byte(iri, len, is_non_ascii) ? GRAPH_HAS_NON_ASCII : 0;
    return;
  }
  if (t->type != RAPTOR_TERM_TYPE_LITERAL) {
    return;
  }
  const unsigned char *text = t->value.literal.string;
  const size_t len = t->value.literal.string_len;
  g->features |= t->value.literal.language ? GRAPH_HAS_LANG_LITERAL : 0;
  g->features |= has_byte(text, len, is_line_break) ? GRAPH_HAS_LINE_BREAK : 0;
  g->features |= has_byte(text, len, is_non_ascii) ? GRAPH_HAS_NON_ASCII : 0;
  g->features |= has_cased_non_ascii(text, len) ? GRAPH_HAS_CASED_NON_ASCII : 0;
  if (t->value.literal.datatype) {
    g->features |=
      datatype_features((const char *)raptor_uri_as_string(t->value.literal.datatype));
  }
}

static void
note_statement(graph *g, librdf_statement *t)
{
  note_term(g, librdf_statement_get_subject(t));
  note_term(g, librdf_statement_get_predicate(t));
  note_term(g, librdf_statement_get_object(t));
}

unsigned
graph_features(const graph *g)
{
  return g->features;
}

static unsigned
object_kind(const raptor_term *t)
{
  if (t->type == RAPTOR_TERM_TYPE_URI) {
    return TERM_KIND_IRI;
  }
  if (t->type == RAPTOR_TERM_TYPE_BLANK) {
    return TERM_KIND_BLANK;
  }
  if (t->value.literal.language) {
    return TERM_KIND_LANG;
  }
  if (!t->value.literal.datatype) {
    return TERM_KIND_STRING;
  }
  const char *type = (const char *)raptor_uri_as_string(t->value.literal.datatype);
  const unsigned f = datatype_features(type);
  return f & GRAPH_HAS_NUMBER    ? TERM_KIND_NUMBER
         : f & GRAPH_HAS_BOOLEAN ? TERM_KIND_BOOLEAN
         : !strcmp(type, "http://www.w3.org/2001/XMLSchema#dateTime") ? TERM_KIND_DATETIME
         : !strcmp(type, "http://www.w3.org/2001/XMLSchema#date")     ? TERM_KIND_DATE
                                                                      : TERM_KIND_OTHER;
}

unsigned
graph_object_kinds(graph *g, const char *predicate)
{
  if (graph_index(g) != ILDKG_OK) {
    return ~0u; /* unknown: every kind */
  }
  librdf_node *p = iri_node(g, predicate);
  librdf_statement *pattern = p ? librdf_new_statement_from_nodes(g->world, NULL, p, NULL) : NULL;
  librdf_stream *stream = pattern ? librdf_model_find_statements(g->model, pattern) : NULL;
  unsigned kinds = stream ? 0 : ~0u; /* unknown: every kind */
  for (; stream && !librdf_stream_end(stream); librdf_stream_next(stream)) {
    kinds |= object_kind(librdf_statement_get_object(librdf_stream_get_object(stream)));
  }
  if (stream) {
    librdf_free_stream(stream);
  }
  if (pattern) {
    librdf_free_statement(pattern);
  }
  return kinds;
}

static void
drop_subject_index(graph *g)
{
  subject_index_free(g->subjects);
  g->subjects = NULL;
  g->source.subjects = NULL;
}

ildkg_status
graph_index_subjects(graph *g)
{
  ildkg_status st = graph_index(g);
  if (st != ILDKG_OK || g->subjects) {
    return st;
  }
  st = subject_index_new(g->world, g->model, &g->subjects);
  g->source.subjects = g->subjects;
  return st == ILDKG_ERR_UNSUPPORTED ? ILDKG_OK : st; /* then librdf is asked, as before */
}

bool
graph_subjects_indexed(const graph *g)
{
  return g->subjects != NULL;
}

/* Add @p t (taken, whatever happens) to the default graph: to the statements waiting to be
   indexed, or to the model once it is indexed. */
static ildkg_status
add_to_default(graph *g, librdf_statement *t)
{
  if (g->indexed) {
    drop_subject_index(g); /* the model changes */
    const int rc = librdf_model_add_statement(g->model, t); /* copies the statement */
    librdf_free_statement(t);
    return rc ? ILDKG_ERR_RDF : ILDKG_OK;
  }
  if (g->npending == g->pending_capacity) {
    const size_t capacity = g->pending_capacity ? 2 * g->pending_capacity : 1024;
    librdf_statement **grown = realloc(g->pending, capacity * sizeof *grown);
    if (!grown) {
      librdf_free_statement(t);
      return ILDKG_ERR_NOMEM;
    }
    g->pending = grown;
    g->pending_capacity = capacity;
  }
  g->pending[g->npending++] = t;
  return ILDKG_OK;
}

ildkg_status
graph_index(graph *g)
{
  if (g->indexed) {
    return ILDKG_OK; /* statements added since went straight into the model */
  }
  ildkg_status st = ILDKG_OK;
  size_t i = 0;
  for (; st == ILDKG_OK && i < g->npending; ++i) {
    st = librdf_model_add_statement(g->model, g->pending[i]) ? ILDKG_ERR_RDF : ILDKG_OK;
    librdf_free_statement(g->pending[i]);
  }
  if (st != ILDKG_OK) { /* what was not added stays pending: a later call tries again */
    memmove(g->pending, g->pending + i, (g->npending - i) * sizeof *g->pending);
    g->npending -= i;
    return st;
  }
  free(g->pending);
  g->pending = NULL;
  g->npending = g->pending_capacity = 0;
  g->indexed = true;
  return ILDKG_OK;
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
  note_statement(g, t);
  return add_to_default(g, t);
}

ildkg_status
graph_add_iri(graph *g, const char *s, const char *p, const char *o)
{
  return add_nodes(g, iri_node(g, s), iri_node(g, p), iri_node(g, o));
}

static librdf_node *
new_literal_node(graph *g, const char *value, const char *datatype, const char *lang)
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

/* A new reference to the graph's term for the literal (free it with librdf_free_node), or
   NULL. A datatype makes the language irrelevant, as librdf's constructors have it. */
static librdf_node *
literal_node(graph *g, const char *value, const char *datatype, const char *lang)
{
  size_t at = g->literal_terms.n;
  bool found = false;
  if (g->literal_failed ||
      literal_map_find_or_add(g->literal_index, value, strlen(value), datatype ? NULL : lang,
                              datatype, &at, &found) != ILDKG_OK) {
    return NULL;
  }
  if (found) {
    return librdf_new_node_from_node(g->literal_terms.terms[at]);
  }
  librdf_node *term = new_literal_node(g, value, datatype, lang);
  if (!term || !term_list_push(&g->literal_terms, term)) { /* mapped to a number not kept */
    if (term) {
      librdf_free_node(term);
    }
    g->literal_failed = true;
    return NULL;
  }
  return librdf_new_node_from_node(term);
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
  if (graph_index(g) != ILDKG_OK) {
    return 0;
  }
  const int n = librdf_model_size(g->model);
  return n > 0 ? (size_t)n : 0;
}

raptor_world *
graph_raptor_world(graph *g)
{
  return librdf_world_get_raptor(g->world);
}

void
graph_statements_free(raptor_statement **statements, size_t count)
{
  for (size_t i = 0; statements && i < count; ++i) {
    raptor_free_statement(statements[i]);
  }
  free(statements);
}

typedef struct {
  raptor_statement **all;
  size_t n, capacity;
} statement_copies;

static ildkg_status
copy_statement(void *user_data, const raptor_statement *t)
{
  statement_copies *c = user_data;
  if (c->n == c->capacity) {
    return ILDKG_ERR_RDF; /* the graph changed size under us */
  }
  c->all[c->n] = raptor_statement_copy((raptor_statement *)t);
  return c->all[c->n++] ? ILDKG_OK : ILDKG_ERR_NOMEM;
}

ildkg_status
graph_sorted_statements(graph *g, raptor_statement ***out, size_t *count)
{
  const size_t capacity = g->indexed ? graph_size(g) : g->npending;
  statement_copies c = {calloc(capacity ? capacity : 1, sizeof *c.all), 0, capacity};
  ildkg_status st = c.all ? graph_each_statement(g, copy_statement, &c) : ILDKG_ERR_NOMEM;
  size_t kept = c.n;
  if (st == ILDKG_OK) {
    st = statement_sort_unique(c.all, c.n, &kept); /* a statement added twice before indexing */
  }
  if (st != ILDKG_OK) {
    graph_statements_free(c.all, c.n);
    return st;
  }
  *out = c.all;
  *count = kept;
  return ILDKG_OK;
}

ildkg_status
graph_each_statement(graph *g, ildkg_status (*visit)(void *user_data, const raptor_statement *t),
                     void *user_data)
{
  if (!g->indexed) {
    ildkg_status st = ILDKG_OK;
    for (size_t i = 0; st == ILDKG_OK && i < g->npending; ++i) {
      st = visit(user_data, g->pending[i]);
    }
    return st;
  }
  librdf_stream *stream = librdf_model_as_stream(g->model);
  ildkg_status st = stream ? ILDKG_OK : ILDKG_ERR_RDF;
  for (; st == ILDKG_OK && !librdf_stream_end(stream); librdf_stream_next(stream)) {
    st = visit(user_data, librdf_stream_get_object(stream));
  }
  if (stream) {
    librdf_free_stream(stream);
  }
  return st;
}

#define XSD_STRING "http://www.w3.org/2001/XMLSchema#string"

/* RDF 1.1: "abc"^^xsd:string is the simple literal "abc"; the model keeps one form. */
static int
is_xsd_string_literal(const raptor_term *t)
{
  return t->type == RAPTOR_TERM_TYPE_LITERAL && t->value.literal.datatype &&
         !strcmp((const char *)raptor_uri_as_string(t->value.literal.datatype), XSD_STRING);
}

/*
 * A librdf statement of raptor's terms as they were read (librdf_node is raptor_term):
 * librdf's own typed-literal constructor would rewrite "0"^^xsd:boolean as "false".
 */
static librdf_statement *
statement_as_read(graph *g, const raptor_statement *t)
{
  raptor_term *o = is_xsd_string_literal(t->object)
                     ? raptor_new_term_from_counted_literal(
                         librdf_world_get_raptor(g->world), t->object->value.literal.string,
                         t->object->value.literal.string_len, NULL, NULL, 0)
                     : raptor_term_copy(t->object);
  raptor_term *s = raptor_term_copy(t->subject), *p = raptor_term_copy(t->predicate);
  if (!s || !p || !o) {
    if (s) {
      raptor_free_term(s);
    }
    if (p) {
      raptor_free_term(p);
    }
    if (o) {
      raptor_free_term(o);
    }
    return NULL;
  }
  return librdf_new_statement_from_nodes(g->world, s, p, o); /* takes the terms */
}

typedef struct {
  graph *g;
  ildkg_status st;
} load_state;

/* Each triple goes to the default graph and, when it has one, to its named graph. */
static void
add_read_statement(void *user_data, raptor_statement *t)
{
  load_state *ls = user_data;
  graph *g = ls->g;
  librdf_statement *copy = ls->st == ILDKG_OK ? statement_as_read(g, t) : NULL;
  if (!copy) {
    ls->st = ls->st == ILDKG_OK ? ILDKG_ERR_NOMEM : ls->st;
    return;
  }
  note_statement(g, copy);
  int rc = 0;
  if (t->graph && t->graph->type == RAPTOR_TERM_TYPE_URI) {
    const char *name = (const char *)raptor_uri_as_string(t->graph->value.uri);
    named_graph *n = find_named(g, name);
    n = n ? n : add_named(g, name);
    rc = n ? librdf_model_add_statement(n->model, copy) : 1;
  }
  if (rc) {
    librdf_free_statement(copy);
    ls->st = ILDKG_ERR_RDF;
    return;
  }
  ls->st = add_to_default(g, copy);
}

/*
 * Blank node ids the same in every run (librdf's own are r<seconds>r<pid>r<n>): a
 * document's label _:x becomes f<file>x, so that two files never share a node; a node
 * without a label (a [] in Turtle) gets b<n>.
 */
static unsigned char *
blank_id(void *user_data, unsigned char *label)
{
  graph *g = user_data;
  char *id = NULL;
  const int n = label ? asprintf(&id, "f%lu%s", g->files, (const char *)label)
                      : asprintf(&id, "b%lu", ++g->blanks);
  if (label) {
    raptor_free_memory(label);
  }
  return n < 0 ? NULL : (unsigned char *)id;
}

ildkg_status
graph_load_text(graph *g, const char *text, size_t len, const char *syntax, const char *base_iri)
{
  g->last_error[0] = '\0';
  ++g->files;
  raptor_world *raptor = librdf_world_get_raptor(g->world);
  raptor_parser *parser = raptor_new_parser(raptor, syntax);
  raptor_uri *base = parser ? raptor_new_uri(raptor, (const unsigned char *)base_iri) : NULL;
  load_state ls = {g, base ? ILDKG_OK : ILDKG_ERR_RDF};
  if (base) {
    raptor_parser_set_statement_handler(parser, &ls, add_read_statement);
    if (raptor_parser_parse_start(parser, base) ||
        raptor_parser_parse_chunk(parser, (const unsigned char *)text, len, 1)) {
      ls.st = ls.st == ILDKG_OK ? ILDKG_ERR_INPUT : ls.st;
    }
    raptor_free_uri(base);
  }
  if (parser) {
    raptor_free_parser(parser);
  }
  return ls.st == ILDKG_OK && g->last_error[0] ? ILDKG_ERR_INPUT : ls.st;
}

size_t
graph_named_count(const graph *g)
{
  return g->nnamed;
}

const char *
graph_named_name(const graph *g, size_t i)
{
  return g->named[i].name;
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
graph_set_property_paths(graph *g, const property_paths *paths)
{
  g->source.paths = paths;
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
