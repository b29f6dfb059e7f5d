/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "check_passes.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define RDF_TYPE "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
#define RDFS_LABEL "http://www.w3.org/2000/01/rdf-schema#label"
#define OWL_DISJOINT_WITH "http://www.w3.org/2002/07/owl#disjointWith"
#define PROV_WAS_DERIVED_FROM "http://www.w3.org/ns/prov#wasDerivedFrom"
#define CITO "http://purl.org/spar/cito/"
#define OA "http://www.w3.org/ns/oa#"
#define ILDKG "https://w3id.org/ildkg/ontology#"

/* The IRIs the rules name, numbered once a run. */
typedef enum {
  V_TYPE,
  V_LABEL,
  V_DISJOINT_WITH,
  V_WAS_DERIVED_FROM,
  V_CITES,
  V_CITES_AS_EVIDENCE,
  V_HAS_SELECTOR,
  V_EXACT,
  V_SUBJECT,
  V_PREDICATE,
  V_OBJECT,
  V_ABOUT_FEATURE,
  V_FEATURE_RELATION,
  V_FEATURE_ENTITY,
  V_CLAIMED_FOR,
  V_CLAIMED_FOR_SUBTYPE_OF,
  V_REVIEW,
  V_CLINICAL_ENTITY,
  V_REFERENCE_NUMBER,
  V_STATEMENT,
  V_IN_SECTION,
  V_IS_REVIEW_OWN_CLAIM,
  V_TABLE,
  V_SUBTYPE_OF,
  V_SECONDARY_TO,
  V_HAS_HISTOLOGY_PATTERN,
  V_HRCT_FINDING,
  NVOCAB
} vocab_word;

static const char *const vocab_iris[NVOCAB] = {
  RDF_TYPE,
  RDFS_LABEL,
  OWL_DISJOINT_WITH,
  PROV_WAS_DERIVED_FROM,
  CITO "cites",
  CITO "citesAsEvidence",
  OA "hasSelector",
  OA "exact",
  ILDKG "subject",
  ILDKG "predicate",
  ILDKG "object",
  ILDKG "aboutFeature",
  ILDKG "featureRelation",
  ILDKG "featureEntity",
  ILDKG "claimedFor",
  ILDKG "claimedForSubtypeOf",
  ILDKG "Review",
  ILDKG "ClinicalEntity",
  ILDKG "referenceNumber",
  ILDKG "Statement",
  ILDKG "inSection",
  ILDKG "isReviewOwnClaim",
  ILDKG "Table",
  ILDKG "subtypeOf",
  ILDKG "secondaryTo",
  ILDKG "hasHistologyPattern",
  ILDKG "hrctFinding",
};

/* A violation: up to three terms, then the rule's text column when it has one. */
typedef struct {
  term_id term[3];
  const char *text;
} check_row;

typedef struct {
  const triple_table *t;
  check_row *rows;
  size_t nrows, capacity;
  ildkg_status st;
  term_id v[NVOCAB]; /* vocab_iris' numbers */
} pass_env;

static void
add_row(pass_env *e, term_id a, term_id b, term_id c, const char *text)
{
  if (e->st != ILDKG_OK) {
    return;
  }
  if (e->nrows == e->capacity) {
    const size_t capacity = e->capacity ? 2 * e->capacity : 16;
    check_row *grown = realloc(e->rows, capacity * sizeof *grown);
    if (!grown) {
      e->st = ILDKG_ERR_NOMEM;
      return;
    }
    e->rows = grown;
    e->capacity = capacity;
  }
  e->rows[e->nrows++] = (check_row){{a, b, c}, text};
}

static bool
has(const pass_env *e, term_id s, term_id p, term_id o)
{
  return triple_table_has(e->t, s, p, o);
}

static bool
has_any(const pass_env *e, term_id s, term_id p)
{
  return triple_table_has_any(e->t, s, p);
}

/* One bit a term, for "each once" over terms met many times; NULL without memory. */
static unsigned char *
new_seen(pass_env *e)
{
  unsigned char *seen = calloc(triple_table_term_count(e->t) / 8 + 1, 1);
  e->st = seen || e->st != ILDKG_OK ? e->st : ILDKG_ERR_NOMEM;
  return seen;
}

/* Whether @p id was seen, marking it seen. */
static bool
first_sight(unsigned char *seen, term_id id)
{
  const unsigned char bit = (unsigned char)(1u << (id % 8));
  const bool before = seen[id / 8] & bit;
  seen[id / 8] |= bit;
  return !before;
}

