/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "kgx_writer.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "feed_claims.h"
#include "mapping_table.h"
#include "ns.h"
#include "statement_index.h"

static const char *const NODE_COLUMNS[] = {"id", "category", "name", "synonym", "xref",
                                           "provided_by"};
static const char *const EDGE_COLUMNS[] = {
  "id",        "subject",           "predicate",      "object",          "knowledge_level",
  "agent_type", "primary_knowledge_source", "publications", "negated", "has_percentage",
  "frequency_qualifier", "supporting_text"};
enum {
  NNODE_COLUMNS = sizeof NODE_COLUMNS / sizeof *NODE_COLUMNS,
  NEDGE_COLUMNS = sizeof EDGE_COLUMNS / sizeof *EDGE_COLUMNS
};

/* The schemes a node id is taken from, in this order; exact matches only. */
static const char *const ID_SCHEMES[] = {"MONDO", "HP", "MAXO", "CHEBI", "ORPHA", "OMIM"};

typedef struct {
  const export_job *job;
  const statement_index *index;  /* the job's */
  const mapping_table *mappings; /* the job's */
  json_t *nodes; /* array of node objects */
  json_t *edges; /* array of edge objects */
} kgx;

/* The KGX id of @p entity: the CURIE of its first exact mapping by ID_SCHEMES, else its IRI. */
static const char *
node_id(const kgx *k, const char *entity)
{
  size_t n;
  const entity_mapping *m = mapping_table_of(k->mappings, entity, &n);
  for (size_t s = 0; s < sizeof ID_SCHEMES / sizeof *ID_SCHEMES; ++s) {
    for (size_t i = 0; i < n; ++i) {
      if (m[i].exact && mapping_has_prefix(m[i].curie, ID_SCHEMES[s])) {
        return m[i].curie;
      }
    }
  }
  return entity;
}

/* The categories of @p entity's classes; biolink:NamedThing only when there is no other. */
static json_t *
categories(const kgx *k, const char *entity)
{
  json_t *all = json_array();
  size_t at = 0;
  for (const raptor_term *t; all && (t = statement_index_next(k->index, entity, NS_RDF "type", &at));) {
    const char *category = term_iri(t) ? statement_index_text(k->index, term_iri(t),
                                                              NS_ILDKG "biolinkCategory")
                                       : NULL;
    int seen = 0;
    for (size_t i = 0; category && i < json_array_size(all); ++i) {
      seen |= !strcmp(json_string_value(json_array_get(all, i)), category);
    }
    if (category && !seen && json_array_append_new(all, json_string(category)) != 0) {
      json_decref(all);
      return NULL;
    }
  }
  for (size_t i = 0; all && json_array_size(all) > 1 && i < json_array_size(all); ++i) {
    if (!strcmp(json_string_value(json_array_get(all, i)), "biolink:NamedThing")) {
      json_array_remove(all, i);
      break;
    }
  }
  return all;
}

static json_t *
node_object(const kgx *k, const char *entity)
{
  json_t *synonyms = json_array(), *xrefs = json_array();
  size_t at = 0, n;
  for (const raptor_term *t; synonyms && (t = statement_index_next(k->index, entity, NS_SKOS "altLabel", &at));) {
    json_array_append_new(synonyms, json_string(term_literal(t)));
  }
  const char *id = node_id(k, entity);
  const entity_mapping *m = mapping_table_of(k->mappings, entity, &n);
  for (size_t i = 0; xrefs && i < n; ++i) {
    if (m[i].exact && strcmp(m[i].curie, id)) {
      json_array_append_new(xrefs, json_string(m[i].curie));
    }
  }
  const char *name = statement_index_text(k->index, entity, NS_RDFS "label");
  return json_pack("{s:s, s:o, s:s, s:o, s:o, s:[s]}", "id", id, "category", categories(k, entity),
                   "name", name ? name : "", "synonym", synonyms, "xref", xrefs, "provided_by",
                   k->job->options->base);
}

