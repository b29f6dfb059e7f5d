/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "hpoa_writer.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "graph_builder.h"
#include "ns.h"
#include "feed_claims.h"
#include "mapping_table.h"
#include "statement_index.h"

typedef entity_mapping mapping;

typedef struct {
  const export_job *job;
  const statement_index *index;   /* the job's */
  const mapping_table *mappings;  /* the job's */
  const char *date;        /* the ontology's dcterms:modified */
  const char *hpo_version; /* the ontology's ildkg:hpoVersion */
  feed_lines rows, left_out;
} hpoa;

/* "90%" from the canonical decimal "90.0"; else the HP term of the frequency word; or "". */
static char *
frequency(const hpoa *h, const char *s)
{
  const char *share = term_literal(statement_index_object(h->index, s, NS_ILDKG "sharePercent"));
  char *text = NULL;
  if (share) {
    const size_t n = strlen(share);
    const int whole = n > 2 && !strcmp(share + n - 2, ".0");
    return asprintf(&text, "%.*s%%", (int)(whole ? n - 2 : n), share) < 0 ? NULL : text;
  }
  const char *word = term_iri(statement_index_object(h->index, s, NS_ILDKG "frequency"));
  const char *term = word ? statement_index_text(h->index, word, NS_ILDKG "hpoFrequency") : NULL;
  return strdup(term ? term : "");
}

/* A disease id phenotype tools read: an exact ORPHA or OMIM one. */
static int
is_disease_id(const mapping *m)
{
  return m->exact && (mapping_has_prefix(m->curie, "ORPHA") || mapping_has_prefix(m->curie, "OMIM"));
}

/* Which of the @p n HP mappings @p m annotate: the exact ones (1) when there are any, else
   the close ones (0); -1 when there is no HP mapping. */
static int
phenotype_match(const mapping *m, size_t n)
{
  int best = -1;
  for (size_t i = 0; i < n; ++i) {
    if (mapping_has_prefix(m[i].curie, "HP") && m[i].exact > best) {
      best = m[i].exact;
    }
  }
  return best;
}

static int
cell_ok(const char *value)
{
  return !strpbrk(value, "\t\r\n");
}

/* The rows of claim @p s: one a disease id and HP id; or its line among those left out. */
static ildkg_status
add_claim(hpoa *h, const char *s, const char *aspect)
{
  const char *subject = term_iri(statement_index_object(h->index, s, NS_ILDKG "subject"));
  const char *object = term_iri(statement_index_object(h->index, s, NS_ILDKG "object"));
  size_t nhp = 0, ndisease = 0;
  const mapping *hp = mapping_table_of(h->mappings, object, &nhp);
  const int exactness = phenotype_match(hp, nhp);
  const mapping *disease = mapping_table_of(h->mappings, subject, &ndisease);
  int any_disease = 0;
  for (size_t d = 0; d < ndisease; ++d) {
    any_disease |= is_disease_id(&disease[d]);
  }
  if (exactness < 0 || !any_disease) {
    return ILDKG_OK; /* no disease id phenotype tools read, or no phenotype id */
  }
  char *restricted = feed_claim_restrictions(h->job, h->index, s), *freq = NULL, *refs = NULL;
  ildkg_status st = restricted ? ILDKG_OK : ILDKG_ERR_NOMEM;
  if (st == ILDKG_OK && *restricted) {
    char *line = NULL;
    st = feed_lines_add(&h->left_out, asprintf(&line, "#left-out: %s restricted by %s", s, restricted) < 0
                                   ? NULL : line);
    free(restricted);
    return st;
  }
  const char *negated = term_literal(statement_index_object(h->index, s, NS_ILDKG "negated"));
  const char *qualifier = negated && !strcmp(negated, "true") ? "NOT" : "";
  if (st == ILDKG_OK && (!(freq = frequency(h, s)) || !(refs = feed_claim_references(h->index, s, ";")))) {
    st = ILDKG_ERR_NOMEM;
  }
  for (size_t d = 0; st == ILDKG_OK && d < ndisease; ++d) {
    if (!is_disease_id(&disease[d])) {
      continue;
    }
    for (size_t p = 0; st == ILDKG_OK && p < nhp; ++p) {
      char *line = NULL;
      if (!mapping_has_prefix(hp[p].curie, "HP") || hp[p].exact != exactness) {
        continue;
      }
      if (!cell_ok(disease[d].label)) {
        st = ildkg_diag_error(h->job->diag, (ildkg_loc){h->job->path, 0, NULL},
                              "HPO annotations cannot carry the name of %s: a tab or line break",
                              disease[d].curie);
        break;
      }
      st = feed_lines_add(&h->rows, asprintf(&line, "%s\t%s\t%s\t%s\t%s\tTAS\t\t%s\t\t\t%s\tildkg[%s]",
                                        disease[d].curie, disease[d].label, qualifier, hp[p].curie,
                                        refs, freq, aspect, h->date) < 0
                                 ? NULL : line);
    }
  }
  free(restricted);
  free(freq);
  free(refs);
  return st;
}

static ildkg_status
collect_rows(hpoa *h)
{
  ildkg_status st = ILDKG_OK;
  for (size_t i = 0; st == ILDKG_OK && i < h->job->count; ++i) {
    const raptor_statement *s = h->job->statements[i];
    if (!term_is_iri(s->predicate, NS_RDF "type") || !term_is_iri(s->object, NS_ILDKG "Statement")) {
      continue;
    }
    const char *node = term_iri(s->subject);
    const char *predicate = term_iri(statement_index_object(h->index, node, NS_ILDKG "predicate"));
    const char *aspect = predicate ? statement_index_text(h->index, predicate, NS_ILDKG "hpoaAspect") : NULL;
    if (aspect) {
      st = add_claim(h, node, aspect);
    }
  }
  return st;
}

static void
write_file(hpoa *h, FILE *out)
{
  fprintf(out,
          "#description: \"HPO annotations of the review comparing COP and CTD-ILD (ildkg): its "
          "claims of a phenotype of a disease with an ORPHA or OMIM id\"\n"
          "#version: %s\n"
          "#tracker: none (ildkg has no public tracker; see its README)\n"
          "#hpo-version: %s\n",
          h->date, h->hpo_version);
  feed_lines_write(&h->left_out, out);
  fputs("database_id\tdisease_name\tqualifier\thpo_id\treference\tevidence\tonset\tfrequency\t"
        "sex\tmodifier\taspect\tbiocuration\n",
        out);
  feed_lines_write(&h->rows, out);
}

ildkg_status
hpoa_write(const export_job *job, FILE *out)
{
  hpoa h = {.job = job, .index = job->index, .mappings = job->mappings};
  /* The dataset node carries them, copied from the ontology's header by the builder. */
  char *dataset = graph_builder_dataset_iri(job->options->base);
  h.date = dataset ? statement_index_text(h.index, dataset, NS_DCTERMS "modified") : NULL;
  h.hpo_version = dataset ? statement_index_text(h.index, dataset, NS_ILDKG "hpoVersion") : NULL;
  free(dataset);
  ildkg_status st = ILDKG_OK;
  if (!h.date || !h.hpo_version) {
    st = ildkg_diag_error(job->diag, (ildkg_loc){job->path, 0, NULL},
                          "HPO annotations need a date and an HPO version: the ontology has "
                          "no dcterms:modified or no ildkg:hpoVersion");
  }
  if (st == ILDKG_OK) {
    st = collect_rows(&h);
  }
  if (st == ILDKG_OK) {
    write_file(&h, out);
  }
  feed_lines_clear(&h.rows);
  feed_lines_clear(&h.left_out);
  return st;
}
