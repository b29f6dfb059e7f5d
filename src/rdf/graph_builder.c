/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "graph_builder.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "curie.h"
#include "ns.h"
#include "utf8.h"
#include "xsd.h"


typedef struct {
  graph *g;
  const ontology *onto;
  const facts *facts;
  const char *base;
  /* Scratch IRIs, rebuilt for each node; sized for the longest id we accept. */
  char subject[1024], object[1024], scratch[1024];
} builder;

/* ---- IRIs ------------------------------------------------------------------ */

static const char *
mint(char *buf, size_t size, const char *base, const char *prefix, const char *id)
{
  const int n = snprintf(buf, size, "%s%s%s", base, prefix, id);
  return n > 0 && (size_t)n < size ? buf : NULL;
}

static const char *
ildkg_iri(char *buf, size_t size, const char *local)
{
  return mint(buf, size, NS_ILDKG, "", local);
}

#define TRY(expr)                                                                              \
  do {                                                                                         \
    const ildkg_status try_st_ = (expr);                                                       \
    if (try_st_ != ILDKG_OK) {                                                                 \
      return try_st_;                                                                          \
    }                                                                                          \
  } while (0)

static ildkg_status
need(const char *iri)
{
  return iri ? ILDKG_OK : ILDKG_ERR_INPUT; /* an id too long to mint an IRI from */
}

static ildkg_status
add_label(builder *b, const char *s, const char *p, const char *text)
{
  return graph_add_literal(b->g, s, p, text, NULL, "en");
}

static ildkg_status
add_typed(builder *b, const char *s, const char *p, const char *value, const char *xsd_local)
{
  char datatype[128];
  snprintf(datatype, sizeof datatype, "%s%s", NS_XSD, xsd_local);
  return graph_add_literal(b->g, s, p, value, datatype, NULL);
}

/* rdf:type the class and each of its ildkg superclasses, so queries need no subclass paths. */
static ildkg_status
add_types(builder *b, const char *s, const char *cls)
{
  size_t n = 0;
  const char *const *ancestors = ontology_class_ancestors(b->onto, cls, &n);
  for (size_t i = 0; i < n; ++i) {
    char type[256];
    TRY(need(ildkg_iri(type, sizeof type, ancestors[i])));
    TRY(graph_add_iri(b->g, s, NS_RDF "type", type));
  }
  return n ? ILDKG_OK : ILDKG_ERR_INPUT;
}

/* ---- the review, references, sections ------------------------------------- */

static ildkg_status
add_review(builder *b)
{
  const fact_review *r = facts_review_const(b->facts);
  const char *review = mint(b->subject, sizeof b->subject, b->base, "", "review");
  TRY(need(review));
  TRY(graph_add_iri(b->g, review, NS_RDF "type", NS_FABIO "ReviewArticle"));
  TRY(add_types(b, review, "Review"));
  TRY(add_label(b, review, NS_RDFS "label", r->label));
  for (unsigned n = 1; n <= r->reference_count; ++n) {
    char number[16];
    snprintf(number, sizeof number, "%u", n);
    const char *ref = mint(b->object, sizeof b->object, b->base, "reference-", number);
    TRY(need(ref));
    TRY(graph_add_iri(b->g, review, NS_CITO "cites", ref));
    TRY(add_types(b, ref, "Reference"));
    TRY(add_typed(b, ref, NS_ILDKG "referenceNumber", number, "integer"));
    snprintf(b->scratch, sizeof b->scratch, "reference [%u] of the review", n);
    TRY(add_label(b, ref, NS_RDFS "label", b->scratch));
  }
  return ILDKG_OK;
}

static ildkg_status
add_section(builder *b, const fact_section *s)
{
  const char *iri = mint(b->subject, sizeof b->subject, b->base, "section-", s->id);
  const char *parent = s->part_of ? mint(b->object, sizeof b->object, b->base, "section-", s->part_of)
                                  : mint(b->object, sizeof b->object, b->base, "", "review");
  TRY(need(iri));
  TRY(need(parent));
  TRY(add_types(b, iri, s->cls));
  TRY(add_label(b, iri, NS_RDFS "label", s->label));
  TRY(graph_add_iri(b->g, iri, NS_DCTERMS "isPartOf", parent));
  char order[16];
  snprintf(order, sizeof order, "%u", s->order);
  return add_typed(b, iri, NS_ILDKG "order", order, "integer");
}

