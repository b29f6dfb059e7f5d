/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "statement_sort.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "ptrmap.h"
#include "words.h"

/*
 * Each term's N-Triples form is its sort key. N-Triples terms are self-delimiting, so
 * ordering term by term orders the statements as their lines. The keys live in one
 * arena, each written once: a term many statements share (an IRI's interned raptor_uri,
 * a literal term the graph reuses) has one key, found again by its identity. raptor's
 * term-to-string writes a byte at a time, so it writes only the terms that need escapes.
 *
 * The order is made without comparing whole statements n log n times: the distinct
 * subject and predicate keys (a subject has some twenty statements) are sorted once and
 * ranked; two stable counting passes order the statements by those ranks; only the
 * statements of one subject and predicate are compared, by object.
 */
enum { CHUNK = 8 }; /* the bytes the sort reads of a key at once */

typedef struct {
  unsigned char *arena; /* CHUNK zero bytes past the last key */
  size_t used, room;
  size_t *at;       /* key k's text is arena + at[k] */
  size_t nkeys, keys_room;
  ptrmap *shared;   /* a shared term's identity: its key */
  uint32_t *key_of; /* statement i's keys: key_of[3 * i + t], t the term's position */
} sort_keys;

/* What identifies a term many statements share; NULL for a blank node. */
static const void *
shared_identity(const raptor_term *t)
{
  return t->type == RAPTOR_TERM_TYPE_URI       ? (const void *)t->value.uri
         : t->type == RAPTOR_TERM_TYPE_LITERAL ? (const void *)t
                                               : NULL;
}

/* True when raptor's N-Triples writer copies @p s as it is: printable ASCII without the
   characters it escapes (" \ >) or any other that could need a \u. */
static bool
copies_verbatim(const unsigned char *s, size_t len)
{
  size_t i = 0;
  for (; i + 8 <= len; i += 8) {
    const uint64_t w = word_load(s + i);
    if (word_below(w, 0x20) | word_high(w) | word_equal(w, '"') | word_equal(w, '\\') |
        word_equal(w, '>') | word_equal(w, 0x7f)) {
      return false;
    }
  }
  for (; i < len; ++i) {
    if (s[i] < 0x20 || s[i] >= 0x7f || s[i] == '"' || s[i] == '\\' || s[i] == '>') {
      return false;
    }
  }
  return true;
}

/* The parts of @p t's N-Triples form when every part is copied verbatim (<iri>, "lex",
   "lex"@lang, "lex"^^<dt>, _:id): the number of parts, or 0 when raptor must write it. */
static int
verbatim_parts(const raptor_term *t, const unsigned char *part[5], size_t len[5])
{
  switch (t->type) {
  case RAPTOR_TERM_TYPE_URI:
    part[0] = (const unsigned char *)"<", len[0] = 1;
    part[1] = raptor_uri_as_counted_string(t->value.uri, &len[1]);
    part[2] = (const unsigned char *)">", len[2] = 1;
    return copies_verbatim(part[1], len[1]) ? 3 : 0;
  case RAPTOR_TERM_TYPE_BLANK:
    part[0] = (const unsigned char *)"_:", len[0] = 2;
    part[1] = t->value.blank.string, len[1] = t->value.blank.string_len;
    return copies_verbatim(part[1], len[1]) ? 2 : 0;
  case RAPTOR_TERM_TYPE_LITERAL: {
    part[0] = (const unsigned char *)"\"", len[0] = 1;
    part[1] = t->value.literal.string, len[1] = t->value.literal.string_len;
    int n = 2;
    if (t->value.literal.language) {
      part[2] = (const unsigned char *)"\"@", len[2] = 2;
      part[3] = t->value.literal.language, len[3] = t->value.literal.language_len;
      n = 4;
    } else if (t->value.literal.datatype) {
      part[2] = (const unsigned char *)"\"^^<", len[2] = 4;
      part[3] = raptor_uri_as_counted_string(t->value.literal.datatype, &len[3]);
      part[4] = (const unsigned char *)">", len[4] = 1;
      n = 5;
    } else {
      part[2] = (const unsigned char *)"\"", len[2] = 1;
      n = 3;
    }
    for (int i = 1; i < n; i += 2) {
      if (!copies_verbatim(part[i], len[i])) {
        return 0;
      }
    }
    return n;
  }
  case RAPTOR_TERM_TYPE_UNKNOWN: break;
  }
  return 0;
}

