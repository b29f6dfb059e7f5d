/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "hpoa_writer.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ns.h"
#include "statement_index.h"

/* One ildkg:Mapping node; strings borrowed from the job's statements. */
typedef struct {
  const char *entity;
  const char *curie;
  const char *label;
  int exact;
} mapping;

/* A growing array of owned strings. */
typedef struct {
  char **items;
  size_t count;
} lines;

typedef struct {
  const export_job *job;
  statement_index *index;
  mapping *mappings; /* sorted by entity */
  size_t nmappings;
  const char *date;        /* the ontology's dcterms:modified */
  const char *hpo_version; /* the ontology's ildkg:hpoVersion */
  lines rows, left_out;
} hpoa;

static int
iri_is(const raptor_term *t, const char *iri)
{
  const char *s = term_iri(t);
  return s && !strcmp(s, iri);
}

static ildkg_status
lines_add(lines *l, char *line)
{
  char **grown = line ? realloc(l->items, (l->count + 1) * sizeof *grown) : NULL;
  if (!grown) {
    free(line);
    return ILDKG_ERR_NOMEM;
  }
  l->items = grown;
  l->items[l->count++] = line;
  return ILDKG_OK;
}

static void
lines_clear(lines *l)
{
  for (size_t i = 0; i < l->count; ++i) {
    free(l->items[i]);
  }
  free(l->items);
}

static int
compare_strings(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
compare_mappings(const void *a, const void *b)
{
  return strcmp(((const mapping *)a)->entity, ((const mapping *)b)->entity);
}

/* Every ildkg:Mapping node with an entity and an id, sorted by entity. */
static ildkg_status
collect_mappings(hpoa *h)
{
  const export_job *job = h->job;
  for (size_t i = 0; i < job->count; ++i) {
    const raptor_statement *s = job->statements[i];
    if (!iri_is(s->predicate, NS_RDF "type") || !iri_is(s->object, NS_ILDKG "Mapping")) {
      continue;
    }
    const char *node = term_iri(s->subject);
    const mapping m = {
      term_iri(statement_index_object(h->index, node, NS_ILDKG "mappedEntity")),
      term_literal(statement_index_object(h->index, node, NS_ILDKG "externalId")),
      term_literal(statement_index_object(h->index, node, NS_ILDKG "externalLabel")),
      iri_is(statement_index_object(h->index, node, NS_ILDKG "matchPredicate"),
             NS_SKOS "exactMatch")};
    if (!m.entity || !m.curie || !m.label) {
      continue;
    }
    mapping *grown = realloc(h->mappings, (h->nmappings + 1) * sizeof *grown);
    if (!grown) {
      return ILDKG_ERR_NOMEM;
    }
    h->mappings = grown;
    h->mappings[h->nmappings++] = m;
  }
  if (h->nmappings) {
    qsort(h->mappings, h->nmappings, sizeof *h->mappings, compare_mappings);
  }
  return ILDKG_OK;
}

/* The mappings of @p entity: *n of them from the returned one (NULL when none). */
static const mapping *
mappings_of(const hpoa *h, const char *entity, size_t *n)
{
  const mapping key = {entity, NULL, NULL, 0};
  const mapping *hit = entity && h->nmappings ? bsearch(&key, h->mappings, h->nmappings,
                                                        sizeof key, compare_mappings)
                                              : NULL;
  *n = 0;
  if (!hit) {
    return NULL;
  }
  while (hit > h->mappings && !strcmp(hit[-1].entity, entity)) {
    --hit;
  }
  while (hit + *n < h->mappings + h->nmappings && !strcmp(hit[*n].entity, entity)) {
    ++*n;
  }
  return hit;
}

static int
has_prefix(const char *curie, const char *prefix)
{
  const size_t n = strlen(prefix);
  return !strncmp(curie, prefix, n) && curie[n] == ':';
}

/* The ontology's annotation @p predicate of @p subject, as text (IRI or literal). */
static const char *
annotation(const hpoa *h, const char *subject, const char *predicate)
{
  const raptor_term *t = statement_index_object(h->index, subject, predicate);
  return term_iri(t) ? term_iri(t) : term_literal(t);
}

/* The qualifiers that restrict statement @p s, as "ildkg:a, ildkg:b", new; "" when none. */
static char *
restrictions(const hpoa *h, const char *s)
{
  size_t first, n;
  char *text = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&text, &len);
  if (!f) {
    return NULL;
  }
  statement_index_run(h->index, s, &first, &n);
  for (size_t i = first; i < first + n; ++i) {
    const raptor_statement *st = h->job->statements[i];
    const char *p = term_iri(st->predicate);
    const char *restricts = p ? annotation(h, p, NS_ILDKG "restrictsClaim") : NULL;
    const char *value = term_literal(st->object);
    if (restricts && !strcmp(restricts, "true") && !(value && !strcmp(value, "false"))) {
      fprintf(f, "%sildkg:%s", len ? ", " : "", p + strlen(NS_ILDKG));
      fflush(f);
    }
  }
  return fclose(f) == 0 ? text : (free(text), NULL);
}

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
  const char *term = word ? annotation(h, word, NS_ILDKG "hpoFrequency") : NULL;
  return strdup(term ? term : "");
}

