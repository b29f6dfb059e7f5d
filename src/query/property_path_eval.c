/* SPDX-License-Identifier: MIT */
/* Evaluating a parsed property path on a librdf model (SPARQL 1.1, section 18.4). */
#include <config.h>

#include "property_path.h"

#include "grow.h"
#include "property_path_ast.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- pairs ------------------------------------------------------------------------------ */

void
property_path_pairs_clear(property_path_pairs *pairs)
{
  if (!pairs) {
    return;
  }
  for (size_t i = 0; i < pairs->n; ++i) {
    librdf_free_node(pairs->pairs[i].s);
    librdf_free_node(pairs->pairs[i].o);
  }
  free(pairs->pairs);
  *pairs = (property_path_pairs){NULL, 0, 0};
}

ildkg_status
property_path_pairs_add(property_path_pairs *out, librdf_node *s, librdf_node *o)
{
  property_path_pair *pairs = grow_array(out->pairs, &out->cap, out->n + 1, sizeof *pairs, 16);
  if (!pairs) {
    return ILDKG_ERR_NOMEM;
  }
  out->pairs = pairs;
  librdf_node *s_copy = librdf_new_node_from_node(s);
  librdf_node *o_copy = s_copy ? librdf_new_node_from_node(o) : NULL;
  if (!o_copy) {
    if (s_copy) {
      librdf_free_node(s_copy);
    }
    return ILDKG_ERR_NOMEM;
  }
  out->pairs[out->n++] = (property_path_pair){s_copy, o_copy};
  return ILDKG_OK;
}

/* Make *slot a copy of @p node. */
static ildkg_status
replace_node(librdf_node **slot, librdf_node *node)
{
  librdf_node *copy = librdf_new_node_from_node(node);
  if (!copy) {
    return ILDKG_ERR_NOMEM;
  }
  librdf_free_node(*slot);
  *slot = copy;
  return ILDKG_OK;
}

/* ---- sets of nodes ---------------------------------------------------------------------- */

/* Distinct nodes, in the order they were added (so the set is its own BFS queue). */
typedef struct {
  librdf_node **slots; /* open addressing; cap is a power of two */
  size_t cap;
  librdf_node **items; /* owned copies, in order */
  size_t n;
} node_set;

static uint64_t
hash_bytes(uint64_t h, const unsigned char *s, size_t len)
{
  for (size_t i = 0; i < len; ++i) {
    h = (h ^ s[i]) * 1099511628211u; /* FNV-1a */
  }
  return h;
}

static uint64_t
node_hash(librdf_node *node)
{
  uint64_t h = 14695981039346656037u;
  size_t len = 0;
  if (librdf_node_is_resource(node)) {
    const unsigned char *s = librdf_uri_as_counted_string(librdf_node_get_uri(node), &len);
    return hash_bytes(h, s, len);
  }
  if (librdf_node_is_blank(node)) {
    const unsigned char *id = librdf_node_get_blank_identifier(node);
    return hash_bytes(h ^ 1, id, strlen((const char *)id));
  }
  const unsigned char *value = librdf_node_get_literal_value_as_counted_string(node, &len);
  h = hash_bytes(h ^ 2, value, len);
  const char *lang = librdf_node_get_literal_value_language(node);
  return lang ? hash_bytes(h, (const unsigned char *)lang, strlen(lang)) : h;
}

static void
set_free(node_set *set)
{
  for (size_t i = 0; i < set->n; ++i) {
    librdf_free_node(set->items[i]);
  }
  free(set->slots);
  free(set->items);
  *set = (node_set){NULL, 0, NULL, 0};
}

/* The slot of @p node: where it is, or the empty one where it would go. */
static size_t
set_slot(const node_set *set, librdf_node *node)
{
  size_t i = (size_t)node_hash(node) & (set->cap - 1);
  while (set->slots[i] && !librdf_node_equals(set->slots[i], node)) {
    i = (i + 1) & (set->cap - 1);
  }
  return i;
}

static int
set_contains(const node_set *set, librdf_node *node)
{
  return set->cap && set->slots[set_slot(set, node)];
}

