/* SPDX-License-Identifier: MIT */
#include <config.h>

#include <getopt.h>
#include <jansson.h>
#include <stdio.h>

#include "cli.h"
#include "cli_options.h"
#include "graph_builder.h"
#include "jsonld_writer.h"
#include "ns.h"
#include "ontology.h"

static void
print_help(void)
{
  printf("Usage: ildkg context [OPTION]...\n"
         "Print the JSON-LD 1.1 context of the ontology (ontology/context.jsonld is its\n"
         "committed copy; 'make context' refreshes it).\n\n"
         "  --ontology DIR   ontology directory (default: the source tree's or installed one)\n"
         "  --base IRI       the data's base IRI, the prefix kg: (default: %s)\n"
         "  -h, --help       this help\n",
         ILDKG_DEFAULT_BASE);
}

ildkg_status
context_parse_options(context_options *o, int argc, char **argv)
{
  static const struct option options[] = {{"ontology", required_argument, NULL, 'o'},
                                          {"base", required_argument, NULL, 'b'},
                                          {"help", no_argument, NULL, 'h'},
                                          {NULL, 0, NULL, 0}};
  *o = (context_options){.base = ILDKG_DEFAULT_BASE};
  cli_default_inputs(&o->in);
  optind = 0; /* GNU getopt: start afresh */
  opterr = 0;
  for (int c; (c = getopt_long(argc, argv, "+h", options, NULL)) != -1;) {
    switch (c) {
    case 'o': o->in.ontology_dir = optarg; break;
    case 'b': o->base = optarg; break;
    case 'h': print_help(); return ILDKG_DONE;
    default: return cli_usage_error("context", "bad option '%s'", argv[optind - 1]);
    }
  }
  if (optind < argc) {
    return cli_usage_error("context", "unexpected argument '%s'", argv[optind]);
  }
  return graph_builder_base_is_valid(o->base)
           ? ILDKG_OK
           : cli_usage_error("context", "bad --base '%s'", o->base);
}

int
cmd_context(int argc, char **argv)
{
  context_options opts;
  ildkg_status st = context_parse_options(&opts, argc, argv);
  if (st != ILDKG_OK) {
    return cli_exit_code(st == ILDKG_DONE ? ILDKG_OK : st);
  }
  ildkg_diag *d = ildkg_diag_new(CLI_MAX_MESSAGES);
  ontology *o = NULL;
  st = d ? ontology_load(&o, opts.in.ontology_dir, d) : ILDKG_ERR_NOMEM;
  json_t *doc = st == ILDKG_OK ? json_object() : NULL;
  if (st == ILDKG_OK &&
      (!doc || json_object_set_new(doc, "@context", jsonld_context_new(o, opts.base)) != 0)) {
    st = ILDKG_ERR_NOMEM;
  }
  if (st == ILDKG_OK &&
      (json_dumpf(doc, stdout, JSON_INDENT(2) | JSON_SORT_KEYS | JSON_REAL_PRECISION(3)) != 0 || putchar('\n') == EOF)) {
    st = ILDKG_ERR_IO;
  }
  if (d) {
    cli_print_diag("context", d, st);
  }
  json_decref(doc);
  ontology_free(o);
  ildkg_diag_free(d);
  return cli_exit_code(st);
}
