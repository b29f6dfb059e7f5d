/* SPDX-License-Identifier: MIT */
/**
 * @file curie.h  The external identifier schemes ildkg maps entities to, in one table.
 *
 * Each scheme has its CURIE prefix as the HPO annotation format and SSSOM write it, the
 * number of digits its local ids have, and the IRI a CURIE expands to (the patterns of
 * ../shared/mappings/README.md).
 */
#ifndef ILDKG_CURIE_H
#define ILDKG_CURIE_H

#include <stddef.h>

typedef struct {
  const char *prefix;   /**< without the colon: "HP", "MONDO", "ORPHA", ... */
  size_t digits;        /**< digits of a local id; 0: any number */
  const char *iri_base; /**< the IRI is this followed by the local id */
} curie_scheme;

/** The scheme of @p curie when it is PREFIX:DIGITS of a known scheme, else NULL. */
const curie_scheme *curie_scheme_of(const char *curie);

size_t curie_scheme_count(void);
const curie_scheme *curie_scheme_at(size_t i); /**< NULL past the end */

/** The IRI of the well-formed @p curie (caller frees), or NULL: unknown scheme or no memory. */
char *curie_to_iri(const char *curie);

#endif
