/* SPDX-License-Identifier: MIT */
/** @file xsd.h  XML Schema lexical forms ildkg checks and writes. */
#ifndef ILDKG_XSD_H
#define ILDKG_XSD_H

#include <stddef.h>

/** True for an xsd:decimal lexical form without sign '+' or exponent: -?[0-9]+(.[0-9]+)? */
int xsd_is_decimal(const char *s);

/**
 * Write the canonical form of the valid decimal @p lexical into @p buf: no leading
 * zeros, a point and at least one digit after it, no trailing zeros, no "-0.0".
 * @return buf, or NULL when it does not fit in @p size.
 */
const char *xsd_canonical_decimal(char *buf, size_t size, const char *lexical);

#endif
