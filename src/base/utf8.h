/* SPDX-License-Identifier: MIT */
/** @file utf8.h  Strict UTF-8 validation (RFC 3629: no overlongs, surrogates or > U+10FFFF). */
#ifndef ILDKG_UTF8_H
#define ILDKG_UTF8_H

#include <stddef.h>

/** Byte offset of the first invalid sequence in @p s[0..len), or len when all is valid. */
size_t utf8_invalid_offset(const unsigned char *s, size_t len);

/** The code point of the valid UTF-8 sequence at @p s; its length in *len. */
unsigned long utf8_code_point(const unsigned char *s, size_t *len);

/**
 * Offset of the first character of @p s[0..len) that no export may hold in text, len when
 * there is none: invalid UTF-8, a C0 control other than tab, LF and CR, DEL, or a
 * noncharacter (U+FDD0..U+FDEF, U+nFFFE, U+nFFFF). XML 1.0 cannot write the controls or
 * U+FFFE, and RDF writers cut a literal at them. *cp is the character (0: invalid UTF-8).
 */
size_t utf8_text_unsafe_offset(const unsigned char *s, size_t len, unsigned long *cp);

/**
 * Offset of the first character of @p s[0..len) that an IRI cannot hold (RFC 3987), len
 * when there is none: invalid UTF-8, space and controls, <>"{}|\^`, and beyond ASCII
 * anything but ucschar (no C1 control, no noncharacter). *cp as above.
 */
size_t utf8_iri_unsafe_offset(const unsigned char *s, size_t len, unsigned long *cp);

#endif
