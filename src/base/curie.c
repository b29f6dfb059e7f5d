/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "curie.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const curie_scheme SCHEMES[] = {
  {"HP", 7, "http://purl.obolibrary.org/obo/HP_"},
  {"MONDO", 7, "http://purl.obolibrary.org/obo/MONDO_"},
  {"MAXO", 7, "http://purl.obolibrary.org/obo/MAXO_"},
  {"CHEBI", 0, "http://purl.obolibrary.org/obo/CHEBI_"},
  /* disease ids for HPO annotation files (their database_id takes ORPHA:, OMIM:, DECIPHER:) */
  {"ORPHA", 0, "http://www.orpha.net/ORDO/Orphanet_"},
  {"OMIM", 6, "https://omim.org/entry/"},
};
enum { NSCHEMES = sizeof SCHEMES / sizeof *SCHEMES };

static int
all_digits(const char *s)
{
  if (!*s || (*s == '0' && s[1])) {
    return 0;
  }
  for (; *s; ++s) {
    if (*s < '0' || *s > '9') {
      return 0;
    }
  }
  return 1;
}

const curie_scheme *
curie_scheme_of(const char *curie)
{
  const char *colon = strchr(curie, ':');
  if (!colon) {
    return NULL;
  }
  const size_t n = (size_t)(colon - curie);
  const char *local = colon + 1;
  for (size_t i = 0; i < NSCHEMES; ++i) {
    const curie_scheme *s = &SCHEMES[i];
    const int digits_ok = s->digits ? strlen(local) == s->digits && strspn(local, "0123456789") == s->digits
                                    : all_digits(local) && strlen(local) <= 9;
    if (strlen(s->prefix) == n && !strncmp(curie, s->prefix, n) && digits_ok) {
      return s;
    }
  }
  return NULL;
}

size_t
curie_scheme_count(void)
{
  return NSCHEMES;
}

const curie_scheme *
curie_scheme_at(size_t i)
{
  return i < NSCHEMES ? &SCHEMES[i] : NULL;
}

char *
curie_to_iri(const char *curie)
{
  const curie_scheme *s = curie_scheme_of(curie);
  char *iri = NULL;
  if (!s || asprintf(&iri, "%s%s", s->iri_base, strchr(curie, ':') + 1) < 0) {
    return NULL;
  }
  return iri;
}
