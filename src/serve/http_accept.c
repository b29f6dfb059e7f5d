/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "http_accept.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* q in thousandths, so that no rounding decides between two ranges */
enum { Q_MAX = 1000, NO_MATCH = -1 };

/* How specifically the range [range, range + len) names @p offer: 3 type/subtype,
   2 type/\*, 1 \*\/\*, 0 not at all. Media types compare without regard to case. */
static int
specificity(const char *range, size_t len, const char *offer)
{
  const char *slash = memchr(range, '/', len);
  const char *offer_slash = strchr(offer, '/');
  if (!slash || !offer_slash) {
    return 0;
  }
  const size_t type_len = (size_t)(slash - range), sub_len = len - type_len - 1;
  if (type_len == 1 && range[0] == '*') {
    return sub_len == 1 && slash[1] == '*' ? 1 : 0;
  }
  if (type_len != (size_t)(offer_slash - offer) || strncasecmp(range, offer, type_len)) {
    return 0;
  }
  if (sub_len == 1 && slash[1] == '*') {
    return 2;
  }
  return strlen(offer_slash + 1) == sub_len && !strncasecmp(slash + 1, offer_slash + 1, sub_len)
           ? 3
           : 0;
}

/* The q of the parameters [p, end) in thousandths; 1000 when absent or malformed. */
static int
quality(const char *p, const char *end)
{
  while (p < end) {
    while (p < end && (*p == ';' || *p == ' ' || *p == '\t')) {
      ++p;
    }
    if (end - p >= 2 && (p[0] == 'q' || p[0] == 'Q') && p[1] == '=') {
      p += 2;
      int q = 0;
      if (p < end && (*p == '0' || *p == '1')) {
        q = (*p++ - '0') * Q_MAX;
        if (p < end && *p == '.') {
          for (int scale = Q_MAX / 10; ++p < end && *p >= '0' && *p <= '9' && scale; scale /= 10) {
            q += (*p - '0') * scale;
          }
        }
        return q > Q_MAX ? Q_MAX : q;
      }
      return Q_MAX;
    }
    while (p < end && *p != ';') {
      ++p;
    }
  }
  return Q_MAX;
}

/* The q @p accept gives @p offer (its most specific matching range), or NO_MATCH. */
static int
offer_quality(const char *accept, const char *offer)
{
  int best_specificity = 0, best_q = NO_MATCH;
  for (const char *p = accept; *p;) {
    const char *item_end = strchr(p, ',');
    if (!item_end) {
      item_end = p + strlen(p);
    }
    while (p < item_end && (*p == ' ' || *p == '\t')) {
      ++p;
    }
    const char *range_end = p;
    while (range_end < item_end && *range_end != ';' && *range_end != ' ' &&
           *range_end != '\t') {
      ++range_end;
    }
    const int s = specificity(p, (size_t)(range_end - p), offer);
    if (s > best_specificity) {
      best_specificity = s;
      best_q = quality(range_end, item_end);
    }
    p = *item_end ? item_end + 1 : item_end;
  }
  return best_q;
}

long
http_accept_choose(const char *accept, const char *const *offers, size_t n)
{
  if (!accept || !accept[strspn(accept, " \t")]) {
    return n ? 0 : -1;
  }
  long best = -1;
  int best_q = 0;
  for (size_t i = 0; i < n; ++i) {
    const int q = offer_quality(accept, offers[i]);
    if (q > best_q) {
      best_q = q;
      best = (long)i;
    }
  }
  return best;
}
