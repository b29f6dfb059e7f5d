/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "jsonld_writer.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "ns.h"
#include "statement_index.h"
#include "strmap.h"

typedef enum { COERCE_NONE, COERCE_ID, COERCE_DATATYPE, COERCE_LANGUAGE } coercion;

/* A term of the context, with its IRIs expanded. */
typedef struct {
  char *name;
  char *iri;
  coercion kind;
  char *datatype; /* expanded IRI, for COERCE_DATATYPE */
  const char *language;
  int set;
} term;

typedef struct {
  term *terms;
  size_t count;
  strmap *by_iri;
  const char *base;
} term_table;

/* The reused properties ildkg writes: short terms for them too. */
static const struct {
  const char *name, *iri;
  coercion kind;
  const char *datatype_or_language;
  int set;
} REUSED[] = {
  {"label", NS_RDFS "label", COERCE_LANGUAGE, "en", 0},
  {"altLabel", NS_SKOS "altLabel", COERCE_LANGUAGE, "en", 1},
  {"definition", NS_SKOS "definition", COERCE_LANGUAGE, "en", 0},
  {"exactMatch", NS_SKOS "exactMatch", COERCE_ID, NULL, 1},
  {"closeMatch", NS_SKOS "closeMatch", COERCE_ID, NULL, 1},
  {"cites", NS_CITO "cites", COERCE_ID, NULL, 1},
  {"citesAsEvidence", NS_CITO "citesAsEvidence", COERCE_ID, NULL, 1},
  {"wasDerivedFrom", NS_PROV "wasDerivedFrom", COERCE_ID, NULL, 1},
  {"hasSelector", NS_OA "hasSelector", COERCE_ID, NULL, 0},
  {"hasSource", NS_OA "hasSource", COERCE_ID, NULL, 0},
  {"exact", NS_OA "exact", COERCE_NONE, NULL, 0},
  {"isPartOf", NS_DCTERMS "isPartOf", COERCE_ID, NULL, 0},
  {"subClassOf", NS_RDFS "subClassOf", COERCE_ID, NULL, 1},
  {"subPropertyOf", NS_RDFS "subPropertyOf", COERCE_ID, NULL, 1},
  {"domain", NS_RDFS "domain", COERCE_ID, NULL, 0},
  {"range", NS_RDFS "range", COERCE_ID, NULL, 0},
};

/* ---- compact IRIs ------------------------------------------------------------- */

/* "kg:COP" for an IRI under a prefix (the longest); the IRI itself otherwise. Caller frees. */
static char *
compact_iri(const char *iri, const char *base)
{
  const char *best_prefix = NULL;
  size_t best = 0;
  for (size_t i = 0; i <= NS_PREFIX_COUNT; ++i) {
    const char *ns = i < NS_PREFIX_COUNT ? NS_PREFIXES[i].iri : base;
    const size_t n = strlen(ns);
    if (n > best && !strncmp(iri, ns, n) && iri[n] && strncmp(iri + n, "//", 2) != 0) {
      best = n;
      best_prefix = i < NS_PREFIX_COUNT ? NS_PREFIXES[i].prefix : NS_DATA_PREFIX;
    }
  }
  if (!best_prefix) {
    return strdup(iri);
  }
  /* by hand: asprintf was a tenth of the JSON-LD writer's instructions */
  const size_t prefix_len = strlen(best_prefix), rest = strlen(iri + best);
  char *out = malloc(prefix_len + 1 + rest + 1);
  if (out) {
    memcpy(out, best_prefix, prefix_len);
    out[prefix_len] = ':';
    memcpy(out + prefix_len + 1, iri + best, rest + 1);
  }
  return out;
}

/* "_:label", a blank node identifier. Caller frees. */
static char *
blank_id(const raptor_term *t)
{
  char *out = NULL;
  return asprintf(&out, "_:%s", (const char *)t->value.blank.string) < 0 ? NULL : out;
}

/* ---- the term table ------------------------------------------------------------- */

static void
terms_clear(term_table *t)
{
  for (size_t i = 0; i < t->count; ++i) {
    free(t->terms[i].name);
    free(t->terms[i].iri);
    free(t->terms[i].datatype);
  }
  free(t->terms);
  strmap_free(t->by_iri);
}