/* Whether an object of @p s @p via has a @p p triple: to @p o, or to anything when
   @p any_object (a two-step path the rules ask for: a quote, a table, a group). */
static bool
via_has(const pass_env *e, term_id s, term_id via, term_id p, term_id o, bool any_object)
{
  const id_triple *next;
  const size_t n = triple_table_objects(e->t, s, via, &next);
  for (size_t i = 0; i < n; ++i) {
    if (any_object ? has_any(e, next[i].o, p) : has(e, next[i].o, p, o)) {
      return true;
    }
  }
  return false;
}

/* claimed-features.rq */

/* Whether a statement about @p subject is about the feature @p feature: from the shorter
   of the subject's statements and the feature's. */
static bool
feature_claimed(const pass_env *e, term_id feature, term_id subject)
{
  const term_id subject_p = e->v[V_SUBJECT], about = e->v[V_ABOUT_FEATURE];
  const id_triple *by_subject, *by_feature;
  const size_t n = triple_table_subjects(e->t, subject_p, subject, &by_subject);
  const size_t m = triple_table_subjects(e->t, about, feature, &by_feature);
  const bool from_subject = n < m;
  const id_triple *statements = from_subject ? by_subject : by_feature;
  const term_id p = from_subject ? about : subject_p, o = from_subject ? feature : subject;
  for (size_t i = 0; i < (from_subject ? n : m); ++i) {
    if (has(e, statements[i].s, p, o)) {
      return true;
    }
  }
  return false;
}

/* Whether the feature @p f has @p predicate as relation and @p object as entity. */
static bool
feature_matches(const pass_env *e, term_id f, term_id predicate, term_id object)
{
  return has(e, f, e->v[V_FEATURE_RELATION], predicate) &&
         has(e, f, e->v[V_FEATURE_ENTITY], object);
}

static void
check_statement_feature(pass_env *e, term_id node, term_id f)
{
  const term_id predicate_p = e->v[V_PREDICATE], object_p = e->v[V_OBJECT];
  const term_id subject_p = e->v[V_SUBJECT];
  const id_triple *ps, *os, *ss;
  const size_t np = triple_table_objects(e->t, node, predicate_p, &ps);
  const size_t no = triple_table_objects(e->t, node, object_p, &os);
  for (size_t i = 0; i < np; ++i) {
    for (size_t j = 0; j < no; ++j) {
      if (!feature_matches(e, f, ps[i].o, os[j].o)) {
        add_row(e, node, TERM_NONE, TERM_NONE, "its feature is not its predicate with its object");
      }
    }
  }
  const size_t ns = triple_table_objects(e->t, node, subject_p, &ss);
  for (size_t i = 0; i < ns; ++i) {
    if (!has(e, f, e->v[V_CLAIMED_FOR], ss[i].o)) {
      add_row(e, node, TERM_NONE, TERM_NONE,
              "its feature does not name its subject (ildkg:claimedFor)");
    }
  }
}

/* Whether a subject the feature @p f is claimed for is a subtype of @p group: from the
   shorter of the feature's subjects and the group's subtypes. */
static bool
subject_in_group(const pass_env *e, term_id f, term_id group)
{
  const term_id claimed_for = e->v[V_CLAIMED_FOR], subtype_of = e->v[V_SUBTYPE_OF];
  const id_triple *subjects, *subtypes;
  const size_t n = triple_table_objects(e->t, f, claimed_for, &subjects);
  const size_t m = triple_table_subjects(e->t, subtype_of, group, &subtypes);
  for (size_t i = 0; i < (n < m ? n : m); ++i) {
    if (n < m ? has(e, subjects[i].o, subtype_of, group) : has(e, f, claimed_for, subtypes[i].s)) {
      return true;
    }
  }
  return false;
}

static void
check_subtype_groups(pass_env *e)
{
  const term_id grouped = e->v[V_CLAIMED_FOR_SUBTYPE_OF];
  const id_triple *r, *groups;
  size_t n = triple_table_with_predicate(e->t, e->v[V_CLAIMED_FOR], &r);
  for (size_t i = 0; i < n; ++i) {
    const size_t ng = triple_table_objects(e->t, r[i].o, e->v[V_SUBTYPE_OF], &groups);
    for (size_t j = 0; j < ng; ++j) {
      if (!has(e, r[i].s, grouped, groups[j].o)) {
        add_row(e, r[i].s, TERM_NONE, TERM_NONE,
                "does not name a group a subject of it is a subtype of (ildkg:claimedForSubtypeOf)");
      }
    }
  }
  n = triple_table_with_predicate(e->t, grouped, &r);
  for (size_t i = 0; i < n; ++i) {
    if (!subject_in_group(e, r[i].s, r[i].o)) {
      add_row(e, r[i].s, TERM_NONE, TERM_NONE, "names a group none of its subjects is a subtype of");
    }
  }
}

