/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "results_writer.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "export.h"
#include "ns.h"

static const char *const SPARQL_FORMATS[] = {"csv", "tsv", "json", "xml"};
static const char *const GRAPH_FORMATS[] = {"turtle", "ntriples", "jsonld", "rdfxml"};
enum { NGRAPH_FORMATS = sizeof GRAPH_FORMATS / sizeof *GRAPH_FORMATS };

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
         in_list(format, GRAPH_FORMATS, NGRAPH_FORMATS);
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


/* ---- the table ------------------------------------------------------------------ */

static char *
term_text(raptor_term *t)
{
  return t ? (char *)raptor_term_to_counted_string(t, NULL) : NULL;
}

static ildkg_status
table_cells(const query_answer *a, const char *base, char **cells)
{
  for (size_t i = 0; i < a->nrows * a->nvariables; ++i) {
    raptor_term *t = a->cells[i];
    char *ntriples = term_text(t);
    if (t && !ntriples) {
      return ILDKG_ERR_NOMEM;
    }
    cells[i] = display(ntriples, base);
    raptor_free_memory(ntriples);
    if (!cells[i]) {
      return ILDKG_ERR_NOMEM;
    }
  }
  return ILDKG_OK;
}

static void
print_rule(const size_t *widths, size_t n, FILE *out)
{
  for (size_t c = 0; c < n; ++c) {
    fputs(c ? "-+-" : "", out);
    for (size_t w = 0; w < widths[c]; ++w) {
      fputc('-', out);
    }
  }
  fputc('\n', out);
}

static void
print_table(const query_answer *a, char *const *cells, size_t *widths, FILE *out)
{
  const size_t n = a->nvariables;
  for (size_t c = 0; c < n; ++c) {
    widths[c] = text_width(a->variables[c]);
    for (size_t r = 0; r < a->nrows; ++r) {
      const size_t w = text_width(cells[r * n + c]);
      widths[c] = w > widths[c] ? w : widths[c];
    }
  }
  for (size_t c = 0; c < n; ++c) {
    fputs(c ? " | " : "", out);
    put_padded(out, a->variables[c], widths[c], c + 1 == n);
  }
  fputc('\n', out);
  print_rule(widths, n, out);
  for (size_t r = 0; r < a->nrows; ++r) {
    for (size_t c = 0; c < n; ++c) {
      fputs(c ? " | " : "", out);
      put_padded(out, cells[r * n + c], widths[c], c + 1 == n);
    }
    fputc('\n', out);
  }
  fprintf(out, "(%zu row%s)\n", a->nrows, a->nrows == 1 ? "" : "s");
}

static ildkg_status
write_table(const query_answer *a, const char *base, FILE *out)
{
  if (a->kind == ANSWER_BOOLEAN) {
    fprintf(out, "%s\n", a->boolean ? "true" : "false");
    return ILDKG_OK;
  }
  const size_t ncells = a->nrows * a->nvariables;
  char **cells = calloc(ncells ? ncells : 1, sizeof *cells);
  size_t *widths = calloc(a->nvariables ? a->nvariables : 1, sizeof *widths);
  ildkg_status st = cells && widths ? table_cells(a, base, cells) : ILDKG_ERR_NOMEM;
  if (st == ILDKG_OK) {
    print_table(a, cells, widths, out);
  }
  for (size_t i = 0; cells && i < ncells; ++i) {
    free(cells[i]);
  }
  free(cells);
  free(widths);
  return st;
}

/* ---- SPARQL 1.1 CSV and TSV ---------------------------------------------------------- */