static ildkg_status
add_term(term_table *t, const char *name, const char *iri, coercion kind, const char *extra,
         int set)
{
  term *x = &t->terms[t->count];
  *x = (term){strdup(name), strdup(iri), kind, NULL, NULL, set};
  if (kind == COERCE_DATATYPE) {
    x->datatype = strdup(extra);
  } else if (kind == COERCE_LANGUAGE) {
    x->language = extra;
  }
  if (!x->name || !x->iri || (kind == COERCE_DATATYPE && !x->datatype)) {
    free(x->name);
    free(x->iri);
    free(x->datatype);
    return ILDKG_ERR_NOMEM;
  }
  ++t->count;
  /* A name used twice keeps its first meaning: the reused vocabulary comes first. */
  const ildkg_status st = strmap_put(t->by_iri, x->iri, t->count - 1);
  return st == ILDKG_ERR_NOMEM ? st : ILDKG_OK;
}

static int
name_taken(const term_table *t, const char *name)
{
  for (size_t i = 0; i < t->count; ++i) {
    if (!strcmp(t->terms[i].name, name)) {
      return 1;
    }
  }
  return 0;
}

static ildkg_status
add_ontology_term(term_table *t, const ontology_property *p)
{
  char iri[512], datatype[256];
  snprintf(iri, sizeof iri, "%s%s", NS_ILDKG, p->local);
  if (name_taken(t, p->local)) {
    return ILDKG_OK;
  }
  if (!p->is_datatype) {
    return add_term(t, p->local, iri, COERCE_ID, NULL, !p->is_functional);
  }
  if (!p->range) {
    return add_term(t, p->local, iri, COERCE_NONE, NULL, !p->is_functional);
  }
  snprintf(datatype, sizeof datatype, "%s%s", NS_XSD, p->range);
  return add_term(t, p->local, iri, COERCE_DATATYPE, datatype, !p->is_functional);
}

static ildkg_status
terms_build(term_table *t, const ontology *o, const char *base)
{
  const size_t n = sizeof REUSED / sizeof *REUSED + (o ? ontology_property_count(o) : 0);
  *t = (term_table){calloc(n ? n : 1, sizeof(term)), 0, strmap_new(), base};
  ildkg_status st = t->terms && t->by_iri ? ILDKG_OK : ILDKG_ERR_NOMEM;
  for (size_t i = 0; st == ILDKG_OK && i < sizeof REUSED / sizeof *REUSED; ++i) {
    st = add_term(t, REUSED[i].name, REUSED[i].iri, REUSED[i].kind,
                  REUSED[i].datatype_or_language, REUSED[i].set);
  }
  for (size_t i = 0; st == ILDKG_OK && o && i < ontology_property_count(o); ++i) {
    st = add_ontology_term(t, ontology_property_at(o, i));
  }
  return st;
}

/* ---- the context ---------------------------------------------------------------- */

/* Attach @p value to @p object under @p key; false when either failed (value is released). */
static int
set(json_t *object, const char *key, json_t *value)
{
  return value && json_object_set_new(object, key, value) == 0;
}

static json_t *
term_definition(const term *x, const char *base)
{
  json_t *def = json_object();
  char *id = compact_iri(x->iri, base);
  char *type = x->kind == COERCE_DATATYPE ? compact_iri(x->datatype, base) : NULL;
  int ok = def && id && set(def, "@id", json_string(id));
  if (ok && x->kind == COERCE_ID) {
    ok = set(def, "@type", json_string("@id"));
  } else if (ok && x->kind == COERCE_DATATYPE) {
    ok = type && set(def, "@type", json_string(type));
  } else if (ok && x->kind == COERCE_LANGUAGE) {
    ok = set(def, "@language", json_string(x->language));
  }
  if (ok && x->set) {
    ok = set(def, "@container", json_string("@set"));
  }
  free(id);
  free(type);
  if (!ok) {
    json_decref(def);
    return NULL;
  }
  return def;
}

static json_t *
context_from_terms(const term_table *t)
{
  json_t *context = json_object();
  int ok = context && set(context, "@version", json_real(1.1));
  ok = ok && set(context, "rdf", json_string(NS_RDF));
  for (size_t i = 0; ok && i < NS_PREFIX_COUNT; ++i) {
    ok = set(context, NS_PREFIXES[i].prefix, json_string(NS_PREFIXES[i].iri));
  }
  ok = ok && set(context, NS_DATA_PREFIX, json_string(t->base));
  for (size_t i = 0; ok && i < t->count; ++i) {
    ok = set(context, t->terms[i].name, term_definition(&t->terms[i], t->base));
  }
  if (!ok) {
    json_decref(context);
    return NULL;
  }
  return context;
}

