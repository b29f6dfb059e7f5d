/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "triple_table.h"

#include "grow.h"

#include "literal_map.h"
#include "ptrmap.h"
#include "strmap.h"

#include <stdlib.h>
#include <string.h>

struct triple_table {
  const raptor_term **terms; /* by number */
  size_t nterms, terms_capacity;
  ptrmap *by_uri;  /* an IRI's raptor_uri (raptor interns them) to its number */
  strmap *blanks;  /* a blank node's label to its number */
  literal_map *literals; /* a literal, by value, to its number */
  raptor_world *world;
  id_triple *spo, *pos;
  size_t ntriples, capacity;
};

void
triple_table_free(triple_table *t)
{
  if (t) {
    free(t->terms);
    ptrmap_free(t->by_uri);
    strmap_free(t->blanks);
    literal_map_free(t->literals);
    free(t->spo);
    free(t->pos);
    free(t);
  }
}

static ildkg_status
new_number(triple_table *t, const raptor_term *term, term_id *id)
{
  if (t->nterms == TERM_NONE) {
    return ILDKG_ERR_UNSUPPORTED;
  }
  if (t->nterms == t->terms_capacity) {
    const size_t capacity = t->terms_capacity ? 2 * t->terms_capacity : 1024;
    const raptor_term **grown = realloc(t->terms, capacity * sizeof *grown);
    if (!grown) {
      return ILDKG_ERR_NOMEM;
    }
    t->terms = grown;
    t->terms_capacity = capacity;
  }
  t->terms[t->nterms] = term;
  *id = (term_id)t->nterms++;
  return ILDKG_OK;
}

static ildkg_status
number_literal(triple_table *t, const raptor_term *term, term_id *id)
{
  const raptor_term_literal_value *v = &term->value.literal;
  size_t index = t->nterms;
  bool found = false;
  const ildkg_status st = literal_map_find_or_add(
    t->literals, (const char *)v->string, v->string_len, (const char *)v->language,
    v->datatype ? (const char *)raptor_uri_as_string(v->datatype) : NULL, &index, &found);
  if (st != ILDKG_OK || found) {
    *id = (term_id)index;
    return st;
  }
  return new_number(t, term, id); /* numbered t->nterms, as mapped */
}

/* The number of blank node @p term, by its label. */
static ildkg_status
number_blank(triple_table *t, const raptor_term *term, term_id *id)
{
  const char *label = (const char *)term->value.blank.string;
  size_t found;
  if (strmap_get(t->blanks, label, &found)) {
    *id = (term_id)found;
    return ILDKG_OK;
  }
  const ildkg_status st = new_number(t, term, id);
  return st == ILDKG_OK ? strmap_put(t->blanks, label, *id) : st;
}

/* The number of IRI @p term, by its interned raptor_uri. */
static ildkg_status
number_iri(triple_table *t, const raptor_term *term, term_id *id)
{
  size_t found;
  if (ptrmap_get(t->by_uri, term->value.uri, &found)) {
    *id = (term_id)found;
    return ILDKG_OK;
  }
  const ildkg_status st = new_number(t, term, id);
  return st == ILDKG_OK ? ptrmap_put(t->by_uri, term->value.uri, *id) : st;
}

/* The number of @p term, made on first sight. */
static ildkg_status
number_term(triple_table *t, const raptor_term *term, term_id *id)
{
  switch (term->type) {
  case RAPTOR_TERM_TYPE_URI:
    return number_iri(t, term, id);
  case RAPTOR_TERM_TYPE_BLANK:
    return number_blank(t, term, id);
  case RAPTOR_TERM_TYPE_LITERAL:
    return number_literal(t, term, id);
  case RAPTOR_TERM_TYPE_UNKNOWN:
  default:
    return ILDKG_ERR_RDF;
  }
}

