/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "results_writer.h"

#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "ns.h"

enum { MAX_COLUMNS = 64 };

static const char *const SPARQL_FORMATS[] = {"csv", "tsv", "json", "xml"};
static const char *const GRAPH_FORMATS[] = {"turtle", "ntriples"};

static int
in_list(const char *s, const char *const *list, size_t n)
{
  for (size_t i = 0; i < n; ++i) {
    if (!strcmp(s, list[i])) {
      return 1;
    }
  }
  return 0;
}

int
results_format_known(const char *format)
{
  return !strcmp(format, "table") || in_list(format, SPARQL_FORMATS, 4) ||
         in_list(format, GRAPH_FORMATS, 2);
}

/* ---- the table ------------------------------------------------------------------ */

typedef struct {
  const char *base;
  char **cells; /* rows x columns, row-major */
  size_t ncolumns, nrows, capacity;
} table;

/* IRIs under a known namespace as prefix:local, for people. */
static void
put_iri(FILE *f, const char *iri, size_t len, const char *base)
{
  const char *prefix = NULL;
  size_t best = 0;
  for (size_t i = 0; i <= NS_PREFIX_COUNT; ++i) {
    const char *ns = i < NS_PREFIX_COUNT ? NS_PREFIXES[i].iri : base;
    const size_t n = strlen(ns);
    if (n > best && n < len && !strncmp(iri, ns, n)) {
      best = n;
      prefix = i < NS_PREFIX_COUNT ? NS_PREFIXES[i].prefix : NS_DATA_PREFIX;
    }
  }
  if (prefix) {
    fprintf(f, "%s:", prefix);
  }
  fwrite(iri + best, 1, len - best, f);
}

