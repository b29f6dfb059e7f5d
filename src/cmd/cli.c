/* SPDX-License-Identifier: MIT */
/* ildkg: one medical review as a literature-annotated RDF knowledge graph. */
#include <config.h>

#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

#include "cli.h"
#include "query_guard.h"

typedef struct {
  const char *name;
  int (*run)(int argc, char **argv);
  const char *summary;
} cli_command;

static const cli_command COMMANDS[] = {
  {"build", cmd_build, "validate the facts, build the graph, write the exports"},
  {"validate", cmd_validate, "check every facts line against the ontology and the other facts"},
  {"stats", cmd_stats, "count entities, statements and references, by class and section"},
  {"context", cmd_context, "print the JSON-LD context of the ontology"},
  {"query", cmd_query, "run a SPARQL query over the graph or an RDF file"},
  {"compare", cmd_compare, "compare COP and CTD-ILD topic by topic"},
  {"serve", cmd_serve, "answer SPARQL 1.1 Protocol queries over HTTP, with a query page"},
  {"load", cmd_load, "put the graph into a triple store (SPARQL 1.1 Graph Store Protocol)"},
};

static void
print_usage(FILE *out)
{
  fprintf(out, "Usage: ildkg COMMAND [OPTION]...\n"
               "Turn the COP vs CTD-ILD review into an RDF knowledge graph.\n\nCommands:\n");
  for (size_t i = 0; i < sizeof COMMANDS / sizeof *COMMANDS; ++i) {
    fprintf(out, "  %-10s %s\n", COMMANDS[i].name, COMMANDS[i].summary);
  }
  fprintf(out, "\n'ildkg COMMAND --help' describes a command's options.\n"
               "  -h, --help     this help\n"
               "  -V, --version  the version\n"
               "\nExit status: 0 ok, 64 usage, 65 bad data, 66 missing input,\n"
               "73 cannot create output, 74 I/O error.\n");
}

static int
dispatch(int argc, char **argv)
{
  if (argc < 2) {
    print_usage(stderr);
    return EX_USAGE;
  }
  if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
    print_usage(stdout);
    return EX_OK;
  }
  if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "-V")) {
    printf("%s %s\n", PACKAGE_NAME, PACKAGE_VERSION);
    return EX_OK;
  }
  for (size_t i = 0; i < sizeof COMMANDS / sizeof *COMMANDS; ++i) {
    if (!strcmp(argv[1], COMMANDS[i].name)) {
      return COMMANDS[i].run(argc - 1, argv + 1);
    }
  }
  fprintf(stderr, "ildkg: unknown command '%s'\nTry 'ildkg --help'.\n", argv[1]);
  return EX_USAGE;
}

int
main(int argc, char **argv)
{
  /* rasqal's REGEX and REPLACE use the C library's regcomp, which matches characters,
     not bytes, only in a UTF-8 locale ("^.$" must match "é"); nothing else here reads
     LC_CTYPE. The guard refuses patterns that depend on it when it is missing. */
  query_guard_set_utf8(setlocale(LC_CTYPE, "C.UTF-8") != NULL);
  int code = dispatch(argc, argv);
  /* Every path ends here, so a failed write to stdout (say /dev/full) is never a success. */
  if (fflush(stdout) != 0 || ferror(stdout) || fclose(stdout) != 0) {
    fprintf(stderr, "ildkg: error writing standard output\n");
    code = code ? code : EX_IOERR;
  }
  return code;
}
