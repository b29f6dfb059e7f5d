/* SPDX-License-Identifier: MIT */
/**
 * @file cli_options.h  Each command's command line, parsed apart from running it.
 *
 * A parser reads only argv: it opens no file and writes nothing but --help's text to
 * stdout and a usage error to stderr, so it can be fuzzed on its own (fuzz/fuzz_options.c).
 * Every parser starts getopt afresh, so that several may run in one process.
 * Each returns ILDKG_OK; ILDKG_DONE after --help; ILDKG_ERR_USAGE (reported) for a bad
 * command line. Strings in the options are borrowed from argv.
 */
#ifndef ILDKG_CLI_OPTIONS_H
#define ILDKG_CLI_OPTIONS_H

#include <stddef.h>

#include "cli.h"
#include "export.h"

/** `validate` and `stats`: the default inputs, then --facts and --ontology; @p print_help
    writes --help. */
ildkg_status cli_parse_inputs(const char *command, void (*print_help)(void), int argc,
                              char **argv, cli_inputs *in);

typedef struct {
  cli_inputs in;
  const char *out_dir;
  const char *base;
  const char *jsonld_context;
  int timing; /**< --timing */
  const export_format *formats[EXPORT_FORMAT_MAX]; /**< each format once */
  size_t nformats;
} build_options;

/** Defaults first, then argv (which --format's list is cut in place). */
ildkg_status build_parse_options(build_options *o, int argc, char **argv);

typedef struct {
  cli_inputs in;
  const char *base;
} context_options;

ildkg_status context_parse_options(context_options *o, int argc, char **argv);

typedef struct {
  cli_inputs in;
  cli_query_options q;
  const char *format;
  int format_given;
  const char *expression;
  const char *query_file;
  const char *base;
  int timing;
} query_options;

ildkg_status query_parse_options(query_options *o, int argc, char **argv);

typedef struct {
  cli_inputs in;
  cli_query_options q;
  const char *format;
  int list;
  int timing; /**< --timing */
  char **topics; /**< the TOPIC operands, in order */
  size_t ntopics;
} compare_options;

ildkg_status compare_parse_options(compare_options *o, int argc, char **argv);

typedef struct {
  cli_inputs in;
  cli_query_options q; /**< --data, --timeout, --max-rows (no --endpoint) */
  const char *base;
  const char *bind;
  unsigned port;
  unsigned threads;
  const char *page; /**< the HTML of `/` */
} serve_options;

ildkg_status serve_parse_options(serve_options *o, int argc, char **argv);

typedef struct {
  cli_inputs in;
  const char *base;
  const char *endpoint; /**< the Graph Store endpoint */
  const char *graph;    /**< the graph IRI; NULL: the review's */
  int default_graph;    /**< --default-graph: the store's default graph instead */
  const char *file;     /**< an RDF file to send instead of the graph built from the facts */
  const char *user;
  const char *password;
  int add;              /**< POST (add to the graph) instead of PUT (replace it) */
  double timeout_s;
} load_options;

ildkg_status load_parse_options(load_options *o, int argc, char **argv);

#endif