/* The edge of plain claim @p s with Biolink predicate @p predicate, or NULL (no memory). */
static json_t *
edge_object(const kgx *k, const char *s, const char *predicate, int reversed)
{
  const char *subject = term_iri(statement_index_object(k->index, s, NS_ILDKG "subject"));
  const char *object = term_iri(statement_index_object(k->index, s, NS_ILDKG "object"));
  const char *review = term_iri(statement_index_object(k->index, s, NS_PROV "wasDerivedFrom"));
  const char *negated = statement_index_text(k->index, s, NS_ILDKG "negated");
  const char *share = statement_index_text(k->index, s, NS_ILDKG "sharePercent");
  const char *word = statement_index_text(k->index, s, NS_ILDKG "frequency");
  const char *frequency = word ? statement_index_text(k->index, word, NS_ILDKG "hpoFrequency") : NULL;
  const char *selector = statement_index_text(k->index, s, NS_OA "hasSelector");
  const char *quote = selector ? statement_index_text(k->index, selector, NS_OA "exact") : NULL;
  json_t *publications = json_array();
  size_t at = 0;
  for (const raptor_term *r; publications && (r = statement_index_next(k->index, s, NS_CITO "citesAsEvidence", &at));) {
    json_array_append_new(publications, json_string(term_iri(r)));
  }
  json_t *e = json_pack("{s:s, s:s, s:s, s:s, s:s, s:s, s:s, s:o, s:b, s:[s]}", "id", s, "subject",
                        node_id(k, reversed ? object : subject), "predicate", predicate,
                        "object", node_id(k, reversed ? subject : object), "knowledge_level",
                        "knowledge_assertion", "agent_type", "manual_agent",
                        "primary_knowledge_source", review ? review : "", "publications",
                        publications, "negated", negated && !strcmp(negated, "true"),
                        "supporting_text", quote ? quote : "");
  if (e && share) {
    json_object_set_new(e, "has_percentage", json_real(strtod(share, NULL)));
  }
  if (e && frequency) {
    json_object_set_new(e, "frequency_qualifier", json_string(frequency));
  }
  return e;
}

static ildkg_status
collect(kgx *k)
{
  const export_job *job = k->job;
  for (size_t i = 0; i < job->count; ++i) {
    const raptor_statement *st = job->statements[i];
    if (!term_is_iri(st->predicate, NS_RDF "type")) {
      continue;
    }
    const char *node = term_iri(st->subject);
    json_t *made = NULL;
    if (term_is_iri(st->object, NS_ILDKG "ClinicalEntity")) {
      if (!(made = node_object(k, node)) || json_array_append_new(k->nodes, made) != 0) {
        return ILDKG_ERR_NOMEM;
      }
    } else if (term_is_iri(st->object, NS_ILDKG "Statement")) {
      const char *p = term_iri(statement_index_object(k->index, node, NS_ILDKG "predicate"));
      const char *forward = p ? statement_index_text(k->index, p, NS_ILDKG "biolinkPredicate") : NULL;
      const char *reverse = p ? statement_index_text(k->index, p, NS_ILDKG "biolinkPredicateReversed") : NULL;
      char *restricted = (forward || reverse) ? feed_claim_restrictions(job, k->index, node) : NULL;
      if ((forward || reverse) && !restricted) {
        return ILDKG_ERR_NOMEM;
      }
      if (restricted && !*restricted &&
          (!(made = edge_object(k, node, forward ? forward : reverse, !forward)) ||
           json_array_append_new(k->edges, made) != 0)) {
        free(restricted);
        return ILDKG_ERR_NOMEM;
      }
      free(restricted);
    }
  }
  return ILDKG_OK;
}

/* A TSV cell: a string, a number, a boolean ("True"/"False", as KGX writes them), or a
   list joined by '|'. NULL when a value holds what the cell cannot carry. */
static char *
tsv_cell(const json_t *v)
{
  char *text = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&text, &len);
  int ok = f != NULL;
  if (ok && json_is_array(v)) {
    for (size_t i = 0; i < json_array_size(v); ++i) {
      const char *s = json_string_value(json_array_get(v, i));
      ok &= s && !strpbrk(s, "|\t\r\n");
      fprintf(f, "%s%s", i ? "|" : "", s ? s : "");
    }
  } else if (ok && json_is_string(v)) {
    ok = !strpbrk(json_string_value(v), "\t\r\n");
    fputs(json_string_value(v), f);
  } else if (ok && json_is_boolean(v)) {
    fputs(json_is_true(v) ? "True" : "False", f);
  } else if (ok && json_is_number(v)) {
    fprintf(f, "%g", json_number_value(v));
  }
  if (f && fclose(f) != 0) {
    ok = 0;
  }
  if (!ok) {
    free(text);
    return NULL;
  }
  return text;
}

