/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "unit.h"

#include <fcntl.h>
#include <jansson.h>
#include <sys/file.h>
#include <unistd.h>

#include "export.h"
#include "graph.h"
#include "ns.h"
#include "pipeline.h"

#define BASENAME "graph"

typedef struct {
  char *dir; /* temporary: facts/ and the export directories */
  ildkg_diag *diag;
  pipeline p;
  export_options options;
} fixture;

static int
setup(void **state)
{
  fixture *fx = calloc(1, sizeof *fx);
  *state = fx;
  if (!fx || !(fx->dir = unit_temp_dir()) || !(fx->diag = ildkg_diag_new(16)) ||
      unit_mkdir(fx->dir, "facts") != 0) {
    return -1;
  }
  char *facts_dir = unit_path(fx->dir, "facts");
  ildkg_status st = facts_dir && unit_write_facts(facts_dir, NULL) == 0 ? ILDKG_OK : ILDKG_ERR_IO;
  if (st == ILDKG_OK) {
    st = pipeline_load(&fx->p, facts_dir, UNIT_ONTOLOGY_DIR, fx->diag);
  }
  free(facts_dir);
  if (st == ILDKG_OK) {
    st = pipeline_build_graph(&fx->p, UNIT_BASE);
  }
  fx->options = (export_options){.base = UNIT_BASE, .ontology = fx->p.ontology};
  return st == ILDKG_OK ? 0 : -1;
}

static int
teardown(void **state)
{
  fixture *fx = *state;
  if (fx) {
    pipeline_clear(&fx->p);
    ildkg_diag_free(fx->diag);
    unit_free_temp_dir(fx->dir);
    free(fx);
  }
  return 0;
}

/* export_write into memory: the status; *text (free it) and *len hold the output. */
static ildkg_status
write_to_memory(fixture *fx, const export_format *format, char **text, size_t *len)
{
  *text = NULL;
  *len = 0;
  FILE *out = open_memstream(text, len);
  if (!out) {
    return ILDKG_ERR_NOMEM;
  }
  const ildkg_status st = export_write(fx->p.graph, format, &fx->options, out, fx->diag);
  return fclose(out) == 0 ? st : ILDKG_ERR_IO;
}

/* export_write_all of the formats named in @p names (NULL-terminated) into DIR/@p out. */
static ildkg_status
write_all(fixture *fx, const char *out, const char *const *names, FILE *report)
{
  const export_format *formats[16];
  size_t n = 0;
  for (; names[n]; ++n) {
    formats[n] = export_format_find(names[n]);
    assert_non_null(formats[n]);
  }
  char *path = unit_path(fx->dir, out);
  const ildkg_status st =
    export_write_all(fx->p.graph, formats, n, &fx->options, path, BASENAME, fx->diag, report);
  free(path);
  return st;
}

/* The content of DIR/@p name (free it), failing the test when it cannot be read. */
static char *
read_in(fixture *fx, const char *name, size_t *len)
{
  char *path = unit_path(fx->dir, name);
  char *text = path ? unit_read_file(path, len) : NULL;
  free(path);
  if (!text) {
    fail_msg("cannot read %s/%s", fx->dir, name);
  }
  return text;
}

static size_t
count_char(const char *s, char c)
{
  size_t n = 0;
  for (; *s; ++s) {
    n += *s == c;
  }
  return n;
}

static const char *const THREE[] = {"turtle", "ntriples", "rdfxml", NULL};

/* ---- the format table ------------------------------------------------------------- */

static void
known_formats_are_found(void **state)
{
  (void)state;
  const char *const names[] = {"turtle", "ntriples", "rdfxml"};
  const char *const extensions[] = {".ttl", ".nt", ".rdf"};
  for (size_t i = 0; i < 3; ++i) {
    const export_format *f = export_format_find(names[i]);
    assert_non_null(f);
    assert_string_equal(f->name, names[i]);
    assert_string_equal(f->extension, extensions[i]);
  }
}

static void
unknown_format_is_null(void **state)
{
  (void)state;
  assert_null(export_format_find("Turtle"));
  assert_null(export_format_find("n3"));
  assert_null(export_format_find(""));
}

