/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "sssom_writer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "curie.h"
#include "graph_builder.h"
#include "ns.h"
#include "mapping_table.h"
#include "statement_index.h"

/* The English rdfs:label of @p entity (the first, in statement order), or NULL. */
static const char *
english_label(const statement_index *x, const char *entity)
{
  size_t at = 0;
  for (const raptor_term *t; (t = statement_index_next(x, entity, NS_RDFS "label", &at));) {
    const char *lang = t->type == RAPTOR_TERM_TYPE_LITERAL ? (const char *)t->value.literal.language
                                                           : NULL;
    if (lang && !strcmp(lang, "en")) {
      return term_literal(t);
    }
  }
  return NULL;
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
write_header(const export_job *job, const char *license, const char *version, FILE *out)
{
  size_t n;
  const entity_mapping *m = mapping_table_all(job->mappings, &n);
  fprintf(out, "# curie_map:\n#   kg: \"%s\"\n", job->options->base);
  for (size_t i = 0; i < curie_scheme_count(); ++i) {
    const curie_scheme *scheme = curie_scheme_at(i);
    int used = 0;
    for (size_t r = 0; r < n && !used; ++r) {
      used = curie_scheme_of(m[r].curie) == scheme;
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
          license, job->options->base, version ? version : "");
  fputs("subject_id\tsubject_label\tpredicate_id\tobject_id\tobject_label\t"
        "mapping_justification\tcomment\n",
        out);
}

static ildkg_status
write_row(const export_job *job, const entity_mapping *m, FILE *out)
{
  const statement_index *x = job->index;
  const char *label = english_label(x, m->entity);
  const char *checked_in = statement_index_text(x, m->node, NS_ILDKG "checkedIn");
  char *subject = compact(m->entity, job->options->base, NS_DATA_PREFIX);
  char *predicate = compact(statement_index_text(x, m->node, NS_ILDKG "matchPredicate"), NS_SKOS,
                            "skos");
  char *justification = compact(statement_index_text(x, m->node, NS_ILDKG "mappingJustification"),
                                NS_SEMAPV, "semapv");
  ildkg_status st = ILDKG_OK;
  if (!subject || !predicate || !justification || !curie_scheme_of(m->curie)) {
    st = refuse(job, m->node, "an entity, predicate, external id or justification of no known "
                              "namespace, or none");
  } else if (!cell_ok(label) || !cell_ok(m->label) || !cell_ok(checked_in)) {
    st = refuse(job, m->node, "a label or provenance missing, or holding a tab or line break");
  } else {
    fprintf(out, "%s\t%s\t%s\t%s\t%s\t%s\tchecked in %s\n", subject, label, predicate, m->curie,
            m->label, justification, checked_in);
  }
  free(subject);
  free(predicate);
  free(justification);
  return st;
}

/* One row a mapping of the job's table, in its order (entity, then id). */
ildkg_status
sssom_write(const export_job *job, FILE *out)
{
  size_t n;
  const entity_mapping *m = mapping_table_all(job->mappings, &n);
  ildkg_status st = ILDKG_OK;
  for (size_t r = 0; st == ILDKG_OK && r < n; ++r) {
    if (!m[r].entity || !m[r].curie) {
      st = refuse(job, m[r].node, "no ildkg:mappedEntity or ildkg:externalId");
    }
  }
  /* The dataset node carries both: the release's version, the licence from the ontology. */
  char *dataset = graph_builder_dataset_iri(job->options->base);
  const char *license = dataset ? statement_index_text(job->index, dataset, NS_DCTERMS "license") : NULL;
  const char *version = dataset ? statement_index_text(job->index, dataset, NS_PAV "version") : NULL;
  free(dataset);
  if (st == ILDKG_OK && (!license || !version)) {
    st = ildkg_diag_error(job->diag, (ildkg_loc){job->path, 0, NULL},
                          "SSSOM needs a licence and a version: the ontology has no "
                          "dcterms:license, or the graph no dataset node");
  }
  if (st == ILDKG_OK) {
    write_header(job, license, version, out);
  }
  for (size_t r = 0; st == ILDKG_OK && r < n; ++r) {
    st = write_row(job, &m[r], out);
  }
  return st;
}
