/* SPDX-License-Identifier: MIT */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "graph_builder.h"
#include "ns.h"
#include "pipeline.h"
#include "results_writer.h"

typedef struct {
  cli_inputs in;
  const char *data;
  const char *format;
  const char *expression;
  const char *query_file;
  const char *base;
  int timing;
} query_options;

static void
print_help(void)
{
  printf("Usage: ildkg query [OPTION]... (QUERY.rq | -e SPARQL)\n"
         "Run a SPARQL 1.1 query (SELECT, ASK or CONSTRUCT) over the graph built from the\n"
         "facts, or over an RDF file.\n\n"
         "  -e, --expression SPARQL  the query text itself\n"
         "  --data FILE      query FILE instead of the facts; its syntax by extension:\n"
         "                   .ttl turtle, .nt ntriples, .nq nquads, .rdf/.owl rdfxml\n"
         "  -f, --format F   table (default on a terminal), csv (default otherwise), tsv,\n"
         "                   json, xml (SPARQL 1.1 results); CONSTRUCT: turtle, ntriples\n"
         "  --facts DIR      facts directory (default: the source tree's or installed facts/)\n"
         "  --ontology DIR   ontology directory (default: likewise)\n"
         "  --base IRI       base IRI of the graph built from the facts (default: %s)\n"
         "  --timing         print to stderr how long loading the graph and answering took\n"
         "  -h, --help       this help\n"
         "\nExit status: 0 (also for an empty answer), 64 usage, 65 bad SPARQL or data,\n"
         "66 missing query or data file.\n",
         ILDKG_DEFAULT_BASE);
}

/* ILDKG_DONE after --help. */
static ildkg_status
parse_options(query_options *o, int argc, char **argv)
{
  static const struct option options[] = {
    {"expression", required_argument, NULL, 'e'}, {"data", required_argument, NULL, 'd'},
    {"format", required_argument, NULL, 'f'},     {"facts", required_argument, NULL, 'F'},
    {"ontology", required_argument, NULL, 'o'},   {"base", required_argument, NULL, 'b'},
    {"timing", no_argument, NULL, 't'},           {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};
  opterr = 0;
  for (int c; (c = getopt_long(argc, argv, "he:f:", options, NULL)) != -1;) {
    switch (c) {
    case 'e': o->expression = optarg; break;
    case 'd': o->data = optarg; break;
    case 'f': o->format = optarg; break;
    case 'F': o->in.facts_dir = optarg; break;
    case 'o': o->in.ontology_dir = optarg; break;
    case 'b': o->base = optarg; break;
    case 't': o->timing = 1; break;
    case 'h': print_help(); return ILDKG_DONE;
    default: return cli_usage_error("query", "bad option '%s'", argv[optind - 1]);
    }
  }
  if (optind < argc) {
    o->query_file = argv[optind++];
  }
  if (optind < argc || !o->expression == !o->query_file) {
    return cli_usage_error("query", "%s", "give one query: a QUERY.rq file or -e SPARQL");
  }
  if (!o->format) {
    o->format = isatty(STDOUT_FILENO) ? "table" : "csv";
  }
  if (!results_format_known(o->format)) {
    return cli_usage_error("query", "unknown format '%s' (see --help)", o->format);
  }
  if (!graph_builder_base_is_valid(o->base)) {
    return cli_usage_error("query", "bad --base '%s'", o->base);
  }
  return ILDKG_OK;
}

static double
now_ms(void)
{
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

int
cmd_query(int argc, char **argv)
{
  query_options o = {.base = ILDKG_DEFAULT_BASE};
  cli_default_inputs(&o.in);
  ildkg_status st = parse_options(&o, argc, argv);
  if (st != ILDKG_OK) {
    return cli_exit_code(st == ILDKG_DONE ? ILDKG_OK : st);
  }
  char *text = NULL;
  ildkg_diag *d = ildkg_diag_new(CLI_MAX_MESSAGES);
  pipeline p = {NULL, NULL, NULL};
  st = d ? ILDKG_OK : ILDKG_ERR_NOMEM;
  if (st == ILDKG_OK && o.query_file) {
    st = cli_read_text(o.query_file, &text, d);
  }
  const double started = now_ms();
  if (st == ILDKG_OK) {
    st = cli_load_graph(&p, &o.in, o.data, o.base, d);
  }
  const double loaded = now_ms();
  if (st == ILDKG_OK) {
    st = cli_run_query(p.graph, o.query_file ? o.query_file : "-e", text ? text : o.expression,
                       o.format, o.base, d, stdout);
  }
  if (st == ILDKG_OK && o.timing && fflush(stdout) == 0) {
    /* the answer is written (and flushed) before the clock stops: that is what it costs */
    fprintf(stderr, "ildkg query: load %.3f ms, query %.3f ms\n", loaded - started,
            now_ms() - loaded);
  }
  if (d) {
    cli_print_diag("query", d);
  }
  free(text);
  pipeline_clear(&p);
  ildkg_diag_free(d);
  return cli_exit_code(st);
}
