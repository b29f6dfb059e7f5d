/* SPDX-License-Identifier: MIT */
/**
 * @file validator.h  Reads facts/ and checks every line against the ontology and the other facts.
 *
 * Files, in this order (later ones refer to earlier ones): review.tsv,
 * sections.tsv, entities.tsv, mappings.tsv, then statements/ *.tsv in name order.
 * Every problem is reported to the diag sink as `FILE:LINE: field NAME: ...`;
 * only rows without problems reach the facts store.
 */
#ifndef ILDKG_VALIDATOR_H
#define ILDKG_VALIDATOR_H

#include "diag.h"
#include "facts.h"
#include "ontology.h"
#include "status.h"

/**
 * At most this many statement rows in all statements/ files (about 5 million triples):
 * the row past it is reported and no further row is read, so a runaway input fails fast
 * and in bounded memory.
 */
enum { VALIDATOR_MAX_STATEMENTS = 200000 };

/**
 * Load and validate the facts in @p dir.
 * @return ILDKG_OK when every file was read: the facts are valid exactly when
 *   ildkg_diag_count(d) did not grow; ILDKG_ERR_NOINPUT when @p dir or a required
 *   file is missing (reported); another fatal status otherwise.
 *   *out is the store (free with facts_free) whenever the status is ILDKG_OK.
 */
ildkg_status validator_load_facts(const char *dir, const ontology *o, ildkg_diag *d, facts **out);

#endif
