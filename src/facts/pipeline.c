/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "pipeline.h"

#include <stdio.h>
#include <stdlib.h>

#include "graph_builder.h"
#include "graph_checks.h"
#include "validator.h"

ildkg_status
pipeline_load(pipeline *p, const char *facts_dir, const char *ontology_dir, ildkg_diag *d)
{
  *p = (pipeline){NULL, NULL, NULL};
  const size_t errors_before = ildkg_diag_count(d);
  ildkg_status st = ontology_load(&p->ontology, ontology_dir, d);
  if (st == ILDKG_OK) {
    st = validator_load_facts(facts_dir, p->ontology, d, &p->facts);
  }
  if (st == ILDKG_OK && ildkg_diag_count(d) > errors_before) {
    st = ILDKG_ERR_INPUT;
  }
  return st;
}

ildkg_status
pipeline_build_graph(pipeline *p, const char *base)
{
  if (!(p->graph = graph_new())) {
    return ILDKG_ERR_RDF;
  }
  return graph_builder_build(p->graph, p->ontology, p->facts, base);
}

ildkg_status
pipeline_check_graph(pipeline *p, const char *ontology_dir, bool sparql_only, ildkg_diag *d,
                     size_t *nchecks, size_t *nnative)
{
  char *dir = NULL;
  *nchecks = *nnative = 0;
  if (asprintf(&dir, "%s/checks", ontology_dir) < 0) {
    return ILDKG_ERR_NOMEM;
  }
  const size_t errors_before = ildkg_diag_count(d);
  ildkg_status st = graph_checks_run(p->graph, dir, sparql_only, d, nchecks, nnative);
  free(dir);
  if (st == ILDKG_OK && ildkg_diag_count(d) > errors_before) {
    st = ILDKG_ERR_INPUT;
  }
  return st;
}

void
pipeline_clear(pipeline *p)
{
  graph_free(p->graph);
  facts_free(p->facts);
  ontology_free(p->ontology);
  *p = (pipeline){NULL, NULL, NULL};
}