json_t *
jsonld_context_new(const ontology *o, const char *base)
{
  term_table t;
  json_t *context = terms_build(&t, o, base) == ILDKG_OK ? context_from_terms(&t) : NULL;
  terms_clear(&t);
  return context;
}

/* ---- node objects ------------------------------------------------------------- */

static const char *
literal_datatype(const raptor_term *x)
{
  return x->value.literal.datatype ? (const char *)raptor_uri_as_string(x->value.literal.datatype)
                                   : NULL;
}

/* The plain JSON string for @p o under term @p x, or NULL when @p o does not fit it. */
static json_t *
coerced_value(const term *x, const raptor_term *o, const char *base)
{
  const int literal = o->type == RAPTOR_TERM_TYPE_LITERAL;
  const char *dt = literal ? literal_datatype(o) : NULL;
  const char *lang = literal ? (const char *)o->value.literal.language : NULL;
  if (!x) {
    return NULL;
  }
  if (x->kind == COERCE_ID && o->type == RAPTOR_TERM_TYPE_URI) {
    char *c = compact_iri(term_iri(o), base);
    json_t *v = c ? json_string(c) : NULL;
    free(c);
    return v;
  }
  const int fits = literal && ((x->kind == COERCE_DATATYPE && dt && !strcmp(dt, x->datatype)) ||
                               (x->kind == COERCE_LANGUAGE && lang && !dt &&
                                !strcmp(lang, x->language)) ||
                               (x->kind == COERCE_NONE && !dt && !lang));
  return fits ? json_string((const char *)o->value.literal.string) : NULL;
}

/* A value object (or a plain string for a plain literal), valid under any key. */
static json_t *
explicit_value(const raptor_term *o, const char *base)
{
  json_t *v = json_object();
  int ok = v != NULL;
  if (ok && o->type == RAPTOR_TERM_TYPE_URI) {
    char *c = compact_iri(term_iri(o), base);
    ok = c && set(v, "@id", json_string(c));
    free(c);
  } else if (ok && o->type == RAPTOR_TERM_TYPE_LITERAL) {
    const char *dt = literal_datatype(o);
    char *c = dt ? compact_iri(dt, base) : NULL;
    ok = set(v, "@value", json_string((const char *)o->value.literal.string));
    if (ok && dt) {
      ok = c && set(v, "@type", json_string(c));
    } else if (ok && o->value.literal.language) {
      ok = set(v, "@language", json_string((const char *)o->value.literal.language));
    }
    free(c);
  } else if (ok && o->type == RAPTOR_TERM_TYPE_BLANK) {
    /* the exports hold none, but a CONSTRUCT answer or a service description may */
    char *label = blank_id(o);
    ok = label && set(v, "@id", json_string(label));
    free(label);
  } else {
    ok = 0;
  }
  if (!ok) {
    json_decref(v);
    return NULL;
  }
  return v;
}

/* Put the values gathered for one key: a scalar when there is one and the key is not a @set. */
static int
put_values(json_t *node, const char *key, json_t *values, int is_set)
{
  if (json_array_size(values) == 0) {
    json_decref(values);
    return 1;
  }
  if (json_array_size(values) == 1 && !is_set) {
    json_t *only = json_incref(json_array_get(values, 0));
    json_decref(values);
    return set(node, key, only);
  }
  return set(node, key, values);
}

static int
append(json_t *array, json_t *value)
{
  return array && value && json_array_append_new(array, value) == 0;
}

/* The statements [from, to) share subject and predicate: add their objects to @p node. */
static int
add_property(json_t *node, const term_table *t, raptor_statement **st, size_t from, size_t to)
{
  const char *p = term_iri(st[from]->predicate);
  size_t i;
  const term *x = strmap_get(t->by_iri, p, &i) ? &t->terms[i] : NULL;
  if (!strcmp(p, NS_RDF "type")) {
    json_t *types = json_array();
    int ok = types != NULL;
    for (size_t k = from; ok && k < to; ++k) {
      char *c = compact_iri(term_iri(st[k]->object), t->base);
      ok = c && append(types, json_string(c));
      free(c);
    }
    return ok ? put_values(node, "@type", types, 0) : (json_decref(types), 0);
  }
  json_t *coerced = json_array(), *other = json_array();
  int ok = coerced && other;
  for (size_t k = from; ok && k < to; ++k) {
    json_t *v = coerced_value(x, st[k]->object, t->base);
    ok = v ? append(coerced, v) : append(other, explicit_value(st[k]->object, t->base));
  }
  char *key = ok ? compact_iri(p, t->base) : NULL;
  ok = ok && key;
  ok = ok && put_values(node, x ? x->name : key, coerced, x && x->set);
  coerced = NULL;
  ok = ok && put_values(node, key, other, 0);
  other = NULL;
  free(key);
  json_decref(coerced);
  json_decref(other);
  return ok;
}

