/* SPDX-License-Identifier: MIT */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "cli_options.h"
#include "ns.h"
#include "pipeline.h"
#include "strmap.h"

static void
print_help(void)
{
  printf("Usage: ildkg stats [OPTION]...\n"
         "Count what the facts hold: entities by class, statements by section and\n"
         "predicate, references cited, triples in the graph.\n\n"
         "  --facts DIR      facts directory (default: the source tree's or installed facts/)\n"
         "  --ontology DIR   ontology directory (default: likewise)\n"
         "  -h, --help       this help\n");
}

/* Count occurrences of names, keeping first-seen order so the output is stable. */
typedef struct {
  strmap *index;
  const char **names;
  size_t *counts;
  size_t n;
} tally;

static ildkg_status
tally_add(tally *t, const char *name, size_t times)
{
  size_t i;
  if (strmap_get(t->index, name, &i)) {
    t->counts[i] += times;
    return ILDKG_OK;
  }
  const char **names = realloc(t->names, (t->n + 1) * sizeof *names);
  t->names = names ? names : t->names;
  size_t *counts = names ? realloc(t->counts, (t->n + 1) * sizeof *counts) : NULL;
  t->counts = counts ? counts : t->counts;
  if (!counts || strmap_put(t->index, name, t->n) != ILDKG_OK) {
    return ILDKG_ERR_NOMEM;
  }
  t->names[t->n] = name;
  t->counts[t->n++] = times;
  return ILDKG_OK;
}

static void
tally_print(const tally *t, const char *title)
{
  printf("%s:\n", title);
  for (size_t i = 0; i < t->n; ++i) {
    printf("  %-40s %zu\n", t->names[i], t->counts[i]);
  }
}

static void
tally_clear(tally *t)
{
  strmap_free(t->index);
  free(t->names);
  free(t->counts);
}

static ildkg_status
print_stats(const pipeline *p)
{
  const facts *f = p->facts;
  tally classes = {strmap_new(), NULL, NULL, 0}, sections = {strmap_new(), NULL, NULL, 0},
        predicates = {strmap_new(), NULL, NULL, 0};
  ildkg_status st = classes.index && sections.index && predicates.index ? ILDKG_OK
                                                                          : ILDKG_ERR_NOMEM;
  const unsigned nrefs = facts_review_const(f)->reference_count;
  unsigned char *cited = calloc(nrefs + 1, 1);
  size_t own = 0, ncited = 0;
  st = cited ? st : ILDKG_ERR_NOMEM;
  for (size_t i = 0; st == ILDKG_OK && i < facts_section_count(f); ++i) {
    st = tally_add(&sections, facts_section_at(f, i)->id, 0); /* every section, even empty */
  }
  for (size_t i = 0; st == ILDKG_OK && i < facts_entity_count(f); ++i) {
    st = tally_add(&classes, facts_entity_at(f, i)->cls, 1);
  }
  for (size_t i = 0; st == ILDKG_OK && i < facts_statement_count(f); ++i) {
    const fact_statement *s = facts_statement_at(f, i);
    st = tally_add(&sections, s->section, 1);
    st = st == ILDKG_OK ? tally_add(&predicates, s->predicate, 1) : st;
    own += s->nreferences == 0;
    for (size_t k = 0; k < s->nreferences; ++k) {
      ncited += !cited[s->references[k]];
      cited[s->references[k]] = 1;
    }
  }
  if (st == ILDKG_OK) {
    printf("references: %u in the review, %zu cited as evidence\n", nrefs, ncited);
    printf("entities: %zu\nmappings: %zu\n", facts_entity_count(f), facts_mapping_count(f));
    printf("statements: %zu (%zu without a reference: the review's own)\n",
           facts_statement_count(f), own);
    printf("triples: %zu\n", graph_size(p->graph));
    tally_print(&sections, "statements by section");
    tally_print(&predicates, "statements by predicate");
    tally_print(&classes, "entities by class");
  }
  free(cited);
  tally_clear(&classes);
  tally_clear(&sections);
  tally_clear(&predicates);
  return st;
}

int
cmd_stats(int argc, char **argv)
{
  cli_inputs in;
  ildkg_status st = cli_parse_inputs("stats", print_help, argc, argv, &in);
  if (st != ILDKG_OK) {
    return cli_exit_code(st == ILDKG_DONE ? ILDKG_OK : st);
  }
  ildkg_diag *d = ildkg_diag_new(CLI_MAX_MESSAGES);
  pipeline p = {NULL, NULL, NULL};
  st = d ? pipeline_load(&p, in.facts_dir, in.ontology_dir, d) : ILDKG_ERR_NOMEM;
  if (st == ILDKG_OK) {
    st = pipeline_build_graph(&p, ILDKG_DEFAULT_BASE);
  }
  if (st == ILDKG_OK) {
    st = graph_index(p.graph);
  }
  if (st == ILDKG_OK) {
    st = print_stats(&p);
  }
  if (d) {
    cli_print_diag("stats", d, st);
  }
  pipeline_clear(&p);
  ildkg_diag_free(d);
  return cli_exit_code(st);
}
