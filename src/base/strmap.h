/* SPDX-License-Identifier: MIT */
/** @file strmap.h  A string-keyed hash map to indices, so lookups stay O(1) as facts grow. */
#ifndef ILDKG_STRMAP_H
#define ILDKG_STRMAP_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

typedef struct strmap strmap; /**< borrows its keys: they must outlive the map */

strmap *strmap_new(void);     /**< free with strmap_free */
void strmap_free(strmap *m);  /**< NULL is fine */

/** Map @p key to @p value. ILDKG_DONE (and no change) when the key is already there. */
ildkg_status strmap_put(strmap *m, const char *key, size_t value);

/** True and the value in @p value when @p key is present. */
bool strmap_get(const strmap *m, const char *key, size_t *value);

size_t strmap_size(const strmap *m);

#endif
