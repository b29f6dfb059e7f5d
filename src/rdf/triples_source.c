/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "triples_source.h"

#include "ptrmap.h"
#include "strmap.h"
#include "subject_index.h"

#include <rasqal.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define XSD_STRING "http://www.w3.org/2001/XMLSchema#string"

/*
 * The objects of one subject and predicate, both IRIs, as the default graph gave them,
 * shared by counting references. A join looks the same (subject, predicate) up again for
 * many rows (a reference for each claim citing it, a section for each of its claims), and
 * librdf's search of its trees was most of such a query's instructions.
 */
typedef struct {
  librdf_node *s, *p; /* held: while here, no other node can take their addresses */
  librdf_node *o;     /* held: a presence entry's object; NULL in a subject's entry */
  property_path_pairs objects;
  unsigned refs;
} memo_entry;

enum { MEMO_SLOTS = 4096 }; /* direct-mapped: a miss replaces the slot's entry */

/* Whether the default graph holds one whole triple (all three given): a join asks again
   for each row (is this row's disease a subtype of CTD-ILD?). The subject and predicate
   held, as above, and the object too; the triple itself the entry's one pair when
   present, so that a match reads it as a pair. */
typedef memo_entry presence_entry;

struct lookup_memo {
  memo_entry *slot[MEMO_SLOTS];
  presence_entry *present[MEMO_SLOTS];
};

static void
memo_entry_release(memo_entry *e)
{
  if (e && --e->refs == 0) {
    if (e->s) {
      librdf_free_node(e->s);
    }
    if (e->p) {
      librdf_free_node(e->p);
    }
    if (e->o) {
      librdf_free_node(e->o);
    }
    property_path_pairs_clear(&e->objects);
    free(e);
  }
}

static void
lookup_memo_free(struct lookup_memo *m)
{
  for (size_t i = 0; m && i < MEMO_SLOTS; ++i) {
    memo_entry_release(m->slot[i]);
    memo_entry_release(m->present[i]);
  }
  free(m);
}

/* One triple pattern being matched: the triples of a stream, a subject's and predicate's
   triples from the subject index (@p indexed), or pairs (a path's answer, or a subject's
   objects from the memo, @p shared). */
typedef struct {
  rasqal_world *rasqal;
  librdf_stream *stream;     /* NULL for pairs and indexed triples */
  const subject_index_triple *indexed; /* borrowed from the index; NULL: none */
  size_t nindexed;
  subject_index *index; /* where @p indexed is from */
  property_path_pairs pairs; /* a path's answer */
  memo_entry *shared;        /* a counted reference, or NULL */
  size_t next;               /* the pair or indexed triple to bind next */
  triples_source_clock *clock;
  triples_source_pool *pool;
} pattern_match;

static const property_path_pairs *
match_pairs(const pattern_match *pm)
{
  return pm->shared ? &pm->shared->objects : &pm->pairs;
}

