/* SPDX-License-Identifier: MIT */
/**
 * libFuzzer target: the ontology reader. The input is the one Turtle file of an ontology
 * directory of its own; it is loaded, and what the validator and graph builder ask of an
 * ontology (classes and their ancestors, properties, labels, terms) is asked of it.
 */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "ontology.h"

static char dir[] = "/tmp/ildkg-fuzz-ontology.XXXXXX";
static char path[sizeof dir + 16];

static void
remove_dir(void)
{
  unlink(path);
  rmdir(dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
  (void)argc;
  (void)argv;
  if (!mkdtemp(dir)) {
    perror("fuzz_ontology: mkdtemp");
    exit(2);
  }
  snprintf(path, sizeof path, "%s/o.ttl", dir);
  atexit(remove_dir);
  return 0;
}

/* Ask of @p o what ildkg asks of an ontology, and check that the answers agree. */
static void
query_everything(const ontology *o)
{
  for (size_t i = 0; i < ontology_triple_count(o); ++i) {
    const ildkg_triple *t = ontology_triple_at(o, i);
    const char *hash = t->s.kind == TERM_IRI ? strrchr(t->s.value, '#') : NULL;
    const char *local = hash ? hash + 1 : NULL;
    if (!local) {
      continue;
    }
    size_t n = 0;
    const char *const *ancestors = ontology_class_ancestors(o, local, &n);
    if (ontology_is_class(o, local) != (n > 0)) {
      abort();
    }
    for (size_t k = 0; k < n; ++k) {
      if (!ontology_class_is_a(o, local, ancestors[k])) {
        abort();
      }
    }
    (void)ontology_property_get(o, local);
    (void)ontology_label(o, local);
    (void)ontology_individual_class(o, local);
  }
  for (size_t i = 0; i < ontology_property_count(o); ++i) {
    if (!ontology_property_at(o, i)) {
      abort();
    }
  }
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(data, 1, size, f) != size || fclose(f) != 0) {
    abort();
  }
  ildkg_diag *d = ildkg_diag_new(20);
  ontology *o = NULL;
  if (d && ontology_load(&o, dir, d) == ILDKG_OK) {
    query_everything(o);
  }
  ontology_free(o);
  ildkg_diag_free(d);
  return 0;
}