static void
claimed_features(pass_env *e)
{
  const term_id subject_p = e->v[V_SUBJECT], about = e->v[V_ABOUT_FEATURE];
  const id_triple *r;
  size_t n = triple_table_with_predicate(e->t, subject_p, &r);
  for (size_t i = 0; i < n; ++i) {
    if (!has_any(e, r[i].s, about)) {
      add_row(e, r[i].s, TERM_NONE, TERM_NONE, "a statement without ildkg:aboutFeature");
    }
  }
  n = triple_table_with_predicate(e->t, about, &r);
  for (size_t i = 0; i < n; ++i) {
    check_statement_feature(e, r[i].s, r[i].o);
  }
  n = triple_table_with_predicate(e->t, e->v[V_CLAIMED_FOR], &r);
  for (size_t i = 0; i < n; ++i) {
    if (!feature_claimed(e, r[i].s, r[i].o)) {
      add_row(e, r[i].s, TERM_NONE, TERM_NONE, "names a subject no statement about it has");
    }
  }
  check_subtype_groups(e);
}

/* described-iris.rq */

/* The data namespace of each review IRI: the IRI without a final "review" (the rule's
   REPLACE(STR(?review), "review$", "")). A blank review has none: the rule's STR fails
   there, so only the ontology's namespace counts for it. *count gets how many reviews
   there are, blank ones too. */
static ildkg_status
data_namespaces(const pass_env *e, const char ***prefixes, size_t **lengths, size_t *n,
                size_t *count)
{
  const id_triple *r;
  *count = triple_table_subjects(e->t, e->v[V_TYPE], e->v[V_REVIEW], &r);
  *prefixes = calloc(*count + 1, sizeof **prefixes);
  *lengths = calloc(*count + 1, sizeof **lengths);
  *n = 0;
  if (!*prefixes || !*lengths) {
    return ILDKG_ERR_NOMEM;
  }
  for (size_t i = 0; i < *count; ++i) {
    const raptor_term *review = triple_table_term(e->t, r[i].s);
    if (review->type != RAPTOR_TERM_TYPE_URI) {
      continue;
    }
    size_t len;
    const char *s = (const char *)raptor_uri_as_counted_string(review->value.uri, &len);
    const size_t tail = strlen("review");
    len -= len >= tail && !memcmp(s + len - tail, "review", tail) ? tail : 0;
    (*prefixes)[*n] = s;
    (*lengths)[(*n)++] = len;
  }
  return ILDKG_OK;
}

static bool
in_project(const char *s, size_t len, const char **prefixes, const size_t *lengths, size_t n)
{
  const size_t ns = strlen(ILDKG);
  if (len >= ns && !memcmp(s, ILDKG, ns)) {
    return true;
  }
  for (size_t i = 0; i < n; ++i) {
    if (len >= lengths[i] && !memcmp(s, prefixes[i], lengths[i])) {
      return true;
    }
  }
  return false;
}

static void
check_described(pass_env *e, unsigned char *seen, term_id id, const char **prefixes,
                const size_t *lengths, size_t n)
{
  const raptor_term *term = triple_table_term(e->t, id);
  if (term->type != RAPTOR_TERM_TYPE_URI || !first_sight(seen, id)) {
    return;
  }
  size_t len;
  const char *s = (const char *)raptor_uri_as_counted_string(term->value.uri, &len);
  if (in_project(s, len, prefixes, lengths, n) && !has_any(e, id, e->v[V_TYPE])) {
    add_row(e, id, TERM_NONE, TERM_NONE, NULL);
  }
}

static void
described_iris(pass_env *e)
{
  const char **prefixes = NULL;
  size_t *lengths = NULL, n = 0, reviews = 0;
  e->st = data_namespaces(e, &prefixes, &lengths, &n, &reviews);
  unsigned char *seen = e->st == ILDKG_OK && reviews ? new_seen(e) : NULL;
  const id_triple *all;
  const size_t count = seen ? triple_table_all(e->t, &all) : 0;
  for (size_t i = 0; i < count; ++i) {
    check_described(e, seen, all[i].p, prefixes, lengths, n);
    check_described(e, seen, all[i].o, prefixes, lengths, n);
  }
  free(seen);
  free(prefixes);
  free(lengths);
}

