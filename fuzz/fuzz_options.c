/* SPDX-License-Identifier: MIT */
/**
 * libFuzzer target: every option parser. The input's first byte picks a command (build,
 * validate, stats, context, query, compare, serve, load); the rest, split at NUL bytes, is its
 * arguments. The parser runs as `ildkg COMMAND ARG...` would run it, without running the
 * command. Help and usage messages go to /dev/null (through the stdio streams only: a
 * sanitizer report still reaches file descriptor 2).
 */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_options.h"

enum { MAX_ARGS = 256 };

static void
no_help(void)
{
}

static ildkg_status
parse(uint8_t command, int argc, char **argv)
{
  switch (command % 8) {
  case 0: {
    build_options o;
    return build_parse_options(&o, argc, argv);
  }
  case 1: {
    cli_inputs in;
    return cli_parse_inputs("validate", no_help, argc, argv, &in);
  }
  case 2: {
    cli_inputs in;
    return cli_parse_inputs("stats", no_help, argc, argv, &in);
  }
  case 3: {
    context_options o;
    return context_parse_options(&o, argc, argv);
  }
  case 4: {
    query_options o;
    return query_parse_options(&o, argc, argv);
  }
  case 6: {
    serve_options o;
    return serve_parse_options(&o, argc, argv);
  }
  case 7: {
    load_options o;
    return load_parse_options(&o, argc, argv);
  }
  default: {
    compare_options o;
    const ildkg_status st = compare_parse_options(&o, argc, argv);
    if (st == ILDKG_OK && (o.ntopics > (size_t)argc || (o.ntopics && !o.topics[0]))) {
      abort(); /* the operands must lie within argv */
    }
    return st;
  }
  }
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
  (void)argc;
  (void)argv;
  FILE *sink = fopen("/dev/null", "w");
  if (!sink) {
    return 1;
  }
  stdout = sink; /* glibc's standard streams are variables */
  stderr = sink;
  return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
  if (size < 1) {
    return 0;
  }
  /* A copy the parsers may cut (--format's list is split in place), NUL-terminated. */
  char *text = malloc(size);
  char *args[MAX_ARGS + 2];
  if (!text) {
    return 0;
  }
  memcpy(text, data + 1, size - 1);
  text[size - 1] = '\0';
  int argc = 0;
  args[argc++] = "ildkg-command";
  for (size_t at = 0; at < size - 1 && argc <= MAX_ARGS;) {
    args[argc++] = text + at;
    at += strlen(text + at) + 1;
  }
  args[argc] = NULL;
  const ildkg_status st = parse(data[0], argc, args);
  if (st != ILDKG_OK && st != ILDKG_DONE && st != ILDKG_ERR_USAGE) {
    abort(); /* a parser reads only argv: anything else is a bug */
  }
  free(text);
  return 0;
}
