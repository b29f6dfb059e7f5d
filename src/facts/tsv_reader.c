/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "tsv_reader.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "regular_file.h"
#include "utf8.h"

/* A facts file is a few hundred lines; these bound the memory a hostile one can take. */
enum { MAX_FILE_BYTES = 64 << 20, MAX_LINE_BYTES = 1 << 20 };

struct tsv_reader {
  FILE *file;
  const char *path;
  const char *const *columns;
  size_t ncolumns;
  ildkg_diag *diag;
  char *line;
  size_t line_capacity;
  unsigned long line_number;
  char **fields;
};

void
tsv_reader_close(tsv_reader *r)
{
  if (!r) {
    return;
  }
  if (r->file) {
    fclose(r->file);
  }
  free(r->line);
  free(r->fields);
  free(r);
}

static ildkg_loc
line_loc(const tsv_reader *r, const char *field)
{
  return (ildkg_loc){r->path, r->line_number, field};
}

/* Read a line without its LF. DONE at end of file. */
static ildkg_status
read_line(tsv_reader *r, size_t *len)
{
  errno = 0;
  const ssize_t n = getline(&r->line, &r->line_capacity, r->file);
  if (n < 0) {
    return ferror(r->file) ? ILDKG_ERR_IO : ILDKG_DONE;
  }
  ++r->line_number;
  *len = (size_t)n;
  if (*len > MAX_LINE_BYTES) {
    ildkg_diag_error(r->diag, line_loc(r, NULL), "line longer than 1 MiB (%zu bytes)", *len);
    return ILDKG_ERR_INPUT;
  }
  if (*len && r->line[*len - 1] == '\n') {
    r->line[--*len] = '\0';
  }
  return ILDKG_OK;
}

/* The noncharacter (U+FDD0..U+FDEF, U+nFFFE, U+nFFFF) encoded at s, or 0: valid UTF-8
   that no text may hold, which XML 1.0 refuses and RDF writers cut at. */
static unsigned long
noncharacter_at(const unsigned char *s)
{
  unsigned long c = 0;
  if (s[0] == 0xEF && (s[1] == 0xB7 || s[1] == 0xBF)) {
    c = 0xF000 | ((unsigned long)(s[1] & 0x3F) << 6) | (s[2] & 0x3F);
  } else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
    c = ((unsigned long)(s[0] & 0x07) << 18) | ((unsigned long)(s[1] & 0x3F) << 12) |
        ((unsigned long)(s[2] & 0x3F) << 6) | (s[3] & 0x3F);
  }
  return (c >= 0xFDD0 && c <= 0xFDEF) || (c && (c & 0xFFFE) == 0xFFFE) ? c : 0;
}

static ildkg_status
check_encoding(tsv_reader *r, size_t len)
{
  const size_t bad = utf8_invalid_offset((const unsigned char *)r->line, len);
  if (bad < len) {
    return ildkg_diag_error(r->diag, line_loc(r, NULL),
                            "invalid UTF-8 at byte %zu (expected UTF-8 text)", bad + 1);
  }
  if (len >= 3 && !memcmp(r->line, "\xEF\xBB\xBF", 3)) {
    return ildkg_diag_error(r->diag, line_loc(r, NULL),
                            "byte-order mark U+FEFF at byte 1 (expected UTF-8 without a BOM)");
  }
  for (size_t i = 0; i < len; ++i) {
    const unsigned char c = (unsigned char)r->line[i];
    if ((c < 0x20 && c != '\t' && !(c == '\r' && i == len - 1)) || c == 0x7F) {
      return ildkg_diag_error(r->diag, line_loc(r, NULL),
                              "control character U+%04X at byte %zu (expected text)", c, i + 1);
    }
    const unsigned long nonchar = c >= 0xEF ? noncharacter_at((const unsigned char *)r->line + i) : 0;
    if (nonchar) {
      return ildkg_diag_error(r->diag, line_loc(r, NULL),
                              "noncharacter U+%04lX at byte %zu (expected text)", nonchar, i + 1);
    }
  }
  if (len && r->line[len - 1] == '\r') {
    return ildkg_diag_error(r->diag, line_loc(r, NULL),
                            "line ends with CR (expected LF line endings)");
  }
  return ILDKG_OK;
}

/* Split the line at tabs into r->fields; the count of fields found goes to *found. */
static void
split_fields(tsv_reader *r, size_t *found)
{
  char *p = r->line;
  size_t n = 0;
  for (;;) {
    char *tab = strchr(p, '\t');
    if (n < r->ncolumns) {
      r->fields[n] = p;
    }
    ++n;
    if (!tab) {
      break;
    }
    *tab = '\0';
    p = tab + 1;
  }
  *found = n;
}