static void
format_table_is_consistent(void **state)
{
  (void)state;
  const size_t n = export_format_count();
  assert_true(n >= 3);
  for (size_t i = 0; i < n; ++i) {
    const export_format *f = export_format_at(i);
    assert_non_null(f);
    assert_ptr_equal(export_format_find(f->name), f);
    assert_int_equal(f->extension[0], '.');
    assert_non_null(f->summary);
    for (size_t k = 0; k < i; ++k) {
      assert_string_not_equal(export_format_at(k)->extension, f->extension);
    }
  }
  assert_null(export_format_at(n));
}

/* ---- export_write ------------------------------------------------------------------- */

static void
write_to_dev_full_fails_with_io(void **state)
{
  fixture *fx = *state;
  for (size_t i = 0; i < export_format_count(); ++i) {
    const export_format *f = export_format_at(i);
    FILE *out = fopen("/dev/full", "w");
    assert_non_null(out);
    errno = 0;
    const ildkg_status st = export_write(fx->p.graph, f, &fx->options, out, fx->diag);
    const int err = errno;
    fclose(out);
    if (st != ILDKG_ERR_IO || err != ENOSPC) {
      fail_msg("%s to /dev/full: %s, errno %d (expected %s, ENOSPC)", f->name,
               ildkg_status_string(st), err, ildkg_status_string(ILDKG_ERR_IO));
    }
  }
}

static void
small_write_to_dev_full_fails_with_io(void **state)
{
  (void)state; /* a graph small enough to sit in the stream's buffer until the flush */
  graph *g = graph_new();
  ildkg_diag *d = ildkg_diag_new(4);
  const export_options options = {.base = UNIT_BASE};
  ildkg_status st = g && d ? graph_add_iri(g, UNIT_BASE "a", NS_RDF "type", NS_OWL "Thing")
                           : ILDKG_ERR_NOMEM;
  FILE *out = st == ILDKG_OK ? fopen("/dev/full", "w") : NULL;
  if (out) {
    st = export_write(g, export_format_find("ntriples"), &options, out, d);
    fclose(out);
  }
  graph_free(g);
  ildkg_diag_free(d);
  assert_int_equal(st, ILDKG_ERR_IO);
}

static void
two_writes_are_byte_identical(void **state)
{
  fixture *fx = *state;
  for (size_t i = 0; i < export_format_count(); ++i) {
    const export_format *f = export_format_at(i);
    char *a = NULL, *b = NULL;
    size_t alen = 0, blen = 0;
    const ildkg_status sa = write_to_memory(fx, f, &a, &alen);
    const ildkg_status sb = write_to_memory(fx, f, &b, &blen);
    const int same = alen == blen && a && b && !memcmp(a, b, alen);
    free(a);
    free(b);
    if (sa != ILDKG_OK || sb != ILDKG_OK || !alen || !same) {
      fail_msg("%s: %s / %s, %zu and %zu bytes, %s", f->name, ildkg_status_string(sa),
               ildkg_status_string(sb), alen, blen, same ? "same" : "different");
    }
  }
}

static void
ntriples_are_one_sorted_line_a_triple(void **state)
{
  fixture *fx = *state;
  char *text = NULL;
  size_t len = 0;
  assert_int_equal(write_to_memory(fx, export_format_find("ntriples"), &text, &len), ILDKG_OK);
  assert_non_null(text);
  assert_int_equal(count_char(text, '\n'), graph_size(fx->p.graph));
  const char *failure = NULL;
  char *previous = NULL;
  for (char *line = strtok(text, "\n"); line && !failure; line = strtok(NULL, "\n")) {
    if (strstr(line, "_:")) {
      failure = "blank node";
    } else if (previous && strcmp(previous, line) >= 0) {
      failure = "out of order";
    }
    previous = line;
  }
  free(text);
  if (failure) {
    fail_msg("N-Triples export: %s", failure);
  }
}

static void
turtle_declares_the_data_prefix(void **state)
{
  fixture *fx = *state;
  char *text = NULL;
  size_t len = 0;
  assert_int_equal(write_to_memory(fx, export_format_find("turtle"), &text, &len), ILDKG_OK);
  const int declared = text && strstr(text, "@prefix kg: <" UNIT_BASE "> .") != NULL;
  const int blank = text && strstr(text, "_:") != NULL;
  free(text);
  assert_true(declared);
  assert_false(blank);
}

