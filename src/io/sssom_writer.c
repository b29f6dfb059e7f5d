/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "sssom_writer.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "curie.h"
#include "ns.h"
#include "statement_index.h"
#include "strmap.h"

/* One ildkg:Mapping node; every string is borrowed from the job's statements. */
typedef struct {
  const char *node;
  const char *entity;
  const char *predicate;
  const char *object_id;
  const char *object_label;
  const char *justification;
  const char *checked_in;
} mapping_row;

typedef struct {
  mapping_row *rows;
  size_t count;
  strmap *by_node;    /* mapping node IRI -> row */
  strmap *labels;     /* entity IRI -> index of its English rdfs:label statement */
  const char *license;
  const char *version;
} mapping_set;

/* First pass: a row for each node typed ildkg:Mapping, and the ontology's licence and version. */
static ildkg_status
find_nodes(const export_job *job, mapping_set *set)
{
  for (size_t i = 0; i < job->count; ++i) {
    const raptor_statement *s = job->statements[i];
    if (term_is_iri(s->subject, ILDKG_ONTOLOGY_IRI) && term_is_iri(s->predicate, NS_DCTERMS "license")) {
      set->license = term_iri(s->object);
    } else if (term_is_iri(s->subject, ILDKG_ONTOLOGY_IRI) && term_is_iri(s->predicate, NS_OWL "versionInfo")) {
      set->version = term_literal(s->object);
    }
    if (!term_is_iri(s->predicate, NS_RDF "type") || !term_is_iri(s->object, NS_ILDKG "Mapping")) {
      continue;
    }
    mapping_row *grown = realloc(set->rows, (set->count + 1) * sizeof *grown);
    if (!grown) {
      return ILDKG_ERR_NOMEM;
    }
    set->rows = grown;
    set->rows[set->count] = (mapping_row){.node = term_iri(s->subject)};
    if (strmap_put(set->by_node, set->rows[set->count].node, set->count) == ILDKG_ERR_NOMEM) {
      return ILDKG_ERR_NOMEM;
    }
    ++set->count;
  }
  return ILDKG_OK;
}

/* Second pass: what each node says, and the entities' English labels. */
static ildkg_status
fill_rows(const export_job *job, mapping_set *set)
{
  static const struct {
    const char *predicate;
    size_t offset;
    int literal;
  } FIELDS[] = {
    {NS_ILDKG "mappedEntity", offsetof(mapping_row, entity), 0},
    {NS_ILDKG "matchPredicate", offsetof(mapping_row, predicate), 0},
    {NS_ILDKG "externalId", offsetof(mapping_row, object_id), 1},
    {NS_ILDKG "externalLabel", offsetof(mapping_row, object_label), 1},
    {NS_ILDKG "mappingJustification", offsetof(mapping_row, justification), 0},
    {NS_ILDKG "checkedIn", offsetof(mapping_row, checked_in), 1},
  };
  for (size_t i = 0; i < job->count; ++i) {
    const raptor_statement *s = job->statements[i];
    size_t row;
    const char *subject = term_iri(s->subject);
    if (subject && term_is_iri(s->predicate, NS_RDFS "label") && s->object->type == RAPTOR_TERM_TYPE_LITERAL &&
        s->object->value.literal.language && !strcmp((const char *)s->object->value.literal.language, "en") &&
        strmap_put(set->labels, subject, i) == ILDKG_ERR_NOMEM) {
      return ILDKG_ERR_NOMEM;
    }
    if (!subject || !strmap_get(set->by_node, subject, &row)) {
      continue;
    }
    for (size_t f = 0; f < sizeof FIELDS / sizeof *FIELDS; ++f) {
      if (term_is_iri(s->predicate, FIELDS[f].predicate)) {
        *(const char **)((char *)&set->rows[row] + FIELDS[f].offset) =
          FIELDS[f].literal ? term_literal(s->object) : term_iri(s->object);
      }
    }
  }
  return ILDKG_OK;
}

static int
compare_rows(const void *a, const void *b)
{
  const mapping_row *x = a, *y = b;
  const int by_entity = strcmp(x->entity, y->entity);
  return by_entity ? by_entity : strcmp(x->object_id, y->object_id);
}

/* @p iri without @p ns, after @p prefix: "kg:COP". NULL when it is not in @p ns. */
static char *
compact(const char *iri, const char *ns, const char *prefix)
{
  const size_t n = strlen(ns);
  char *curie = NULL;
  if (!iri || strncmp(iri, ns, n) != 0 || asprintf(&curie, "%s:%s", prefix, iri + n) < 0) {
    return NULL;
  }
  return curie;
}