/* ---- entities ---------------------------------------------------------------- */

static ildkg_status
add_entity(builder *b, const fact_entity *e)
{
  const char *iri = mint(b->subject, sizeof b->subject, b->base, "", e->id);
  TRY(need(iri));
  TRY(add_types(b, iri, e->cls));
  TRY(add_label(b, iri, NS_RDFS "label", e->label));
  for (size_t i = 0; i < e->nalt_labels; ++i) {
    TRY(add_label(b, iri, NS_SKOS "altLabel", e->alt_labels[i]));
  }
  return ILDKG_OK;
}

/* The mapping's own node, <base>mapping-ENTITY-PREFIX-LOCAL: what the skos triple cannot
   carry (the term's label there, where it was checked, how the match was made). */
static ildkg_status
add_mapping_node(builder *b, const fact_mapping *m, const char *entity, const char *match,
                 const char *external)
{
  char *node = NULL;
  if (asprintf(&node, "%smapping-%s-%.*s-%s", b->base, m->entity,
               (int)strcspn(m->curie, ":"), m->curie, strchr(m->curie, ':') + 1) < 0) {
    return ILDKG_ERR_NOMEM;
  }
  ildkg_status st = add_types(b, node, "Mapping");
  if (st == ILDKG_OK) {
    st = graph_add_iri(b->g, node, NS_ILDKG "mappedEntity", entity);
  }
  if (st == ILDKG_OK) {
    st = graph_add_iri(b->g, node, NS_ILDKG "matchPredicate", match);
  }
  if (st == ILDKG_OK) {
    st = graph_add_iri(b->g, node, NS_ILDKG "mappedTo", external);
  }
  if (st == ILDKG_OK) {
    st = graph_add_literal(b->g, node, NS_ILDKG "externalId", m->curie, NULL, NULL);
  }
  if (st == ILDKG_OK) {
    st = graph_add_literal(b->g, node, NS_ILDKG "externalLabel", m->external_label, NULL, NULL);
  }
  if (st == ILDKG_OK) {
    st = graph_add_literal(b->g, node, NS_ILDKG "checkedIn", m->checked_in, NULL, NULL);
  }
  if (st == ILDKG_OK) {
    st = graph_add_iri(b->g, node, NS_ILDKG "mappingJustification",
                       NS_SEMAPV "ManualMappingCuration");
  }
  free(node);
  return st;
}

/* HP:0012735 -> http://purl.obolibrary.org/obo/HP_0012735 (the schemes of curie.h) */
static ildkg_status
add_mapping(builder *b, const fact_mapping *m)
{
  const char *iri = mint(b->subject, sizeof b->subject, b->base, "", m->entity);
  TRY(need(iri));
  const char *match = m->exact ? NS_SKOS "exactMatch" : NS_SKOS "closeMatch";
  char *external = curie_to_iri(m->curie); /* the validator accepted only known schemes */
  ildkg_status st = external ? graph_add_iri(b->g, iri, match, external) : ILDKG_ERR_NOMEM;
  if (st == ILDKG_OK) {
    st = add_mapping_node(b, m, iri, match, external);
  }
  free(external);
  return st;
}

/* ---- statements ---------------------------------------------------------------- */

static ildkg_status
add_qualifier(builder *b, const char *stmt, const fact_qualifier *q)
{
  char property[256];
  TRY(need(ildkg_iri(property, sizeof property, q->property)));
  switch (q->kind) {
  case VALUE_ENTITY:
    TRY(need(mint(b->object, sizeof b->object, b->base, "", q->value)));
    return graph_add_iri(b->g, stmt, property, b->object);
  case VALUE_STATEMENT:
    TRY(need(mint(b->object, sizeof b->object, b->base, "stmt-", q->value)));
    return graph_add_iri(b->g, stmt, property, b->object);
  case VALUE_TERM:
    TRY(need(ildkg_iri(b->object, sizeof b->object, q->value)));
    return graph_add_iri(b->g, stmt, property, b->object);
  case VALUE_DECIMAL:
    TRY(need(xsd_canonical_decimal(b->scratch, sizeof b->scratch, q->value)));
    return add_typed(b, stmt, property, b->scratch, "decimal");
  case VALUE_INTEGER: return add_typed(b, stmt, property, q->value, "integer");
  case VALUE_BOOLEAN: return add_typed(b, stmt, property, q->value, "boolean");
  }
  return ILDKG_ERR_INPUT;
}

