/* SPDX-License-Identifier: MIT */
/**
 * @file ptrmap.h  A pointer-keyed hash map to indices: caches keyed by an object's
 * identity (raptor's interned URIs, say), O(1) as graphs grow. A strmap whose keys
 * compare by address.
 */
#ifndef ILDKG_PTRMAP_H
#define ILDKG_PTRMAP_H

#include "strmap.h"

typedef strmap ptrmap; /**< compares keys by address; never dereferences them */

/** A new map (free with ptrmap_free), or NULL. */
static inline ptrmap *
ptrmap_new(void)
{
  return strmap_new_by_address();
}

/** NULL is fine. */
static inline void
ptrmap_free(ptrmap *m)
{
  strmap_free(m);
}

/** Map @p key (not NULL) to @p value. ILDKG_DONE (and no change) when it is already there. */
static inline ildkg_status
ptrmap_put(ptrmap *m, const void *key, size_t value)
{
  return strmap_put(m, key, value);
}

/** True and the value in @p value (may be NULL) when @p key is present. */
static inline bool
ptrmap_get(const ptrmap *m, const void *key, size_t *value)
{
  return strmap_get(m, key, value);
}

static inline size_t
ptrmap_size(const ptrmap *m)
{
  return strmap_size(m);
}

#endif
