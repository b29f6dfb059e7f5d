/* SPDX-License-Identifier: MIT */
/**
 * @file unit.h  Helpers the cmocka unit tests share: temporary directories and
 * files, a minimal ontology, and a minimal valid facts directory.
 *
 * Everything here is `static inline`, so a test program that uses only part of
 * it still compiles without unused-function warnings. Include it after config.h.
 */
#ifndef ILDKG_UNIT_H
#define ILDKG_UNIT_H

/* cmocka.h needs these first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"

/** The project's own ontology, for tests on the real vocabulary. */
#define UNIT_ONTOLOGY_DIR ILDKG_SRCDIR "/ontology"

/** A base IRI for data built in tests. */
#define UNIT_BASE "https://example.org/kg/"

/** The smallest ontology ontology_load accepts: the header and one class. */
#define UNIT_MINI_ONTOLOGY                                                                 \
  "@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .\n"                         \
  "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"                              \
  "@prefix owl: <http://www.w3.org/2002/07/owl#> .\n"                                      \
  "@prefix ildkg: <https://w3id.org/ildkg/ontology#> .\n"                                  \
  "<https://w3id.org/ildkg/ontology> a owl:Ontology .\n"                                   \
  "ildkg:Thing a owl:Class .\n"

/* Rows (without header) of a minimal valid facts directory, for the real ontology. */
#define UNIT_REVIEW_ROWS "label\tTest review\nreference_count\t49\n"
#define UNIT_SECTION_ROWS                                                                  \
  "intro\tSection\t1\tIntroduction\t\n"                                                    \
  "table-1\tTable\t2\tTable 1\tintro\n"
#define UNIT_ENTITY_ROWS                                                                   \
  "COP\tDisease\tcryptogenic organizing pneumonia\tCOP\n"                                  \
  "ILD\tDisease\tinterstitial lung disease\tILD\n"                                         \
  "Cough\tSymptom\tcough\tdry cough | tussis\n"                                            \
  "BloodTests\tProcedure\tblood tests\t\n"                                                 \
  "HRCT\tProcedure\thigh-resolution computed tomography\tHRCT\n"                           \
  "PatchyConsolidation\tRadiologicalFinding\tpatchy consolidation\t\n"
#define UNIT_MAPPING_ROWS                                                                  \
  "Cough\texact\tHP:0012735\tCough\ttest fixture\n"                                        \
  "COP\tclose\tMONDO:0015264\tcryptogenic organizing pneumonia\ttest fixture\n"
#define UNIT_STATEMENT_ROWS                                                                \
  "cop-cough\tCOP\thasSymptom\tCough\tfrequency=Common\t9,10,11\tintro\tcough and dyspnea\n"

#define UNIT_REVIEW_HEADER "key\tvalue\n"
#define UNIT_SECTION_HEADER "id\tclass\torder\tlabel\tpart_of\n"
#define UNIT_ENTITY_HEADER "id\tclass\tlabel\talt_labels\n"
#define UNIT_MAPPING_HEADER "entity\tmatch\tcurie\texternal_label\tchecked_in\n"
#define UNIT_STATEMENT_HEADER                                                              \
  "id\tsubject\tpredicate\tobject\tqualifiers\treferences\tsection\tquote\n"

/** Rows of each facts file; NULL takes the UNIT_*_ROWS default. The header is always written. */
typedef struct {
  const char *review, *sections, *entities, *mappings, *statements;
} unit_facts;

/** Assert that message @p i of @p d exists and equals @p expected (reported at the caller's line). */
#define assert_diag_message(d, i, expected)                                                \
  do {                                                                                     \
    const char *unit_message_ = ildkg_diag_message((d), (i));                              \
    assert_non_null(unit_message_);                                                        \
    assert_string_equal(unit_message_, (expected));                                        \
  } while (0)

/** "DIR/NAME", allocated (free it); NULL when out of memory. */
static inline char *
unit_path(const char *dir, const char *name)
{
  char *path = NULL;
  return asprintf(&path, "%s/%s", dir, name) < 0 ? NULL : path;
}

/** A new empty directory under $TMPDIR (or /tmp), allocated (free it); NULL on failure. */
static inline char *
unit_temp_dir(void)
{
  const char *tmp = getenv("TMPDIR");
  char *dir = NULL;
  if (!tmp || !*tmp) {
    tmp = "/tmp";
  }
  size_t n = strlen(tmp);
  while (n > 1 && tmp[n - 1] == '/') {
    --n; /* so that paths in messages have no "//" */
  }
  if (asprintf(&dir, "%.*s/ildkg-unit-XXXXXX", (int)n, tmp) < 0) {
    return NULL;
  }
  if (!mkdtemp(dir)) {
    free(dir);
    return NULL;
  }
  return dir;
}

/** Write @p len bytes to DIR/NAME (created or truncated). 0, or -1 on failure. */
static inline int
unit_write_bytes(const char *dir, const char *name, const void *data, size_t len)
{
  char *path = unit_path(dir, name);
  FILE *f = path ? fopen(path, "wb") : NULL;
  int rc = f ? 0 : -1;
  if (f && len && fwrite(data, 1, len, f) != len) {
    rc = -1;
  }
  if (f && fclose(f) != 0) {
    rc = -1;
  }
  free(path);
  return rc;
}