/* A plain claim holds as stated: it is not negated, and no qualifier restricts it
   (ildkg:restrictsClaim: "may", "in smokers", "except in SSc", "not all"; a boolean one only
   when true). Only a plain claim gives a direct edge, so that an edge is always a fact. */
static int
is_plain_claim(const builder *b, const fact_statement *s)
{
  for (size_t i = 0; i < s->nqualifiers; ++i) {
    const fact_qualifier *q = &s->qualifiers[i];
    const ontology_property *p = ontology_property_get(b->onto, q->property);
    const int is_true = !strcmp(q->value, "true");
    if ((!strcmp(q->property, "negated") && is_true) ||
        (p && p->restricts_claim && (q->kind != VALUE_BOOLEAN || is_true))) {
      return 0;
    }
  }
  return 1;
}

static ildkg_status
add_provenance(builder *b, const char *stmt, const fact_statement *s)
{
  TRY(need(mint(b->object, sizeof b->object, b->base, "", "review")));
  TRY(graph_add_iri(b->g, stmt, NS_PROV "wasDerivedFrom", b->object));
  for (size_t i = 0; i < s->nreferences; ++i) {
    char number[16];
    snprintf(number, sizeof number, "%u", s->references[i]);
    TRY(need(mint(b->object, sizeof b->object, b->base, "reference-", number)));
    TRY(graph_add_iri(b->g, stmt, NS_CITO "citesAsEvidence", b->object));
  }
  if (s->nreferences == 0) {
    TRY(add_typed(b, stmt, NS_ILDKG "isReviewOwnClaim", "true", "boolean"));
  }
  TRY(need(mint(b->object, sizeof b->object, b->base, "section-", s->section)));
  TRY(graph_add_iri(b->g, stmt, NS_ILDKG "inSection", b->object));
  /* The text anchor: a W3C Web Annotation quote selector into the review. */
  TRY(need(mint(b->scratch, sizeof b->scratch, b->base, "quote-", s->id)));
  TRY(graph_add_iri(b->g, stmt, NS_OA "hasSelector", b->scratch));
  TRY(graph_add_iri(b->g, b->scratch, NS_RDF "type", NS_OA "TextQuoteSelector"));
  TRY(need(mint(b->object, sizeof b->object, b->base, "", "review"))); /* b->object was the section */
  TRY(graph_add_iri(b->g, b->scratch, NS_OA "hasSource", b->object));
  return graph_add_literal(b->g, b->scratch, NS_OA "exact", s->quote, NULL, NULL);
}

/* "cryptogenic organizing pneumonia / has symptom / cough", new (caller frees); NULL when
   out of memory. No buffer: a label is never cut, least of all inside a character. */
static char *
statement_label(const builder *b, const fact_statement *s)
{
  const fact_entity *subject = facts_find_entity(b->facts, s->subject);
  const fact_entity *object = facts_find_entity(b->facts, s->object);
  const char *predicate = ontology_label(b->onto, s->predicate);
  char *label = NULL;
  if (asprintf(&label, "%s / %s / %s", subject ? subject->label : s->subject,
               predicate ? predicate : s->predicate, object ? object->label : s->object) < 0) {
    return NULL;
  }
  return label;
}

static ildkg_status
add_statement_label(builder *b, const char *stmt, const fact_statement *s)
{
  char *label = statement_label(b, s);
  const ildkg_status st = label ? add_label(b, stmt, NS_RDFS "label", label) : ILDKG_ERR_NOMEM;
  free(label);
  return st;
}

/* Write the display of one qualifier value to @p f: a label where there is one (a
   statement shows as its label, "subject / relation / object"), else the value. */