static ildkg_status
tsv_line(const kgx *k, const json_t *row, const char *const *columns, size_t ncolumns, char **out)
{
  char *text = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&text, &len);
  ildkg_status st = f ? ILDKG_OK : ILDKG_ERR_NOMEM;
  for (size_t c = 0; st == ILDKG_OK && c < ncolumns; ++c) {
    const json_t *v = json_object_get(row, columns[c]);
    char *cell = v ? tsv_cell(v) : strdup("");
    if (!cell) {
      st = ildkg_diag_error(k->job->diag, (ildkg_loc){k->job->path, 0, NULL},
                            "KGX TSV cannot carry the %s of %s: a tab, a line break, or a '|' "
                            "in a list",
                            columns[c], json_string_value(json_object_get(row, "id")));
    } else {
      fprintf(f, "%s%s", c ? "\t" : "", cell);
      free(cell);
    }
  }
  if (f && fclose(f) != 0 && st == ILDKG_OK) {
    st = ILDKG_ERR_NOMEM;
  }
  if (st != ILDKG_OK) {
    free(text);
    text = NULL;
  }
  *out = text;
  return st;
}

static ildkg_status
write_rows(const kgx *k, const json_t *rows, const char *const *columns, size_t ncolumns,
           int tsv, FILE *out)
{
  feed_lines lines = {NULL, 0};
  ildkg_status st = ILDKG_OK;
  for (size_t i = 0; st == ILDKG_OK && i < json_array_size(rows); ++i) {
    char *line = NULL;
    if (tsv) {
      st = tsv_line(k, json_array_get(rows, i), columns, ncolumns, &line);
    } else {
      line = json_dumps(json_array_get(rows, i), JSON_COMPACT | JSON_SORT_KEYS);
      st = line ? ILDKG_OK : ILDKG_ERR_NOMEM;
    }
    if (st == ILDKG_OK) {
      st = feed_lines_add(&lines, line);
    }
  }
  if (st == ILDKG_OK) {
    for (size_t c = 0; tsv && c < ncolumns; ++c) {
      fprintf(out, "%s%s", c ? "\t" : "", columns[c]);
    }
    if (tsv) {
      fputc('\n', out);
    }
    feed_lines_write(&lines, out);
  }
  feed_lines_clear(&lines);
  return st;
}

static ildkg_status
write_metadata(const kgx *k, FILE *out)
{
  json_t *meta = json_pack("{s:s, s:s, s:s, s:I, s:I}", "name", "ildkg COP vs CTD-ILD",
                           "biolink_version", KGX_BIOLINK_VERSION, "provided_by",
                           k->job->options->base, "node_count",
                           (json_int_t)json_array_size(k->nodes), "edge_count",
                           (json_int_t)json_array_size(k->edges));
  const int failed = !meta || json_dumpf(meta, out, JSON_INDENT(2) | JSON_SORT_KEYS) != 0 ||
                     fputc('\n', out) == EOF;
  json_decref(meta);
  return failed ? ILDKG_ERR_IO : ILDKG_OK;
}

ildkg_status
kgx_write(const export_job *job, kgx_part part, FILE *out)
{
  kgx k = {job, job->index, job->mappings, json_array(), json_array()};
  ildkg_status st = k.nodes && k.edges ? ILDKG_OK : ILDKG_ERR_NOMEM;
  if (st == ILDKG_OK) {
    st = collect(&k);
  }
  if (st == ILDKG_OK) {
    switch (part) {
    case KGX_NODES_TSV: st = write_rows(&k, k.nodes, NODE_COLUMNS, NNODE_COLUMNS, 1, out); break;
    case KGX_EDGES_TSV: st = write_rows(&k, k.edges, EDGE_COLUMNS, NEDGE_COLUMNS, 1, out); break;
    case KGX_NODES_JSONL: st = write_rows(&k, k.nodes, NULL, 0, 0, out); break;
    case KGX_EDGES_JSONL: st = write_rows(&k, k.edges, NULL, 0, 0, out); break;
    case KGX_METADATA: st = write_metadata(&k, out); break;
    }
  }
  json_decref(k.nodes);
  json_decref(k.edges);
  return st;
}
