/* SPDX-License-Identifier: MIT */
/**
 * libFuzzer target: ildkg's own query front end, which reads the text before rasqal does:
 * the scope checks, the WHERE-as-ASK rewrite and the property path rewrite. (rasqal's own
 * parser is not fuzzed here: its bugs are rasqal's.) A NUL in a query is refused before
 * these run, so inputs holding one are skipped.
 */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "property_path.h"
#include "query_scope.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (memchr(data, 0, size)) {
    return 0;
  }
  char *text = malloc(size + 1);
  if (!text) {
    return 0;
  }
  memcpy(text, data, size);
  text[size] = '\0';
  char why[512];
  (void)query_scope_check(text, why, sizeof why);
  char *ask = NULL;
  if (query_scope_where_as_ask(text, &ask) == 0) {
    free(ask);
  }
  char *rewritten = NULL;
  property_paths *paths = NULL;
  if (property_path_rewrite(text, "https://example.org/", &rewritten, &paths, why, sizeof why) == 0) {
    free(rewritten);
    property_paths_free(paths);
  }
  free(text);
  return 0;
}
