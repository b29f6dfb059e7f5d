/* SPDX-License-Identifier: MIT */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_options.h"
#include "export.h"
#include "graph_builder.h"
#include "ns.h"
#include "pipeline.h"
#include "sparql_server.h"
#include "topics.h"

enum { DEFAULT_PORT = 8000, DEFAULT_THREADS = 4, MAX_THREADS = 64 };
/* the SPARQL text of a request: as long as a query file may be */
static const size_t MAX_BODY = (size_t)16 << 20;
static const size_t MAX_PAGE = (size_t)1 << 20;

static void
print_help(void)
{
  printf("Usage: ildkg serve [OPTION]...\n"
         "Answer SPARQL 1.1 Protocol queries over HTTP: the graph built from the facts (or\n"
         "the --data files) at http://ADDR:PORT/sparql, read-only, with a query page at /\n"
         "and the compare topics as JSON at /topics. Query by GET ?query=, POST form or POST\n"
         "application/sparql-query; answers as the Accept header asks (SPARQL JSON, XML, CSV,\n"
         "TSV; Turtle, N-Triples, JSON-LD, RDF/XML); GET /sparql without a query gives the\n"
         "service description. The same refusals as 'ildkg query' (400 with the reason).\n"
         "Runs until SIGINT or SIGTERM. Prints the URL on standard output once it listens.\n\n"
         "  --port N         the port (default %d; 0: a free one, printed)\n"
         "  --bind ADDR      the numeric address to listen on (default 127.0.0.1, loopback\n"
         "                   only; 0.0.0.0 or :: for every interface)\n"
         "  --threads N      request threads (default %d; queries still run one at a time)\n"
         "  --timeout SECONDS  stop a query after this long, answering 503 (default %g;\n"
         "                   0: never)\n"
         "  --max-rows N     answer 503 for more than N rows (default %lu; 0: no limit)\n"
         "  --data FILE      serve FILE instead of the facts (repeatable; syntax by extension\n"
         "                   as in 'ildkg query')\n"
         "  --facts DIR      facts directory (default: the source tree's or installed facts/)\n"
         "  --ontology DIR   ontology directory, with queries/ (default: likewise)\n"
         "  --base IRI       base IRI of the graph built from the facts (default: %s)\n"
         "  --page FILE      the HTML of / (default: web/index.html of the source tree or\n"
         "                   the installed copy)\n"
         "  -h, --help       this help\n"
         "\nExit status: 0 after SIGINT or SIGTERM, 64 usage, 65 bad data, 66 missing input,\n"
         "73 cannot listen on the address (the port is taken, say).\n",
         DEFAULT_PORT, DEFAULT_THREADS, CLI_DEFAULT_TIMEOUT, (unsigned long)CLI_DEFAULT_MAX_ROWS,
         ILDKG_DEFAULT_BASE);
}

static ildkg_status
parse_unsigned(const char *value, unsigned min, unsigned max, const char *what, unsigned *out)
{
  char *end = NULL;
  errno = 0;
  const unsigned long n = strtoul(value, &end, 10);
  if (errno || end == value || *end || value[0] == '-' || n < min || n > max) {
    return cli_usage_error("serve", "bad %s '%s' (%u to %u)", what, value, min, max);
  }
  *out = (unsigned)n;
  return ILDKG_OK;
}

ildkg_status
serve_parse_options(serve_options *o, int argc, char **argv)
{
  static const struct option options[] = {
    {"port", required_argument, NULL, 'p'},       {"bind", required_argument, NULL, 'a'},
    {"threads", required_argument, NULL, 'n'},    {"timeout", required_argument, NULL, 'T'},
    {"max-rows", required_argument, NULL, 'R'},   {"data", required_argument, NULL, 'd'},
    {"facts", required_argument, NULL, 'F'},      {"ontology", required_argument, NULL, 'o'},
    {"base", required_argument, NULL, 'b'},       {"page", required_argument, NULL, 'P'},
    {"help", no_argument, NULL, 'h'},             {NULL, 0, NULL, 0}};
  *o = (serve_options){.base = ILDKG_DEFAULT_BASE, .bind = "127.0.0.1", .port = DEFAULT_PORT,
                       .threads = DEFAULT_THREADS};
  cli_default_inputs(&o->in);
  cli_default_query_options(&o->q);
  optind = 0; /* GNU getopt: start afresh */
  opterr = 0;
  for (int c; (c = getopt_long(argc, argv, "h", options, NULL)) != -1;) {
    ildkg_status st = ILDKG_OK;
    switch (c) {
    case 'p': st = parse_unsigned(optarg, 0, 65535, "--port", &o->port); break;
    case 'n': st = parse_unsigned(optarg, 1, MAX_THREADS, "--threads", &o->threads); break;
    case 'a': o->bind = optarg; break;
    case 'F': o->in.facts_dir = optarg; break;
    case 'o': o->in.ontology_dir = optarg; break;
    case 'b': o->base = optarg; break;
    case 'P': o->page = optarg; break;
    case 'd':
    case 'T':
    case 'R': st = cli_query_option(&o->q, "serve", c, optarg); break;
    case 'h': print_help(); return ILDKG_DONE;
    default: return cli_usage_error("serve", "bad option '%s'", argv[optind - 1]);
    }
    if (st != ILDKG_OK) {
      return st;
    }
  }
  if (optind < argc) {
    return cli_usage_error("serve", "unexpected argument '%s'", argv[optind]);
  }
  if (!graph_builder_base_is_valid(o->base)) {
    return cli_usage_error("serve", "bad --base '%s'", o->base);
  }
  return ILDKG_OK;
}

