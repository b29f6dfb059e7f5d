/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "cli.h"

#include <errno.h>

#include "results_writer.h"

#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

int
cli_exit_code(ildkg_status st)
{
  switch (st) {
  case ILDKG_OK:
  case ILDKG_DONE: return EX_OK;
  case ILDKG_ERR_INPUT: return EX_DATAERR;
  case ILDKG_ERR_USAGE: return EX_USAGE;
  case ILDKG_ERR_NOINPUT: return EX_NOINPUT;
  case ILDKG_ERR_CANTCREAT: return EX_CANTCREAT;
  case ILDKG_ERR_IO: return EX_IOERR;
  case ILDKG_ERR_RDF: return EX_SOFTWARE;
  case ILDKG_ERR_NOMEM: return EX_OSERR;
  }
  return EX_SOFTWARE;
}

void
cli_print_diag(const char *command, const ildkg_diag *d)
{
  const size_t kept = ildkg_diag_kept(d), count = ildkg_diag_count(d);
  for (size_t i = 0; i < kept; ++i) {
    fprintf(stderr, "%s\n", ildkg_diag_message(d, i));
  }
  if (count > kept) {
    fprintf(stderr, "ildkg %s: %zu more problems not shown\n", command, count - kept);
  }
  if (count) {
    fprintf(stderr, "ildkg %s: %zu problem%s found\n", command, count, count == 1 ? "" : "s");
  }
}

static int
is_directory(const char *path)
{
  struct stat info;
  return stat(path, &info) == 0 && S_ISDIR(info.st_mode);
}

/* The installed binary reads the installed data; any other copy reads the source tree. */
static int
running_installed_binary(void)
{
  char self[PATH_MAX], installed[PATH_MAX];
  return realpath("/proc/self/exe", self) && realpath(ILDKG_BINDIR "/ildkg", installed) &&
         !strcmp(self, installed);
}

void
cli_default_inputs(cli_inputs *in)
{
  const int installed = running_installed_binary() || !is_directory(ILDKG_SRCDIR "/facts");
  in->facts_dir = installed ? ILDKG_PKGDATADIR "/facts" : ILDKG_SRCDIR "/facts";
  in->ontology_dir = installed ? ILDKG_PKGDATADIR "/ontology" : ILDKG_SRCDIR "/ontology";
}

ildkg_status
cli_usage_error(const char *command, const char *fmt, ...)
{
  va_list args;
  va_start(args, fmt);
  fprintf(stderr, "ildkg %s: ", command);
  vfprintf(stderr, fmt, args);
  va_end(args);
  fprintf(stderr, "\nTry 'ildkg %s --help'.\n", command);
  return ILDKG_ERR_USAGE;
}

enum { MAX_TEXT_BYTES = 1 << 20 };

ildkg_status
cli_read_text(const char *path, char **text, ildkg_diag *d)
{
  FILE *f = fopen(path, "rb");
  *text = f ? calloc(MAX_TEXT_BYTES + 1, 1) : NULL;
  const size_t n = *text ? fread(*text, 1, MAX_TEXT_BYTES + 1, f) : 0;
  const int err = errno;
  const int failed = !f || !*text || ferror(f) || n > MAX_TEXT_BYTES;
  if (f) {
    fclose(f);
  }
  if (failed) {
    free(*text);
    *text = NULL;
    ildkg_diag_error(d, (ildkg_loc){path, 0, NULL}, "cannot read: %s",
                     n > MAX_TEXT_BYTES ? "larger than 1 MiB" : strerror(err));
    return f ? ILDKG_ERR_IO : ILDKG_ERR_NOINPUT;
  }
  return ILDKG_OK;
}

/* raptor's parser for a file name, by its extension; NULL when none fits. */
static const char *
syntax_for(const char *path)
{
  static const struct {
    const char *extension, *syntax;
  } known[] = {{".ttl", "turtle"}, {".nt", "ntriples"}, {".nq", "nquads"},
               {".rdf", "rdfxml"}, {".owl", "rdfxml"},  {".xml", "rdfxml"}};
  const char *dot = strrchr(path, '.');
  for (size_t i = 0; dot && i < sizeof known / sizeof *known; ++i) {
    if (!strcmp(dot, known[i].extension)) {
      return known[i].syntax;
    }
  }
  return NULL;
}

ildkg_status
cli_load_graph(pipeline *p, const cli_inputs *in, const char *data, const char *base,
               ildkg_diag *d)
{
  if (!data) {
    const ildkg_status st = pipeline_load(p, in->facts_dir, in->ontology_dir, d);
    return st == ILDKG_OK ? pipeline_build_graph(p, base) : st;
  }
  const char *syntax = syntax_for(data);
  if (!syntax) {
    return cli_usage_error("query", "cannot tell the syntax of '%s' (expected .ttl, .nt, .nq, "
                           ".rdf or .owl; raptor reads no JSON-LD)", data);
  }
  if (!(p->graph = graph_new())) {
    return ILDKG_ERR_RDF;
  }
  const ildkg_status st = graph_load_file(p->graph, data, syntax);
  if (st != ILDKG_OK) {
    ildkg_diag_error(d, (ildkg_loc){data, 0, NULL}, "%s: %s", syntax,
                     *graph_last_error(p->graph) ? graph_last_error(p->graph) : "parse error");
  }
  return st;
}

ildkg_status
cli_run_query(graph *g, const char *name, const char *query, const char *format,
              const char *base, ildkg_diag *d, FILE *out)
{
  graph_results *r = NULL;
  ildkg_status st = graph_query(g, query, &r);
  if (st == ILDKG_OK) {
    st = results_write(r, format, base, out);
    if (st == ILDKG_ERR_USAGE) {
      cli_usage_error("query", "format '%s' does not fit this kind of query", format);
    }
  }
  if (st == ILDKG_ERR_INPUT || st == ILDKG_ERR_RDF) {
    ildkg_diag_error(d, (ildkg_loc){name, 0, NULL}, "SPARQL: %s",
                     *graph_last_error(g) ? graph_last_error(g) : "query failed");
    st = ILDKG_ERR_INPUT;
  }
  graph_results_free(r);
  return st;
}