/* A cell of the TSV: NULL (missing), a tab or a line break cannot be written. */
static int
cell_ok(const char *value)
{
  return value && !strpbrk(value, "\t\r\n");
}

static ildkg_status
refuse(const export_job *job, const char *node, const char *what)
{
  return ildkg_diag_error(job->diag, (ildkg_loc){job->path, 0, NULL},
                          "SSSOM cannot carry the mapping <%s>: %s", node, what);
}

static void
write_header(const mapping_set *set, const char *base, FILE *out)
{
  fprintf(out, "# curie_map:\n#   kg: \"%s\"\n", base);
  for (size_t i = 0; i < curie_scheme_count(); ++i) {
    const curie_scheme *scheme = curie_scheme_at(i);
    int used = 0;
    for (size_t r = 0; r < set->count && !used; ++r) {
      used = curie_scheme_of(set->rows[r].object_id) == scheme;
    }
    if (used) {
      fprintf(out, "#   %s: \"%s\"\n", scheme->prefix, scheme->iri_base);
    }
  }
  fprintf(out,
          "#   semapv: \"" NS_SEMAPV "\"\n"
          "#   skos: \"" NS_SKOS "\"\n"
          "# license: \"%s\"\n"
          "# mapping_set_id: \"%smappings.sssom.tsv\"\n"
          "# mapping_set_version: \"%s\"\n"
          "# mapping_set_description: \"The entity mappings of the COP vs CTD-ILD knowledge "
          "graph (ildkg), each id checked against its ontology's own file; the comment says "
          "where.\"\n",
          set->license, base, set->version ? set->version : "");
  fputs("subject_id\tsubject_label\tpredicate_id\tobject_id\tobject_label\t"
        "mapping_justification\tcomment\n",
        out);
}

static ildkg_status
write_row(const export_job *job, const mapping_set *set, const mapping_row *r, FILE *out)
{
  size_t label_at;
  const char *label = r->entity && strmap_get(set->labels, r->entity, &label_at)
                        ? term_literal(job->statements[label_at]->object)
                        : NULL;
  char *subject = compact(r->entity, job->options->base, NS_DATA_PREFIX);
  char *predicate = compact(r->predicate, NS_SKOS, "skos");
  char *justification = compact(r->justification, NS_SEMAPV, "semapv");
  ildkg_status st = ILDKG_OK;
  if (!subject || !predicate || !justification || !curie_scheme_of(r->object_id ? r->object_id : "")) {
    st = refuse(job, r->node, "an entity, predicate, external id or justification of no known "
                              "namespace, or none");
  } else if (!cell_ok(label) || !cell_ok(r->object_label) || !cell_ok(r->checked_in)) {
    st = refuse(job, r->node, "a label or provenance missing, or holding a tab or line break");
  } else {
    fprintf(out, "%s\t%s\t%s\t%s\t%s\t%s\tchecked in %s\n", subject, label, predicate,
            r->object_id, r->object_label, justification, r->checked_in);
  }
  free(subject);
  free(predicate);
  free(justification);
  return st;
}

ildkg_status
sssom_write(const export_job *job, FILE *out)
{
  mapping_set set = {NULL, 0, strmap_new(), strmap_new(), NULL, NULL};
  ildkg_status st = set.by_node && set.labels ? find_nodes(job, &set) : ILDKG_ERR_NOMEM;
  if (st == ILDKG_OK) {
    st = fill_rows(job, &set);
  }
  for (size_t r = 0; st == ILDKG_OK && r < set.count; ++r) {
    if (!set.rows[r].entity || !set.rows[r].object_id) {
      st = refuse(job, set.rows[r].node, "no ildkg:mappedEntity or ildkg:externalId");
    }
  }
  if (st == ILDKG_OK && !set.license) {
    st = ildkg_diag_error(job->diag, (ildkg_loc){job->path, 0, NULL},
                          "SSSOM needs a licence: the ontology has no dcterms:license");
  }
  if (st == ILDKG_OK && set.count) {
    qsort(set.rows, set.count, sizeof *set.rows, compare_rows);
  }
  if (st == ILDKG_OK) {
    write_header(&set, job->options->base, out);
  }
  for (size_t r = 0; st == ILDKG_OK && r < set.count; ++r) {
    st = write_row(job, &set, &set.rows[r], out);
  }
  free(set.rows);
  strmap_free(set.by_node);
  strmap_free(set.labels);
  return st;
}
