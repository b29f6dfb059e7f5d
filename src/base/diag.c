/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "diag.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* A message echoes values from the input: a control character there (CR, LF, ESC) would
   split the message over lines or drive the terminal, so it is shown as \xHH. Caller frees. */
static char *
escape_controls(const char *message)
{
  size_t controls = 0;
  for (const unsigned char *c = (const unsigned char *)message; *c; ++c) {
    controls += *c < 0x20 || *c == 0x7f;
  }
  char *escaped = malloc(strlen(message) + 3 * controls + 1);
  char *to = escaped;
  for (const unsigned char *c = (const unsigned char *)message; escaped && *c; ++c) {
    to += *c < 0x20 || *c == 0x7f ? sprintf(to, "\\x%02X", *c) : (*to = (char)*c, 1);
  }
  if (escaped) {
    *to = '\0';
  }
  return escaped;
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
  char *raw = NULL;
  if (body_len >= 0 && asprintf(&raw, "%s%s", prefix, body) < 0) {
    raw = NULL;
  }
  char *message = raw ? escape_controls(raw) : NULL;
  free(raw);
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