static ildkg_status
put_qualifier_value(const builder *b, const fact_qualifier *q, FILE *f)
{
  const fact_entity *e = q->kind == VALUE_ENTITY ? facts_find_entity(b->facts, q->value) : NULL;
  const fact_statement *s =
    q->kind == VALUE_STATEMENT ? facts_find_statement(b->facts, q->value) : NULL;
  const char *term = q->kind == VALUE_TERM ? ontology_label(b->onto, q->value) : NULL;
  if (s) {
    char *label = statement_label(b, s);
    if (!label) {
      return ILDKG_ERR_NOMEM;
    }
    fputs(label, f);
    free(label);
    return ILDKG_OK;
  }
  fputs(e ? e->label : term ? term : q->value, f);
  return ILDKG_OK;
}

/* The qualifier text of @p s, new (caller frees); NULL when out of memory. */
static char *
qualifier_text(const builder *b, const fact_statement *s)
{
  char *text = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&text, &len);
  ildkg_status st = f ? ILDKG_OK : ILDKG_ERR_NOMEM;
  for (size_t i = 0; st == ILDKG_OK && i < s->nqualifiers; ++i) {
    const fact_qualifier *q = &s->qualifiers[i];
    const char *label = ontology_label(b->onto, q->property);
    fprintf(f, "%s%s: ", i ? "; " : "", label ? label : q->property);
    st = put_qualifier_value(b, q, f);
  }
  if (f && fclose(f) != 0) {
    st = ILDKG_ERR_NOMEM;
  }
  if (st != ILDKG_OK) {
    free(text);
    return NULL;
  }
  return text;
}

/*
 * Derived display text, so that a comparison table needs no GROUP_CONCAT (whose
 * separator rasqal ignores, and whose order differs between engines):
 * ildkg:qualifierText "frequency: most common; onset: subacute" and
 * ildkg:referenceText "[9, 10, 11]" or "(the review's own)". Built in memory that
 * grows: no claim's qualifiers are cut short, however long.
 */
static ildkg_status
add_display_texts(builder *b, const char *stmt, const fact_statement *s)
{
  if (s->nqualifiers) {
    char *text = qualifier_text(b, s);
    const ildkg_status st =
      text ? graph_add_literal(b->g, stmt, NS_ILDKG "qualifierText", text, NULL, NULL)
           : ILDKG_ERR_NOMEM;
    free(text);
    TRY(st);
  }
  char *refs = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&refs, &len);
  if (!f) {
    return ILDKG_ERR_NOMEM;
  }
  for (size_t i = 0; i < s->nreferences; ++i) {
    fprintf(f, "%s%u", i ? ", " : "[", s->references[i]);
  }
  fputs(s->nreferences ? "]" : "(the review's own)", f);
  const ildkg_status st =
    fclose(f) == 0 ? graph_add_literal(b->g, stmt, NS_ILDKG "referenceText", refs, NULL, NULL)
                   : ILDKG_ERR_NOMEM;
  free(refs);
  return st;
}

/* What a claim is about, (relation, entity), as a node of its own that names every disease
 * with a claim on it, negated and restricted ones too. A comparison asks "has the other
 * disease a claim on this feature?" with one index lookup, not a scan of every claim that
 * shares the entity (quadratic as the literature grows). */
static const char *
feature_iri(char *buf, size_t size, const char *base, const fact_statement *s)
{
  const int n = snprintf(buf, size, "%sfeature-%s-%s", base, s->predicate, s->object);
  return n > 0 && (size_t)n < size ? buf : NULL;
}

static ildkg_status
add_feature(builder *b, const fact_statement *s, const char *stmt, const char *subject,
            const char *predicate, const char *object)
{
  char feature[1024];
  TRY(need(feature_iri(feature, sizeof feature, b->base, s)));
  TRY(graph_add_iri(b->g, stmt, NS_ILDKG "aboutFeature", feature));
  TRY(graph_add_iri(b->g, feature, NS_ILDKG "claimedFor", subject));
  TRY(add_types(b, feature, "ClaimedFeature"));
  TRY(graph_add_iri(b->g, feature, NS_ILDKG "featureRelation", predicate));
  return graph_add_iri(b->g, feature, NS_ILDKG "featureEntity", object);
}

