/* SPDX-License-Identifier: MIT */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "cli_options.h"
#include "graph_builder.h"
#include "ns.h"
#include "pipeline.h"
#include "results_writer.h"
#include "triples_source.h"

static void
print_help(void)
{
  printf("Usage: ildkg query [OPTION]... (QUERY.rq | -e SPARQL)\n"
         "Run a SPARQL 1.1 query (SELECT, ASK or CONSTRUCT) over the graph built from the\n"
         "facts, or over RDF files. A query ildkg cannot answer correctly is refused, never\n"
         "approximated (see doc/sparql-conformance.md); --endpoint sends it unchanged to a\n"
         "SPARQL 1.1 service instead.\n\n"
         "  -e, --expression SPARQL  the query text itself\n"
         "  --data FILE      query FILE instead of the facts (repeatable; - is standard\n"
         "                   input, as Turtle); its syntax by extension: .ttl turtle,\n"
         "                   .nt ntriples, .nq nquads, .trig trig, .rdf/.owl rdfxml\n"
         "  --endpoint URL   send the query to the SPARQL 1.1 endpoint URL (http or https;\n"
         "                   its ?default-graph-uri=... applies) instead of reading a graph\n"
         "  -f, --format F   table (default on a terminal), csv (default otherwise), tsv,\n"
         "                   json, xml (SPARQL 1.1 results); CONSTRUCT: turtle, ntriples,\n"
         "                   jsonld, rdfxml\n"
         "  --timeout SECONDS  stop a query after this long (default %g; 0: never)\n"
         "  --max-rows N     refuse an answer of more than N rows (default %lu; 0: no limit)\n"
         "  --facts DIR      facts directory (default: the source tree's or installed facts/)\n"
         "  --ontology DIR   ontology directory (default: likewise)\n"
         "  --base IRI       base IRI of the graph built from the facts (default: %s)\n"
         "  --timing         print to stderr how long loading the graph and answering took\n"
         "  -h, --help       this help\n"
         "\nExit status: 0 (also for an empty answer), 64 usage, 65 bad SPARQL or data,\n"
         "66 missing or unreadable query or data file, 69 not supported (a query ildkg\n"
         "cannot answer correctly), 75 the time or row limit ended the query, 76 the\n"
         "endpoint failed (no connection, an HTTP error, an answer ildkg cannot read).\n",
         CLI_DEFAULT_TIMEOUT, (unsigned long)CLI_DEFAULT_MAX_ROWS, ILDKG_DEFAULT_BASE);
}