/* Room for one more node at most half full. */
static ildkg_status
set_reserve(node_set *set)
{
  if (2 * (set->n + 1) <= set->cap) {
    return ILDKG_OK;
  }
  const size_t cap = set->cap ? 2 * set->cap : 16;
  librdf_node **slots = calloc(cap, sizeof *slots);
  librdf_node **items = slots ? realloc(set->items, cap * sizeof *items) : NULL;
  if (!items) {
    free(slots);
    return ILDKG_ERR_NOMEM;
  }
  free(set->slots);
  set->slots = slots;
  set->items = items;
  set->cap = cap;
  for (size_t i = 0; i < set->n; ++i) {
    set->slots[set_slot(set, set->items[i])] = set->items[i];
  }
  return ILDKG_OK;
}

/* Add a copy of @p node: ILDKG_OK, ILDKG_DONE when it was there, ILDKG_ERR_NOMEM. */
static ildkg_status
set_add(node_set *set, librdf_node *node)
{
  if (set_contains(set, node)) {
    return ILDKG_DONE;
  }
  const ildkg_status st = set_reserve(set);
  librdf_node *copy = st == ILDKG_OK ? librdf_new_node_from_node(node) : NULL;
  if (!copy) {
    return ILDKG_ERR_NOMEM;
  }
  set->slots[set_slot(set, copy)] = copy;
  set->items[set->n++] = copy;
  return ILDKG_OK;
}

/* ---- links and negated property sets ----------------------------------------------------- */

static int
stopped(const property_path_graph *g)
{
  return g->stop && g->stop(g->stop_data);
}

/* True when the predicate of @p st is a member (of direction @p inverse) of @p p's set. */
static int
excluded(const property_path *p, int inverse, librdf_node *predicate)
{
  const char *iri = (const char *)librdf_uri_as_string(librdf_node_get_uri(predicate));
  for (size_t i = 0; p && i < p->nmembers; ++i) {
    if (p->members[i].inverse == inverse && !strcmp(p->members[i].iri, iri)) {
      return 1;
    }
  }
  return 0;
}

/* The triples matching (s, predicate, o) (NULL: any; @p predicate is consumed), as pairs
   (subject, object), or (object, subject) when @p inverse; those whose predicate is in the
   negated set @p nps (of that direction) are left out. */
static ildkg_status
add_triples(const property_path_graph *g, librdf_node *s, librdf_node *predicate,
            librdf_node *o, const property_path *nps, int inverse, property_path_pairs *out)
{
  librdf_node *s_copy = s ? librdf_new_node_from_node(s) : NULL;
  librdf_node *o_copy = o ? librdf_new_node_from_node(o) : NULL;
  librdf_statement *query = librdf_new_statement_from_nodes(g->world, s_copy, predicate, o_copy);
  librdf_stream *stream = query ? librdf_model_find_statements(g->model, query) : NULL;
  if (query) {
    librdf_free_statement(query); /* it held the nodes */
  }
  if (!stream) {
    return ILDKG_ERR_RDF;
  }
  ildkg_status st = ILDKG_OK;
  for (; st == ILDKG_OK && !librdf_stream_end(stream); librdf_stream_next(stream)) {
    librdf_statement *t = librdf_stream_get_object(stream);
    librdf_node *subject = librdf_statement_get_subject(t);
    librdf_node *object = librdf_statement_get_object(t);
    if (stopped(g)) {
      st = ILDKG_ERR_LIMIT;
    } else if (!excluded(nps, inverse, librdf_statement_get_predicate(t))) {
      st = inverse ? property_path_pairs_add(out, object, subject) : property_path_pairs_add(out, subject, object);
    }
  }
  librdf_free_stream(stream);
  return st;
}

static ildkg_status
eval_link(const property_path *p, const property_path_graph *g, librdf_node *s,
          librdf_node *o, property_path_pairs *out)
{
  if (s && librdf_node_is_literal(s)) {
    return ILDKG_OK; /* a literal is never a subject */
  }
  librdf_node *predicate = librdf_new_node_from_uri_string(g->world, (const unsigned char *)p->iri);
  return predicate ? add_triples(g, s, predicate, o, NULL, 0, out) : ILDKG_ERR_NOMEM;
}

