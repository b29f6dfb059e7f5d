/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "graph_checks.h"

#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check_passes.h"
#include "query_runner.h"
#include "triple_table.h"

enum { MAX_QUERY_BYTES = 1 << 20 };

typedef struct {
  ildkg_diag *diag;
  const char *path;
  char last[1024]; /* the previous row: checks sort their rows, so a repeat is adjacent */
} violation_sink;

static ildkg_status
report_violation(void *user_data, size_t n, const char *const *names, const char *const *values)
{
  violation_sink *sink = user_data;
  char row[sizeof sink->last] = "";
  size_t used = 0;
  for (size_t i = 0; i < n && used < sizeof row; ++i) {
    const int w = snprintf(row + used, sizeof row - used, "%s?%s=%s", i ? " " : "", names[i],
                           values[i] ? values[i] : "(unbound)");
    used += w > 0 ? (size_t)w : 0;
  }
  /* Each violation once: the checks avoid DISTINCT (rasqal 0.9.33 leaks the rows it
     drops), and rasqal's GROUP BY without an aggregate keeps repeated rows. */
  if (!strcmp(row, sink->last)) {
    return ILDKG_OK;
  }
  memcpy(sink->last, row, sizeof row);
  const ildkg_status st =
    ildkg_diag_error(sink->diag, (ildkg_loc){sink->path, 0, NULL}, "violation: %s", row);
  return st == ILDKG_ERR_INPUT ? ILDKG_OK : st;
}

static ildkg_status
read_text(const char *path, char **text, ildkg_diag *d)
{
  FILE *f = fopen(path, "rb");
  *text = f ? calloc(MAX_QUERY_BYTES + 1, 1) : NULL;
  const size_t n = *text ? fread(*text, 1, MAX_QUERY_BYTES + 1, f) : 0;
  const int failed = !f || !*text || ferror(f) || n > MAX_QUERY_BYTES;
  const int err = errno;
  if (f) {
    fclose(f);
  }
  if (failed) {
    free(*text);
    *text = NULL;
    ildkg_diag_error(d, (ildkg_loc){path, 0, NULL}, "cannot read check: %s",
                     n > MAX_QUERY_BYTES ? "larger than 1 MiB" : strerror(err));
    return ILDKG_ERR_NOINPUT;
  }
  return ILDKG_OK;
}

/* How the checks of one run are answered. */
typedef struct {
  graph *g;
  bool sparql_only;     /* every check through rasqal, the shipped ones too */
  triple_table *table;  /* for the passes: made at the first one that runs */
  bool no_table;        /* the graph cannot be tabled exactly: SPARQL for all */
  size_t native;        /* checks answered by their direct pass */
} check_run;

/* The pass for @p query, with the table it reads, or NULL: then the SPARQL runs. */
static const check_pass *
native_pass(check_run *run, const char *query, ildkg_status *st)
{
  const check_pass *pass =
    run->sparql_only || run->no_table ? NULL : check_pass_find(query, strlen(query));
  if (pass && !run->table) {
    *st = triple_table_new(run->g, &run->table);
    run->no_table = *st == ILDKG_ERR_UNSUPPORTED;
    *st = *st == ILDKG_ERR_UNSUPPORTED ? ILDKG_OK : *st;
  }
  return run->table ? pass : NULL;
}

static ildkg_status
run_check(check_run *run, const char *path, ildkg_diag *d)
{
  char *query = NULL;
  ildkg_status st = read_text(path, &query, d);
  const check_pass *pass = st == ILDKG_OK ? native_pass(run, query, &st) : NULL;
  run->native += st == ILDKG_OK && pass;
  if (st == ILDKG_OK) {
    violation_sink sink = {d, path, ""};
    char why[QUERY_WHY_SIZE] = "";
    st = pass ? check_pass_run(pass, run->table, report_violation, &sink)
              : query_select(run->g, query, report_violation, &sink, why);
    if (st == ILDKG_ERR_INPUT || st == ILDKG_ERR_RDF || st == ILDKG_ERR_UNSUPPORTED) {
      ildkg_diag_error(d, (ildkg_loc){path, 0, NULL}, "check does not run: %s",
                       *why ? why : "SPARQL error");
      st = ILDKG_ERR_INPUT;
    }
  }
  free(query);
  return st;
}

static int
compare_names(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

ildkg_status
graph_checks_run(graph *g, const char *dir, bool sparql_only, ildkg_diag *d, size_t *nchecks,
                 size_t *nnative)
{
  DIR *dh = opendir(dir);
  char **paths = NULL;
  size_t count = 0;
  *nchecks = *nnative = 0;
  if (!dh && errno == ENOENT) {
    return ILDKG_OK; /* an ontology without rules */
  }
  if (!dh) {
    ildkg_diag_error(d, (ildkg_loc){dir, 0, NULL}, "cannot open checks directory: %s",
                     strerror(errno));
    return ILDKG_ERR_NOINPUT;
  }
  ildkg_status st = ILDKG_OK;
  for (struct dirent *e; st == ILDKG_OK && (e = readdir(dh));) {
    const size_t len = strlen(e->d_name);
    if (e->d_name[0] == '.' || len < 4 || strcmp(e->d_name + len - 3, ".rq") != 0) {
      continue;
    }
    char **grown = realloc(paths, (count + 1) * sizeof *grown);
    if (!grown || asprintf(&grown[count], "%s/%s", dir, e->d_name) < 0) {
      st = ILDKG_ERR_NOMEM;
    } else {
      ++count;
    }
    paths = grown ? grown : paths;
  }
  closedir(dh);
  if (count) {
    qsort(paths, count, sizeof *paths, compare_names);
  }
  ildkg_status result = st;
  check_run run = {g, sparql_only, NULL, false, 0};
  for (size_t i = 0; st == ILDKG_OK && i < count; ++i) {
    const ildkg_status rc = run_check(&run, paths[i], d);
    *nchecks += rc == ILDKG_OK;
    result = rc == ILDKG_OK ? result : rc == ILDKG_ERR_INPUT && !result ? rc : result;
    st = ILDKG_FATAL(rc) ? rc : ILDKG_OK;
  }
  triple_table_free(run.table);
  *nnative = run.native;
  for (size_t i = 0; i < count; ++i) {
    free(paths[i]);
  }
  free(paths);
  return ILDKG_FATAL(st) ? st : result;
}

ildkg_status
graph_check_file(graph *g, const char *path, ildkg_diag *d, size_t *nviolations)
{
  check_run run = {g, false, NULL, false, 0};
  const size_t before = ildkg_diag_count(d);
  const ildkg_status st = run_check(&run, path, d);
  triple_table_free(run.table);
  *nviolations = ildkg_diag_count(d) - before;
  return st;
}