/* disjoint-classes.rq */

static void
disjoint_classes(pass_env *e)
{
  const id_triple *pairs, *members;
  const size_t n = triple_table_with_predicate(e->t, e->v[V_DISJOINT_WITH], &pairs);
  for (size_t i = 0; i < n; ++i) {
    const size_t m = triple_table_subjects(e->t, e->v[V_TYPE], pairs[i].s, &members);
    for (size_t j = 0; j < m; ++j) {
      if (has(e, members[j].s, e->v[V_TYPE], pairs[i].o)) {
        add_row(e, members[j].s, pairs[i].s, pairs[i].o, NULL);
      }
    }
  }
}

/* entity-type-label.rq */

static bool
has_english_label(const pass_env *e, term_id entity)
{
  const id_triple *labels;
  const size_t n = triple_table_objects(e->t, entity, e->v[V_LABEL], &labels);
  for (size_t i = 0; i < n; ++i) {
    const raptor_term *label = triple_table_term(e->t, labels[i].o);
    if (label->type == RAPTOR_TERM_TYPE_LITERAL && label->value.literal.language &&
        !strcmp((const char *)label->value.literal.language, "en")) {
      return true;
    }
  }
  return false;
}

static void
entity_type_label(pass_env *e)
{
  const term_id roles[] = {e->v[V_SUBJECT], e->v[V_OBJECT]};
  const term_id clinical_entity = e->v[V_CLINICAL_ENTITY];
  unsigned char *seen = new_seen(e);
  for (size_t k = 0; seen && k < 2; ++k) {
    const id_triple *r;
    const size_t n = triple_table_with_predicate(e->t, roles[k], &r);
    for (size_t i = 0; i < n; ++i) {
      if (!first_sight(seen, r[i].o)) {
        continue;
      }
      if (!has(e, r[i].o, e->v[V_TYPE], clinical_entity)) {
        add_row(e, r[i].o, TERM_NONE, TERM_NONE, "rdf:type ildkg:ClinicalEntity");
      }
      if (!has_english_label(e, r[i].o)) {
        add_row(e, r[i].o, TERM_NONE, TERM_NONE, "rdfs:label in English");
      }
    }
  }
  free(seen);
}

/* references-cited.rq */

static void
references_cited(pass_env *e)
{
  const term_id evidence = e->v[V_CITES_AS_EVIDENCE], number = e->v[V_REFERENCE_NUMBER];
  const id_triple *r, *citing;
  const size_t n = triple_table_with_predicate(e->t, e->v[V_CITES], &r);
  for (size_t i = 0; i < n; ++i) {
    if (!triple_table_subjects(e->t, evidence, r[i].o, &citing)) {
      add_row(e, r[i].o, TERM_NONE, TERM_NONE, "cited as evidence by no statement");
    }
    if (!has_any(e, r[i].o, number)) {
      add_row(e, r[i].o, TERM_NONE, TERM_NONE, "no ildkg:referenceNumber");
    }
  }
}

/* statement-provenance.rq */

static void
statement_provenance(pass_env *e)
{
  const id_triple *r;
  const size_t n = triple_table_subjects(e->t, e->v[V_TYPE], e->v[V_STATEMENT], &r);
  for (size_t i = 0; i < n; ++i) {
    const term_id s = r[i].s;
    if (!has_any(e, s, e->v[V_WAS_DERIVED_FROM])) {
      add_row(e, s, TERM_NONE, TERM_NONE, "prov:wasDerivedFrom");
    }
    if (!has_any(e, s, e->v[V_IN_SECTION])) {
      add_row(e, s, TERM_NONE, TERM_NONE, "ildkg:inSection");
    }
    if (!via_has(e, s, e->v[V_HAS_SELECTOR], e->v[V_EXACT], TERM_NONE, true)) {
      add_row(e, s, TERM_NONE, TERM_NONE, "oa:hasSelector with oa:exact");
    }
    if (!has_any(e, s, e->v[V_CITES_AS_EVIDENCE]) &&
        !has_any(e, s, e->v[V_IS_REVIEW_OWN_CLAIM])) {
      add_row(e, s, TERM_NONE, TERM_NONE, "cito:citesAsEvidence or ildkg:isReviewOwnClaim");
    }
  }
}