ildkg_status
query_parse_options(query_options *o, int argc, char **argv)
{
  static const struct option options[] = {
    {"expression", required_argument, NULL, 'e'}, {"data", required_argument, NULL, 'd'},
    {"format", required_argument, NULL, 'f'},     {"facts", required_argument, NULL, 'F'},
    {"ontology", required_argument, NULL, 'o'},   {"base", required_argument, NULL, 'b'},
    {"timing", no_argument, NULL, 't'},           {"help", no_argument, NULL, 'h'},
    {"timeout", required_argument, NULL, 'T'},    {"max-rows", required_argument, NULL, 'R'},
    {"endpoint", required_argument, NULL, 'E'},   {NULL, 0, NULL, 0}};
  *o = (query_options){.base = ILDKG_DEFAULT_BASE};
  cli_default_inputs(&o->in);
  cli_default_query_options(&o->q);
  optind = 0; /* GNU getopt: start afresh */
  opterr = 0;
  for (int c; (c = getopt_long(argc, argv, "he:f:", options, NULL)) != -1;) {
    ildkg_status st = ILDKG_OK;
    switch (c) {
    case 'e': o->expression = optarg; break;
    case 'F': o->in.facts_dir = optarg; break;
    case 'o': o->in.ontology_dir = optarg; break;
    case 'f': o->format = optarg; break;
    case 'b': o->base = optarg; break;
    case 't': o->timing = 1; break;
    case 'd':
    case 'T':
    case 'R':
    case 'E': st = cli_query_option(&o->q, "query", c, optarg); break;
    case 'h': print_help(); return ILDKG_DONE;
    default: return cli_usage_error("query", "bad option '%s'", argv[optind - 1]);
    }
    if (st != ILDKG_OK) {
      return st;
    }
  }
  if (optind < argc) {
    o->query_file = argv[optind++];
  }
  if (optind < argc || !o->expression == !o->query_file) {
    return cli_usage_error("query", "%s", "give one query: a QUERY.rq file or -e SPARQL");
  }
  o->format_given = o->format != NULL;
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

/* The query text and its base IRI (the file's, so that relative IRIs resolve as in rapper). */
static ildkg_status
read_query(const query_options *o, char **text, size_t *len, char **base, ildkg_diag *d)
{
  *base = NULL;
  if (!o->query_file) {
    *len = strlen(o->expression);
    *text = strdup(o->expression);
    return *text ? ILDKG_OK : ILDKG_ERR_NOMEM;
  }
  const ildkg_status st = cli_read_text(o->query_file, text, len, d);
  if (st == ILDKG_OK && strcmp(o->query_file, "-")) {
    char *real = realpath(o->query_file, NULL);
    if (real && asprintf(base, "file://%s", real) < 0) {
      *base = NULL;
    }
    free(real);
  }
  return st;
}

static ildkg_status
answer(const query_options *o, const char *text, size_t len, const char *query_base,
       ildkg_diag *d)
{
  pipeline p = {NULL, NULL, NULL};
  raptor_world *remote = NULL; /* with --endpoint: the world of the answer's terms */
  const char *name = o->query_file ? o->query_file : "-e";
  const double started = triples_source_now_ms();
  ildkg_status st = o->q.endpoint ? cli_open_raptor_world(&remote)
                                  : cli_load_graph(&p, &o->in, o->q.data, o->q.ndata, o->base, d);
  const double loaded = triples_source_now_ms();
  query_answer *a = NULL;
  if (st == ILDKG_OK && remote) {
    st = cli_answer_endpoint(&o->q, remote, name, text, len, d, &a);
  } else if (st == ILDKG_OK) {
    const query_limits limits = {o->q.timeout_s, o->q.max_rows, query_base};
    st = cli_answer_query(p.graph, name, text, len, &limits, d, &a);
  }
  if (st == ILDKG_OK) {
    /* without -f, a graph is written as N-Triples, whatever suits a table otherwise */
    const char *format = !o->format_given && a->kind == ANSWER_GRAPH ? "ntriples" : o->format;
    st = cli_write_answer(a, name, format, o->base, d, stdout);
  }
  if (st == ILDKG_OK && o->timing && fflush(stdout) == 0) {
    /* the answer is written (and flushed) before the clock stops: that is what it costs */
    fprintf(stderr, "ildkg query: load %.3f ms, query %.3f ms\n", loaded - started,
            triples_source_now_ms() - loaded);
  }
  query_answer_free(a);
  if (remote) {
    raptor_free_world(remote);
  }
  pipeline_clear(&p);
  return st;
}

int
cmd_query(int argc, char **argv)
{
  query_options o;
  ildkg_status st = query_parse_options(&o, argc, argv);
  if (st != ILDKG_OK) {
    return cli_exit_code(st == ILDKG_DONE ? ILDKG_OK : st);
  }
  char *text = NULL, *query_base = NULL;
  size_t len = 0;
  ildkg_diag *d = ildkg_diag_new(CLI_MAX_MESSAGES);
  st = d ? read_query(&o, &text, &len, &query_base, d) : ILDKG_ERR_NOMEM;
  if (st == ILDKG_OK) {
    st = answer(&o, text, len, query_base, d);
  }
  if (d) {
    cli_print_diag("query", d, st);
  }
  free(text);
  free(query_base);
  ildkg_diag_free(d);
  return cli_exit_code(st);
}
