/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "unit.h"

#include <raptor2.h>
#include <stdbool.h>

#include "statement_sort.h"

/* Statements made in a raptor world of their own, and the order each must come out in:
   their N-Triples lines, written by raptor and sorted by strcmp (as LC_ALL=C sort). */
typedef struct {
  raptor_world *world;
  raptor_statement **all;
  size_t n, room;
} fixture;

static int
setup(void **state)
{
  fixture *fx = calloc(1, sizeof *fx);
  if (!fx || !(fx->world = raptor_new_world()) || raptor_world_open(fx->world)) {
    return -1;
  }
  *state = fx;
  return 0;
}

static int
teardown(void **state)
{
  fixture *fx = *state;
  for (size_t i = 0; i < fx->n; ++i) {
    raptor_free_statement(fx->all[i]);
  }
  free(fx->all);
  raptor_free_world(fx->world);
  free(fx);
  return 0;
}

static raptor_term *
iri(fixture *fx, const char *text)
{
  raptor_term *t = raptor_new_term_from_uri_string(fx->world, (const unsigned char *)text);
  assert_non_null(t);
  return t;
}

/* A literal: @p lang or @p datatype or neither. */
static raptor_term *
literal(fixture *fx, const char *text, const char *datatype, const char *lang)
{
  raptor_uri *dt = datatype ? raptor_new_uri(fx->world, (const unsigned char *)datatype) : NULL;
  raptor_term *t = raptor_new_term_from_literal(fx->world, (const unsigned char *)text, dt,
                                                (const unsigned char *)lang);
  if (dt) {
    raptor_free_uri(dt);
  }
  assert_non_null(t);
  return t;
}

static raptor_term *
blank(fixture *fx, const char *label)
{
  raptor_term *t = raptor_new_term_from_blank(fx->world, (const unsigned char *)label);
  assert_non_null(t);
  return t;
}

/* Add s p o (the statement takes the terms). */
static void
add(fixture *fx, raptor_term *s, raptor_term *p, raptor_term *o)
{
  if (fx->n == fx->room) {
    fx->room = fx->room ? 2 * fx->room : 64;
    fx->all = realloc(fx->all, fx->room * sizeof *fx->all);
    assert_non_null(fx->all);
  }
  fx->all[fx->n] = raptor_new_statement_from_nodes(fx->world, s, p, o, NULL);
  assert_non_null(fx->all[fx->n]);
  ++fx->n;
}

/* The N-Triples line of @p t (malloc'd). */
static char *
line_of(const raptor_statement *t)
{
  raptor_term *terms[3] = {t->subject, t->predicate, t->object};
  char *part[3];
  for (int i = 0; i < 3; ++i) {
    part[i] = (char *)raptor_term_to_string(terms[i]);
    assert_non_null(part[i]);
  }
  char *line = NULL;
  assert_true(asprintf(&line, "%s %s %s .", part[0], part[1], part[2]) > 0);
  for (int i = 0; i < 3; ++i) {
    raptor_free_memory(part[i]);
  }
  return line;
}