/* Room for @p more bytes in the arena. */
static ildkg_status
arena_room(sort_keys *k, size_t more)
{
  if (more > SIZE_MAX - k->used) {
    return ILDKG_ERR_NOMEM;
  }
  unsigned char *arena = grow_array(k->arena, &k->room, k->used + more, 1, (size_t)1 << 16);
  if (!arena) {
    return ILDKG_ERR_NOMEM;
  }
  k->arena = arena;
  return ILDKG_OK;
}

/* The N-Triples form of @p t, written into the arena as a new key (*key). */
static ildkg_status
new_key(sort_keys *k, const raptor_term *t, uint32_t *key)
{
  size_t *at = grow_array(k->at, &k->keys_room, k->nkeys + 1, sizeof *at, 1024);
  if (!at || k->nkeys >= UINT32_MAX) {
    return ILDKG_ERR_NOMEM;
  }
  k->at = at;
  const unsigned char *part[5];
  size_t len[5], size = 1;
  int parts = verbatim_parts(t, part, len);
  unsigned char *written = NULL;
  if (!parts) {
    written = raptor_term_to_counted_string((raptor_term *)t, &len[0]);
    if (!written) {
      return ILDKG_ERR_NOMEM;
    }
    part[0] = written, parts = 1;
  }
  for (int p = 0; p < parts; ++p) {
    size += len[p];
  }
  const ildkg_status st = arena_room(k, size + CHUNK); /* chunk_at may read past the last */
  if (st == ILDKG_OK) {
    k->at[k->nkeys] = k->used;
    for (int p = 0; p < parts; ++p) {
      memcpy(k->arena + k->used, part[p], len[p]);
      k->used += len[p];
    }
    k->arena[k->used++] = '\0';
    memset(k->arena + k->used, 0, CHUNK);
    *key = (uint32_t)k->nkeys++;
  }
  raptor_free_memory(written);
  return st;
}

/* The key of @p t: a shared term's, or a new one. */
static ildkg_status
key_of_term(sort_keys *k, const raptor_term *t, uint32_t *key)
{
  const void *id = shared_identity(t);
  size_t found;
  if (id && ptrmap_get(k->shared, id, &found)) {
    *key = (uint32_t)found;
    return ILDKG_OK;
  }
  const ildkg_status st = new_key(k, t, key);
  return st == ILDKG_OK && id ? ptrmap_put(k->shared, id, *key) : st;
}

static ildkg_status
make_keys(raptor_statement **all, size_t n, sort_keys *k)
{
  k->key_of = n <= SIZE_MAX / 3 / sizeof *k->key_of ? malloc((n ? 3 * n : 1) * sizeof *k->key_of)
                                                    : NULL;
  k->shared = ptrmap_new();
  ildkg_status st = k->key_of && k->shared ? ILDKG_OK : ILDKG_ERR_NOMEM;
  for (size_t i = 0; st == ILDKG_OK && i < n; ++i) {
    const raptor_term *terms[3] = {all[i]->subject, all[i]->predicate, all[i]->object};
    for (int t = 0; st == ILDKG_OK && t < 3; ++t) {
      st = key_of_term(k, terms[t], &k->key_of[3 * i + t]);
    }
  }
  return st;
}

static void
keys_clear(sort_keys *k)
{
  free(k->arena);
  free(k->at);
  free(k->key_of);
  ptrmap_free(k->shared);
}

/* ---- sorting strings ------------------------------------------------------------ */

/* A string to order, and what it stands for. */
typedef struct {
  const unsigned char *text;
  uint32_t item;
} keyed;

static void
swap_keyed(keyed *a, size_t i, size_t j)
{
  const keyed t = a[i];
  a[i] = a[j];
  a[j] = t;
}

/* @p a (@p n items, equal in their first @p depth bytes) by insertion: few items. */
static void
insertion_sort(keyed *a, size_t n, size_t depth)
{
  for (size_t i = 1; i < n; ++i) {
    const keyed x = a[i];
    size_t j = i;
    for (; j && strcmp((const char *)a[j - 1].text + depth, (const char *)x.text + depth) > 0; --j) {
      a[j] = a[j - 1];
    }
    a[j] = x;
  }
}

static int
compare_keyed(const void *a, const void *b)
{
  return strcmp((const char *)((const keyed *)a)->text, (const char *)((const keyed *)b)->text);
}

/* The 8 bytes of a key from @p s, as a number that orders as they do (big-endian), its
   bytes past the key's end zero. @p s may be read 8 bytes on: the arena has room past
   its last key, and a key's end is only ever followed by another key. */