/* table-1-complete.rq */

static bool
in_a_table(const pass_env *e, term_id node)
{
  return via_has(e, node, e->v[V_IN_SECTION], e->v[V_TYPE], e->v[V_TABLE], false);
}

static bool
has_table_1_row(const pass_env *e, term_id subject)
{
  const term_id histology = e->v[V_HAS_HISTOLOGY_PATTERN];
  const id_triple *rows;
  const size_t n = triple_table_subjects(e->t, e->v[V_SUBJECT], subject, &rows);
  for (size_t i = 0; i < n; ++i) {
    if (has(e, rows[i].s, e->v[V_PREDICATE], histology) && in_a_table(e, rows[i].s)) {
      return true;
    }
  }
  return false;
}

static void
table_1_complete(pass_env *e)
{
  const id_triple *r;
  unsigned char *seen = new_seen(e);
  size_t n = seen ? triple_table_with_predicate(e->t, e->v[V_SECONDARY_TO], &r) : 0;
  for (size_t i = 0; i < n; ++i) {
    if (!first_sight(seen, r[i].s)) {
      continue;
    }
    /* a subtype of a group that is secondary to something (the rule's ?group) */
    const bool in_secondary_group =
      via_has(e, r[i].s, e->v[V_SUBTYPE_OF], e->v[V_SECONDARY_TO], TERM_NONE, true);
    if (in_secondary_group && !has_table_1_row(e, r[i].s)) {
      add_row(e, r[i].s, TERM_NONE, TERM_NONE, "no Table 1 row for this disease-specific CTD-ILD");
    }
  }
  free(seen);
  n = triple_table_with_predicate(e->t, e->v[V_IN_SECTION], &r);
  for (size_t i = 0; i < n; ++i) {
    if (!has(e, r[i].o, e->v[V_TYPE], e->v[V_TABLE])) {
      continue;
    }
    if (!has_any(e, r[i].s, e->v[V_HRCT_FINDING])) {
      add_row(e, r[i].s, TERM_NONE, TERM_NONE, "Table 1 row without an HRCT finding");
    }
    if (!has(e, r[i].s, e->v[V_PREDICATE], e->v[V_HAS_HISTOLOGY_PATTERN])) {
      add_row(e, r[i].s, TERM_NONE, TERM_NONE, "Table 1 row that is not a histology pattern claim");
    }
  }
}

/* The rules, each with the fingerprint of the file it answers (check_pass_fingerprint). */

struct check_pass {
  const char *file;
  uint64_t fingerprint;
  void (*run)(pass_env *e);
  size_t nterms;             /* term columns, before the text column */
  const char *names[4];      /* the SELECT's variables */
};

static const check_pass passes[] = {
  {"claimed-features.rq", UINT64_C(0xd852fb6e7b8db639), claimed_features, 1, {"node", "problem"}},
  {"described-iris.rq", UINT64_C(0xa909a08fcb35947d), described_iris, 1, {"iri"}},
  {"disjoint-classes.rq", UINT64_C(0x1588904770fc0c46), disjoint_classes, 3, {"node", "class", "disjointClass"}},
  {"entity-type-label.rq", UINT64_C(0x08cf936d5a3272b3), entity_type_label, 1, {"entity", "missing"}},
  {"references-cited.rq", UINT64_C(0x8d9d572657612e20), references_cited, 1, {"reference", "problem"}},
  {"statement-provenance.rq", UINT64_C(0xf11482eb908de25a), statement_provenance, 1, {"statement", "missing"}},
  {"table-1-complete.rq", UINT64_C(0x01d5f5be3ca2d921), table_1_complete, 1, {"subject", "problem"}},
};

uint64_t
check_pass_fingerprint(const char *text, size_t len)
{
  uint64_t h = UINT64_C(1469598103934665603);
  for (size_t i = 0; i < len; ++i) {
    h = (h ^ (unsigned char)text[i]) * UINT64_C(1099511628211);
  }
  return h;
}

const check_pass *
check_pass_find(const char *text, size_t len)
{
  const uint64_t h = check_pass_fingerprint(text, len);
  for (size_t i = 0; i < sizeof passes / sizeof *passes; ++i) {
    if (passes[i].fingerprint == h) {
      return &passes[i];
    }
  }
  return NULL;
}

const char *
check_pass_file(const check_pass *c)
{
  return c->file;
}

