/* SPDX-License-Identifier: MIT */
#include <config.h>

#include <stdio.h>

#include "cli.h"
#include "cli_options.h"
#include "ns.h"
#include "pipeline.h"

static void
print_help(void)
{
  printf("Usage: ildkg validate [OPTION]...\n"
         "Check every line of the facts against the ontology and the other facts, then\n"
         "build the graph and check it against the rules of ONTOLOGY/checks/*.rq.\n"
         "Problems are printed as FILE:LINE: field NAME: what is wrong (what was expected);\n"
         "all are reported (the first %d shown) and the exit status is 65.\n\n"
         "  --facts DIR      facts directory (default: the source tree's or installed facts/)\n"
         "  --ontology DIR   ontology directory (default: likewise)\n"
         "  --sparql-checks  run every graph check through rasqal, also the shipped rules\n"
         "                   ildkg answers with a direct pass of its own (same rows, slower)\n"
         "  -h, --help       this help\n",
         CLI_MAX_MESSAGES);
}

int
cmd_validate(int argc, char **argv)
{
  cli_inputs in;
  ildkg_status st = cli_parse_inputs("validate", print_help, argc, argv, &in);
  if (st != ILDKG_OK) {
    return cli_exit_code(st == ILDKG_DONE ? ILDKG_OK : st);
  }
  ildkg_diag *d = ildkg_diag_new(CLI_MAX_MESSAGES);
  pipeline p = {NULL, NULL, NULL};
  st = d ? pipeline_load(&p, in.facts_dir, in.ontology_dir, d) : ILDKG_ERR_NOMEM;
  size_t nchecks = 0, nnative = 0;
  if (st == ILDKG_OK) {
    st = pipeline_build_graph(&p, ILDKG_DEFAULT_BASE);
  }
  if (st == ILDKG_OK) {
    st = pipeline_check_graph(&p, in.ontology_dir, in.sparql_checks, d, &nchecks, &nnative);
  }
  if (d) {
    cli_print_diag("validate", d, st);
  }
  if (st == ILDKG_OK) {
    printf("%s: valid: %zu sections, %zu entities, %zu mappings, %zu statements; "
           "%zu graph checks hold (%zu by ildkg's direct passes, %zu through rasqal)\n",
           in.facts_dir, facts_section_count(p.facts), facts_entity_count(p.facts),
           facts_mapping_count(p.facts), facts_statement_count(p.facts), nchecks, nnative,
           nchecks - nnative);
  }
  pipeline_clear(&p);
  ildkg_diag_free(d);
  return cli_exit_code(st);
}