static inline uint64_t
chunk_at(const unsigned char *s)
{
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  uint64_t w = word_load(s);
  const uint64_t zeros = (w - WORD_ONES) & ~w & WORD_HIGHS; /* lowest set bit: the first NUL */
  if (zeros) {
    w &= (UINT64_C(2) << __builtin_ctzll(zeros)) - 1; /* keeps the bytes up to the NUL */
  }
  return __builtin_bswap64(w);
#else
  uint64_t v = 0;
  int i = 0;
  for (; i < 8 && s[i]; ++i) {
    v = v << 8 | s[i];
  }
  return i == 8 ? v : v << (8 * (8 - i));
#endif
}

enum { FEW = 12, DEEPEST = 64 };

/*
 * @p a (@p n items, equal in their first @p depth bytes) in strcmp's order: a three-way
 * radix quicksort (Bentley and Sedgewick) over 8-byte chunks, which reads a long shared
 * prefix (the data's IRIs share some thirty bytes) once a level, not once a comparison.
 * Past DEEPEST nested partitions, qsort (glibc's merge sort) takes over, so no input can
 * exhaust the stack.
 */
static void
sort_keyed(keyed *a, size_t n, size_t depth, unsigned nesting)
{
  while (n > FEW) {
    if (nesting > DEEPEST) {
      qsort(a, n, sizeof *a, compare_keyed);
      return;
    }
    const uint64_t pivot = chunk_at(a[n / 2].text + depth);
    size_t below = 0, i = 0, above = n; /* [0, below) <, [below, i) =, [above, n) > */
    while (i < above) {
      const uint64_t c = chunk_at(a[i].text + depth);
      if (c < pivot) {
        swap_keyed(a, below++, i++);
      } else if (c > pivot) {
        swap_keyed(a, i, --above);
      } else {
        ++i;
      }
    }
    sort_keyed(a, below, depth, nesting + 1);
    sort_keyed(a + above, n - above, depth, nesting + 1);
    if (!(pivot & 0xff)) {
      return; /* the equal ones ended together: they are the same string */
    }
    a += below, n = above - below, depth += CHUNK; /* a loop, not a call: no deeper */
  }
  insertion_sort(a, n, depth);
}

/* ---- ordering the statements ---------------------------------------------------- */

/* The rank of each key used as a subject or predicate, in *rank (UINT32_MAX for the
   others): equal texts, one rank. *nranks: how many were ranked. */
static ildkg_status
rank_keys(const sort_keys *k, size_t n, uint32_t **rank, uint32_t *nranks)
{
  *rank = malloc((k->nkeys ? k->nkeys : 1) * sizeof **rank);
  keyed *ranked = NULL;
  size_t nranked = 0, room = 0;
  ildkg_status st = *rank ? ILDKG_OK : ILDKG_ERR_NOMEM;
  for (size_t key = 0; st == ILDKG_OK && key < k->nkeys; ++key) {
    (*rank)[key] = UINT32_MAX;
  }
  for (size_t i = 0; st == ILDKG_OK && i < n; ++i) {
    for (int t = 0; t < 2; ++t) {
      const uint32_t key = k->key_of[3 * i + t];
      if ((*rank)[key] != UINT32_MAX) {
        continue;
      }
      keyed *grown = grow_array(ranked, &room, nranked + 1, sizeof *grown, 1024);
      if (!grown) {
        st = ILDKG_ERR_NOMEM;
        break;
      }
      ranked = grown;
      ranked[nranked++] = (keyed){k->arena + k->at[key], key};
      (*rank)[key] = 0; /* seen */
    }
  }
  if (st == ILDKG_OK) {
    sort_keyed(ranked, nranked, 0, 0);
    for (size_t r = 0; r < nranked; ++r) {
      const bool same = r && !strcmp((const char *)ranked[r - 1].text, (const char *)ranked[r].text);
      (*rank)[ranked[r].item] = same ? (*rank)[ranked[r - 1].item] : (uint32_t)r;
    }
    *nranks = (uint32_t)nranked;
  }
  free(ranked);
  return st;
}

/* @p from (statement indices) to @p to, stably ordered by the rank of their term @p t. */
static ildkg_status
counting_pass(const sort_keys *k, const uint32_t *rank, uint32_t nranks, int t,
              const uint32_t *from, uint32_t *to, size_t n)
{
  size_t *start = calloc((size_t)nranks + 1, sizeof *start);
  if (!start) {
    return ILDKG_ERR_NOMEM;
  }
  for (size_t i = 0; i < n; ++i) {
    ++start[rank[k->key_of[3 * (size_t)from[i] + t]] + 1];
  }
  for (size_t r = 0; r < nranks; ++r) {
    start[r + 1] += start[r];
  }
  for (size_t i = 0; i < n; ++i) {
    to[start[rank[k->key_of[3 * (size_t)from[i] + t]]]++] = from[i];
  }
  free(start);
  return ILDKG_OK;
}

