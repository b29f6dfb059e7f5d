/* SPDX-License-Identifier: MIT */
/**
 * @file ptrmap.h  A pointer-keyed hash map to indices: caches keyed by an object's
 * identity (raptor's interned URIs, say), O(1) as graphs grow. Keys compare by address
 * and are never read.
 */
#ifndef ILDKG_PTRMAP_H
#define ILDKG_PTRMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

typedef struct ptrmap ptrmap;

/** A new map (free with ptrmap_free), or NULL. */
ptrmap *ptrmap_new(void);

/** NULL is fine. */
void ptrmap_free(ptrmap *m);

/** Map @p key (not NULL) to @p value. ILDKG_DONE (and no change) when it is already there. */
ildkg_status ptrmap_put(ptrmap *m, const void *key, size_t value);

/** True and the value in @p value (may be NULL) when @p key is present. */
bool ptrmap_get(const ptrmap *m, const void *key, size_t *value);

size_t ptrmap_size(const ptrmap *m);

#endif