static ildkg_status
add_statement(builder *b, const fact_statement *s)
{
  const ontology_property *p = ontology_property_get(b->onto, s->predicate);
  char stmt[1024], subject[1024], object[1024], predicate[256];
  TRY(need(p ? p->statement_class : NULL));
  TRY(need(mint(stmt, sizeof stmt, b->base, "stmt-", s->id)));
  TRY(need(mint(subject, sizeof subject, b->base, "", s->subject)));
  TRY(need(mint(object, sizeof object, b->base, "", s->object)));
  TRY(need(ildkg_iri(predicate, sizeof predicate, s->predicate)));
  TRY(add_types(b, stmt, p->statement_class));
  TRY(graph_add_iri(b->g, stmt, NS_ILDKG "subject", subject));
  TRY(graph_add_iri(b->g, stmt, NS_ILDKG "predicate", predicate));
  TRY(graph_add_iri(b->g, stmt, NS_ILDKG "object", object));
  for (size_t i = 0; i < s->nqualifiers; ++i) {
    TRY(add_qualifier(b, stmt, &s->qualifiers[i]));
  }
  TRY(add_provenance(b, stmt, s));
  TRY(add_statement_label(b, stmt, s));
  TRY(add_display_texts(b, stmt, s));
  TRY(add_feature(b, s, stmt, subject, predicate, object));
  /* The direct edge is derived here, never curated, from a plain claim only. */
  return is_plain_claim(b, s) ? graph_add_iri(b->g, subject, predicate, object) : ILDKG_OK;
}

/* ---- the groups a feature's subjects are subtypes of ---------------------------- */

/* A plain "subtype of" claim, as the direct edge (subject ildkg:subtypeOf group) says it. */
typedef struct {
  const char *subtype, *group;
} subtype_edge;

static int
compare_subtypes(const void *a, const void *b)
{
  const subtype_edge *x = a, *y = b;
  const int c = strcmp(x->subtype, y->subtype);
  return c ? c : strcmp(x->group, y->group);
}

/* The direct subtypeOf edges of the facts, sorted by subtype, each once; *n gets how many. NULL with
   *n = 0 when there are none; ILDKG_ERR_NOMEM in *st when out of memory. */
static subtype_edge *
collect_subtype_edges(const builder *b, size_t *n, ildkg_status *st)
{
  const size_t count = facts_statement_count(b->facts);
  subtype_edge *edges = NULL;
  *n = 0;
  *st = ILDKG_OK;
  for (size_t i = 0; i < count; ++i) {
    const fact_statement *s = facts_statement_at(b->facts, i);
    if (strcmp(s->predicate, "subtypeOf") || !is_plain_claim(b, s)) {
      continue;
    }
    if (!edges && !(edges = malloc(count * sizeof *edges))) {
      *st = ILDKG_ERR_NOMEM;
      return NULL;
    }
    edges[(*n)++] = (subtype_edge){s->subject, s->object};
  }
  if (*n > 1) {
    qsort(edges, *n, sizeof *edges, compare_subtypes);
  }
  /* each pair once: a claim said again (a second sentence, a second review) would add
     the same group again for every claim about the subtype */
  size_t kept = 0;
  for (size_t i = 0; i < *n; ++i) {
    if (!kept || compare_subtypes(&edges[kept - 1], &edges[i])) {
      edges[kept++] = edges[i];
    }
  }
  *n = kept;
  return edges;
}

/* The first edge of @p subtype in @p edges (sorted), or @p n. */
static size_t
first_edge_of(const subtype_edge *edges, size_t n, const char *subtype)
{
  size_t lo = 0, hi = n;
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    if (strcmp(edges[mid].subtype, subtype) < 0) {
      lo = mid + 1;
    } else {
      hi = mid;
    }
  }
  return lo;
}

/* Each feature names the groups its subjects are subtypes of (ildkg:claimedForSubtypeOf),
 * so that "is this feature claimed for any subtype of CTD-ILD?" is one bound lookup: from
 * the feature's subjects it grows with them, and a Table 1 feature is claimed for every
 * disease-specific CTD-ILD, for every claim on it (only-cop's second OPTIONAL). */