static int
has_members(const property_path *p, int inverse)
{
  for (size_t i = 0; i < p->nmembers; ++i) {
    if (p->members[i].inverse == inverse) {
      return 1;
    }
  }
  return 0;
}

/* !(a|^b): the triples (s, p, o) with p not a, and the triples (o, p, s) with p not b; a
   set of inverse members alone has no forward part. */
static ildkg_status
eval_negated(const property_path *p, const property_path_graph *g, librdf_node *s,
             librdf_node *o, property_path_pairs *out)
{
  ildkg_status st = ILDKG_OK;
  const int backward = has_members(p, 1);
  if ((has_members(p, 0) || !backward) && !(s && librdf_node_is_literal(s))) {
    st = add_triples(g, s, NULL, o, p, 0, out);
  }
  if (st == ILDKG_OK && backward && !(o && librdf_node_is_literal(o))) {
    st = add_triples(g, o, NULL, s, p, 1, out);
  }
  return st;
}

/* ---- inverse, sequence, alternative ----------------------------------------------------- */

static ildkg_status
eval_inverse(const property_path *p, const property_path_graph *g, librdf_node *s,
             librdf_node *o, property_path_pairs *out)
{
  const size_t from = out->n;
  const ildkg_status st = property_path_eval(p->a, g, o, s, out);
  for (size_t i = from; i < out->n; ++i) {
    librdf_node *first = out->pairs[i].s;
    out->pairs[i].s = out->pairs[i].o;
    out->pairs[i].o = first;
  }
  return st;
}

/* a/b: for each (x, m) of a, each (m, y) of b gives (x, y), duplicates kept. With only the
   object given, from the object back. */
static ildkg_status
eval_sequence(const property_path *p, const property_path_graph *g, librdf_node *s,
              librdf_node *o, property_path_pairs *out)
{
  const int backward = !s && o;
  property_path_pairs middle = {NULL, 0, 0};
  ildkg_status st = backward ? property_path_eval(p->b, g, NULL, o, &middle)
                             : property_path_eval(p->a, g, s, NULL, &middle);
  for (size_t i = 0; st == ILDKG_OK && i < middle.n; ++i) {
    const property_path_pair *m = &middle.pairs[i];
    const size_t from = out->n;
    st = backward ? property_path_eval(p->a, g, NULL, m->s, out)
                  : property_path_eval(p->b, g, m->o, o, out);
    for (size_t k = from; st == ILDKG_OK && k < out->n; ++k) {
      st = backward ? replace_node(&out->pairs[k].o, m->o) : replace_node(&out->pairs[k].s, m->s);
    }
  }
  property_path_pairs_clear(&middle);
  return st;
}

static ildkg_status
eval_alternative(const property_path *p, const property_path_graph *g, librdf_node *s,
                 librdf_node *o, property_path_pairs *out)
{
  const ildkg_status st = property_path_eval(p->a, g, s, o, out);
  return st == ILDKG_OK ? property_path_eval(p->b, g, s, o, out) : st;
}

/* ---- closures: p?, p*, p+ (sets, ALP) ---------------------------------------------------- */

/* Add to @p set the nodes one step of @p p leads to from @p node (or, backward, from). */
static ildkg_status
step(const property_path *p, const property_path_graph *g, librdf_node *node, int forward,
     node_set *set)
{
  property_path_pairs next = {NULL, 0, 0};
  ildkg_status st = forward ? property_path_eval(p, g, node, NULL, &next)
                            : property_path_eval(p, g, NULL, node, &next);
  for (size_t i = 0; st == ILDKG_OK && i < next.n; ++i) {
    st = set_add(set, forward ? next.pairs[i].o : next.pairs[i].s);
    st = st == ILDKG_DONE ? ILDKG_OK : st;
  }
  property_path_pairs_clear(&next);
  return st;
}

/* The nodes closure @p p (p?, p* or p+) reaches from @p start, breadth first; each node is
   stepped from once, so cycles end. */
