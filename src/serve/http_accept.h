/* SPDX-License-Identifier: MIT */
/**
 * @file http_accept.h  HTTP content negotiation: which of the media types a server can
 * write best fits a request's Accept header (RFC 9110, section 12.5.1).
 */
#ifndef ILDKG_HTTP_ACCEPT_H
#define ILDKG_HTTP_ACCEPT_H

#include <stddef.h>

/**
 * The index in @p offers (@p n media types such as "text/turtle", in the server's order
 * of preference) that @p accept prefers: the offer whose most specific matching range
 * (type/subtype over type/\* over \*\/\*) has the highest q, ties going to the earlier
 * offer. A missing or empty header accepts everything (offer 0). Parameters other than
 * q are ignored; q is 0 to 1 with at most three decimals, and a malformed q counts as 1.
 * @return the index, or -1 when the header accepts none of the offers (406).
 */
long http_accept_choose(const char *accept, const char *const *offers, size_t n);

#endif