static ildkg_status
add_subtype_groups(builder *b)
{
  size_t n;
  ildkg_status st;
  subtype_edge *edges = collect_subtype_edges(b, &n, &st);
  char feature[1024];
  for (size_t i = 0; st == ILDKG_OK && n && i < facts_statement_count(b->facts); ++i) {
    const fact_statement *s = facts_statement_at(b->facts, i);
    size_t e = first_edge_of(edges, n, s->subject);
    if (e == n || strcmp(edges[e].subtype, s->subject)) {
      continue;
    }
    st = need(feature_iri(feature, sizeof feature, b->base, s));
    for (; st == ILDKG_OK && e < n && !strcmp(edges[e].subtype, s->subject); ++e) {
      st = need(mint(b->object, sizeof b->object, b->base, "", edges[e].group));
      if (st == ILDKG_OK) {
        st = graph_add_iri(b->g, feature, NS_ILDKG "claimedForSubtypeOf", b->object);
      }
    }
  }
  free(edges);
  return st;
}

/* ---- the dataset ------------------------------------------------------------- */

char *
graph_builder_dataset_iri(const char *base)
{
  char *iri = NULL;
  return base && asprintf(&iri, "%srelease/%s", base, PACKAGE_VERSION) >= 0 ? iri : NULL;
}

static int
is_ontology_header(const ildkg_triple *t)
{
  return t->s.kind == TERM_IRI && !strcmp(t->s.value, ILDKG_ONTOLOGY_IRI);
}

/* The header values a release of the data shares with the ontology it is built with: the
 * licence, the date, the HP release the ids were checked against; and the ontology's
 * version IRI, which the data import and conform to. */
static ildkg_status
add_dataset_header_values(builder *b, const char *dataset)
{
  for (size_t i = 0; i < ontology_triple_count(b->onto); ++i) {
    const ildkg_triple *t = ontology_triple_at(b->onto, i);
    const char *p = t->p.value;
    if (!is_ontology_header(t)) {
      continue;
    }
    if (!strcmp(p, NS_DCTERMS "license") || !strcmp(p, NS_DCTERMS "modified") ||
        !strcmp(p, NS_ILDKG "hpoVersion")) {
      ildkg_triple copy = *t;
      copy.s.value = (char *)dataset; /* read only by graph_add_triple */
      TRY(graph_add_triple(b->g, &copy));
    } else if (!strcmp(p, NS_OWL "versionIRI") && t->o.kind == TERM_IRI) {
      TRY(graph_add_iri(b->g, dataset, NS_OWL "imports", t->o.value));
      TRY(graph_add_iri(b->g, dataset, NS_DCTERMS "conformsTo", t->o.value));
    }
  }
  return ILDKG_OK;
}

/* Examples for VoID: the claim with the first id and what it is about (the first by id, not
 * by place in the files, so reordered facts give the same bytes). */
static ildkg_status
add_dataset_examples(builder *b, const char *dataset)
{
  const fact_statement *s = NULL;
  for (size_t i = 0; i < facts_statement_count(b->facts); ++i) {
    const fact_statement *x = facts_statement_at(b->facts, i);
    s = !s || strcmp(x->id, s->id) < 0 ? x : s;
  }
  if (!s) {
    return ILDKG_OK;
  }
  TRY(need(mint(b->object, sizeof b->object, b->base, "", s->subject)));
  TRY(graph_add_iri(b->g, dataset, NS_VOID "exampleResource", b->object));
  TRY(need(mint(b->object, sizeof b->object, b->base, "stmt-", s->id)));
  return graph_add_iri(b->g, dataset, NS_VOID "exampleResource", b->object);
}

/* The data describe themselves as a dataset with an IRI and version of their own, and
 * refer to the ontology rather than carry its header: a store holding two releases, or
 * the data and the ontology, can tell them apart. */