/* The statements order[from, to) of one subject and predicate, by object. */
static ildkg_status
order_objects(const sort_keys *k, uint32_t *order, size_t from, size_t to, keyed **scratch,
              size_t *room)
{
  keyed *a = grow_array(*scratch, room, to - from, sizeof *a, 64);
  if (!a) {
    return ILDKG_ERR_NOMEM;
  }
  *scratch = a;
  for (size_t i = from; i < to; ++i) {
    a[i - from] = (keyed){k->arena + k->at[k->key_of[3 * (size_t)order[i] + 2]], order[i]};
  }
  sort_keyed(a, to - from, 0, 0);
  for (size_t i = from; i < to; ++i) {
    order[i] = a[i - from].item;
  }
  return ILDKG_OK;
}

/* *order: the statements' indices, in the order of their lines; *rank: rank_keys'. */
static ildkg_status
order_statements(const sort_keys *k, size_t n, uint32_t **order, uint32_t **rank_of_key)
{
  uint32_t *rank = NULL, nranks = 0;
  /* calloc: gcc cannot see that the passes fill them */
  uint32_t *by_predicate = calloc(n ? n : 1, sizeof *by_predicate);
  *order = calloc(n ? n : 1, sizeof **order);
  ildkg_status st = by_predicate && *order && n < UINT32_MAX ? rank_keys(k, n, &rank, &nranks)
                                                              : ILDKG_ERR_NOMEM;
  for (size_t i = 0; st == ILDKG_OK && i < n; ++i) {
    (*order)[i] = (uint32_t)i;
  }
  st = st == ILDKG_OK ? counting_pass(k, rank, nranks, 1, *order, by_predicate, n) : st;
  st = st == ILDKG_OK ? counting_pass(k, rank, nranks, 0, by_predicate, *order, n) : st;
  keyed *scratch = NULL;
  size_t room = 0;
  for (size_t i = 0, end; st == ILDKG_OK && i < n; i = end) {
    const uint32_t *first = &k->key_of[3 * (size_t)(*order)[i]];
    const uint32_t s = rank[first[0]], p = rank[first[1]];
    for (end = i + 1; end < n; ++end) {
      const uint32_t *next = &k->key_of[3 * (size_t)(*order)[end]];
      if (rank[next[0]] != s || rank[next[1]] != p) {
        break;
      }
    }
    st = end - i > 1 ? order_objects(k, *order, i, end, &scratch, &room) : st;
  }
  free(scratch);
  free(by_predicate);
  if (st != ILDKG_OK) {
    free(rank);
    free(*order);
    rank = *order = NULL;
  }
  *rank_of_key = rank;
  return st;
}

/* Whether statements @p a and @p b (in that order, sorted) are written as the same line. */
static bool
same_line(const sort_keys *k, const uint32_t *rank, uint32_t a, uint32_t b)
{
  const uint32_t *ka = &k->key_of[3 * (size_t)a], *kb = &k->key_of[3 * (size_t)b];
  return rank[ka[0]] == rank[kb[0]] && rank[ka[1]] == rank[kb[1]] &&
         (ka[2] == kb[2] ||
          !strcmp((const char *)k->arena + k->at[ka[2]], (const char *)k->arena + k->at[kb[2]]));
}

static ildkg_status
sort(raptor_statement **all, size_t n, size_t *kept)
{
  if (n == 0) {
    return ILDKG_OK; /* @p all may be NULL */
  }
  sort_keys k = {0};
  uint32_t *order = NULL, *rank = NULL;
  ildkg_status st = make_keys(all, n, &k);
  st = st == ILDKG_OK ? order_statements(&k, n, &order, &rank) : st;
  raptor_statement **sorted = st == ILDKG_OK ? malloc((n ? n : 1) * sizeof *sorted) : NULL;
  st = st == ILDKG_OK && !sorted ? ILDKG_ERR_NOMEM : st;
  if (st == ILDKG_OK) {
    size_t m = 0;
    for (size_t i = 0; i < n; ++i) {
      if (kept && m && same_line(&k, rank, order[i - 1], order[i])) {
        raptor_free_statement(all[order[i]]);
        continue;
      }
      sorted[m++] = all[order[i]];
    }
    memcpy(all, sorted, m * sizeof *all);
    if (kept) {
      *kept = m;
    }
  }
  free(sorted);
  free(order);
  free(rank);
  keys_clear(&k);
  return st;
}

ildkg_status
statement_sort(raptor_statement **all, size_t n)
{
  return sort(all, n, NULL);
}

ildkg_status
statement_sort_unique(raptor_statement **all, size_t n, size_t *kept)
{
  *kept = n;
  return sort(all, n, kept);
}
