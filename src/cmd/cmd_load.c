/* SPDX-License-Identifier: MIT */
#include <config.h>

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_options.h"
#include "endpoint_client.h"
#include "export.h"
#include "graph_builder.h"
#include "ns.h"
#include "pipeline.h"
#include "utf8.h"

/* An RDF file ildkg may send, by extension: only syntaxes of one graph (no quads). */
typedef struct {
  const char *extension;
  const char *content_type;
} sendable;

static const sendable SENDABLE[] = {
  {".ttl", "text/turtle"},          {".nt", "application/n-triples"},
  {".rdf", "application/rdf+xml"},  {".owl", "application/rdf+xml"},
  {".jsonld", "application/ld+json"},
};

static const size_t MAX_FILE = (size_t)1 << 30;

/* An absolute IRI (RFC 3987): a scheme, a colon, then only characters an IRI may hold. */
static int
is_absolute_iri(const char *iri)
{
  const size_t n = strlen(iri);
  size_t k = 0;
  unsigned long c;
  if (!((iri[0] >= 'a' && iri[0] <= 'z') || (iri[0] >= 'A' && iri[0] <= 'Z'))) {
    return 0;
  }
  k = strspn(iri, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+-.");
  return iri[k] == ':' && iri[k + 1] && utf8_iri_unsafe_offset((const unsigned char *)iri, n, &c) == n;
}

static void
print_help(void)
{
  printf("Usage: ildkg load --endpoint URL [OPTION]...\n"
         "Put the graph into a running triple store with the SPARQL 1.1 Graph Store HTTP\n"
         "Protocol: PUT replaces the named graph, --add POSTs (adds to it). What is sent is\n"
         "the graph built from the facts, as the Turtle export (or --file). The exit status\n"
         "and message come from the store's answer.\n\n"
         "  --endpoint URL   the store's Graph Store endpoint (Virtuoso:\n"
         "                   http://HOST:8890/sparql-graph-crud-auth; Fuseki:\n"
         "                   http://HOST:3030/DATASET/data; Oxigraph: http://HOST:7878/store;\n"
         "                   GraphDB: http://HOST:7200/repositories/ID/rdf-graphs/service)\n"
         "  --graph IRI      the graph (default: the release's IRI, the graph of the N-Quads\n"
         "                   export, %srelease/%s with the default --base)\n"
         "  --default-graph  the store's default graph instead of a named one\n"
         "  --add            add the triples (POST) instead of replacing the graph (PUT)\n"
         "  --file FILE      send FILE instead (.ttl, .nt, .rdf, .owl, .jsonld: one graph)\n"
         "  --user U         user name (Basic or Digest authentication, as the store asks)\n"
         "  --password P     its password (default: the environment's ILDKG_PASSWORD)\n"
         "  --timeout SECONDS  give up after this long (default %g; 0: never)\n"
         "  --facts DIR      facts directory (default: the source tree's or installed facts/)\n"
         "  --ontology DIR   ontology directory (default: likewise)\n"
         "  --base IRI       base IRI of the graph built from the facts (default: %s)\n"
         "  -h, --help       this help\n"
         "\nExit status: 0 the store accepted it (HTTP 2xx), 64 usage, 65 bad data, 66 missing\n"
         "input, 75 timeout, 76 the store refused it or could not be reached.\n",
         ILDKG_DEFAULT_BASE, PACKAGE_VERSION, CLI_DEFAULT_TIMEOUT, ILDKG_DEFAULT_BASE);
}

static const char *
content_type_of(const char *path)
{
  const size_t len = strlen(path);
  for (size_t i = 0; i < sizeof SENDABLE / sizeof *SENDABLE; ++i) {
    const size_t n = strlen(SENDABLE[i].extension);
    if (len > n && !strcmp(path + len - n, SENDABLE[i].extension)) {
      return SENDABLE[i].content_type;
    }
  }
  return NULL;
}

ildkg_status
load_parse_options(load_options *o, int argc, char **argv)
{
  static const struct option options[] = {
    {"endpoint", required_argument, NULL, 'E'}, {"graph", required_argument, NULL, 'g'},
    {"default-graph", no_argument, NULL, 'D'},  {"add", no_argument, NULL, 'a'},
    {"file", required_argument, NULL, 'f'},     {"user", required_argument, NULL, 'u'},
    {"password", required_argument, NULL, 'p'}, {"timeout", required_argument, NULL, 'T'},
    {"facts", required_argument, NULL, 'F'},    {"ontology", required_argument, NULL, 'o'},
    {"base", required_argument, NULL, 'b'},     {"help", no_argument, NULL, 'h'},
    {NULL, 0, NULL, 0}};
  *o = (load_options){.base = ILDKG_DEFAULT_BASE, .timeout_s = CLI_DEFAULT_TIMEOUT};
  cli_default_inputs(&o->in);
  cli_query_options limits;
  cli_default_query_options(&limits);
  optind = 0; /* GNU getopt: start afresh */
  opterr = 0;
  for (int c; (c = getopt_long(argc, argv, "h", options, NULL)) != -1;) {
    ildkg_status st = ILDKG_OK;
    switch (c) {
    case 'E':
      st = endpoint_client_url_is_valid(optarg)
             ? ILDKG_OK
             : cli_usage_error("load", "bad --endpoint '%s' (an http:// or https:// URL)", optarg);
      o->endpoint = optarg;
      break;
    case 'g': o->graph = optarg; break;
    case 'D': o->default_graph = 1; break;
    case 'a': o->add = 1; break;
    case 'f': o->file = optarg; break;
    case 'u': o->user = optarg; break;
    case 'p': o->password = optarg; break;
    case 'T':
      st = cli_query_option(&limits, "load", c, optarg);
      o->timeout_s = limits.timeout_s;
      break;
    case 'F': o->in.facts_dir = optarg; break;
    case 'o': o->in.ontology_dir = optarg; break;
    case 'b': o->base = optarg; break;
    case 'h': print_help(); return ILDKG_DONE;
    default: return cli_usage_error("load", "bad option '%s'", argv[optind - 1]);
    }
    if (st != ILDKG_OK) {
      return st;
    }
  }
  if (optind < argc) {
    return cli_usage_error("load", "unexpected argument '%s'", argv[optind]);
  }
  if (!o->endpoint) {
    return cli_usage_error("load", "%s", "give the store's Graph Store endpoint: --endpoint URL");
  }
  if (o->graph && o->default_graph) {
    return cli_usage_error("load", "%s", "give --graph or --default-graph, not both");
  }
  if (o->graph && !is_absolute_iri(o->graph)) {
    return cli_usage_error("load", "bad --graph '%s' (an absolute IRI)", o->graph);
  }
  if (o->file && !content_type_of(o->file)) {
    return cli_usage_error("load", "cannot send '%s': give a .ttl, .nt, .rdf, .owl or .jsonld "
                           "file (one graph; N-Quads and TriG hold several)", o->file);
  }
  if (!graph_builder_base_is_valid(o->base)) {
    return cli_usage_error("load", "bad --base '%s'", o->base);
  }
  return ILDKG_OK;
}

/* The graph built from the facts as the Turtle export, in *text (caller frees). */
static ildkg_status
build_turtle(const load_options *o, char **text, size_t *len, size_t *triples, ildkg_diag *d)
{
  pipeline p = {NULL, NULL, NULL};
  ildkg_status st = cli_load_graph(&p, &o->in, NULL, 0, o->base, d);
  FILE *out = st == ILDKG_OK ? open_memstream(text, len) : NULL;
  if (st == ILDKG_OK && !out) {
    st = ILDKG_ERR_NOMEM;
  }
  if (out) {
    const export_options options = {o->base, p.ontology, NULL};
    st = export_write(p.graph, export_format_find("turtle"), &options, out, d);
    *triples = graph_size(p.graph);
    if (fclose(out) != 0 && st == ILDKG_OK) {
      st = ILDKG_ERR_NOMEM;
    }
  }
  pipeline_clear(&p);
  return st;
}

static ildkg_status
send(const load_options *o, const char *graph_iri, const char *content_type, const char *body,
     size_t len, ildkg_diag *d)
{
  const char *password = o->password ? o->password : getenv("ILDKG_PASSWORD");
  const endpoint_graph_upload u = {o->endpoint, graph_iri, o->add,    content_type, body,
                                   len,         o->user,   password,  o->timeout_s};
  char why[ENDPOINT_WHY_SIZE] = "";
  long status = 0;
  const ildkg_status st = endpoint_client_store_graph(&u, &status, why, sizeof why);
  if (st != ILDKG_OK) {
    ildkg_diag_error(d, (ildkg_loc){"--endpoint", 0, NULL}, "%s",
                     *why ? why : ildkg_status_string(st));
  }
  return st;
}

int
cmd_load(int argc, char **argv)
{
  load_options o;
  ildkg_status st = load_parse_options(&o, argc, argv);
  if (st != ILDKG_OK) {
    return cli_exit_code(st == ILDKG_DONE ? ILDKG_OK : st);
  }
  ildkg_diag *d = ildkg_diag_new(CLI_MAX_MESSAGES);
  char *body = NULL, *review = NULL;
  size_t len = 0, triples = 0;
  const char *content_type = o.file ? content_type_of(o.file) : "text/turtle";
  st = !d                 ? ILDKG_ERR_NOMEM
       : o.file           ? cli_read_file(o.file, MAX_FILE, &body, &len, d)
                          : build_turtle(&o, &body, &len, &triples, d);
  const char *graph_iri = o.default_graph ? NULL : o.graph;
  if (st == ILDKG_OK && !graph_iri && !o.default_graph) {
    graph_iri = review = graph_builder_dataset_iri(o.base);
    st = review ? ILDKG_OK : ILDKG_ERR_NOMEM;
  }
  if (st == ILDKG_OK) {
    st = send(&o, graph_iri, content_type, body, len, d);
  }
  if (st == ILDKG_OK) {
    char what[64] = "";
    if (!o.file) {
      snprintf(what, sizeof what, "%zu triples, ", triples);
    }
    fprintf(stderr, "ildkg load: %s %s%s%s (%s%zu bytes of %s) at %s\n",
            o.add ? "added to" : "replaced", graph_iri ? "<" : "the default graph",
            graph_iri ? graph_iri : "", graph_iri ? ">" : "", what, len, content_type,
            o.endpoint);
  }
  if (d) {
    cli_print_diag("load", d, st);
  }
  free(review);
  free(body);
  ildkg_diag_free(d);
  return cli_exit_code(st);
}