static int
compare_lines(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The lines the statements must come out as: theirs, sorted by strcmp, without repeats
   when @p unique; *n of them. Taken before the sort, which may free statements. */
static char **
expected_lines(const fixture *fx, bool unique, size_t *n)
{
  char **lines = calloc(fx->n + 1, sizeof *lines);
  assert_non_null(lines);
  for (size_t i = 0; i < fx->n; ++i) {
    lines[i] = line_of(fx->all[i]);
  }
  qsort(lines, fx->n, sizeof *lines, compare_lines);
  size_t m = 0;
  for (size_t i = 0; i < fx->n; ++i) {
    if (unique && m && !strcmp(lines[m - 1], lines[i])) {
      free(lines[i]);
      continue;
    }
    lines[m++] = lines[i];
  }
  *n = m;
  return lines;
}

/* The first @p n statements are written as @p expected (@p nexpected lines), which is freed. */
static void
assert_lines(const fixture *fx, size_t n, char **expected, size_t nexpected)
{
  assert_int_equal(n, nexpected);
  for (size_t i = 0; i < n; ++i) {
    char *line = line_of(fx->all[i]);
    if (strcmp(line, expected[i])) {
      fail_msg("line %zu: got %s, want %s", i, line, expected[i]);
    }
    free(line);
  }
  for (size_t i = 0; i < nexpected; ++i) {
    free(expected[i]);
  }
  free(expected);
}

/* A deterministic pseudo-random number (xorshift), the same on every run. */
static uint32_t
next_random(uint32_t *x)
{
  *x ^= *x << 13;
  *x ^= *x >> 17;
  *x ^= *x << 5;
  return *x;
}

/* IRIs that share a long prefix and end at and around each chunk of 8 bytes, one a
   prefix of another; literals plain, tagged, typed, with escapes and non-ASCII; blank
   nodes; groups of one subject and predicate of every size, one of 600 objects. */
static void
many_shapes(fixture *fx)
{
  static const char *tails[] = {"", "a", "ab", "abcdefg", "abcdefgh", "abcdefghi", "abcdefgh1",
                                "abcdefghijklmnop", "abcdefghijklmnopq", "b", "\xc3\xa9t\xc3\xa9"};
  static const char *texts[] = {"", "x", "Cough", "Cough and fever", "Cough and fever.",
                                "quote \" here", "tab\there", "\xc3\xa9t\xc3\xa9", "a\\b", "z"};
  enum { NTAILS = sizeof tails / sizeof *tails, NTEXTS = sizeof texts / sizeof *texts };
  uint32_t x = 2463534242u;
  char s[128], p[128], o[128];
  for (int i = 0; i < 3000; ++i) {
    snprintf(s, sizeof s, UNIT_BASE "S%s%u", tails[next_random(&x) % NTAILS], next_random(&x) % 40);
    snprintf(p, sizeof p, UNIT_BASE "p%s", tails[next_random(&x) % NTAILS]);
    switch (next_random(&x) % 5) {
    case 0:
      snprintf(o, sizeof o, UNIT_BASE "O%s%u", tails[next_random(&x) % NTAILS], next_random(&x) % 9);
      add(fx, iri(fx, s), iri(fx, p), iri(fx, o));
      break;
    case 1:
      add(fx, iri(fx, s), iri(fx, p), literal(fx, texts[next_random(&x) % NTEXTS], NULL, "en"));
      break;
    case 2:
      add(fx, iri(fx, s), iri(fx, p),
          literal(fx, texts[next_random(&x) % NTEXTS], "http://www.w3.org/2001/XMLSchema#string", NULL));
      break;
    case 3:
      snprintf(o, sizeof o, "b%u", next_random(&x) % 30);
      add(fx, blank(fx, o), iri(fx, p), literal(fx, texts[next_random(&x) % NTEXTS], NULL, NULL));
      break;
    default:
      snprintf(o, sizeof o, "%s %u", texts[next_random(&x) % NTEXTS], next_random(&x) % 1000);
      add(fx, iri(fx, s), iri(fx, p), literal(fx, o, NULL, NULL));
      break;
    }
  }
  for (int i = 0; i < 600; ++i) {
    snprintf(o, sizeof o, "%s %u", texts[next_random(&x) % NTEXTS], next_random(&x) % 100000);
    add(fx, iri(fx, UNIT_BASE "review"), iri(fx, UNIT_BASE "mentions"), literal(fx, o, NULL, "en"));
  }
}

static void
orders_as_the_sorted_lines(void **state)
{
  fixture *fx = *state;
  many_shapes(fx);
  size_t n;
  char **expected = expected_lines(fx, false, &n);
  assert_int_equal(statement_sort(fx->all, fx->n), ILDKG_OK);
  assert_lines(fx, fx->n, expected, n);
}

/* The repeats go (the random shapes above repeat some statements), and are freed: the
   sanitizers and valgrind see no leak. */
static void
unique_drops_the_repeats(void **state)
{
  fixture *fx = *state;
  many_shapes(fx);
  add(fx, iri(fx, UNIT_BASE "a"), iri(fx, UNIT_BASE "p"), literal(fx, "same", NULL, "en"));
  add(fx, iri(fx, UNIT_BASE "a"), iri(fx, UNIT_BASE "p"), literal(fx, "same", NULL, "en"));
  add(fx, iri(fx, UNIT_BASE "a"), iri(fx, UNIT_BASE "p"), literal(fx, "same", NULL, "EN"));
  add(fx, blank(fx, "x"), iri(fx, UNIT_BASE "p"), blank(fx, "y"));
  add(fx, blank(fx, "x"), iri(fx, UNIT_BASE "p"), blank(fx, "y"));
  size_t kept = 0, n;
  char **expected = expected_lines(fx, true, &n);
  assert_int_equal(statement_sort_unique(fx->all, fx->n, &kept), ILDKG_OK);
  assert_true(kept < fx->n - 2);
  assert_lines(fx, kept, expected, n);
  fx->n = kept; /* the rest were freed */
}

/* Keys that share all of a long prefix: the same string many times, and strings that
   differ only past it, each a prefix of the next. */
static void
long_shared_prefixes(void **state)
{
  fixture *fx = *state;
  char o[300];
  memset(o, 'q', sizeof o - 1);
  o[sizeof o - 1] = '\0';
  for (size_t len = 290; len > 200; --len) {
    o[len] = '\0';
    add(fx, iri(fx, UNIT_BASE "s"), iri(fx, UNIT_BASE "p"), literal(fx, o, NULL, NULL));
    add(fx, iri(fx, UNIT_BASE "s"), iri(fx, UNIT_BASE "p"), literal(fx, o, NULL, NULL));
    o[len] = 'q';
  }
  size_t n;
  char **expected = expected_lines(fx, false, &n);
  assert_int_equal(statement_sort(fx->all, fx->n), ILDKG_OK);
  assert_lines(fx, fx->n, expected, n);
}

static void
nothing_to_sort(void **state)
{
  fixture *fx = *state;
  size_t kept = 7;
  assert_int_equal(statement_sort(fx->all, 0), ILDKG_OK);
  assert_int_equal(statement_sort_unique(fx->all, 0, &kept), ILDKG_OK);
  assert_int_equal(kept, 0);
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int
main(void)
{
  const struct CMUnitTest tests[] = {
    TEST(orders_as_the_sorted_lines),
    TEST(unique_drops_the_repeats),
    TEST(long_shared_prefixes),
    TEST(nothing_to_sort),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