static ildkg_status
add_dataset(builder *b, const char *dataset)
{
  const char *review = mint(b->object, sizeof b->object, b->base, "", "review");
  TRY(need(review));
  TRY(graph_add_iri(b->g, dataset, NS_RDF "type", NS_VOID "Dataset"));
  TRY(graph_add_iri(b->g, dataset, NS_RDF "type", NS_DCAT "Dataset"));
  TRY(graph_add_iri(b->g, dataset, NS_RDF "type", NS_OWL "Ontology"));
  TRY(graph_add_iri(b->g, dataset, NS_DCTERMS "source", review));
  TRY(graph_add_iri(b->g, dataset, NS_PROV "wasDerivedFrom", review));
  snprintf(b->scratch, sizeof b->scratch, "ildkg knowledge graph of the COP vs CTD-ILD review, release %s",
           PACKAGE_VERSION);
  TRY(add_label(b, dataset, NS_RDFS "label", b->scratch));
  TRY(add_label(b, dataset, NS_DCTERMS "title", b->scratch));
  TRY(add_label(b, dataset, NS_DCTERMS "description",
                "The claims of one review, each a statement node with its subject, predicate, "
                "object, qualifiers, quote, place in the review and references; the entities "
                "they name with their checked external ids. Classes and properties are those "
                "of the ildkg ontology, imported."));
  TRY(graph_add_literal(b->g, dataset, NS_PAV "version", PACKAGE_VERSION, NULL, NULL));
  TRY(graph_add_literal(b->g, dataset, NS_OWL "versionInfo", PACKAGE_VERSION, NULL, NULL));
  TRY(graph_add_iri(b->g, dataset, NS_VOID "vocabulary", ILDKG_ONTOLOGY_IRI));
  TRY(graph_add_literal(b->g, dataset, NS_VOID "uriSpace", b->base, NULL, NULL));
  TRY(add_dataset_examples(b, dataset));
  return add_dataset_header_values(b, dataset);
}

/* ---- all ---------------------------------------------------------------------- */

/* The ontology's classes and properties, so the data carry their vocabulary; not its
 * header, which names the ontology, not these data. */
static ildkg_status
add_ontology(builder *b)
{
  for (size_t i = 0; i < ontology_triple_count(b->onto); ++i) {
    const ildkg_triple *t = ontology_triple_at(b->onto, i);
    TRY(is_ontology_header(t) ? ILDKG_OK : graph_add_triple(b->g, t));
  }
  return ILDKG_OK;
}

ildkg_status
graph_builder_build(graph *g, const ontology *o, const facts *f, const char *base)
{
  builder *b = calloc(1, sizeof *b);
  if (!b) {
    return ILDKG_ERR_NOMEM;
  }
  *b = (builder){.g = g, .onto = o, .facts = f, .base = base};
  char *dataset = graph_builder_dataset_iri(base);
  ildkg_status st = dataset ? add_ontology(b) : ILDKG_ERR_NOMEM;
  if (st == ILDKG_OK) {
    st = add_dataset(b, dataset);
  }
  if (st == ILDKG_OK) {
    st = add_review(b);
  }
  for (size_t i = 0; st == ILDKG_OK && i < facts_section_count(f); ++i) {
    st = add_section(b, facts_section_at(f, i));
  }
  for (size_t i = 0; st == ILDKG_OK && i < facts_entity_count(f); ++i) {
    st = add_entity(b, facts_entity_at(f, i));
  }
  for (size_t i = 0; st == ILDKG_OK && i < facts_mapping_count(f); ++i) {
    st = add_mapping(b, facts_mapping_at(f, i));
  }
  for (size_t i = 0; st == ILDKG_OK && i < facts_statement_count(f); ++i) {
    st = add_statement(b, facts_statement_at(f, i));
  }
  if (st == ILDKG_OK) {
    st = add_subtype_groups(b);
  }
  free(dataset);
  free(b);
  return st;
}

int
graph_builder_iri_is_valid(const char *iri)
{
  const size_t n = strlen(iri);
  const int scheme = !strncmp(iri, "http://", 7) || !strncmp(iri, "https://", 8);
  unsigned long c;
  return scheme && n >= 10 && n <= 512 &&
         utf8_iri_unsafe_offset((const unsigned char *)iri, n, &c) == n;
}

int
graph_builder_base_is_valid(const char *base)
{
  const size_t n = strlen(base);
  return graph_builder_iri_is_valid(base) && (base[n - 1] == '/' || base[n - 1] == '#');
}
