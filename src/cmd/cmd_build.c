/* SPDX-License-Identifier: MIT */
#include <config.h>

#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/stat.h>

#include "cli.h"
#include "cli_options.h"
#include "triples_source.h"
#include "export.h"
#include "graph_builder.h"
#include "ns.h"
#include "pipeline.h"

/* Exports are named after the review they hold. */
static const char EXPORT_BASENAME[] = "cop-ctd-ild";

static void
print_help(void)
{
  printf("Usage: ildkg build [OPTION]...\n"
         "Validate the facts, build the graph, check it against the rules of\n"
         "ONTOLOGY/checks/*.rq, and write it to OUT/%s.EXT.\n"
         "The exports are one set: they are written into .OUT.ildkg-staging beside OUT and\n"
         "switched in with one rename when all are complete, so OUT always holds exactly\n"
         "the previous set or exactly the new one. OUT must hold nothing but exports.\n\n"
         "  --facts DIR      facts directory (default: the source tree's or installed facts/)\n"
         "  --ontology DIR   ontology directory (default: likewise)\n"
         "  --out DIR        output directory, created if missing (default: exports)\n"
         "  --base IRI       base IRI of the data, ending in / or # (default: %s)\n"
         "  --jsonld-context URL  in the JSON-LD export, refer to the context at URL\n"
         "                   (a hosted copy of ontology/context.jsonld) instead of embedding it\n"
         "  --timing         print to stderr the wall and CPU time of each stage (read and\n"
         "                   validate, build the graph, graph checks, write the exports)\n"
         "  --sparql-checks  run every graph check through rasqal, also the shipped rules\n"
         "                   ildkg answers with a direct pass of its own (same rows, slower)\n"
         "  --format LIST    comma-separated formats (default: all):\n",
         EXPORT_BASENAME, ILDKG_DEFAULT_BASE);
  for (size_t i = 0; i < export_format_count(); ++i) {
    const export_format *f = export_format_at(i);
    printf("                     %-9s %s (%s)\n", f->name, f->summary, f->extension);
  }
  printf("  -h, --help       this help\n");
}

static ildkg_status
add_formats(build_options *o, char *list)
{
  for (char *name = strtok(list, ","); name; name = strtok(NULL, ",")) {
    int found = 0;
    for (size_t k = 0; k < export_format_count(); ++k) {
      const export_format *f = export_format_at(k);
      /* a group: "kgx" is every "kgx-..." format */
      const int member = !strcmp(f->name, name) || (!strcmp(name, "kgx") && !strncmp(f->name, "kgx-", 4));
      if (!member) {
        continue;
      }
      found = 1;
      int seen = 0;
      for (size_t i = 0; i < o->nformats; ++i) {
        seen |= o->formats[i] == f;
      }
      if (!seen) {
        o->formats[o->nformats++] = f;
      }
    }
    if (!found) {
      return cli_usage_error("build", "unknown format '%s' (see --help for the formats)", name);
    }
  }
  return o->nformats ? ILDKG_OK : cli_usage_error("build", "empty --format list%s", "");
}

