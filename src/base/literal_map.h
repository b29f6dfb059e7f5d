/* SPDX-License-Identifier: MIT */
/**
 * @file literal_map.h  RDF literals to indices, by value: the same literal, wherever it
 * occurs, finds the same index (a table of terms numbers them, a graph shares one term).
 */
#ifndef ILDKG_LITERAL_MAP_H
#define ILDKG_LITERAL_MAP_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

typedef struct literal_map literal_map;

literal_map *literal_map_new(void);  /**< free with literal_map_free; NULL without memory */
void literal_map_free(literal_map *m); /**< NULL is fine */

/**
 * The index of the literal @p value (@p len bytes) tagged @p lang or typed @p datatype
 * (an IRI; both NULL: a simple literal): *found true and *index its index when it is
 * mapped; otherwise it is mapped to *index as given and *found is false.
 * @return ILDKG_OK; ILDKG_ERR_UNSUPPORTED for a value holding a NUL byte (nothing mapped);
 *   ILDKG_ERR_NOMEM.
 */
ildkg_status literal_map_find_or_add(literal_map *m, const char *value, size_t len,
                                     const char *lang, const char *datatype, size_t *index,
                                     bool *found);

#endif