double
triples_source_now_ms(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* Reading the clock every 256 triples keeps its cost out of the profile. */
static int
out_of_time(triples_source_clock *clock)
{
  if (!clock || clock->deadline_ms <= 0) {
    return 0;
  }
  if (!clock->expired && (++clock->reads & 0xFF) == 0) {
    clock->expired = triples_source_now_ms() > clock->deadline_ms;
  }
  return clock->expired;
}

struct triples_source_pool {
  strmap *index; /* string -> position in strings */
  char **strings;
  size_t count, capacity;
  /* Each IRI's rasqal and librdf terms, made once and shared by counting references: a
     join makes them for every row it reads, and the allocations were a third of a
     query's instructions. Keyed by raptor's interned URI; either term may be NULL. */
  ptrmap *uri_index; /* raptor_uri -> position in uri_literals and uri_nodes */
  rasqal_literal **uri_literals;
  librdf_node **uri_nodes;
  size_t nuris, uris_capacity;
};

triples_source_pool *
triples_source_pool_new(void)
{
  triples_source_pool *p = calloc(1, sizeof *p);
  if (p && (!(p->index = strmap_new()) || !(p->uri_index = ptrmap_new()))) {
    strmap_free(p->index);
    free(p);
    return NULL;
  }
  return p;
}

void
triples_source_pool_release_terms(triples_source_pool *p)
{
  if (!p) {
    return;
  }
  for (size_t i = 0; i < p->nuris; ++i) {
    if (p->uri_literals[i]) {
      rasqal_free_literal(p->uri_literals[i]);
    }
    if (p->uri_nodes[i]) {
      librdf_free_node(p->uri_nodes[i]);
    }
  }
  free(p->uri_literals);
  free(p->uri_nodes);
  p->uri_literals = NULL;
  p->uri_nodes = NULL;
  p->nuris = p->uris_capacity = 0;
  ptrmap_free(p->uri_index);
  p->uri_index = ptrmap_new(); /* NULL when out of memory: then nothing is cached */
}

void
triples_source_pool_free(triples_source_pool *p)
{
  if (!p) {
    return;
  }
  for (size_t i = 0; i < p->count; ++i) {
    free(p->strings[i]);
  }
  free(p->strings);
  strmap_free(p->index);
  triples_source_pool_release_terms(p);
  ptrmap_free(p->uri_index);
  free(p);
}

/* The cache position of @p uri, added when missing; SIZE_MAX when out of memory. */
static size_t
uri_position(triples_source_pool *p, raptor_uri *uri)
{
  size_t at;
  if (!p->uri_index) {
    return SIZE_MAX;
  }
  if (ptrmap_get(p->uri_index, uri, &at)) {
    return at;
  }
  if (p->nuris == p->uris_capacity) {
    const size_t capacity = p->uris_capacity ? 2 * p->uris_capacity : 256;
    rasqal_literal **literals = realloc(p->uri_literals, capacity * sizeof *literals);
    p->uri_literals = literals ? literals : p->uri_literals;
    librdf_node **nodes = literals ? realloc(p->uri_nodes, capacity * sizeof *nodes) : NULL;
    p->uri_nodes = nodes ? nodes : p->uri_nodes;
    if (!literals || !nodes) {
      return SIZE_MAX;
    }
    p->uris_capacity = capacity;
  }
  if (ptrmap_put(p->uri_index, uri, p->nuris) != ILDKG_OK) {
    return SIZE_MAX;
  }
  p->uri_literals[p->nuris] = NULL;
  p->uri_nodes[p->nuris] = NULL;
  return p->nuris++;
}

/* A new reference to the rasqal term of @p uri (borrowed); NULL when out of memory. */
static rasqal_literal *
uri_literal(rasqal_world *rasqal, triples_source_pool *p, raptor_uri *uri)
{
  const size_t at = uri_position(p, uri);
  if (at != SIZE_MAX && p->uri_literals[at]) {
    return rasqal_new_literal_from_literal(p->uri_literals[at]);
  }
  raptor_uri *copy = raptor_uri_copy(uri);
  rasqal_literal *l = copy ? rasqal_new_uri_literal(rasqal, copy) : NULL;
  if (l && at != SIZE_MAX) {
    p->uri_literals[at] = rasqal_new_literal_from_literal(l);
  }
  return l;
}

/* A new reference to the librdf node of @p uri (borrowed); NULL when out of memory. */
static librdf_node *
uri_node(librdf_world *world, triples_source_pool *p, raptor_uri *uri)
{
  const size_t at = uri_position(p, uri);
  if (at != SIZE_MAX && p->uri_nodes[at]) {
    return librdf_new_node_from_node(p->uri_nodes[at]);
  }
  librdf_node *n = librdf_new_node_from_uri(world, (librdf_uri *)uri);
  if (n && at != SIZE_MAX) {
    p->uri_nodes[at] = librdf_new_node_from_node(n);
  }
  return n;
}

/* One lasting copy of @p s per pool; NULL when out of memory. */
static const char *
intern(triples_source_pool *p, const char *s)
{
  size_t at = 0;
  if (strmap_get(p->index, s, &at)) {
    return p->strings[at];
  }
  if (p->count == p->capacity) {
    const size_t capacity = p->capacity ? p->capacity * 2 : 16;
    char **grown = realloc(p->strings, capacity * sizeof *grown);
    if (!grown) {
      return NULL;
    }
    p->strings = grown;
    p->capacity = capacity;
  }
  char *copy = strdup(s);
  if (!copy || strmap_put(p->index, copy, p->count) != ILDKG_OK) {
    free(copy);
    return NULL;
  }
  p->strings[p->count++] = copy;
  return copy;
}

/*
 * rasqal rewrites some typed values as it reads them ("0"^^xsd:boolean becomes "false",
 * "+1.50"^^xsd:decimal "1.5", a +00:00 timezone -00:00), and an answer must give the
 * data's own term back, and STR() its own lexical form. Put the data's string back
 * where rasqal keeps it: rasqal never frees a decimal's string (the decimal owns it), so
 * that comes from the pool; a date's it frees with free(). A boolean "0" or "1" is not
 * promoted at all (see literal_from_literal_node): rasqal frees any boolean string that
 * is not its own static "true" or "false" when it promotes the literal again.
 */
static void
keep_lexical_form(triples_source_pool *pool, rasqal_literal *l, const char *value)
{
  const size_t len = strlen(value);
  if (l->string_len == len && !memcmp(l->string, value, len)) {
    return;
  }
  const char *kept = NULL;
  switch (l->type) {
  case RASQAL_LITERAL_DECIMAL: kept = pool ? intern(pool, value) : NULL; break;
  case RASQAL_LITERAL_DATE:
  case RASQAL_LITERAL_DATETIME:
    if ((kept = strdup(value))) {
      free((void *)l->string);
    }
    break;
  default: break;
  }
  if (kept) {
    l->string = (const unsigned char *)kept;
    l->string_len = (unsigned int)len;
  }
}

/*
 * rasqal 0.9.33 does not know xsd:unsignedByte and xsd:positiveInteger for integers, so
 * its arithmetic on them gave no xsd:integer: read them as the integer subtype they are,
 * keeping their datatype and lexical form. NULL when @p value is no such integer.
 */
static rasqal_literal *
unknown_integer_subtype(rasqal_world *rasqal, const char *value, raptor_uri *datatype)
{
  const char *name = (const char *)raptor_uri_as_string(datatype);
  if (strcmp(name, "http://www.w3.org/2001/XMLSchema#unsignedByte") &&
      strcmp(name, "http://www.w3.org/2001/XMLSchema#positiveInteger")) {
    return NULL;
  }
  char *end = NULL;
  errno = 0;
  const long n = strtol(value, &end, 10);
  if (errno || end == value || *end || n < 0 || n > INT_MAX) {
    return NULL;
  }
  rasqal_literal *l = rasqal_new_integer_literal(rasqal, RASQAL_LITERAL_INTEGER, (int)n);
  char *lexical = l ? strdup(value) : NULL;
  raptor_uri *type = lexical ? raptor_uri_copy(datatype) : NULL;
  if (!type) {
    free(lexical);
    rasqal_free_literal(l);
    return NULL;
  }
  free((void *)l->string); /* rasqal's free() owns the string and the datatype of an integer */
  raptor_free_uri(l->datatype);
  l->string = (const unsigned char *)lexical;
  l->string_len = (unsigned int)strlen(lexical);
  l->datatype = type;
  l->type = RASQAL_LITERAL_INTEGER_SUBTYPE;
  return l;
}

static int
is_boolean(raptor_uri *datatype)
{
  return !strcmp((const char *)raptor_uri_as_string(datatype),
                 "http://www.w3.org/2001/XMLSchema#boolean");
}

static rasqal_literal *
literal_from_literal_node(rasqal_world *rasqal, triples_source_pool *pool, librdf_node *node)
{
  size_t len = 0;
  const char *value = (const char *)librdf_node_get_literal_value_as_counted_string(node, &len);
  const char *lang = librdf_node_get_literal_value_language(node);
  librdf_uri *datatype = librdf_node_get_literal_value_datatype_uri(node);
  /* rasqal frees its literals' strings with free() */
  char *value_copy = strndup(value, len);
  char *lang_copy = lang ? strdup(lang) : NULL;
  if (!value_copy || (lang && !lang_copy)) {
    free(value_copy);
    free(lang_copy);
    return NULL;
  }
  /* librdf_uri is raptor_uri in librdf 1.0.17 (librdf's own source relies on it too) */
  raptor_uri *datatype_copy = datatype ? raptor_uri_copy((raptor_uri *)datatype) : NULL;
  rasqal_literal *subtype =
    datatype && strlen(value) == len ? unknown_integer_subtype(rasqal, value, (raptor_uri *)datatype)
                                     : NULL;
  if (subtype) {
    free(value_copy);
    free(lang_copy);
    return subtype;
  }
  /* "0"^^xsd:boolean stays a typed string until rasqal compares it (then it is false) */
  const int plain_boolean = datatype_copy && is_boolean(datatype_copy) && strcmp(value, "true") &&
                            strcmp(value, "false");
  rasqal_literal *l = rasqal_new_string_literal(rasqal, (unsigned char *)value_copy, lang_copy,
                                                plain_boolean ? NULL : datatype_copy, NULL);
  if (l && plain_boolean) {
    l->datatype = datatype_copy;
  } else if (plain_boolean) {
    raptor_free_uri(datatype_copy);
  }
  if (l && datatype && strlen(value) == len) {
    keep_lexical_form(pool, l, value);
  }
  return l;
}

/* A new rasqal term for @p node (borrowed); NULL on failure. */
static rasqal_literal *
literal_from_node(rasqal_world *rasqal, triples_source_pool *pool, librdf_node *node)
{
  if (librdf_node_is_resource(node)) {
    return uri_literal(rasqal, pool, (raptor_uri *)librdf_node_get_uri(node));
  }
  if (librdf_node_is_literal(node)) {
    return literal_from_literal_node(rasqal, pool, node);
  }
  const char *id = (const char *)librdf_node_get_blank_identifier(node);
  char *id_copy = id ? strdup(id) : NULL;
  return id_copy ? rasqal_new_simple_literal(rasqal, RASQAL_LITERAL_BLANK, (unsigned char *)id_copy)
                 : NULL;
}

/* A new librdf node for the RDF term @p l (borrowed); NULL when it is none. */
static librdf_node *
node_from_literal(librdf_world *world, triples_source_pool *pool, rasqal_literal *l)
{
  /* An integer subtype (xsd:byte, ...) counts as a plain typed literal for RDF. */
  const rasqal_literal_type type = l->type == RASQAL_LITERAL_INTEGER_SUBTYPE
                                       ? RASQAL_LITERAL_STRING
                                       : rasqal_literal_get_rdf_term_type(l);
  switch (type) {
  case RASQAL_LITERAL_URI:
    return uri_node(world, pool, l->value.uri);
  case RASQAL_LITERAL_STRING:
    /* the model holds "abc"^^xsd:string as "abc" (RDF 1.1: one term) */
    return librdf_new_node_from_typed_literal(
      world, l->string, l->language,
      l->datatype && !strcmp((const char *)raptor_uri_as_string(l->datatype), XSD_STRING)
        ? NULL
        : (librdf_uri *)l->datatype);
  case RASQAL_LITERAL_BLANK:
    return librdf_new_node_from_blank_identifier(world, l->string);
  default:
    return NULL;
  }
}

/*
 * The node a pattern term asks for, or NULL for "any". A variable that already has a
 * value is that value, and is left out of @p binding so that rasqal's reset of this
 * pattern cannot erase it; an unbound one becomes the pattern's binding.
 */
static int
pattern_term(librdf_world *world, triples_source_pool *pool, rasqal_literal *term,
             librdf_node **node, rasqal_variable **binding)
{
  rasqal_variable *var = rasqal_literal_as_variable(term);
  *node = NULL;
  *binding = NULL;
  if (var && !var->value) {
    *binding = var;
    return 0;
  }
  *node = node_from_literal(world, pool, var ? var->value : term);
  return *node ? 0 : 1;
}

/* A variable named twice in a pattern (?x :p ?x) binds once and must match twice. */
static int
repeats_agree(rasqal_variable *bindings[4], librdf_node *terms[3])
{
  for (int i = 0; i < 3; ++i) {
    for (int j = i + 1; j < 3; ++j) {
      if (bindings[i] && bindings[i] == bindings[j] && !librdf_node_equals(terms[i], terms[j])) {
        return 0;
      }
    }
  }
  return 1;
}

/* The subject, predicate and object of the current match (borrowed; a path's pair has no
   predicate); 0 when there is none. */
static int
current_terms(pattern_match *pm, librdf_node *terms[3])
{
  if (pm->indexed) {
    if (pm->next >= pm->nindexed) {
      return 0;
    }
    terms[0] = pm->indexed[pm->next].s;
    terms[1] = pm->indexed[pm->next].p;
    terms[2] = pm->indexed[pm->next].o;
    return 1;
  }
  if (!pm->stream) {
    const property_path_pairs *pairs = match_pairs(pm);
    if (pm->next >= pairs->n) {
      return 0;
    }
    terms[0] = pairs->pairs[pm->next].s;
    terms[1] = pm->shared ? pm->shared->p : NULL;
    terms[2] = pairs->pairs[pm->next].o;
    return 1;
  }
  librdf_statement *st = librdf_stream_get_object(pm->stream);
  if (!st) {
    return 0;
  }
  terms[0] = librdf_statement_get_subject(st);
  terms[1] = librdf_statement_get_predicate(st);
  terms[2] = librdf_statement_get_object(st);
  return 1;
}

/* A new reference to the rasqal term of the current indexed triple's object, made once
   and kept by the index; NULL when out of memory. */
static rasqal_literal *
indexed_object(pattern_match *pm)
{
  const subject_index_triple *t = &pm->indexed[pm->next];
  rasqal_literal *kept = subject_index_object(pm->index, t);
  if (kept) {
    return rasqal_new_literal_from_literal(kept);
  }
  rasqal_literal *made = literal_from_node(pm->rasqal, pm->pool, t->o);
  rasqal_literal *copy = made ? rasqal_new_literal_from_literal(made) : NULL;
  if (copy) {
    (void)subject_index_keep_object(pm->index, t, copy); /* not kept: the binding is made */
  }
  return made;
}

static rasqal_triple_parts
bind_match(rasqal_triples_match *rtm, void *user_data, rasqal_variable *bindings[4],
           rasqal_triple_parts parts)
{
  (void)user_data;
  pattern_match *pm = rtm->user_data;
  librdf_node *terms[3];
  if (out_of_time(pm->clock) || !current_terms(pm, terms)) {
    return (rasqal_triple_parts)0;
  }
  if (!repeats_agree(bindings, terms)) {
    return (rasqal_triple_parts)0;
  }
  static const rasqal_triple_parts part_of[3] = {RASQAL_TRIPLE_SUBJECT, RASQAL_TRIPLE_PREDICATE,
                                                 RASQAL_TRIPLE_OBJECT};
  for (int i = 0; i < 3; ++i) {
    if (bindings[i] && (parts & part_of[i])) {
      rasqal_variable_set_value(bindings[i], i == 2 && pm->indexed
                                               ? indexed_object(pm)
                                               : literal_from_node(pm->rasqal, pm->pool, terms[i]));
    }
  }
  /* Non-zero for "matched": parts whose variable was given as a value bind nothing. */
  return parts ? parts : RASQAL_TRIPLE_SPO;
}

static void
next_match(rasqal_triples_match *rtm, void *user_data)
{
  (void)user_data;
  pattern_match *pm = rtm->user_data;
  if (pm->stream) {
    librdf_stream_next(pm->stream);
  } else {
    ++pm->next;
  }
}

static int
is_end(rasqal_triples_match *rtm, void *user_data)
{
  (void)user_data;
  pattern_match *pm = rtm->user_data;
  if (out_of_time(pm->clock)) {
    return 1;
  }
  if (pm->indexed) {
    return pm->next >= pm->nindexed;
  }
  return pm->stream ? librdf_stream_end(pm->stream) : pm->next >= match_pairs(pm)->n;
}

static void
finish_match(rasqal_triples_match *rtm, void *user_data)
{
  (void)user_data;
  pattern_match *pm = rtm->user_data;
  if (pm) {
    if (pm->stream) {
      librdf_free_stream(pm->stream);
    }
    property_path_pairs_clear(&pm->pairs);
    memo_entry_release(pm->shared);
    free(pm);
    rtm->user_data = NULL;
  }
}

static void
free_terms(librdf_node *terms[3])
{
  for (int i = 0; i < 3; ++i) {
    if (terms[i]) {
      librdf_free_node(terms[i]);
    }
  }
}

/* The model a pattern reads: the default graph, or the named graph of its GRAPH; NULL
   when that graph does not exist (or the GRAPH variable has no value). */
static librdf_model *
model_of(triples_source *source, rasqal_literal *origin)
{
  if (!origin) {
    return source->model;
  }
  rasqal_variable *var = rasqal_literal_as_variable(origin);
  rasqal_literal *name = var ? var->value : origin;
  if (!name || name->type != RASQAL_LITERAL_URI || !source->named) {
    return NULL;
  }
  return source->named(source->named_user_data,
                       (const char *)raptor_uri_as_string(name->value.uri));
}

/* The property path the predicate @p predicate names, or NULL. */
static const property_path *
path_of(const triples_source *source, rasqal_literal *predicate)
{
  if (!source->paths || !predicate || predicate->type != RASQAL_LITERAL_URI) {
    return NULL;
  }
  return property_paths_get(source->paths,
                            (const char *)raptor_uri_as_string(predicate->value.uri));
}

static int
path_stop(void *clock)
{
  return out_of_time(clock);
}

/* Append the pairs @p path connects between @p s and @p o (NULL: any) in the pattern's
   graph. A deadline that passes ends the pairs early (the clock says so). */
static ildkg_status
path_pairs(triples_source *source, rasqal_triple *t, const property_path *path, librdf_node *s,
           librdf_node *o, property_path_pairs *out)
{
  librdf_model *model = model_of(source, t->origin);
  if (!model) {
    return ILDKG_OK;
  }
  const property_path_graph g = {source->world, model, path_stop, source->clock};
  const ildkg_status st = property_path_eval(path, &g, s, o, out);
  return st == ILDKG_ERR_LIMIT ? ILDKG_OK : st;
}

static librdf_stream *
find_statements(triples_source *target, rasqal_triple *t, librdf_node *terms[3])
{
  librdf_model *model = model_of(target, t->origin);
  if (!model) {
    free_terms(terms);
    return librdf_new_empty_stream(target->world);
  }
  librdf_statement *query = librdf_new_statement_from_nodes(target->world, terms[0], terms[1],
                                                            terms[2]); /* takes the terms */
  if (!query) {
    return NULL;
  }
  librdf_stream *stream = librdf_model_find_statements(model, query);
  librdf_free_statement(query);
  return stream;
}

/* The memo's entry for the subject and predicate @p terms[0], @p terms[1] (IRIs; the
   object unbound), from the default graph; a new counted reference, or NULL when it
   cannot be had (then the pattern reads a stream as any other). Takes nothing. */
static memo_entry *
memo_lookup(triples_source *source, librdf_node *terms[3])
{
  if (!source->memo && !(source->memo = calloc(1, sizeof *source->memo))) {
    return NULL;
  }
  const uintptr_t key = (uintptr_t)terms[0] * 31u + (uintptr_t)terms[1];
  memo_entry **slot = &source->memo->slot[(key >> 4) % MEMO_SLOTS];
  if (*slot && (*slot)->s == terms[0] && (*slot)->p == terms[1]) {
    ++(*slot)->refs;
    return *slot;
  }
  memo_entry *e = calloc(1, sizeof *e);
  /* a NULL part of the search would match any term: copies first, then the search */
  librdf_node *s = e ? librdf_new_node_from_node(terms[0]) : NULL;
  librdf_node *p = s ? librdf_new_node_from_node(terms[1]) : NULL;
  librdf_statement *query = p ? librdf_new_statement_from_nodes(source->world, s, p, NULL) : NULL;
  if (s && !p) { /* librdf_new_statement_from_nodes took both, or freed both */
    librdf_free_node(s);
  }
  librdf_stream *stream = query ? librdf_model_find_statements(source->model, query) : NULL;
  bool ok = stream != NULL;
  for (; ok && !librdf_stream_end(stream); librdf_stream_next(stream)) {
    librdf_statement *st = librdf_stream_get_object(stream);
    ok = st && property_path_pairs_add(&e->objects, librdf_statement_get_subject(st),
                                       librdf_statement_get_object(st)) == ILDKG_OK;
  }
  if (stream) {
    librdf_free_stream(stream);
  }
  if (query) {
    librdf_free_statement(query);
  }
  if (ok) {
    e->s = librdf_new_node_from_node(terms[0]);
    e->p = e->s ? librdf_new_node_from_node(terms[1]) : NULL;
  }
  if (e) {
    e->refs = 1;
  }
  if (!ok || !e->p) {
    memo_entry_release(e);
    return NULL;
  }
  e->refs = 2; /* the slot's and the caller's */
  memo_entry_release(*slot);
  *slot = e;
  return e;
}

/* Whether the pattern can read from the memo: an IRI subject and predicate given, the
   default graph. */
static bool
memo_fits(const rasqal_triple *t, librdf_node *terms[3])
{
  return !t->origin && terms[0] && terms[1] && librdf_node_is_resource(terms[0]) &&
         librdf_node_is_resource(terms[1]);
}

/* The memo's answer to "is the triple @p terms there?": an entry holding the triple as
   its one pair when it is, none when not; a new counted reference, or NULL when it
   cannot be had. Takes nothing. */
static presence_entry *
presence_lookup(triples_source *source, librdf_node *terms[3])
{
  if (!source->memo && !(source->memo = calloc(1, sizeof *source->memo))) {
    return NULL;
  }
  const uintptr_t key =
    ((uintptr_t)terms[0] * 31u + (uintptr_t)terms[1]) * 31u + (uintptr_t)terms[2];
  const size_t at = (key >> 4) % MEMO_SLOTS;
  presence_entry *e = source->memo->present[at];
  if (e && e->s == terms[0] && e->p == terms[1] && e->o == terms[2]) {
    ++e->refs;
    return e;
  }
  librdf_node *held[3] = {NULL, NULL, NULL};
  for (int i = 0; i < 3; ++i) {
    held[i] = librdf_new_node_from_node(terms[i]);
  }
  e = calloc(1, sizeof *e);
  librdf_statement *st =
    e && held[0] && held[1] && held[2]
      ? librdf_new_statement_from_nodes(source->world, librdf_new_node_from_node(held[0]),
                                        librdf_new_node_from_node(held[1]),
                                        librdf_new_node_from_node(held[2]))
      : NULL;
  const int present = st ? librdf_model_contains_statement(source->model, st) : 0;
  /* librdf: -1 present, 0 absent, 1 an incomplete statement (not asked for here) */
  bool ok = st && librdf_statement_get_subject(st) && librdf_statement_get_predicate(st) &&
            librdf_statement_get_object(st) && present <= 0;
  if (st) {
    librdf_free_statement(st);
  }
  if (ok && present < 0) {
    ok = property_path_pairs_add(&e->objects, held[0], held[2]) == ILDKG_OK;
  }
  if (!ok) {
    free_terms(held);
    if (e) {
      property_path_pairs_clear(&e->objects);
    }
    free(e);
    return NULL;
  }
  e->s = held[0];
  e->p = held[1];
  e->o = held[2];
  e->refs = 2; /* the slot's and the caller's */
  memo_entry_release(source->memo->present[at]);
  source->memo->present[at] = e;
  return e;
}

/* The IRI a pattern's term stands for now (a constant, or a variable's value), or NULL. */
static raptor_uri *
given_iri(rasqal_literal *term)
{
  rasqal_variable *var = rasqal_literal_as_variable(term);
  rasqal_literal *l = var ? var->value : term;
  return l && l->type == RASQAL_LITERAL_URI ? l->value.uri : NULL;
}

/* Answer from the subject index a pattern of the default graph whose subject and predicate
   are given IRIs (no path) and whose object is a variable without a value: the lookup a
   join makes for each row. Sets the match's triples and the pattern's one binding. */
static bool
match_from_index(triples_source *source, rasqal_triple *t, rasqal_triple_meta *m,
                 pattern_match *pm)
{
  static const subject_index_triple none = {NULL, NULL, NULL};
  rasqal_variable *object = rasqal_literal_as_variable(t->object);
  if (!source->subjects || t->origin || !object || object->value) {
    return false;
  }
  raptor_uri *s = given_iri(t->subject);
  raptor_uri *p = s ? given_iri(t->predicate) : NULL;
  if (!p || path_of(source, t->predicate)) {
    return false;
  }
  m->bindings[0] = m->bindings[1] = m->bindings[3] = NULL;
  m->bindings[2] = object;
  pm->index = source->subjects;
  pm->nindexed = subject_index_find(source->subjects, s, p, &pm->indexed);
  if (!pm->indexed) { /* none: an empty run, still read as one */
    pm->indexed = &none;
  }
  return true;
}

static int
init_triples_match(rasqal_triples_match *rtm, rasqal_triples_source *rts, void *user_data,
                   rasqal_triple_meta *m, rasqal_triple *t)
{
  (void)rts;
  triples_source *source = user_data;
  /* rasqal calls finish on a match whose init failed: set it before anything can fail */
  rtm->bind_match = bind_match;
  rtm->next_match = next_match;
  rtm->is_end = is_end;
  rtm->finish = finish_match;
  pattern_match *pm = calloc(1, sizeof *pm);
  if (!pm) {
    return 1;
  }
  rtm->user_data = pm;
  pm->rasqal = librdf_world_get_rasqal(source->world);
  pm->clock = source->clock;
  pm->pool = source->pool;

  if (match_from_index(source, t, m, pm)) {
    return 0;
  }
  librdf_node *terms[3] = {NULL, NULL, NULL};
  rasqal_literal *parts[3] = {t->subject, t->predicate, t->object};
  for (int i = 0; i < 3; ++i) {
    if (pattern_term(source->world, source->pool, parts[i], &terms[i], &m->bindings[i])) {
      free_terms(terms);
      return 1;
    }
  }
  m->bindings[3] = NULL;
  if (t->origin && !m->parts) {
    /* rasqal 0.9.33 records no variable as bound by a GRAPH pattern's triples, and so
       would answer each match with a row of unbound values: bind what this source binds */
    static const rasqal_triple_parts part_of[3] = {RASQAL_TRIPLE_SUBJECT, RASQAL_TRIPLE_PREDICATE,
                                                   RASQAL_TRIPLE_OBJECT};
    for (int i = 0; i < 3; ++i) {
      m->parts = (rasqal_triple_parts)(m->parts | (m->bindings[i] ? part_of[i] : 0));
    }
  }
  const property_path *path = path_of(source, t->predicate);
  if (path) {
    const ildkg_status st = path_pairs(source, t, path, terms[0], terms[2], &pm->pairs);
    free_terms(terms);
    return st == ILDKG_OK ? 0 : 1;
  }
  if (memo_fits(t, terms) &&
      (pm->shared = terms[2] ? presence_lookup(source, terms) : memo_lookup(source, terms))) {
    free_terms(terms);
    return 0;
  }
  pm->stream = find_statements(source, t, terms);
  return pm->stream ? 0 : 1;
}

/* A path's pattern with both ends given: does the path connect them? */
static int
path_present(triples_source *source, rasqal_triple *t, const property_path *path)
{
  librdf_node *terms[3] = {node_from_literal(source->world, source->pool, t->subject), NULL,
                           node_from_literal(source->world, source->pool, t->object)};
  property_path_pairs pairs = {NULL, 0, 0};
  const int present = terms[0] && terms[2] &&
                      path_pairs(source, t, path, terms[0], terms[2], &pairs) == ILDKG_OK &&
                      pairs.n > 0;
  property_path_pairs_clear(&pairs);
  free_terms(terms);
  return present;
}

static int
triple_present(rasqal_triples_source *rts, void *user_data, rasqal_triple *t)
{
  (void)rts;
  triples_source *source = user_data;
  const property_path *path = path_of(source, t->predicate);
  if (path) {
    return path_present(source, t, path);
  }
  librdf_world *world = source->world;
  librdf_node *s = node_from_literal(world, source->pool, t->subject);
  librdf_node *p = node_from_literal(world, source->pool, t->predicate);
  librdf_node *o = node_from_literal(world, source->pool, t->object);
  librdf_statement *st = librdf_new_statement_from_nodes(world, s, p, o); /* takes the nodes */
  if (!st) {
    return 0;
  }
  /* -1 means present; 1 means an incomplete statement, which librdf's own source took for present */
  librdf_model *model = model_of(source, t->origin);
  const int present = model && librdf_model_contains_statement(model, st) < 0;
  librdf_free_statement(st);
  return present;
}

static void
free_triples_source(void *user_data)
{
  /* rasqal frees its copy of the source itself; the models are borrowed */
  lookup_memo_free(((triples_source *)user_data)->memo);
}

static int
new_triples_source(rasqal_query *query, void *factory_user_data, void *user_data,
                   rasqal_triples_source *rts)
{
  (void)query;
  /* rasqal allocated user_data for each query (factory user_data_size): a copy */
  *(triples_source *)user_data = *(triples_source *)factory_user_data;
  ((triples_source *)user_data)->memo = NULL;
  rts->version = 1;
  rts->init_triples_match = init_triples_match;
  rts->triple_present = triple_present;
  rts->free_triples_source = free_triples_source;
  return 0;
}

static int
register_factory(rasqal_triples_source_factory *factory)
{
  factory->version = 1;
  factory->user_data_size = sizeof(triples_source);
  factory->new_triples_source = new_triples_source;
  return 0;
}

ildkg_status
triples_source_install(triples_source *source)
{
  return rasqal_set_triples_source_factory(librdf_world_get_rasqal(source->world),
                                           register_factory, source)
             ? ILDKG_ERR_RDF
             : ILDKG_OK;
}