static ildkg_status
add_statement(void *user_data, const raptor_statement *s)
{
  triple_table *t = user_data;
  id_triple *spo = grow_array(t->spo, &t->capacity, t->ntriples + 1, sizeof *spo, 1024);
  if (!spo) {
    return ILDKG_ERR_NOMEM;
  }
  t->spo = spo;
  id_triple *x = &t->spo[t->ntriples];
  ildkg_status st = number_term(t, s->subject, &x->s);
  st = st == ILDKG_OK ? number_term(t, s->predicate, &x->p) : st;
  st = st == ILDKG_OK ? number_term(t, s->object, &x->o) : st;
  t->ntriples += st == ILDKG_OK;
  return st;
}

static int
compare_ids(term_id a, term_id b)
{
  return (a > b) - (a < b);
}

static int
compare_spo(const id_triple *x, const id_triple *y)
{
  const int c = compare_ids(x->s, y->s);
  const int d = c ? c : compare_ids(x->p, y->p);
  return d ? d : compare_ids(x->o, y->o);
}

enum { RADIX_BITS = 11, RADIX = 1 << RADIX_BITS };

typedef term_id (*key_fn)(const id_triple *x);
static term_id key_s(const id_triple *x) { return x->s; }
static term_id key_p(const id_triple *x) { return x->p; }
static term_id key_o(const id_triple *x) { return x->o; }

/* One stable counting pass of @p n triples from @p from to @p to, on bits [shift,
   shift + RADIX_BITS) of @p key. */
static void
radix_pass(const id_triple *from, id_triple *to, size_t n, key_fn key, unsigned shift)
{
  size_t count[RADIX] = {0};
  for (size_t i = 0; i < n; ++i) {
    ++count[(key(&from[i]) >> shift) & (RADIX - 1)];
  }
  for (size_t i = 0, sum = 0; i < RADIX; ++i) {
    const size_t c = count[i];
    count[i] = sum;
    sum += c;
  }
  for (size_t i = 0; i < n; ++i) {
    to[count[(key(&from[i]) >> shift) & (RADIX - 1)]++] = from[i];
  }
}

/*
 * Sort @p a (n triples, @p tmp as many) by the keys @p k[0], k[1], k[2]: least
 * significant first, each a few counting passes over the bits a term number can have
 * (numbers are below @p nterms). Linear, where qsort's compares were half of the checks'
 * instructions. The result is in @p a.
 */
static void
radix_sort(id_triple *a, id_triple *tmp, size_t n, const key_fn k[3], size_t nterms)
{
  unsigned bits = 1;
  while (bits < 32 && (nterms >> bits)) {
    ++bits;
  }
  id_triple *from = a, *to = tmp;
  for (int key = 2; key >= 0; --key) {
    for (unsigned shift = 0; shift < bits; shift += RADIX_BITS) {
      radix_pass(from, to, n, k[key], shift);
      id_triple *swap = from;
      from = to;
      to = swap;
    }
  }
  if (from != a) {
    memcpy(a, from, n * sizeof *a);
  }
}

/* Drop the repeats of sorted @p a (a graph not yet indexed may list a triple twice). */
static size_t
drop_repeats(id_triple *a, size_t n)
{
  size_t kept = 0;
  for (size_t i = 0; i < n; ++i) {
    if (!kept || compare_spo(&a[kept - 1], &a[i]) != 0) {
      a[kept++] = a[i];
    }
  }
  return kept;
}