/* ---- export_write_all --------------------------------------------------------------- */

static void
write_all_writes_every_file_and_no_tmp(void **state)
{
  fixture *fx = *state;
  assert_int_equal(write_all(fx, "out", THREE, NULL), ILDKG_OK); /* "out" is created */
  assert_int_equal(ildkg_diag_count(fx->diag), 0);
  char *out = unit_path(fx->dir, "out");
  char *listing = unit_list_dir(out);
  free(out);
  assert_non_null(listing);
  const int ok = !strcmp(listing, BASENAME ".nt\n" BASENAME ".rdf\n" BASENAME ".ttl\n");
  if (!ok) {
    fail_msg("out/ holds:\n%s", listing);
  }
  free(listing);
}

static void
write_all_files_match_export_write(void **state)
{
  fixture *fx = *state;
  assert_int_equal(write_all(fx, "out", THREE, NULL), ILDKG_OK);
  for (size_t i = 0; THREE[i]; ++i) {
    const export_format *f = export_format_find(THREE[i]);
    char name[64];
    snprintf(name, sizeof name, "out/" BASENAME "%s", f->extension);
    char *expected = NULL, *file = NULL;
    size_t elen = 0, flen = 0;
    const ildkg_status st = write_to_memory(fx, f, &expected, &elen);
    file = read_in(fx, name, &flen);
    const int same = st == ILDKG_OK && elen == flen && !memcmp(expected, file, flen);
    free(expected);
    free(file);
    if (!same) {
      fail_msg("%s differs from export_write's %s", name, f->name);
    }
  }
}

static void
write_all_twice_gives_identical_files(void **state)
{
  fixture *fx = *state;
  assert_int_equal(write_all(fx, "a", THREE, NULL), ILDKG_OK);
  assert_int_equal(write_all(fx, "b", THREE, NULL), ILDKG_OK);
  for (size_t i = 0; THREE[i]; ++i) {
    const char *ext = export_format_find(THREE[i])->extension;
    char an[64], bn[64];
    snprintf(an, sizeof an, "a/" BASENAME "%s", ext);
    snprintf(bn, sizeof bn, "b/" BASENAME "%s", ext);
    size_t alen = 0, blen = 0;
    char *a = read_in(fx, an, &alen), *b = read_in(fx, bn, &blen);
    const int same = alen == blen && !memcmp(a, b, alen);
    free(a);
    free(b);
    if (!same) {
      fail_msg("%s and %s differ", an, bn);
    }
  }
}

static void
write_all_reports_each_file(void **state)
{
  fixture *fx = *state;
  char *text = NULL;
  size_t len = 0;
  FILE *report = open_memstream(&text, &len);
  assert_non_null(report);
  const char *const one[] = {"ntriples", NULL};
  const ildkg_status st = write_all(fx, "out", one, report);
  fclose(report);
  char expected[1024];
  snprintf(expected, sizeof expected, "wrote %s/out/" BASENAME ".nt (%zu triples, ntriples)\n",
           fx->dir, graph_size(fx->p.graph));
  const int same = text && !strcmp(text, expected);
  if (st != ILDKG_OK || !same) {
    fail_msg("report '%s' (expected '%s')", text ? text : "", expected);
  }
  free(text);
}

/* Old exports in out/, and @p block_with: write_all must fail with @p message and change
   nothing. */
static void
check_refusal_changes_nothing(fixture *fx, void (*block_with)(fixture *, int *),
                              const char *message_tail)
{
  const char *const old[][2] = {{"out/" BASENAME ".ttl", "old turtle\n"},
                                {"out/" BASENAME ".nt", "old ntriples\n"},
                                {"out/" BASENAME ".rdf", "old rdfxml\n"}};
  assert_int_equal(unit_mkdir(fx->dir, "out"), 0);
  for (size_t i = 0; i < 3; ++i) {
    assert_int_equal(unit_write_file(fx->dir, old[i][0], old[i][1]), 0);
  }
  int fd = -1;
  block_with(fx, &fd);
  assert_int_equal(write_all(fx, "out", THREE, NULL), ILDKG_ERR_CANTCREAT);
  if (fd >= 0) {
    close(fd);
  }
  for (size_t i = 0; i < 3; ++i) {
    char *text = read_in(fx, old[i][0], NULL);
    const int same = !strcmp(text, old[i][1]);
    free(text);
    if (!same) {
      fail_msg("%s was changed", old[i][0]);
    }
  }
  char *listing = unit_list_dir(fx->dir);
  const int no_staging = listing && !strstr(listing, "ildkg-staging");
  free(listing);
  assert_true(no_staging);
  char message[1024];
  snprintf(message, sizeof message, "%s%s", fx->dir, message_tail);
  assert_diag_message(fx->diag, 0, message);
  assert_int_equal(ildkg_diag_count(fx->diag), 1);
}