/* Rows in SPARQL's order: by column, blank nodes before IRIs before literals, then by
   the IRI's or label's or value's characters (UTF-8 bytes order as code points do). */

typedef struct {
  const triple_table *t;
  size_t nterms;
} row_order;

static int
term_rank(const raptor_term *x)
{
  return x->type == RAPTOR_TERM_TYPE_BLANK ? 0 : x->type == RAPTOR_TERM_TYPE_URI ? 1 : 2;
}

static const char *
term_text(const raptor_term *x, size_t *len)
{
  switch (x->type) {
  case RAPTOR_TERM_TYPE_URI:
    return (const char *)raptor_uri_as_counted_string(x->value.uri, len);
  case RAPTOR_TERM_TYPE_BLANK:
    *len = x->value.blank.string_len;
    return (const char *)x->value.blank.string;
  case RAPTOR_TERM_TYPE_LITERAL:
  case RAPTOR_TERM_TYPE_UNKNOWN:
  default:
    *len = x->value.literal.string_len;
    return (const char *)x->value.literal.string;
  }
}

static int
compare_terms(const triple_table *t, term_id a, term_id b)
{
  if (a == b) {
    return 0;
  }
  const raptor_term *x = triple_table_term(t, a), *y = triple_table_term(t, b);
  const int rank = term_rank(x) - term_rank(y);
  if (rank) {
    return rank;
  }
  size_t lx, ly;
  const char *sx = term_text(x, &lx), *sy = term_text(y, &ly);
  const int c = memcmp(sx, sy, lx < ly ? lx : ly);
  if (c || lx != ly) {
    return c ? c : lx < ly ? -1 : 1;
  }
  /* equal text, different terms: literals of other tags or datatypes; any fixed order */
  return a < b ? -1 : 1;
}

static int
compare_rows(const void *a, const void *b, void *order)
{
  const row_order *o = order;
  const check_row *x = a, *y = b;
  for (size_t i = 0; i < o->nterms; ++i) {
    const int c = compare_terms(o->t, x->term[i], y->term[i]);
    if (c) {
      return c;
    }
  }
  return x->text && y->text ? strcmp(x->text, y->text) : 0;
}

static ildkg_status
report_rows(const check_pass *c, pass_env *e, query_row_fn on_row, void *user_data)
{
  row_order order = {e->t, c->nterms};
  if (e->nrows > 1) { /* rows is NULL when there are none, which qsort_r must not get */
    qsort_r(e->rows, e->nrows, sizeof *e->rows, compare_rows, &order);
  }
  const size_t ncolumns = c->nterms + (c->names[c->nterms] != NULL);
  ildkg_status st = ILDKG_OK;
  for (size_t r = 0; st == ILDKG_OK && r < e->nrows; ++r) {
    if (r && !compare_rows(&e->rows[r - 1], &e->rows[r], &order)) {
      continue; /* each violation once, as the SPARQL path reports them */
    }
    char *values[4] = {NULL, NULL, NULL, NULL};
    for (size_t i = 0; st == ILDKG_OK && i < ncolumns; ++i) {
      raptor_term *term = (raptor_term *)triple_table_term(e->t, e->rows[r].term[i]);
      values[i] = i < c->nterms ? (char *)raptor_term_to_counted_string(term, NULL) : NULL;
      if (i == c->nterms && asprintf(&values[i], "\"%s\"", e->rows[r].text) < 0) {
        values[i] = NULL;
      }
      st = values[i] ? ILDKG_OK : ILDKG_ERR_NOMEM;
    }
    if (st == ILDKG_OK) {
      st = on_row(user_data, ncolumns, c->names, (const char *const *)values);
    }
    for (size_t i = 0; i < ncolumns; ++i) {
      if (i < c->nterms) {
        raptor_free_memory(values[i]);
      } else {
        free(values[i]);
      }
    }
  }
  return st;
}

ildkg_status
check_pass_run(const check_pass *c, const triple_table *t, query_row_fn on_row, void *user_data)
{
  pass_env e = {t, NULL, 0, 0, ILDKG_OK, {0}};
  for (size_t i = 0; i < NVOCAB; ++i) {
    e.v[i] = triple_table_iri(t, vocab_iris[i]);
  }
  c->run(&e);
  const ildkg_status st = e.st == ILDKG_OK ? report_rows(c, &e, on_row, user_data) : e.st;
  free(e.rows);
  return st;
}