static int
is_space(char c)
{
  return c == ' ' || c == '\f' || c == '\v' || c == '\r' || c == '\n';
}

static ildkg_status
check_fields(tsv_reader *r, size_t found)
{
  if (found != r->ncolumns) {
    return ildkg_diag_error(r->diag, line_loc(r, NULL),
                            "%zu tab-separated fields (expected %zu: %s ... %s)", found,
                            r->ncolumns, r->columns[0], r->columns[r->ncolumns - 1]);
  }
  ildkg_status st = ILDKG_OK;
  for (size_t i = 0; i < found; ++i) {
    const char *f = r->fields[i];
    const size_t len = strlen(f);
    if (len && (is_space(f[0]) || is_space(f[len - 1]))) {
      st = ildkg_diag_error(r->diag, line_loc(r, r->columns[i]),
                            "leading or trailing white space in '%s' (expected none)", f);
    }
  }
  return st;
}

/* Next line that is neither blank nor a comment; DONE at the end. */
static ildkg_status
next_content_line(tsv_reader *r, size_t *len)
{
  ildkg_status st;
  while ((st = read_line(r, len)) == ILDKG_OK) {
    if (*len && r->line[0] != '#') {
      return ILDKG_OK;
    }
  }
  return st;
}

static ildkg_status
check_header(tsv_reader *r)
{
  size_t len = 0, found = 0;
  const ildkg_status st = next_content_line(r, &len);
  if (st == ILDKG_DONE) {
    return ildkg_diag_error(r->diag, (ildkg_loc){r->path, 0, NULL},
                            "no header row (expected columns %s ... %s)", r->columns[0],
                            r->columns[r->ncolumns - 1]);
  }
  if (st != ILDKG_OK || (check_encoding(r, len) != ILDKG_OK)) {
    return st != ILDKG_OK ? st : ILDKG_ERR_INPUT;
  }
  split_fields(r, &found);
  for (size_t i = 0; i < r->ncolumns; ++i) {
    if (found != r->ncolumns || strcmp(r->fields[i], r->columns[i]) != 0) {
      return ildkg_diag_error(r->diag, line_loc(r, i < found ? r->columns[i] : NULL),
                              "header does not match (expected column %zu to be '%s', "
                              "and %zu columns in all)",
                              i + 1, r->columns[i], r->ncolumns);
    }
  }
  return ILDKG_OK;
}

ildkg_status
tsv_reader_open(tsv_reader **out, const char *path, const char *const *columns, size_t ncolumns,
                ildkg_diag *d)
{
  *out = NULL;
  tsv_reader *r = calloc(1, sizeof *r);
  if (!r || !(r->fields = calloc(ncolumns, sizeof *r->fields))) {
    tsv_reader_close(r);
    return ILDKG_ERR_NOMEM;
  }
  r->path = path;
  r->columns = columns;
  r->ncolumns = ncolumns;
  r->diag = d;
  const char *why = NULL;
  const int fd = regular_file_open(path, MAX_FILE_BYTES, &why);
  if (fd < 0 || !(r->file = fdopen(fd, "rb"))) {
    if (fd >= 0) {
      why = strerror(errno);
      close(fd);
    }
    tsv_reader_close(r);
    ildkg_diag_error(d, (ildkg_loc){path, 0, NULL}, "cannot open: %s%s", why,
                     why && !strcmp(why, "larger than the limit for this input") ? " (64 MiB)" : "");
    return ILDKG_ERR_NOINPUT;
  }
  const ildkg_status st = check_header(r);
  if (st != ILDKG_OK) {
    tsv_reader_close(r);
    return st;
  }
  *out = r;
  return ILDKG_OK;
}

ildkg_status
tsv_reader_next(tsv_reader *r, tsv_row *row)
{
  size_t len = 0, found = 0;
  ildkg_status st = next_content_line(r, &len);
  if (st != ILDKG_OK) {
    return st;
  }
  if ((st = check_encoding(r, len)) != ILDKG_OK) {
    return st;
  }
  split_fields(r, &found);
  if ((st = check_fields(r, found)) != ILDKG_OK) {
    return st;
  }
  row->loc = line_loc(r, NULL);
  row->nfields = r->ncolumns;
  row->fields = r->fields;
  return ILDKG_OK;
}