/* CSV: the value alone (IRI, lexical form, _:label), quoted when it must be. */
static void
put_csv_field(const raptor_term *t, FILE *out)
{
  if (!t) {
    return;
  }
  const char *text = t->type == RAPTOR_TERM_TYPE_URI
                       ? (const char *)raptor_uri_as_string(t->value.uri)
                     : t->type == RAPTOR_TERM_TYPE_LITERAL ? (const char *)t->value.literal.string
                                                          : NULL;
  size_t len = t->type == RAPTOR_TERM_TYPE_LITERAL ? t->value.literal.string_len
               : text                              ? strlen(text)
                                                   : 0;
  if (t->type == RAPTOR_TERM_TYPE_BLANK) {
    fprintf(out, "_:%s", (const char *)t->value.blank.string);
    return;
  }
  if (!memchr(text, '"', len) && !memchr(text, ',', len) && !memchr(text, '\n', len) &&
      !memchr(text, '\r', len)) {
    fwrite(text, 1, len, out);
    return;
  }
  fputc('"', out);
  for (size_t i = 0; i < len; ++i) {
    if (text[i] == '"') {
      fputc('"', out);
    }
    fputc(text[i], out);
  }
  fputc('"', out);
}

/* TSV: the term in Turtle (N-Triples) form, which escapes tabs and newlines. */
static ildkg_status
put_tsv_field(raptor_term *t, FILE *out)
{
  char *text = term_text(t);
  if (t && !text) {
    return ILDKG_ERR_NOMEM;
  }
  fputs(text ? text : "", out);
  raptor_free_memory(text);
  return ILDKG_OK;
}

static ildkg_status
write_delimited(const query_answer *a, int tsv, FILE *out)
{
  const char *sep = tsv ? "\t" : ",", *eol = tsv ? "\n" : "\r\n";
  if (a->kind == ANSWER_BOOLEAN) {
    /* The SPARQL CSV and TSV formats define no boolean answer: write it as a word. */
    fprintf(out, "%s\n", a->boolean ? "true" : "false");
    return ILDKG_OK;
  }
  for (size_t c = 0; c < a->nvariables; ++c) {
    fprintf(out, "%s%s%s", c ? sep : "", tsv ? "?" : "", a->variables[c]);
  }
  fputs(eol, out);
  ildkg_status st = ILDKG_OK;
  for (size_t r = 0; st == ILDKG_OK && r < a->nrows; ++r) {
    for (size_t c = 0; st == ILDKG_OK && c < a->nvariables; ++c) {
      fputs(c ? sep : "", out);
      if (tsv) {
        st = put_tsv_field(query_answer_cell(a, r, c), out);
      } else {
        put_csv_field(query_answer_cell(a, r, c), out);
      }
    }
    fputs(eol, out);
  }
  return st;
}

/* ---- SPARQL 1.1 JSON ----------------------------------------------------------------- */

static json_t *
json_term(const raptor_term *t)
{
  json_t *o = json_object();
  if (!o) {
    return NULL;
  }
  int rc = 0;
  switch (t->type) {
  case RAPTOR_TERM_TYPE_URI:
    rc |= json_object_set_new(o, "type", json_string("uri"));
    rc |= json_object_set_new(o, "value",
                              json_string((const char *)raptor_uri_as_string(t->value.uri)));
    break;
  case RAPTOR_TERM_TYPE_BLANK:
    rc |= json_object_set_new(o, "type", json_string("bnode"));
    rc |= json_object_set_new(o, "value", json_string((const char *)t->value.blank.string));
    break;
  case RAPTOR_TERM_TYPE_LITERAL:
    rc |= json_object_set_new(o, "type", json_string("literal"));
    rc |= json_object_set_new(o, "value", json_stringn((const char *)t->value.literal.string,
                                                       t->value.literal.string_len));
    if (t->value.literal.language) {
      rc |= json_object_set_new(o, "xml:lang",
                                json_string((const char *)t->value.literal.language));
    } else if (t->value.literal.datatype) {
      rc |= json_object_set_new(
        o, "datatype", json_string((const char *)raptor_uri_as_string(t->value.literal.datatype)));
    }
    break;
  default: rc = -1; break;
  }
  if (rc) {
    json_decref(o);
    return NULL;
  }
  return o;
}

