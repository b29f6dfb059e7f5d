/* SPDX-License-Identifier: MIT */
/**
 * libFuzzer target: the facts reader and validator. The input's first byte picks one facts
 * file, the rest replaces its content in a copy of facts/ (ILDKG_FUZZ_FACTS, beside the
 * ontology in ILDKG_FUZZ_ONTOLOGY), and the whole facts directory is loaded and validated.
 */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "facts.h"
#include "ontology.h"
#include "validator.h"

static const char *const FILES[] = {"review.tsv", "sections.tsv", "entities.tsv", "mappings.tsv",
                                    "statements/03-clinical-features.tsv",
                                    "statements/06-table-1.tsv"};
enum { NFILES = sizeof FILES / sizeof *FILES };

static const char *facts_dir;
static ontology *the_ontology;
static char *originals[NFILES];
static size_t original_sizes[NFILES];

static char *
file_path(size_t i)
{
  char *path = NULL;
  return asprintf(&path, "%s/%s", facts_dir, FILES[i]) < 0 ? NULL : path;
}

static int
write_file(size_t i, const uint8_t *data, size_t size)
{
  char *path = file_path(i);
  FILE *f = path ? fopen(path, "wb") : NULL;
  const int ok = f && fwrite(data, 1, size, f) == size;
  const int closed = f ? fclose(f) == 0 : 0;
  free(path);
  return ok && closed ? 0 : -1;
}

static char *
read_file(size_t i, size_t *size)
{
  char *path = file_path(i), *text = NULL;
  FILE *f = path ? fopen(path, "rb") : NULL;
  free(path);
  if (f && fseek(f, 0, SEEK_END) == 0) {
    const long n = ftell(f);
    text = n >= 0 ? malloc((size_t)n + 1) : NULL;
    rewind(f);
    *size = text ? fread(text, 1, (size_t)n, f) : 0;
  }
  if (f) {
    fclose(f);
  }
  return text;
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
  (void)argc;
  (void)argv;
  facts_dir = getenv("ILDKG_FUZZ_FACTS");
  const char *ontology_dir = getenv("ILDKG_FUZZ_ONTOLOGY");
  ildkg_diag *d = ildkg_diag_new(10);
  if (!facts_dir || !ontology_dir || !d || ontology_load(&the_ontology, ontology_dir, d) != ILDKG_OK) {
    fprintf(stderr, "fuzz_facts: set ILDKG_FUZZ_FACTS and ILDKG_FUZZ_ONTOLOGY to copies of "
                    "facts/ and ontology/\n");
    exit(2);
  }
  ildkg_diag_free(d);
  for (size_t i = 0; i < NFILES; ++i) {
    if (!(originals[i] = read_file(i, &original_sizes[i]))) {
      fprintf(stderr, "fuzz_facts: cannot read %s/%s\n", facts_dir, FILES[i]);
      exit(2);
    }
  }
  return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size < 1) {
    return 0;
  }
  const size_t i = data[0] % NFILES;
  if (write_file(i, data + 1, size - 1) != 0) {
    abort();
  }
  ildkg_diag *d = ildkg_diag_new(20);
  facts *f = NULL;
  if (d && validator_load_facts(facts_dir, the_ontology, d, &f) == ILDKG_OK) {
    facts_free(f);
  }
  ildkg_diag_free(d);
  if (write_file(i, (const uint8_t *)originals[i], original_sizes[i]) != 0) {
    abort();
  }
  return 0;
}
