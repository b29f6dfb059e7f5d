/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "feed_claims.h"

#include <stdlib.h>
#include <string.h>

#include "ns.h"

char *
feed_claim_restrictions(const export_job *job, const statement_index *x, const char *s)
{
  size_t first, n;
  char *text = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&text, &len);
  if (!f) {
    return NULL;
  }
  /* "not all patients" is written as frequency all, negated: a restriction, not a negation */
  const char *negated = statement_index_text(x, s, NS_ILDKG "negated");
  const char *how_often = statement_index_text(x, s, NS_ILDKG "frequency");
  if (negated && !strcmp(negated, "true") && how_often && !strcmp(how_often, NS_ILDKG "All")) {
    fputs("ildkg:negated with ildkg:frequency ildkg:All (not all patients)", f);
    fflush(f);
  }
  statement_index_run(x, s, &first, &n);
  for (size_t i = first; i < first + n; ++i) {
    const raptor_statement *st = job->statements[i];
    const char *p = term_iri(st->predicate);
    const char *restricts = p ? statement_index_text(x, p, NS_ILDKG "restrictsClaim") : NULL;
    const char *value = term_literal(st->object);
    if (restricts && !strcmp(restricts, "true") && !(value && !strcmp(value, "false"))) {
      fprintf(f, "%sildkg:%s", len ? ", " : "", p + strlen(NS_ILDKG));
      fflush(f);
    }
  }
  return fclose(f) == 0 ? text : (free(text), NULL);
}

char *
feed_claim_references(const statement_index *x, const char *s, const char *separator)
{
  char *text = NULL;
  size_t len = 0, at = 0;
  FILE *f = open_memstream(&text, &len);
  if (!f) {
    return NULL;
  }
  for (const raptor_term *r; (r = statement_index_next(x, s, NS_CITO "citesAsEvidence", &at));) {
    fprintf(f, "%s%s", len ? separator : "", term_iri(r));
    fflush(f);
  }
  if (!len) {
    const char *review = term_iri(statement_index_object(x, s, NS_PROV "wasDerivedFrom"));
    fputs(review ? review : "", f);
  }
  return fclose(f) == 0 ? text : (free(text), NULL);
}

ildkg_status
feed_lines_add(feed_lines *l, char *line)
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

static int
compare_strings(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

void
feed_lines_write(feed_lines *l, FILE *out)
{
  if (l->count) {
    qsort(l->items, l->count, sizeof *l->items, compare_strings);
  }
  for (size_t i = 0; i < l->count; ++i) {
    if (i == 0 || strcmp(l->items[i], l->items[i - 1])) {
      fprintf(out, "%s\n", l->items[i]);
    }
  }
}

void
feed_lines_clear(feed_lines *l)
{
  for (size_t i = 0; i < l->count; ++i) {
    free(l->items[i]);
  }
  free(l->items);
  *l = (feed_lines){NULL, 0};
}