static ildkg_status
reach(const property_path *p, const property_path_graph *g, librdf_node *start, int forward,
      node_set *set)
{
  ildkg_status st = ILDKG_OK;
  if (p->kind != PATH_ONE_OR_MORE) {
    st = set_add(set, start); /* the zero-length path, in the graph or not */
    st = st == ILDKG_DONE ? ILDKG_OK : st;
  }
  st = st == ILDKG_OK ? step(p->a, g, start, forward, set) : st;
  if (p->kind == PATH_ZERO_OR_ONE) {
    return st;
  }
  /* p*: set->items[0] is start, stepped from already */
  for (size_t i = p->kind == PATH_ZERO_OR_MORE ? 1 : 0; st == ILDKG_OK && i < set->n; ++i) {
    st = stopped(g) ? ILDKG_ERR_LIMIT : step(p->a, g, set->items[i], forward, set);
  }
  return st;
}

/* Every subject and object of the graph. */
static ildkg_status
graph_nodes(const property_path_graph *g, node_set *set)
{
  librdf_stream *stream = librdf_model_as_stream(g->model);
  if (!stream) {
    return ILDKG_ERR_RDF;
  }
  ildkg_status st = ILDKG_OK;
  for (; st == ILDKG_OK && !librdf_stream_end(stream); librdf_stream_next(stream)) {
    librdf_statement *t = librdf_stream_get_object(stream);
    st = stopped(g) ? ILDKG_ERR_LIMIT : set_add(set, librdf_statement_get_subject(t));
    st = st == ILDKG_DONE ? ILDKG_OK : st;
    st = st == ILDKG_OK ? set_add(set, librdf_statement_get_object(t)) : st;
    st = st == ILDKG_DONE ? ILDKG_OK : st;
  }
  librdf_free_stream(stream);
  return st;
}

/* From every node of the graph: (n, m) for each m that n reaches. */
static ildkg_status
closure_from_all(const property_path *p, const property_path_graph *g, property_path_pairs *out)
{
  node_set starts = {NULL, 0, NULL, 0};
  ildkg_status st = graph_nodes(g, &starts);
  for (size_t i = 0; st == ILDKG_OK && i < starts.n; ++i) {
    node_set reached = {NULL, 0, NULL, 0};
    st = reach(p, g, starts.items[i], 1, &reached);
    for (size_t k = 0; st == ILDKG_OK && k < reached.n; ++k) {
      st = property_path_pairs_add(out, starts.items[i], reached.items[k]);
    }
    set_free(&reached);
  }
  set_free(&starts);
  return st;
}

static ildkg_status
eval_closure(const property_path *p, const property_path_graph *g, librdf_node *s,
             librdf_node *o, property_path_pairs *out)
{
  if (!s && !o) {
    return closure_from_all(p, g, out);
  }
  node_set reached = {NULL, 0, NULL, 0};
  ildkg_status st = reach(p, g, s ? s : o, s != NULL, &reached);
  if (st == ILDKG_OK && s && o) {
    st = set_contains(&reached, o) ? property_path_pairs_add(out, s, o) : ILDKG_OK;
  }
  for (size_t i = 0; st == ILDKG_OK && !(s && o) && i < reached.n; ++i) {
    st = s ? property_path_pairs_add(out, s, reached.items[i]) : property_path_pairs_add(out, reached.items[i], o);
  }
  set_free(&reached);
  return st;
}

ildkg_status
property_path_eval(const property_path *p, const property_path_graph *g, librdf_node *s,
                   librdf_node *o, property_path_pairs *out)
{
  if (stopped(g)) {
    return ILDKG_ERR_LIMIT;
  }
  switch (p->kind) {
  case PATH_LINK: return eval_link(p, g, s, o, out);
  case PATH_INVERSE: return eval_inverse(p, g, s, o, out);
  case PATH_SEQUENCE: return eval_sequence(p, g, s, o, out);
  case PATH_ALTERNATIVE: return eval_alternative(p, g, s, o, out);
  case PATH_NEGATED: return eval_negated(p, g, s, o, out);
  case PATH_ZERO_OR_ONE:
  case PATH_ZERO_OR_MORE:
  case PATH_ONE_OR_MORE: return eval_closure(p, g, s, o, out);
  }
  return ILDKG_ERR_RDF;
}