/* What the server borrows: the shipped topics with their query texts, and the page. */
typedef struct {
  topic_list topics;
  service_example *examples;
  char **queries;
  char *page;
  char *dataset_iri;
} served_texts;

static void
served_texts_clear(served_texts *t)
{
  for (size_t i = 0; t->queries && i < t->topics.count; ++i) {
    free(t->queries[i]);
  }
  free(t->queries);
  free(t->examples);
  topic_list_clear(&t->topics);
  free(t->page);
  free(t->dataset_iri);
}

static ildkg_status
read_texts(const serve_options *o, served_texts *t, ildkg_diag *d)
{
  char *dir = NULL, *page_path = NULL;
  size_t len = 0;
  if (asprintf(&dir, "%s/queries", o->in.ontology_dir) < 0) {
    return ILDKG_ERR_NOMEM;
  }
  ildkg_status st = topics_list(dir, &t->topics, d);
  const size_t n = t->topics.count;
  if (st == ILDKG_OK && n) {
    t->queries = calloc(n, sizeof *t->queries);
    t->examples = calloc(n, sizeof *t->examples);
    st = t->queries && t->examples ? ILDKG_OK : ILDKG_ERR_NOMEM;
  }
  for (size_t i = 0; st == ILDKG_OK && i < n; ++i) {
    char *path = NULL;
    if (asprintf(&path, "%s/%s.rq", dir, t->topics.items[i].name) < 0) {
      st = ILDKG_ERR_NOMEM;
      break;
    }
    st = cli_read_text(path, &t->queries[i], &len, d);
    free(path);
    t->examples[i] = (service_example){t->topics.items[i].name, t->topics.items[i].title,
                                       t->queries[i]};
  }
  free(dir);
  if (st == ILDKG_OK && !o->page && asprintf(&page_path, "%s/index.html", o->in.web_dir) < 0) {
    st = ILDKG_ERR_NOMEM;
  }
  if (st == ILDKG_OK) {
    st = cli_read_file(o->page ? o->page : page_path, MAX_PAGE, &t->page, &len, d);
  }
  free(page_path);
  return st;
}

/* The signals that stop the server: SIGINT and SIGTERM. */
static void
stop_signals(sigset_t *set)
{
  sigemptyset(set);
  sigaddset(set, SIGINT);
  sigaddset(set, SIGTERM);
}

/* Serve until SIGINT or SIGTERM, which the caller has blocked in every thread. */
static ildkg_status
serve_until_signal(const serve_options *o, graph *g, const served_texts *t, ildkg_diag *d)
{
  const sparql_server_options so = {o->bind,       o->port,        o->threads,
                                    o->q.timeout_s, o->q.max_rows, MAX_BODY,
                                    o->base,       t->dataset_iri, t->page,
                                    t->examples,   t->topics.count};
  sparql_server *server = NULL;
  char why[SPARQL_SERVER_WHY_SIZE];
  const ildkg_status st = sparql_server_start(g, &so, &server, why);
  if (st != ILDKG_OK) {
    ildkg_diag_error(d, (ildkg_loc){"--bind", 0, NULL}, "%s", *why ? why : ildkg_status_string(st));
    return st;
  }
  char *root = sparql_server_url(server, ""), *endpoint = sparql_server_url(server, "sparql");
  if (!root || !endpoint) {
    free(root);
    free(endpoint);
    sparql_server_stop(server);
    return ILDKG_ERR_NOMEM;
  }
  printf("ildkg serve: listening on %s (SPARQL endpoint %s)\n", root, endpoint);
  fflush(stdout);
  free(root);
  free(endpoint);
  sigset_t stop;
  stop_signals(&stop);
  int signal_number = 0;
  sigwait(&stop, &signal_number);
  fprintf(stderr, "ildkg serve: %s, stopping\n", signal_number == SIGINT ? "SIGINT" : "SIGTERM");
  sparql_server_stop(server);
  return ILDKG_OK;
}

int
cmd_serve(int argc, char **argv)
{
  serve_options o;
  ildkg_status st = serve_parse_options(&o, argc, argv);
  if (st != ILDKG_OK) {
    return cli_exit_code(st == ILDKG_DONE ? ILDKG_OK : st);
  }
  /* blocked before any thread starts, so that every thread inherits the mask and the
     signals wait for sigwait */
  sigset_t stop;
  stop_signals(&stop);
  pthread_sigmask(SIG_BLOCK, &stop, NULL);
  ildkg_diag *d = ildkg_diag_new(CLI_MAX_MESSAGES);
  pipeline p = {NULL, NULL, NULL};
  served_texts t = {{NULL, 0}, NULL, NULL, NULL, NULL};
  st = d ? cli_load_graph(&p, &o.in, o.q.data, o.q.ndata, o.base, d) : ILDKG_ERR_NOMEM;
  if (st == ILDKG_OK) {
    st = read_texts(&o, &t, d);
  }
  if (st == ILDKG_OK && !o.q.ndata && !(t.dataset_iri = graph_builder_dataset_iri(o.base))) {
    st = ILDKG_ERR_NOMEM;
  }
  if (st == ILDKG_OK) {
    st = serve_until_signal(&o, p.graph, &t, d);
  }
  if (d) {
    cli_print_diag("serve", d, st);
  }
  served_texts_clear(&t);
  pipeline_clear(&p);
  ildkg_diag_free(d);
  return cli_exit_code(st);
}