static void
lock_the_parent(fixture *fx, int *fd)
{
  *fd = open(fx->dir, O_RDONLY | O_DIRECTORY);
  assert_true(*fd >= 0);
  assert_int_equal(flock(*fd, LOCK_EX), 0);
}

static void
add_a_foreign_file(fixture *fx, int *fd)
{
  (void)fd;
  assert_int_equal(unit_write_file(fx->dir, "out/notes.txt", "mine\n"), 0);
}

static void
another_live_build_changes_nothing(void **state)
{
  check_refusal_changes_nothing(*state, lock_the_parent,
                                ": another build is writing an export set in this directory");
}

static void
foreign_file_in_out_changes_nothing(void **state)
{
  check_refusal_changes_nothing(*state, add_a_foreign_file,
                                "/out: holds 'notes.txt', which is no export file; the export "
                                "set replaces the whole directory, so give --out a directory "
                                "of its own");
}

static void
output_path_that_is_a_file_is_cantcreat(void **state)
{
  fixture *fx = *state;
  assert_int_equal(unit_write_file(fx->dir, "out", "a file\n"), 0);
  assert_int_equal(write_all(fx, "out", THREE, NULL), ILDKG_ERR_CANTCREAT);
  char message[1024];
  snprintf(message, sizeof message, "%s/out: the output path is not a directory", fx->dir);
  assert_diag_message(fx->diag, 0, message);
}

/* ---- JSON-LD ------------------------------------------------------------------------ */

/* The document @p text (@p len bytes, a line break last) must be what jansson dumps of it
   with the writer's flags. The document read back; the caller frees it. */
static json_t *
assert_janssons_layout(const char *text, size_t len)
{
  json_error_t error;
  json_t *doc = json_loadb(text, len, 0, &error);
  if (!doc) {
    fail_msg("the JSON-LD does not parse: %s (line %d)", error.text, error.line);
  }
  char *again = json_dumps(doc, JSON_INDENT(2) | JSON_SORT_KEYS | JSON_REAL_PRECISION(3));
  assert_non_null(again);
  assert_int_equal(strlen(again) + 1, len);
  assert_memory_equal(again, text, len - 1);
  assert_int_equal(text[len - 1], '\n');
  free(again);
  return doc;
}

/*
 * The JSON-LD writer writes its nodes as it reads them, in jansson's layout: its bytes must
 * be jansson's for the same document (read back, and dumped with the writer's flags), also
 * for literals holding every character JSON escapes, and for a property with many values,
 * values of its term and others, and a language.
 */
static void
jsonld_is_janssons_layout(void **state)
{
  fixture *fx = *state;
  char every[160];
  size_t n = 0;
  for (int c = 1; c < 0x80; ++c) {
    every[n++] = (char)c;
  }
  strcpy(every + n, " \xc3\xa9 \xe2\x80\xa8 \xf0\x9f\x98\x80");
  const char *s = UNIT_BASE "escapes";
  assert_int_equal(graph_add_literal(fx->p.graph, s, NS_RDFS "label", every, NULL, "en"), ILDKG_OK);
  assert_int_equal(graph_add_literal(fx->p.graph, s, NS_RDFS "label", "plain", NULL, NULL), ILDKG_OK);
  assert_int_equal(graph_add_literal(fx->p.graph, s, NS_RDFS "label", "deux", NULL, "fr"), ILDKG_OK);
  assert_int_equal(graph_add_literal(fx->p.graph, s, NS_RDFS "comment", "\"1\"", NS_XSD "string",
                                     NULL), ILDKG_OK);
  assert_int_equal(graph_add_iri(fx->p.graph, s, NS_RDFS "seeAlso", UNIT_BASE "a"), ILDKG_OK);
  assert_int_equal(graph_add_iri(fx->p.graph, s, NS_RDFS "seeAlso", UNIT_BASE "b"), ILDKG_OK);
  char *text = NULL;
  size_t len = 0;
  assert_int_equal(write_to_memory(fx, export_format_find("jsonld"), &text, &len), ILDKG_OK);
  json_t *doc = assert_janssons_layout(text, len);
  assert_non_null(strstr(text, "\\u0001\\u0002"));
  assert_non_null(strstr(text, "\\b\\t\\n\\u000B\\f\\r"));
  /* the literal comes back whole */
  json_t *nodes = json_object_get(doc, "@graph");
  int found = 0;
  for (size_t i = 0; i < json_array_size(nodes); ++i) {
    /* one English label: a string under the term (its language is the term's) */
    json_t *label = json_object_get(json_array_get(nodes, i), "label");
    found |= json_is_string(label) && !strcmp(json_string_value(label), every);
  }
  assert_true(found);
  json_decref(doc);
  free(text);
}