/* One binding a line: the document stays readable and diffs by row. */
static ildkg_status
write_json_rows(const query_answer *a, FILE *out)
{
  for (size_t r = 0; r < a->nrows; ++r) {
    json_t *row = json_object();
    int rc = row ? 0 : -1;
    for (size_t c = 0; !rc && c < a->nvariables; ++c) {
      raptor_term *t = query_answer_cell(a, r, c);
      if (t) { /* an unbound variable is left out of its binding */
        json_t *value = json_term(t);
        rc = value ? json_object_set_new(row, a->variables[c], value) : -1;
      }
    }
    fputs(r ? ",\n    " : "\n    ", out);
    rc = rc ? rc : json_dumpf(row, out, JSON_COMPACT | JSON_PRESERVE_ORDER);
    json_decref(row);
    if (rc) {
      return ILDKG_ERR_NOMEM;
    }
  }
  return ILDKG_OK;
}

static ildkg_status
write_json(const query_answer *a, FILE *out)
{
  if (a->kind == ANSWER_BOOLEAN) {
    fprintf(out, "{\n  \"head\": {},\n  \"boolean\": %s\n}\n", a->boolean ? "true" : "false");
    return ILDKG_OK;
  }
  fputs("{\n  \"head\": {\"vars\": [", out);
  for (size_t c = 0; c < a->nvariables; ++c) {
    /* variable names are letters, digits and _ (SPARQL VARNAME): nothing to escape */
    fprintf(out, "%s\"%s\"", c ? ", " : "", a->variables[c]);
  }
  fputs("]},\n  \"results\": {\"bindings\": [", out);
  const ildkg_status st = write_json_rows(a, out);
  fputs(a->nrows ? "\n  ]}\n}\n" : "]}\n}\n", out);
  return st;
}

/* ---- SPARQL XML ---------------------------------------------------------------------- */

/* The code point at s (UTF-8, already valid), its length in *len. */
static unsigned long
code_point(const unsigned char *s, size_t *len)
{
  if (s[0] < 0x80) {
    *len = 1;
    return s[0];
  }
  *len = s[0] >= 0xF0 ? 4 : s[0] >= 0xE0 ? 3 : 2;
  unsigned long c = s[0] & (0x3F >> (*len - 1));
  for (size_t i = 1; i < *len; ++i) {
    c = (c << 6) | (s[i] & 0x3F);
  }
  return c;
}