/* Decode one N-Triples escape at s (after the backslash) to f; return bytes consumed. */
static size_t
put_escape(FILE *f, const char *s)
{
  const char *plain = strchr("tbnrf\"'\\", *s);
  if (plain && *s) {
    fputc(strchr("tbnrf", *s) ? ' ' : *s, f); /* white space and controls print as a space */
    return 1;
  }
  const size_t digits = *s == 'u' ? 4 : *s == 'U' ? 8 : 0;
  char hex[9] = {0};
  if (!digits || strlen(s + 1) < digits) {
    fputc('\\', f);
    return 0;
  }
  memcpy(hex, s + 1, digits);
  const unsigned long c = strtoul(hex, NULL, 16);
  if (c < 0x20 || c == 0x7F) {
    fputc(' ', f);
  } else if (c < 0x80) {
    fputc((int)c, f);
  } else if (c < 0x800) {
    fprintf(f, "%c%c", (int)(0xC0 | (c >> 6)), (int)(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    fprintf(f, "%c%c%c", (int)(0xE0 | (c >> 12)), (int)(0x80 | ((c >> 6) & 0x3F)),
            (int)(0x80 | (c & 0x3F)));
  } else {
    fprintf(f, "%c%c%c%c", (int)(0xF0 | (c >> 18)), (int)(0x80 | ((c >> 12) & 0x3F)),
            (int)(0x80 | ((c >> 6) & 0x3F)), (int)(0x80 | (c & 0x3F)));
  }
  return 1 + digits;
}

/* A cell for people: <iri> shortened, "literal" by its text (no datatype or language). */
static char *
display(const char *ntriples, const char *base)
{
  char *text = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&text, &len);
  if (!f) {
    return NULL;
  }
  if (!ntriples) {
    /* unbound: an empty cell */
  } else if (ntriples[0] == '<') {
    put_iri(f, ntriples + 1, strlen(ntriples) - 2, base);
  } else if (ntriples[0] == '"') {
    for (const char *p = ntriples + 1; *p && *p != '"'; ++p) {
      if (*p == '\\') {
        p += put_escape(f, p + 1);
      } else {
        fputc(*p, f);
      }
    }
  } else {
    fputs(ntriples, f);
  }
  return fclose(f) == 0 ? text : (free(text), NULL);
}

static ildkg_status
add_row(void *user_data, size_t n, const char *const *names, const char *const *values)
{
  (void)names;
  table *t = user_data;
  if (n != t->ncolumns) {
    return ILDKG_ERR_RDF;
  }
  if ((t->nrows + 1) * n > t->capacity) {
    const size_t capacity = t->capacity ? t->capacity * 2 : 64 * (n ? n : 1);
    char **grown = realloc(t->cells, capacity * sizeof *grown);
    if (!grown) {
      return ILDKG_ERR_NOMEM;
    }
    t->cells = grown;
    t->capacity = capacity;
  }
  for (size_t i = 0; i < n; ++i) {
    if (!(t->cells[t->nrows * n + i] = display(values[i], t->base))) {
      for (size_t k = 0; k < i; ++k) {
        free(t->cells[t->nrows * n + k]);
      }
      return ILDKG_ERR_NOMEM;
    }
  }
  ++t->nrows;
  return ILDKG_OK;
}

/* Columns are as wide as their widest cell, counted in characters, not bytes. */
static size_t
text_width(const char *s)
{
  size_t w = 0;
  for (; *s; ++s) {
    w += ((unsigned char)*s & 0xC0) != 0x80;
  }
  return w;
}

static void
put_padded(FILE *out, const char *s, size_t width, int last)
{
  fputs(s, out);
  for (size_t w = text_width(s); !last && w < width; ++w) {
    fputc(' ', out);
  }
}

static void
print_table(const table *t, const char *const *names, FILE *out)
{
  size_t widths[MAX_COLUMNS];
  for (size_t c = 0; c < t->ncolumns; ++c) {
    widths[c] = text_width(names[c]);
    for (size_t r = 0; r < t->nrows; ++r) {
      const size_t w = text_width(t->cells[r * t->ncolumns + c]);
      widths[c] = w > widths[c] ? w : widths[c];
    }
  }
  for (size_t c = 0; c < t->ncolumns; ++c) {
    fputs(c ? " | " : "", out);
    put_padded(out, names[c], widths[c], c + 1 == t->ncolumns);
  }
  fputc('\n', out);
  for (size_t c = 0; c < t->ncolumns; ++c) {
    fputs(c ? "-+-" : "", out);
    for (size_t w = 0; w < widths[c]; ++w) {
      fputc('-', out);
    }
  }
  fputc('\n', out);
  for (size_t r = 0; r < t->nrows; ++r) {
    for (size_t c = 0; c < t->ncolumns; ++c) {
      fputs(c ? " | " : "", out);
      put_padded(out, t->cells[r * t->ncolumns + c], widths[c], c + 1 == t->ncolumns);
    }
    fputc('\n', out);
  }
  fprintf(out, "(%zu row%s)\n", t->nrows, t->nrows == 1 ? "" : "s");
}

static ildkg_status
write_table(graph_results *r, const char *base, FILE *out)
{
  if (graph_results_kind(r) == GRAPH_RESULT_BOOLEAN) {
    fprintf(out, "%s\n", graph_results_boolean(r) ? "true" : "false");
    return ILDKG_OK;
  }
  const char *names[MAX_COLUMNS];
  table t = {base, NULL, graph_results_variables(r, names, MAX_COLUMNS), 0, 0};
  const ildkg_status st = graph_results_each_row(r, add_row, &t);
  if (st == ILDKG_OK) {
    print_table(&t, names, out);
  }
  for (size_t i = 0; i < t.nrows * t.ncolumns; ++i) {
    free(t.cells[i]);
  }
  free(t.cells);
  return st;
}

/* ---- empty answers ----------------------------------------------------------- */

/*
 * rasqal's writers drop the variables of an answer without rows (an empty CSV file,
 * "vars": [] in JSON), though the SPARQL results formats keep them: write those here.
 */
static ildkg_status
write_empty(graph_results *r, const char *format, FILE *out)
{
  const char *names[MAX_COLUMNS];
  const size_t n = graph_results_variables(r, names, MAX_COLUMNS);
  const int csv = !strcmp(format, "csv"), tsv = !strcmp(format, "tsv");
  const int json = !strcmp(format, "json");
  if (json) {
    fputs("{\n  \"head\": {\n    \"vars\": [", out);
  } else if (!csv && !tsv) {
    fputs("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
          "<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n  <head>\n", out);
  }
  for (size_t i = 0; i < n; ++i) {
    /* Variable names are [A-Za-z0-9_] and a few letters: nothing to escape. */
    if (csv || tsv) {
      fprintf(out, "%s%s%s", i ? (csv ? "," : "\t") : "", tsv ? "?" : "", names[i]);
    } else if (json) {
      fprintf(out, "%s\"%s\"", i ? ", " : " ", names[i]);
    } else {
      fprintf(out, "    <variable name=\"%s\"/>\n", names[i]);
    }
  }
  fputs(csv ? "\r\n"
        : tsv ? "\n"
        : json ? " ]\n  },\n  \"results\": {\n    \"bindings\": [ ]\n  }\n}\n"
               : "  </head>\n  <results>\n  </results>\n</sparql>\n",
        out);
  return fflush(out) == 0 && !ferror(out) ? ILDKG_OK : ILDKG_ERR_IO;
}

/* ---- CONSTRUCT ------------------------------------------------------------------ */

static ildkg_status
write_graph(graph_results *r, const char *format, const char *base, FILE *out)
{
  raptor_statement **statements = NULL;
  size_t count = 0;
  ildkg_status st = graph_results_statements(r, &statements, &count);
  const export_format *f = export_format_find(format);
  if (st == ILDKG_OK && count) {
    const export_options options = {base, NULL, NULL};
    const export_job job = {statements[0]->world, statements, count, &options, NULL, "-"};
    st = f->write(f, &job, out);
  }
  graph_statements_free(statements, count);
  return st;
}

ildkg_status
results_write(graph_results *r, const char *format, const char *base, FILE *out)
{
  const int graph_result = graph_results_kind(r) == GRAPH_RESULT_GRAPH;
  if (graph_result != in_list(format, GRAPH_FORMATS, 2) &&
      !(graph_result && !strcmp(format, "table"))) {
    return ILDKG_ERR_USAGE;
  }
  if (graph_result) {
    return write_graph(r, strcmp(format, "table") ? format : "ntriples", base, out);
  }
  /* The SPARQL CSV and TSV formats define no boolean answer: write it as a word. */
  const int plain = !strcmp(format, "csv") || !strcmp(format, "tsv");
  if (!strcmp(format, "table") || (plain && graph_results_kind(r) == GRAPH_RESULT_BOOLEAN)) {
    const ildkg_status st = write_table(r, base, out);
    return st == ILDKG_OK && (fflush(out) != 0 || ferror(out)) ? ILDKG_ERR_IO : st;
  }
  if (graph_results_kind(r) == GRAPH_RESULT_BINDINGS && !graph_results_has_rows(r)) {
    return write_empty(r, format, out);
  }
  return graph_results_write(r, format, out);
}
