/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

struct ildkg_diag {
  char **messages;
  size_t kept;
  size_t max_kept;
  size_t count;
};

ildkg_diag *
ildkg_diag_new(size_t max_kept)
{
  ildkg_diag *d = calloc(1, sizeof *d);
  if (d && max_kept && !(d->messages = calloc(max_kept, sizeof *d->messages))) {
    free(d);
    return NULL;
  }
  if (d) {
    d->max_kept = max_kept;
  }
  return d;
}

void
ildkg_diag_free(ildkg_diag *d)
{
  if (!d) {
    return;
  }
  for (size_t i = 0; i < d->kept; ++i) {
    free(d->messages[i]);
  }
  free(d->messages);
  free(d);
}

static char *
format_location(ildkg_loc at)
{
  char *s = NULL;
  size_t n = 0;
  FILE *f = open_memstream(&s, &n);
  if (!f) {
    return NULL;
  }
  fputs(at.file ? at.file : "-", f);
  if (at.line) {
    fprintf(f, ":%lu", at.line);
  }
  fputs(": ", f);
  if (at.field) {
    fprintf(f, "field %s: ", at.field);
  }
  if (fclose(f) != 0) {
    free(s);
    return NULL;
  }
  return s;
}

ildkg_status
ildkg_diag_error(ildkg_diag *d, ildkg_loc at, const char *fmt, ...)
{
  ++d->count;
  if (d->kept >= d->max_kept) {
    return ILDKG_ERR_INPUT;
  }
  char *prefix = format_location(at);
  char *body = NULL;
  va_list args;
  va_start(args, fmt);
  const int body_len = prefix ? vasprintf(&body, fmt, args) : -1;
  va_end(args);
  char *message = NULL;
  if (body_len >= 0 && asprintf(&message, "%s%s", prefix, body) < 0) {
    message = NULL;
  }
  if (body_len >= 0) {
    free(body);
  }
  free(prefix);
  if (!message) {
    return ILDKG_ERR_NOMEM;
  }
  d->messages[d->kept++] = message;
  return ILDKG_ERR_INPUT;
}

size_t
ildkg_diag_count(const ildkg_diag *d)
{
  return d->count;
}

size_t
ildkg_diag_kept(const ildkg_diag *d)
{
  return d->kept;
}

const char *
ildkg_diag_message(const ildkg_diag *d, size_t i)
{
  return i < d->kept ? d->messages[i] : NULL;
}