ildkg_status
triple_table_new(graph *g, triple_table **out)
{
  triple_table *t = calloc(1, sizeof *t);
  *out = NULL;
  if (!t || !(t->by_uri = ptrmap_new()) || !(t->blanks = strmap_new()) ||
      !(t->literals = literal_map_new())) {
    triple_table_free(t);
    return ILDKG_ERR_NOMEM;
  }
  t->world = graph_raptor_world(g);
  ildkg_status st = graph_each_statement(g, add_statement, t);
  if (st == ILDKG_OK && t->ntriples) {
    st = (t->pos = malloc(t->ntriples * sizeof *t->pos)) ? ILDKG_OK : ILDKG_ERR_NOMEM;
  }
  if (st != ILDKG_OK) {
    triple_table_free(t);
    return st;
  }
  id_triple *tmp = t->ntriples ? malloc(t->ntriples * sizeof *tmp) : NULL;
  if (t->ntriples && !tmp) {
    triple_table_free(t);
    return ILDKG_ERR_NOMEM;
  }
  if (t->ntriples) {
    static const key_fn spo[3] = {key_s, key_p, key_o}, pos[3] = {key_p, key_o, key_s};
    radix_sort(t->spo, tmp, t->ntriples, spo, t->nterms);
    t->ntriples = drop_repeats(t->spo, t->ntriples);
    memcpy(t->pos, t->spo, t->ntriples * sizeof *t->pos);
    radix_sort(t->pos, tmp, t->ntriples, pos, t->nterms);
  }
  free(tmp);
  *out = t;
  return ILDKG_OK;
}

term_id
triple_table_iri(const triple_table *t, const char *iri)
{
  raptor_uri *uri = raptor_new_uri(t->world, (const unsigned char *)iri);
  size_t found;
  const bool known = uri && ptrmap_get(t->by_uri, uri, &found);
  if (uri) {
    raptor_free_uri(uri);
  }
  return known ? (term_id)found : TERM_NONE;
}

size_t
triple_table_term_count(const triple_table *t)
{
  return t->nterms;
}

const raptor_term *
triple_table_term(const triple_table *t, term_id id)
{
  return id < t->nterms ? t->terms[id] : NULL;
}

/* The run of @p n sorted triples equal to @p key under @p compare: *first and its length. */
static size_t
equal_range(const id_triple *sorted, size_t n, const id_triple *key,
            int (*compare)(const id_triple *, const id_triple *), const id_triple **first)
{
  size_t lo = 0, hi = n;
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    if (compare(&sorted[mid], key) < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  size_t end = lo;
  while (end < n && compare(&sorted[end], key) == 0) {
    ++end;
  }
  *first = sorted + lo;
  return end - lo;
}

static int
same_s_p(const id_triple *x, const id_triple *key)
{
  const int c = compare_ids(x->s, key->s);
  return c ? c : compare_ids(x->p, key->p);
}

static int
same_p_o(const id_triple *x, const id_triple *key)
{
  const int c = compare_ids(x->p, key->p);
  return c ? c : compare_ids(x->o, key->o);
}

static int
same_p(const id_triple *x, const id_triple *key)
{
  return compare_ids(x->p, key->p);
}

size_t
triple_table_objects(const triple_table *t, term_id s, term_id p, const id_triple **first)
{
  const id_triple key = {s, p, 0};
  return equal_range(t->spo, t->ntriples, &key, same_s_p, first);
}

size_t
triple_table_subjects(const triple_table *t, term_id p, term_id o, const id_triple **first)
{
  const id_triple key = {0, p, o};
  return equal_range(t->pos, t->ntriples, &key, same_p_o, first);
}

size_t
triple_table_with_predicate(const triple_table *t, term_id p, const id_triple **first)
{
  const id_triple key = {0, p, 0};
  return equal_range(t->pos, t->ntriples, &key, same_p, first);
}

size_t
triple_table_all(const triple_table *t, const id_triple **first)
{
  *first = t->spo;
  return t->ntriples;
}

bool
triple_table_has(const triple_table *t, term_id s, term_id p, term_id o)
{
  const id_triple key = {s, p, o};
  const id_triple *first;
  return equal_range(t->spo, t->ntriples, &key, compare_spo, &first) > 0;
}

bool
triple_table_has_any(const triple_table *t, term_id s, term_id p)
{
  const id_triple *first;
  return triple_table_objects(t, s, p, &first) > 0;
}