/** Write the string @p content to DIR/NAME. 0, or -1 on failure. */
static inline int
unit_write_file(const char *dir, const char *name, const char *content)
{
  return unit_write_bytes(dir, name, content, strlen(content));
}

/** Make the directory DIR/NAME. 0, or -1 on failure. */
static inline int
unit_mkdir(const char *dir, const char *name)
{
  char *path = unit_path(dir, name);
  const int rc = path && mkdir(path, 0777) == 0 ? 0 : -1;
  free(path);
  return rc;
}

/** The whole content of @p path, NUL-terminated and allocated (free it); NULL on failure. */
static inline char *
unit_read_file(const char *path, size_t *len)
{
  char *data = NULL;
  size_t n = 0;
  FILE *f = fopen(path, "rb");
  FILE *out = f ? open_memstream(&data, &n) : NULL;
  int failed = !out;
  for (int c; !failed && (c = getc(f)) != EOF;) {
    failed = putc(c, out) == EOF;
  }
  failed |= f && ferror(f);
  if (out && fclose(out) != 0) {
    failed = 1;
  }
  if (f) {
    fclose(f);
  }
  if (failed) {
    free(data);
    return NULL;
  }
  if (len) {
    *len = n;
  }
  return data;
}

/** True when DIR/NAME exists. */
static inline int
unit_exists(const char *dir, const char *name)
{
  struct stat info;
  char *path = unit_path(dir, name);
  const int found = path && lstat(path, &info) == 0;
  free(path);
  return found;
}

static inline int
unit_compare_names(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/** The names in @p dir, sorted, each followed by '\n', allocated (free it); NULL on failure. */
static inline char *
unit_list_dir(const char *dir)
{
  enum { MAX_NAMES = 256 };
  char *names[MAX_NAMES];
  size_t n = 0;
  char *text = NULL;
  size_t len = 0;
  DIR *dh = opendir(dir);
  if (!dh) {
    return NULL;
  }
  for (struct dirent *e; n < MAX_NAMES && (e = readdir(dh));) {
    if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0) {
      names[n++] = strdup(e->d_name);
    }
  }
  closedir(dh);
  qsort(names, n, sizeof *names, unit_compare_names);
  FILE *out = open_memstream(&text, &len);
  for (size_t i = 0; i < n; ++i) {
    if (out && names[i]) {
      fprintf(out, "%s\n", names[i]);
    }
    free(names[i]);
  }
  if (!out) {
    return NULL;
  }
  if (fclose(out) != 0) {
    free(text);
    return NULL;
  }
  return text;
}

static inline int
unit_remove_entry(const char *path, const struct stat *info, int flag, struct FTW *ftw)
{
  (void)info;
  (void)flag;
  (void)ftw;
  return remove(path);
}

/** Remove @p path and everything under it. 0, or -1 on failure; NULL is fine. */
static inline int
unit_remove_tree(const char *path)
{
  if (!path) {
    return 0;
  }
  return nftw(path, unit_remove_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/** Remove a directory from unit_temp_dir with everything under it, and free its path. NULL is fine. */
static inline void
unit_free_temp_dir(char *dir)
{
  unit_remove_tree(dir);
  free(dir);
}

/** Write review.tsv, sections.tsv, entities.tsv, mappings.tsv and statements/x.tsv in @p dir. */
static inline int
unit_write_facts(const char *dir, const unit_facts *rows)
{
  static const unit_facts defaults = {UNIT_REVIEW_ROWS, UNIT_SECTION_ROWS, UNIT_ENTITY_ROWS,
                                      UNIT_MAPPING_ROWS, UNIT_STATEMENT_ROWS};
  const unit_facts *r = rows ? rows : &defaults;
  const struct {
    const char *name, *header, *rows, *fallback;
  } files[] = {
    {"review.tsv", UNIT_REVIEW_HEADER, r->review, defaults.review},
    {"sections.tsv", UNIT_SECTION_HEADER, r->sections, defaults.sections},
    {"entities.tsv", UNIT_ENTITY_HEADER, r->entities, defaults.entities},
    {"mappings.tsv", UNIT_MAPPING_HEADER, r->mappings, defaults.mappings},
    {"statements/x.tsv", UNIT_STATEMENT_HEADER, r->statements, defaults.statements},
  };
  if (!unit_exists(dir, "statements") && unit_mkdir(dir, "statements") != 0) {
    return -1;
  }
  for (size_t i = 0; i < sizeof files / sizeof *files; ++i) {
    char *text = NULL;
    if (asprintf(&text, "%s%s", files[i].header,
                 files[i].rows ? files[i].rows : files[i].fallback) < 0) {
      return -1;
    }
    const int rc = unit_write_file(dir, files[i].name, text);
    free(text);
    if (rc != 0) {
      return -1;
    }
  }
  return 0;
}

/** The default facts with other statement rows (header added). */
static inline int
unit_write_statements(const char *dir, const char *statement_rows)
{
  const unit_facts rows = {NULL, NULL, NULL, NULL, statement_rows};
  return unit_write_facts(dir, &rows);
}

#endif
