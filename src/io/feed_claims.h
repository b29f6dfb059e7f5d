/* SPDX-License-Identifier: MIT */
/**
 * @file feed_claims.h  What the feed writers (HPO annotations, KGX) share: what a claim's
 * statement node says in the graph, and rows written sorted, each once.
 */
#ifndef ILDKG_FEED_CLAIMS_H
#define ILDKG_FEED_CLAIMS_H

#include <stdio.h>

#include "export.h"
#include "statement_index.h"
#include "status.h"

/**
 * The qualifiers of statement @p s that restrict its claim (ildkg:restrictsClaim true in
 * the ontology; a boolean one only when true; and "not all patients", frequency all
 * negated), as "ildkg:a, ildkg:b": new (caller frees), "" when none, NULL when out of
 * memory.
 */
char *feed_claim_restrictions(const export_job *job, const statement_index *x, const char *s);

/**
 * The IRIs of the references the review cites for @p s, joined by @p separator, else the
 * review's IRI (prov:wasDerivedFrom): new (caller frees), NULL when out of memory.
 */
char *feed_claim_references(const statement_index *x, const char *s, const char *separator);

/** Owned lines, written sorted and each once. */
typedef struct {
  char **items;
  size_t count;
} feed_lines;

/** Take @p line (owned; NULL means out of memory). ILDKG_ERR_NOMEM. */
ildkg_status feed_lines_add(feed_lines *l, char *line);
/** Sort, then write each distinct line once, with a line break. */
void feed_lines_write(feed_lines *l, FILE *out);
void feed_lines_clear(feed_lines *l);

#endif
