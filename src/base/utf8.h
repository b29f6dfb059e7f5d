/* SPDX-License-Identifier: MIT */
/** @file utf8.h  Strict UTF-8 validation (RFC 3629: no overlongs, surrogates or > U+10FFFF). */
#ifndef ILDKG_UTF8_H
#define ILDKG_UTF8_H

#include <stddef.h>

/** Byte offset of the first invalid sequence in @p s[0..len), or len when all is valid. */
size_t utf8_invalid_offset(const unsigned char *s, size_t len);

#endif