static int
xml_can_hold(unsigned long c)
{
  return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
         (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

static ildkg_status
put_xml_text(const unsigned char *s, size_t n, FILE *out, char *why)
{
  for (size_t i = 0; i < n;) {
    size_t len = 1;
    const unsigned long c = code_point(s + i, &len);
    if (!xml_can_hold(c)) {
      snprintf(why, RESULTS_WHY_SIZE,
               "not supported: U+%04lX in an answer (XML 1.0 cannot hold it: use -f json)", c);
      return ILDKG_ERR_UNSUPPORTED;
    }
    switch (c) {
    case '&': fputs("&amp;", out); break;
    case '<': fputs("&lt;", out); break;
    case '>': fputs("&gt;", out); break;
    case '"': fputs("&quot;", out); break;
    case '\r': fputs("&#13;", out); break; /* XML parsers turn a raw CR into LF */
    default: fwrite(s + i, 1, len, out); break;
    }
    i += len;
  }
  return ILDKG_OK;
}

static ildkg_status
put_xml_string(const char *s, FILE *out, char *why)
{
  return put_xml_text((const unsigned char *)s, strlen(s), out, why);
}

static ildkg_status
put_xml_term(const raptor_term *t, FILE *out, char *why)
{
  ildkg_status st = ILDKG_OK;
  if (t->type == RAPTOR_TERM_TYPE_URI) {
    fputs("<uri>", out);
    st = put_xml_string((const char *)raptor_uri_as_string(t->value.uri), out, why);
    fputs("</uri>", out);
  } else if (t->type == RAPTOR_TERM_TYPE_BLANK) {
    fputs("<bnode>", out);
    st = put_xml_string((const char *)t->value.blank.string, out, why);
    fputs("</bnode>", out);
  } else {
    fputs("<literal", out);
    if (t->value.literal.language) {
      fputs(" xml:lang=\"", out);
      st = put_xml_string((const char *)t->value.literal.language, out, why);
      fputc('"', out);
    } else if (t->value.literal.datatype) {
      fputs(" datatype=\"", out);
      st = put_xml_string((const char *)raptor_uri_as_string(t->value.literal.datatype), out, why);
      fputc('"', out);
    }
    fputc('>', out);
    st = st == ILDKG_OK ? put_xml_text(t->value.literal.string, t->value.literal.string_len, out,
                                       why)
                        : st;
    fputs("</literal>", out);
  }
  return st;
}

static ildkg_status
write_xml(const query_answer *a, FILE *out, char *why)
{
  fputs("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        "<sparql xmlns=\"http://www.w3.org/2005/sparql-results#\">\n  <head>\n",
        out);
  for (size_t c = 0; c < a->nvariables; ++c) {
    fprintf(out, "    <variable name=\"%s\"/>\n", a->variables[c]);
  }
  fputs("  </head>\n", out);
  if (a->kind == ANSWER_BOOLEAN) {
    fprintf(out, "  <boolean>%s</boolean>\n</sparql>\n", a->boolean ? "true" : "false");
    return ILDKG_OK;
  }
  fputs("  <results>\n", out);
  ildkg_status st = ILDKG_OK;
  for (size_t r = 0; st == ILDKG_OK && r < a->nrows; ++r) {
    fputs("    <result>\n", out);
    for (size_t c = 0; st == ILDKG_OK && c < a->nvariables; ++c) {
      raptor_term *t = query_answer_cell(a, r, c);
      if (t) {
        fprintf(out, "      <binding name=\"%s\">", a->variables[c]);
        st = put_xml_term(t, out, why);
        fputs("</binding>\n", out);
      }
    }
    fputs("    </result>\n", out);
  }
  fputs("  </results>\n</sparql>\n", out);
  return st;
}

/* ---- CONSTRUCT ------------------------------------------------------------------ */

static ildkg_status
write_graph(const query_answer *a, const char *format, const char *base, FILE *out)
{
  const export_format *f = export_format_find(format);
  /* Line formats hold no triples as no bytes; JSON-LD and RDF/XML still need a document. */
  if (!a->ntriples && (!strcmp(format, "ntriples") || !strcmp(format, "turtle"))) {
    return ILDKG_OK;
  }
  const export_options options = {base, NULL, NULL};
  /* no lookups: the raptor writers of a CONSTRUCT answer read the statements alone */
  const export_job job = {a->world, a->triples, a->ntriples, NULL, NULL, &options, NULL, "-"};
  return f->write(f, &job, out);
}

static ildkg_status
write_answer(const query_answer *a, const char *format, const char *base, FILE *out, char *why)
{
  if (a->kind == ANSWER_GRAPH) {
    return write_graph(a, strcmp(format, "table") ? format : "ntriples", base, out);
  }
  if (!strcmp(format, "table")) {
    return write_table(a, base, out);
  }
  if (!strcmp(format, "csv") || !strcmp(format, "tsv")) {
    return write_delimited(a, !strcmp(format, "tsv"), out);
  }
  return !strcmp(format, "json") ? write_json(a, out) : write_xml(a, out, why);
}

ildkg_status
results_write(const query_answer *a, const char *format, const char *base, FILE *out, char *why)
{
  why[0] = '\0';
  const int graph_result = a->kind == ANSWER_GRAPH;
  if (graph_result != in_list(format, GRAPH_FORMATS, NGRAPH_FORMATS) &&
      !(graph_result && !strcmp(format, "table"))) {
    return ILDKG_ERR_USAGE;
  }
  const ildkg_status st = write_answer(a, format, base, out, why);
  return st == ILDKG_OK && (fflush(out) != 0 || ferror(out)) ? ILDKG_ERR_IO : st;
}