/* One node object for the statements [from, to) that share a subject. */
static int
add_node(json_t *nodes, const term_table *t, raptor_statement **st, size_t from, size_t to)
{
  json_t *node = json_object();
  if (!node || json_array_append_new(nodes, node) != 0) {
    return 0;
  }
  const raptor_term *subject = st[from]->subject;
  char *id = subject->type == RAPTOR_TERM_TYPE_URI ? compact_iri(term_iri(subject), t->base)
             : subject->type == RAPTOR_TERM_TYPE_BLANK ? blank_id(subject)
                                                       : NULL;
  int ok = id && set(node, "@id", json_string(id));
  free(id);
  for (size_t k = from, end; ok && k < to; k = end) {
    for (end = k + 1; end < to && raptor_term_equals(st[end]->predicate, st[k]->predicate); ++end) {
    }
    ok = add_property(node, t, st, k, end);
  }
  return ok;
}

static json_t *
document(const export_job *job, const term_table *t)
{
  json_t *doc = json_object(), *nodes = json_array();
  int ok = doc && set(doc, "@graph", nodes);
  if (ok && job->options->jsonld_context) {
    /* A hosted context, with the data prefix of this build (--base may differ from it). */
    json_t *local = json_object(), *refs = json_array();
    ok = set(doc, "@context", refs) && append(refs, json_string(job->options->jsonld_context)) &&
         append(refs, local) && set(local, NS_DATA_PREFIX, json_string(t->base));
  } else if (ok) {
    ok = set(doc, "@context", context_from_terms(t));
  }
  raptor_statement **st = job->statements;
  for (size_t k = 0, end; ok && k < job->count; k = end) {
    for (end = k + 1; end < job->count && raptor_term_equals(st[end]->subject, st[k]->subject);
         ++end) {
    }
    ok = add_node(nodes, t, st, k, end);
  }
  if (!ok) {
    json_decref(doc);
    return NULL;
  }
  return doc;
}

/* jansson's output, gathered: json_dumpf calls fwrite once a token (a tenth of the
   writer's instructions, most of it locking the stream). */
typedef struct {
  FILE *out;
  size_t used;
  int failed;
  char buffer[1 << 16];
} dump_buffer;

static int
flush_dump(dump_buffer *b)
{
  b->failed |= b->used && fwrite(b->buffer, 1, b->used, b->out) != b->used;
  b->used = 0;
  return b->failed ? -1 : 0;
}

static int
dump_chunk(const char *chunk, size_t size, void *data)
{
  dump_buffer *b = data;
  if (size > sizeof b->buffer - b->used && flush_dump(b) != 0) {
    return -1;
  }
  if (size > sizeof b->buffer) {
    b->failed |= fwrite(chunk, 1, size, b->out) != size;
    return b->failed ? -1 : 0;
  }
  memcpy(b->buffer + b->used, chunk, size);
  b->used += size;
  return 0;
}

ildkg_status
jsonld_write(const export_job *job, FILE *out)
{
  term_table t;
  ildkg_status st = terms_build(&t, job->options->ontology, job->options->base);
  json_t *doc = st == ILDKG_OK ? document(job, &t) : NULL;
  if (st == ILDKG_OK && !doc) {
    st = ILDKG_ERR_NOMEM;
  }
  /* Sorted keys and two-space indentation: stable, readable bytes. */
  dump_buffer *b = doc ? malloc(sizeof *b) : NULL;
  if (doc && !b) {
    st = ILDKG_ERR_NOMEM;
  } else if (doc) {
    b->out = out;
    b->used = 0;
    b->failed = 0;
    const int dumped = json_dump_callback(doc, dump_chunk, b,
                                          JSON_INDENT(2) | JSON_SORT_KEYS | JSON_REAL_PRECISION(3));
    if (dumped != 0 || dump_chunk("\n", 1, b) != 0 || flush_dump(b) != 0) {
      st = ILDKG_ERR_IO;
    }
  }
  free(b);
  json_decref(doc);
  terms_clear(&t);
  return st;
}