/* The writer looks for what to escape eight bytes at a time: each escaped character at
   each offset of a word, and in the bytes after the last whole word. */
static void
jsonld_escapes_wherever_they_fall(void **state)
{
  fixture *fx = *state;
  const char escaped[] = {'"', '\\', '\x01', '\n', '\x1f'};
  char iri[128];
  for (size_t e = 0; e < sizeof escaped; ++e) {
    for (size_t at = 0; at < 19; ++at) {
      char text[20];
      memset(text, 'a', sizeof text - 1);
      text[sizeof text - 1] = '\0';
      text[at] = escaped[e];
      snprintf(iri, sizeof iri, UNIT_BASE "escape-%zu-%zu", e, at);
      assert_int_equal(graph_add_literal(fx->p.graph, iri, NS_RDFS "comment", text, NULL, NULL),
                       ILDKG_OK);
    }
  }
  char *text = NULL;
  size_t len = 0;
  assert_int_equal(write_to_memory(fx, export_format_find("jsonld"), &text, &len), ILDKG_OK);
  json_decref(assert_janssons_layout(text, len));
  assert_non_null(strstr(text, "\"aaaaaaaa\\\"aaaaaaaaaa\""));
  assert_non_null(strstr(text, "\"aaaaaaaaaaaaaaaaaa\\u001F\""));
  free(text);
}

/* Text that is not UTF-8 fails the write (jansson refused such a string), wherever the
   bad byte is. */
static void
jsonld_refuses_text_that_is_not_utf8(void **state)
{
  fixture *fx = *state;
  const char *bad[] = {"abc\xff" "defghijk", "abcdefghij\xffk", "ab\xc3", "abcdefgh\xe2\x80"};
  for (size_t i = 0; i < sizeof bad / sizeof *bad; ++i) {
    graph *g = graph_new();
    assert_non_null(g);
    assert_int_equal(graph_add_literal(g, UNIT_BASE "bad", NS_RDFS "comment", bad[i], NULL, NULL),
                     ILDKG_OK);
    char *text = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&text, &len);
    assert_non_null(out);
    assert_int_not_equal(export_write(g, export_format_find("jsonld"), &fx->options, out, fx->diag),
                         ILDKG_OK);
    fclose(out);
    free(text);
    graph_free(g);
  }
}

#define TEST(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(known_formats_are_found),
    cmocka_unit_test(unknown_format_is_null),
    cmocka_unit_test(format_table_is_consistent),
    TEST(write_to_dev_full_fails_with_io),
    cmocka_unit_test(small_write_to_dev_full_fails_with_io),
    TEST(two_writes_are_byte_identical),
    TEST(jsonld_is_janssons_layout),
    TEST(jsonld_escapes_wherever_they_fall),
    TEST(jsonld_refuses_text_that_is_not_utf8),
    TEST(ntriples_are_one_sorted_line_a_triple),
    TEST(turtle_declares_the_data_prefix),
    TEST(write_all_writes_every_file_and_no_tmp),
    TEST(write_all_files_match_export_write),
    TEST(write_all_twice_gives_identical_files),
    TEST(write_all_reports_each_file),
    TEST(another_live_build_changes_nothing),
    TEST(foreign_file_in_out_changes_nothing),
    TEST(output_path_that_is_a_file_is_cantcreat),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