/* The references the review cites for @p s, ';'-separated; else the review itself. */
static char *
references(const hpoa *h, const char *s)
{
  char *text = NULL;
  size_t len = 0, at = 0;
  FILE *f = open_memstream(&text, &len);
  if (!f) {
    return NULL;
  }
  for (const raptor_term *r; (r = statement_index_next(h->index, s, NS_CITO "citesAsEvidence", &at));) {
    fprintf(f, "%s%s", len ? ";" : "", term_iri(r));
    fflush(f);
  }
  if (!len) {
    const char *review = term_iri(statement_index_object(h->index, s, NS_PROV "wasDerivedFrom"));
    fputs(review ? review : "", f);
  }
  return fclose(f) == 0 ? text : (free(text), NULL);
}

/* The HP ids of @p entity: the exact ones, else the close ones. */
static size_t
phenotypes(const hpoa *h, const char *entity, const mapping **out, size_t max)
{
  size_t n, found = 0;
  const mapping *m = mappings_of(h, entity, &n);
  for (int exact = 1; exact >= 0 && !found; --exact) {
    for (size_t i = 0; i < n && found < max; ++i) {
      if (has_prefix(m[i].curie, "HP") && m[i].exact == exact) {
        out[found++] = &m[i];
      }
    }
  }
  return found;
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
  enum { MAX_IDS = 16 };
  const char *subject = term_iri(statement_index_object(h->index, s, NS_ILDKG "subject"));
  const char *object = term_iri(statement_index_object(h->index, s, NS_ILDKG "object"));
  const mapping *hp[MAX_IDS];
  const size_t nhp = phenotypes(h, object, hp, MAX_IDS);
  size_t ndisease = 0;
  const mapping *disease = mappings_of(h, subject, &ndisease);
  int any_disease = 0;
  for (size_t d = 0; d < ndisease; ++d) {
    any_disease |= disease[d].exact && (has_prefix(disease[d].curie, "ORPHA") ||
                                        has_prefix(disease[d].curie, "OMIM"));
  }
  if (!nhp || !any_disease) {
    return ILDKG_OK; /* no disease id phenotype tools read, or no phenotype id */
  }
  char *restricted = restrictions(h, s), *freq = NULL, *refs = NULL;
  ildkg_status st = restricted ? ILDKG_OK : ILDKG_ERR_NOMEM;
  if (st == ILDKG_OK && *restricted) {
    char *line = NULL;
    st = lines_add(&h->left_out, asprintf(&line, "#left-out: %s restricted by %s", s, restricted) < 0
                                   ? NULL : line);
    free(restricted);
    return st;
  }
  const char *negated = term_literal(statement_index_object(h->index, s, NS_ILDKG "negated"));
  const char *qualifier = negated && !strcmp(negated, "true") ? "NOT" : "";
  if (st == ILDKG_OK && (!(freq = frequency(h, s)) || !(refs = references(h, s)))) {
    st = ILDKG_ERR_NOMEM;
  }
  for (size_t d = 0; st == ILDKG_OK && d < ndisease; ++d) {
    if (!disease[d].exact || !(has_prefix(disease[d].curie, "ORPHA") || has_prefix(disease[d].curie, "OMIM"))) {
      continue;
    }
    for (size_t p = 0; st == ILDKG_OK && p < nhp; ++p) {
      char *line = NULL;
      if (!cell_ok(disease[d].label)) {
        st = ildkg_diag_error(h->job->diag, (ildkg_loc){h->job->path, 0, NULL},
                              "HPO annotations cannot carry the name of %s: a tab or line break",
                              disease[d].curie);
        break;
      }
      st = lines_add(&h->rows, asprintf(&line, "%s\t%s\t%s\t%s\t%s\tTAS\t\t%s\t\t\t%s\tildkg[%s]",
                                        disease[d].curie, disease[d].label, qualifier, hp[p]->curie,
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
    if (!iri_is(s->predicate, NS_RDF "type") || !iri_is(s->object, NS_ILDKG "Statement")) {
      continue;
    }
    const char *node = term_iri(s->subject);
    const char *predicate = term_iri(statement_index_object(h->index, node, NS_ILDKG "predicate"));
    const char *aspect = predicate ? annotation(h, predicate, NS_ILDKG "hpoaAspect") : NULL;
    if (aspect) {
      st = add_claim(h, node, aspect);
    }
  }
  return st;
}

static void
write_lines(lines *l, FILE *out)
{
  if (l->count) {
    qsort(l->items, l->count, sizeof *l->items, compare_strings);
  }
  for (size_t i = 0; i < l->count; ++i) {
    if (i == 0 || strcmp(l->items[i], l->items[i - 1])) { /* each row once */
      fprintf(out, "%s\n", l->items[i]);
    }
  }
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
  write_lines(&h->left_out, out);
  fputs("database_id\tdisease_name\tqualifier\thpo_id\treference\tevidence\tonset\tfrequency\t"
        "sex\tmodifier\taspect\tbiocuration\n",
        out);
  write_lines(&h->rows, out);
}

ildkg_status
hpoa_write(const export_job *job, FILE *out)
{
  hpoa h = {.job = job};
  ildkg_status st = statement_index_new(job->statements, job->count, &h.index);
  if (st == ILDKG_OK) {
    h.date = annotation(&h, ILDKG_ONTOLOGY_IRI, NS_DCTERMS "modified");
    h.hpo_version = annotation(&h, ILDKG_ONTOLOGY_IRI, NS_ILDKG "hpoVersion");
    if (!h.date || !h.hpo_version) {
      st = ildkg_diag_error(job->diag, (ildkg_loc){job->path, 0, NULL},
                            "HPO annotations need a date and an HPO version: the ontology has "
                            "no dcterms:modified or no ildkg:hpoVersion");
    }
  }
  if (st == ILDKG_OK) {
    st = collect_mappings(&h);
  }
  if (st == ILDKG_OK) {
    st = collect_rows(&h);
  }
  if (st == ILDKG_OK) {
    write_file(&h, out);
  }
  lines_clear(&h.rows);
  lines_clear(&h.left_out);
  free(h.mappings);
  statement_index_free(h.index);
  errno = 0;
  if (st == ILDKG_OK && (fflush(out) != 0 || ferror(out))) {
    st = ILDKG_ERR_IO;
  }
  return st;
}
