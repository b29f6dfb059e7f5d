/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "literal_map.h"

#include "strmap.h"

#include <stdlib.h>
#include <string.h>

/* Keys are strings in blocks: the value's length, ':', the value, then '@' and the
   language, '^' and the datatype, or '.'. The length keeps a value that looks like
   another's suffix apart. */
struct literal_map {
  strmap *index;
  char **blocks;
  size_t nblocks, capacity;
  size_t used, size; /* of the last block */
};

enum { BLOCK_SIZE = 1 << 16 };

literal_map *
literal_map_new(void)
{
  literal_map *m = calloc(1, sizeof *m);
  if (m && !(m->index = strmap_new())) {
    free(m);
    return NULL;
  }
  return m;
}

void
literal_map_free(literal_map *m)
{
  if (m) {
    strmap_free(m->index);
    for (size_t i = 0; i < m->nblocks; ++i) {
      free(m->blocks[i]);
    }
    free(m->blocks);
    free(m);
  }
}

/* Room for @p size bytes of key at the end of the last block, or in a new one. */
static char *
room(literal_map *m, size_t size)
{
  if (m->nblocks && m->size - m->used >= size) {
    return m->blocks[m->nblocks - 1] + m->used;
  }
  if (m->nblocks == m->capacity) {
    const size_t capacity = m->capacity ? 2 * m->capacity : 64;
    char **grown = realloc(m->blocks, capacity * sizeof *grown);
    if (!grown) {
      return NULL;
    }
    m->blocks = grown;
    m->capacity = capacity;
  }
  const size_t block = size > BLOCK_SIZE ? size : BLOCK_SIZE;
  if (!(m->blocks[m->nblocks] = malloc(block))) {
    return NULL;
  }
  m->size = block;
  m->used = 0;
  return m->blocks[m->nblocks++];
}

/* The key, written by hand: snprintf was a seventh of the graph checks' instructions. */
static size_t
write_key(char *at, const char *value, size_t len, char mark, const char *extra, size_t nextra)
{
  char digits[24];
  size_t nd = 0;
  for (size_t n = len; !nd || n; n /= 10) {
    digits[nd++] = (char)('0' + n % 10);
  }
  char *start = at;
  while (nd) {
    *at++ = digits[--nd];
  }
  *at++ = ':';
  memcpy(at, value, len);
  at += len;
  *at++ = mark;
  memcpy(at, extra, nextra + 1);
  return (size_t)(at - start) + nextra + 1;
}

ildkg_status
literal_map_find_or_add(literal_map *m, const char *value, size_t len, const char *lang,
                        const char *datatype, size_t *index, bool *found)
{
  value = value ? value : "";
  if (memchr(value, '\0', len)) {
    return ILDKG_ERR_UNSUPPORTED; /* a C string cannot key it */
  }
  const char *extra = lang ? lang : datatype ? datatype : "";
  const char mark = lang ? '@' : datatype ? '^' : '.';
  const size_t nextra = strlen(extra);
  char *key = room(m, 24 + len + nextra + 2);
  if (!key) {
    return ILDKG_ERR_NOMEM;
  }
  const size_t size = write_key(key, value, len, mark, extra, nextra);
  *found = strmap_get(m->index, key, index);
  if (*found) {
    return ILDKG_OK; /* the room is not taken: the next key reuses it */
  }
  const ildkg_status st = strmap_put(m->index, key, *index);
  m->used += st == ILDKG_OK ? size : 0;
  return st;
}