ildkg_status
build_parse_options(build_options *o, int argc, char **argv)
{
  static const struct option options[] = {
    {"facts", required_argument, NULL, 'f'}, {"ontology", required_argument, NULL, 'o'},
    {"out", required_argument, NULL, 'd'},   {"base", required_argument, NULL, 'b'},
    {"format", required_argument, NULL, 'F'}, {"help", no_argument, NULL, 'h'},
    {"jsonld-context", required_argument, NULL, 'j'}, {"timing", no_argument, NULL, 't'},
    {"sparql-checks", no_argument, NULL, 'S'}, {NULL, 0, NULL, 0}};
  *o = (build_options){.out_dir = "exports", .base = ILDKG_DEFAULT_BASE};
  cli_default_inputs(&o->in);
  ildkg_status st = ILDKG_OK;
  int c;
  optind = 0; /* GNU getopt: start afresh */
  opterr = 0;
  while (st == ILDKG_OK && (c = getopt_long(argc, argv, "+h", options, NULL)) != -1) {
    switch (c) {
    case 'f': o->in.facts_dir = optarg; break;
    case 'o': o->in.ontology_dir = optarg; break;
    case 'd': o->out_dir = optarg; break;
    case 'b': o->base = optarg; break;
    case 'j': o->jsonld_context = optarg; break;
    case 't': o->timing = 1; break;
    case 'S': o->in.sparql_checks = 1; break;
    case 'F': st = add_formats(o, optarg); break;
    case 'h': print_help(); return ILDKG_DONE;
    default: return cli_usage_error("build", "bad option '%s'", argv[optind - 1]);
    }
  }
  if (st == ILDKG_OK && optind < argc) {
    st = cli_usage_error("build", "unexpected argument '%s'", argv[optind]);
  }
  if (st == ILDKG_OK && o->jsonld_context && !graph_builder_iri_is_valid(o->jsonld_context)) {
    st = cli_usage_error("build", "bad --jsonld-context '%s' (expected an http(s) URL)",
                         o->jsonld_context);
  }
  if (st == ILDKG_OK && !graph_builder_base_is_valid(o->base)) {
    st = cli_usage_error("build", "bad --base '%s' (expected an http(s) IRI ending in / or #)",
                         o->base);
  }
  if (st == ILDKG_OK && o->nformats == 0) { /* no --format: every format ildkg has */
    for (size_t i = 0; i < export_format_count(); ++i) {
      o->formats[o->nformats++] = export_format_at(i);
    }
  }
  return st;
}

/* Wall and CPU clocks at the start of a stage, for --timing. */
typedef struct {
  double wall_ms, cpu_ms;
} stage_clock;

static stage_clock
clock_now(void)
{
  struct timespec cpu;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &cpu);
  return (stage_clock){triples_source_now_ms(), cpu.tv_sec * 1e3 + cpu.tv_nsec / 1e6};
}

/* Print the stage that began at *since, when --timing asks, and start the next one. */
static void
end_stage(const build_options *o, const char *stage, stage_clock *since)
{
  const stage_clock now = clock_now();
  if (o->timing) {
    fprintf(stderr, "ildkg build: timing: %s: wall %.1f ms, cpu %.1f ms\n", stage,
            now.wall_ms - since->wall_ms, now.cpu_ms - since->cpu_ms);
  }
  *since = now;
}

int
cmd_build(int argc, char **argv)
{
  build_options o;
  ildkg_status st = build_parse_options(&o, argc, argv);
  if (st != ILDKG_OK) {
    return cli_exit_code(st == ILDKG_DONE ? ILDKG_OK : st);
  }
  ildkg_diag *d = ildkg_diag_new(CLI_MAX_MESSAGES);
  pipeline p = {NULL, NULL, NULL};
  stage_clock clock = clock_now();
  st = d ? pipeline_load(&p, o.in.facts_dir, o.in.ontology_dir, d) : ILDKG_ERR_NOMEM;
  end_stage(&o, "read and validate", &clock);
  if (st == ILDKG_OK) {
    st = pipeline_build_graph(&p, o.base);
    end_stage(&o, "build the graph", &clock);
  }
  size_t nchecks = 0, nnative = 0;
  if (st == ILDKG_OK) {
    st = pipeline_check_graph(&p, o.in.ontology_dir, o.in.sparql_checks, d, &nchecks, &nnative);
    end_stage(&o, "graph checks", &clock);
  }
  if (st == ILDKG_OK) {
    const export_options eo = {o.base, p.ontology, o.jsonld_context};
    st = export_write_all(p.graph, o.formats, o.nformats, &eo, o.out_dir, EXPORT_BASENAME, d,
                          stdout);
    end_stage(&o, "write the exports", &clock);
  }
  if (d) {
    cli_print_diag("build", d, ILDKG_OK); /* the line below names any failure */
  }
  if (st != ILDKG_OK) {
    struct stat info;
    const bool had_set = stat(o.out_dir, &info) == 0;
    fprintf(stderr, "ildkg build: %s; %s%s\n",
            st == ILDKG_ERR_INPUT ? "the data are not valid" : ildkg_status_string(st),
            had_set ? o.out_dir : "no export was written",
            had_set ? " still holds the previous export set, unchanged" : "");
  }
  pipeline_clear(&p);
  ildkg_diag_free(d);
  return cli_exit_code(st);
}
