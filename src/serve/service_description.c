/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "service_description.h"

#include <stdio.h>
#include <string.h>

#include "graph.h"
#include "statement_sort.h"
#include "ns.h"

#define NS_SD "http://www.w3.org/ns/sparql-service-description#"
#define NS_FORMATS "http://www.w3.org/ns/formats/"
#define NS_VOID "http://rdfs.org/ns/void#"
#define NS_SH "http://www.w3.org/ns/shacl#"
#define NS_SCHEMA "https://schema.org/"

/* The W3C format IRIs of what the endpoint writes (results_writer's formats). */
static const char *const RESULT_FORMATS[] = {
  NS_FORMATS "SPARQL_Results_JSON", NS_FORMATS "SPARQL_Results_XML",
  NS_FORMATS "SPARQL_Results_CSV",  NS_FORMATS "SPARQL_Results_TSV",
  NS_FORMATS "Turtle",              NS_FORMATS "N-Triples",
  NS_FORMATS "JSON-LD",             NS_FORMATS "RDF_XML",
};

/* Adds triples to one answer; the first failure sticks and later adds do nothing. */
typedef struct {
  query_answer *a;
  raptor_world *world;
  ildkg_status st;
} builder;

static raptor_term *
node(builder *b, const char *id)
{
  /* "_:x" is a blank node, anything else an IRI */
  if (!strncmp(id, "_:", 2)) {
    return raptor_new_term_from_blank(b->world, (const unsigned char *)id + 2);
  }
  return raptor_new_term_from_uri_string(b->world, (const unsigned char *)id);
}

static raptor_term *
literal(builder *b, const char *text, const char *datatype)
{
  raptor_uri *dt = datatype ? raptor_new_uri(b->world, (const unsigned char *)datatype) : NULL;
  raptor_term *t = !datatype || dt ? raptor_new_term_from_literal(
                                       b->world, (const unsigned char *)text, dt, NULL)
                                   : NULL;
  if (dt) {
    raptor_free_uri(dt);
  }
  return t;
}

/* Add (s p o); takes @p o. */
static void
add(builder *b, const char *s, const char *p, raptor_term *o)
{
  raptor_term *subject = b->st == ILDKG_OK && o ? node(b, s) : NULL;
  raptor_term *predicate = subject ? node(b, p) : NULL;
  if (!predicate) {
    if (subject) {
      raptor_free_term(subject);
    }
    if (o) {
      raptor_free_term(o);
    }
    b->st = b->st == ILDKG_OK ? ILDKG_ERR_NOMEM : b->st;
    return;
  }
  /* raptor frees the terms when it cannot make the statement */
  raptor_statement *t = raptor_new_statement_from_nodes(b->world, subject, predicate, o, NULL);
  b->st = t ? query_answer_add_triple(b->a, t) : ILDKG_ERR_NOMEM;
}

static void
add_iri(builder *b, const char *s, const char *p, const char *o)
{
  add(b, s, p, b->st == ILDKG_OK ? node(b, o) : NULL);
}

static void
add_count(builder *b, const char *s, const char *p, size_t n)
{
  char text[32];
  snprintf(text, sizeof text, "%zu", n);
  add(b, s, p, b->st == ILDKG_OK ? literal(b, text, NS_XSD "integer") : NULL);
}

static void
describe_limits(builder *b, const service_info *info)
{
  char text[512];
  char timeout[64] = "none", rows[64] = "none";
  if (info->timeout_s > 0) {
    snprintf(timeout, sizeof timeout, "%g s", info->timeout_s);
  }
  if (info->max_rows) {
    snprintf(rows, sizeof rows, "%zu", info->max_rows);
  }
  snprintf(text, sizeof text,
           "ildkg's read-only SPARQL 1.1 Query endpoint over the COP vs CTD-ILD knowledge "
           "graph. Time limit a query: %s (then 503); row limit: %s (then 503). A query "
           "ildkg cannot answer correctly is refused with 400 and the reason, never "
           "approximated.",
           timeout, rows);
  add(b, info->endpoint, NS_DCTERMS "description", b->st == ILDKG_OK ? literal(b, text, NULL) : NULL);
}

static void
describe_dataset(builder *b, const service_info *info)
{
  add_iri(b, info->endpoint, NS_SD "defaultDataset", "_:dataset");
  add_iri(b, "_:dataset", NS_RDF "type", NS_SD "Dataset");
  add_iri(b, "_:dataset", NS_SD "defaultGraph", "_:defaultGraph");
  add_iri(b, "_:defaultGraph", NS_RDF "type", NS_SD "Graph");
  add_count(b, "_:defaultGraph", NS_VOID "triples", info->triples);
  if (info->dataset_iri) {
    /* the graph's name in the exports (N-Quads): the one default-graph-uri accepted, and
     * the release's dataset node, which VoID links to the endpoint serving it */
    add_iri(b, "_:defaultGraph", NS_DCTERMS "source", info->dataset_iri);
    add_iri(b, info->dataset_iri, NS_RDF "type", NS_VOID "Dataset");
    add_iri(b, info->dataset_iri, NS_VOID "sparqlEndpoint", info->endpoint);
  }
}

static void
describe_examples(builder *b, const service_info *info)
{
  for (size_t i = 0; b->st == ILDKG_OK && i < info->nexamples; ++i) {
    const service_example *e = &info->examples[i];
    char id[32];
    snprintf(id, sizeof id, "_:example%zu", i + 1);
    add_iri(b, id, NS_RDF "type", NS_SH "SPARQLExecutable");
    add_iri(b, id, NS_RDF "type", NS_SH "SPARQLSelectExecutable");
    add(b, id, NS_RDFS "label", b->st == ILDKG_OK ? literal(b, e->title, NULL) : NULL);
    add(b, id, NS_DCTERMS "identifier", b->st == ILDKG_OK ? literal(b, e->name, NULL) : NULL);
    add(b, id, NS_SH "select", b->st == ILDKG_OK ? literal(b, e->query, NULL) : NULL);
    add_iri(b, id, NS_SCHEMA "target", info->endpoint);
  }
}

ildkg_status
service_description_build(raptor_world *world, const service_info *info, query_answer **out)
{
  builder b = {query_answer_new(ANSWER_GRAPH, world), world, ILDKG_OK};
  if (!b.a) {
    return ILDKG_ERR_NOMEM;
  }
  add_iri(&b, info->endpoint, NS_RDF "type", NS_SD "Service");
  add_iri(&b, info->endpoint, NS_SD "endpoint", info->endpoint);
  add_iri(&b, info->endpoint, NS_SD "supportedLanguage", NS_SD "SPARQL11Query");
  for (size_t i = 0; i < sizeof RESULT_FORMATS / sizeof *RESULT_FORMATS; ++i) {
    add_iri(&b, info->endpoint, NS_SD "resultFormat", RESULT_FORMATS[i]);
  }
  describe_limits(&b, info);
  describe_dataset(&b, info);
  describe_examples(&b, info);
  if (b.st == ILDKG_OK) {
    b.st = statement_sort(b.a->triples, b.a->ntriples);
  }
  if (b.st != ILDKG_OK) {
    query_answer_free(b.a);
    b.a = NULL;
  }
  *out = b.a;
  return b.st;
}
