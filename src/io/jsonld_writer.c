/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "jsonld_writer.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "grow.h"
#include "ns.h"
#include "ptrmap.h"
#include "utf8.h"
#include "words.h"
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
  const size_t len = strlen(iri);
  for (size_t i = 0; i <= NS_PREFIX_COUNT; ++i) {
    const char *ns = i < NS_PREFIX_COUNT ? NS_PREFIXES[i].iri : base;
    const size_t n = strlen(ns);
    if (n > best && n < len && !memcmp(iri, ns, n) && !(iri[n] == '/' && iri[n + 1] == '/')) {
      best = n;
      best_prefix = i < NS_PREFIX_COUNT ? NS_PREFIXES[i].prefix : NS_DATA_PREFIX;
    }
  }
  if (!best_prefix) {
    return strdup(iri);
  }
  /* by hand: asprintf was a tenth of the JSON-LD writer's instructions */
  const size_t prefix_len = strlen(best_prefix), rest = len - best;
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

/* ---- output ------------------------------------------------------------------- */

/* The document's bytes, gathered: a write a token was most of the writer's time. The
   nodes are written here as they are read, in jansson's layout (JSON_INDENT(2) |
   JSON_SORT_KEYS), so that the bytes are what jansson wrote when it held the whole
   document: a tree of a million triples was most of the writer's instructions. */
typedef struct {
  FILE *out;
  size_t used;
  int failed;
  unsigned extra_indent; /* spaces jansson's output gets after each line break */
  char buffer[1 << 16];
} sink;

static void
sink_flush(sink *b)
{
  b->failed |= b->used && fwrite(b->buffer, 1, b->used, b->out) != b->used;
  b->used = 0;
}

/* Past the buffer's room: flush, and write what does not fit at all directly. */
static void
sink_write_spilling(sink *b, const char *bytes, size_t size)
{
  sink_flush(b);
  if (size > sizeof b->buffer) {
    b->failed |= fwrite(bytes, 1, size, b->out) != size;
    return;
  }
  memcpy(b->buffer, bytes, size);
  b->used = size;
}

/* Inline: most writes are a byte or two of layout, and a call each was a tenth of the
   writer's instructions. */
static inline void
sink_write(sink *b, const char *bytes, size_t size)
{
  if (size > sizeof b->buffer - b->used) {
    sink_write_spilling(b, bytes, size);
    return;
  }
  memcpy(b->buffer + b->used, bytes, size);
  b->used += size;
}

static void
sink_puts(sink *b, const char *s)
{
  sink_write(b, s, strlen(s));
}

/* A line break and the indentation of @p depth (two spaces a level), as jansson's. */
static void
sink_indent(sink *b, unsigned depth)
{
  static const char spaces[] = "\n                                ";
  const size_t want = 1 + 2 * (size_t)depth;
  if (want <= sizeof spaces - 1) {
    sink_write(b, spaces, want);
    return;
  }
  sink_write(b, "\n", 1);
  for (size_t i = 0; i < depth; ++i) {
    sink_write(b, "  ", 2);
  }
}

/*
 * @p s (@p len bytes) as a JSON string, escaped as jansson escapes it (json_dump without
 * JSON_ENSURE_ASCII or JSON_ESCAPE_SLASH): '"', '\\' and the C0 controls, by their short
 * escapes where JSON has one, else \uXXXX; all else as it is. 0 when @p s is not UTF-8
 * (which jansson's json_string refused): then the document is not to be kept.
 */
/* Whether any of the 8 bytes of @p w is below 0x20, '"' or '\\' (a JSON escape), by
   the word: strings are mostly long runs of text that need none. */
static inline bool
word_needs_escape(uint64_t w)
{
  return (word_below(w, 0x20) | word_equal(w, '"') | word_equal(w, '\\')) != 0;
}

/* The escape of @p c, a byte word_needs_escape finds, into @p b. */
static void
sink_escape(sink *b, unsigned char c)
{
  char escape[8];
  switch (c) {
  case '"': sink_write(b, "\\\"", 2); break;
  case '\\': sink_write(b, "\\\\", 2); break;
  case '\b': sink_write(b, "\\b", 2); break;
  case '\f': sink_write(b, "\\f", 2); break;
  case '\n': sink_write(b, "\\n", 2); break;
  case '\r': sink_write(b, "\\r", 2); break;
  case '\t': sink_write(b, "\\t", 2); break;
  default:
    snprintf(escape, sizeof escape, "\\u%04X", (unsigned)c);
    sink_write(b, escape, 6);
    break;
  }
}

/*
 * @p s as a JSON string, escaped as jansson escapes it (json_dump without
 * JSON_ENSURE_ASCII or JSON_ESCAPE_SLASH): '"', '\\' and the C0 controls, by their short
 * escapes where JSON has one, else \uXXXX; all else as it is. 0 when @p s is not UTF-8
 * (which jansson's json_string refused): then the document is not to be kept.
 */
static int
sink_string_n(sink *b, const char *s, size_t len)
{
  sink_write(b, "\"", 1);
  size_t run = 0;         /* the start of the bytes not yet written */
  uint64_t high = 0;      /* any byte past ASCII: then the string is checked */
  size_t i = 0;
  for (uint64_t w; i + 8 <= len; i += 8) {
    w = word_load(s + i);
    high |= w;
    if (!word_needs_escape(w)) {
      continue;
    }
    for (size_t j = i; j < i + 8; ++j) {
      const unsigned char c = (unsigned char)s[j];
      if (c < 0x20 || c == '"' || c == '\\') {
        sink_write(b, s + run, j - run);
        run = j + 1;
        sink_escape(b, c);
      }
    }
  }
  if (i < len) { /* the last bytes, as a word padded with a letter */
    uint64_t w = WORD_ONES * 'a';
    memcpy(&w, s + i, len - i);
    high |= w;
    if (!word_needs_escape(w)) {
      i = len;
    }
  }
  for (; i < len; ++i) {
    const unsigned char c = (unsigned char)s[i];
    if (c < 0x20 || c == '"' || c == '\\') {
      sink_write(b, s + run, i - run);
      run = i + 1;
      sink_escape(b, c);
    }
  }
  sink_write(b, s + run, len - run);
  sink_write(b, "\"", 1);
  /* what was written of it is not read: the writer stops, and the file is not kept */
  return !word_high(high) ||
         utf8_invalid_offset((const unsigned char *)s, len) == len;
}

/* sink_string_n of a NUL-terminated string. */
static int
sink_string(sink *b, const char *s)
{
  return sink_string_n(b, s, strlen(s));
}

/* jansson's output of a part of the document (the context), indented as deep as it sits:
   a raw line break in JSON text is only ever its layout (strings hold "\n" escaped). */
static int
dump_chunk(const char *chunk, size_t size, void *data)
{
  sink *b = data;
  for (size_t from = 0, i = 0; i <= size; ++i) {
    if (i == size || chunk[i] == '\n') {
      sink_write(b, chunk + from, i - from);
      if (i < size) {
        sink_write(b, "\n", 1);
        for (unsigned k = 0; k < b->extra_indent; ++k) {
          sink_write(b, " ", 1);
        }
      }
      from = i + 1;
    }
  }
  return b->failed ? -1 : 0;
}

/* ---- node objects ------------------------------------------------------------- */

/* An IRI met: its compact form, and the term of the properties it names. */
typedef struct {
  char *compact;
  size_t compact_len;
  const term *x; /* NULL: none */
} iri_seen;

/* The writer's state: the terms, and the IRIs met so far, by raptor's interned raptor_uri
   (compacting each IRI each time was a sixth of the writer's instructions). */
typedef struct {
  const term_table *terms;
  sink *out;
  ptrmap *seen; /* raptor_uri -> position in iris */
  iri_seen *iris;
  size_t niris, iris_capacity;
} node_writer;

static void
node_writer_clear(node_writer *w)
{
  for (size_t i = 0; i < w->niris; ++i) {
    free(w->iris[i].compact);
  }
  free(w->iris);
  ptrmap_free(w->seen);
}

/* What @p w knows of the IRI of @p t (borrowed, kept by @p w); NULL when @p t is no IRI,
   or out of memory. */
static const iri_seen *
seen_iri(node_writer *w, const raptor_term *t)
{
  if (!t || t->type != RAPTOR_TERM_TYPE_URI) {
    return NULL;
  }
  size_t at;
  if (ptrmap_get(w->seen, t->value.uri, &at)) {
    return &w->iris[at];
  }
  iri_seen *iris = grow_array(w->iris, &w->iris_capacity, w->niris + 1, sizeof *iris, 256);
  if (!iris) {
    return NULL;
  }
  w->iris = iris;
  const char *iri = term_iri(t);
  char *c = compact_iri(iri, w->terms->base);
  if (!c || ptrmap_put(w->seen, t->value.uri, w->niris) != ILDKG_OK) {
    free(c);
    return NULL;
  }
  size_t i;
  const term *x = strmap_get(w->terms->by_iri, iri, &i) ? &w->terms->terms[i] : NULL;
  w->iris[w->niris] = (iri_seen){c, strlen(c), x};
  return &w->iris[w->niris++];
}

/* The compact form of the IRI of @p t (borrowed), or NULL (as seen_iri). */
static const char *
compacted(node_writer *w, const raptor_term *t)
{
  const iri_seen *seen = seen_iri(w, t);
  return seen ? seen->compact : NULL;
}

static const char *
literal_datatype(const raptor_term *x)
{
  return x->value.literal.datatype ? (const char *)raptor_uri_as_string(x->value.literal.datatype)
                                   : NULL;
}

/* Whether @p o is written as a plain JSON string under term @p x (the term's coercion
   says the rest). */
static int
fits_term(const term *x, const raptor_term *o)
{
  if (!x) {
    return 0;
  }
  if (o->type == RAPTOR_TERM_TYPE_URI) {
    return x->kind == COERCE_ID;
  }
  if (o->type != RAPTOR_TERM_TYPE_LITERAL) {
    return 0;
  }
  const char *dt = literal_datatype(o);
  const char *lang = (const char *)o->value.literal.language;
  return (x->kind == COERCE_DATATYPE && dt && !strcmp(dt, x->datatype)) ||
         (x->kind == COERCE_LANGUAGE && lang && !dt && !strcmp(lang, x->language)) ||
         (x->kind == COERCE_NONE && !dt && !lang);
}

/* One "key": value of a node object: its statements' objects (those that fit the term,
   or those that do not), or its types. */
typedef enum { KEY_ID, KEY_TYPE, KEY_COERCED, KEY_EXPLICIT } key_kind;

typedef struct {
  const char *key; /* borrowed */
  key_kind kind;
  const term *x;   /* KEY_COERCED's term */
  size_t from, to; /* the statements; a value for each that belongs here */
  size_t count;    /* how many belong here */
  int is_set;
} node_key;

static int
compare_keys(const void *a, const void *b)
{
  return strcmp(((const node_key *)a)->key, ((const node_key *)b)->key);
}

/* @p keys by name: by insertion for the few keys of most nodes (qsort's set-up was a
   tenth of the writer's instructions). */
static void
sort_keys(node_key *keys, size_t n)
{
  if (n > 16) {
    qsort(keys, n, sizeof *keys, compare_keys);
    return;
  }
  for (size_t i = 1; i < n; ++i) {
    const node_key x = keys[i];
    size_t j = i;
    for (; j && strcmp(keys[j - 1].key, x.key) > 0; --j) {
      keys[j] = keys[j - 1];
    }
    keys[j] = x;
  }
}

static int
belongs(const node_key *k, const raptor_term *o)
{
  return k->kind == KEY_TYPE || k->kind == KEY_ID ||
         (k->kind == KEY_COERCED) == fits_term(k->x, o);
}

/* A value object, valid under any key. */
static int
write_explicit(node_writer *w, const raptor_term *o, unsigned depth)
{
  sink *b = w->out;
  sink_write(b, "{", 1);
  sink_indent(b, depth + 1);
  int ok = 1;
  if (o->type == RAPTOR_TERM_TYPE_URI) {
    const char *c = compacted(w, o);
    sink_puts(b, "\"@id\": ");
    ok = c && sink_string(b, c);
  } else if (o->type == RAPTOR_TERM_TYPE_LITERAL) {
    const char *dt = literal_datatype(o);
    if (dt) {
      char *c = compact_iri(dt, w->terms->base);
      sink_puts(b, "\"@type\": ");
      ok = c && sink_string(b, c);
      free(c);
    } else if (o->value.literal.language) {
      sink_puts(b, "\"@language\": ");
      ok = sink_string(b, (const char *)o->value.literal.language);
    }
    if (ok && (dt || o->value.literal.language)) {
      sink_write(b, ",", 1);
      sink_indent(b, depth + 1);
    }
    sink_puts(b, "\"@value\": ");
    ok = ok && sink_string_n(b, (const char *)o->value.literal.string, o->value.literal.string_len);
  } else if (o->type == RAPTOR_TERM_TYPE_BLANK) {
    /* the exports hold none, but a CONSTRUCT answer or a service description may */
    char *label = blank_id(o);
    sink_puts(b, "\"@id\": ");
    ok = label && sink_string(b, label);
    free(label);
  } else {
    ok = 0;
  }
  sink_indent(b, depth);
  sink_write(b, "}", 1);
  return ok;
}

static int
write_value(node_writer *w, const node_key *k, const raptor_term *o, unsigned depth)
{
  if (k->kind == KEY_EXPLICIT) {
    return write_explicit(w, o, depth);
  }
  if (k->kind == KEY_TYPE || o->type == RAPTOR_TERM_TYPE_URI) {
    const iri_seen *seen = seen_iri(w, o);
    return seen && sink_string_n(w->out, seen->compact, seen->compact_len);
  }
  return sink_string_n(w->out, (const char *)o->value.literal.string, o->value.literal.string_len);
}

/* "key": its value, or the array of its values (one value is a scalar unless a @set). */
static int
write_key(node_writer *w, raptor_statement **st, const node_key *k, unsigned depth)
{
  sink *b = w->out;
  if (!sink_string(b, k->key)) {
    return 0;
  }
  sink_write(b, ": ", 2);
  if (k->kind == KEY_ID) {
    const raptor_term *subject = st[k->from]->subject;
    if (subject->type == RAPTOR_TERM_TYPE_URI) {
      return write_value(w, k, subject, depth);
    }
    char *label = blank_id(subject);
    const int ok = label && sink_string(b, label);
    free(label);
    return ok;
  }
  const int array = k->count > 1 || k->is_set;
  if (array) {
    sink_write(b, "[", 1);
  }
  int ok = 1;
  for (size_t i = k->from, n = 0; ok && i < k->to; ++i) {
    if (!belongs(k, st[i]->object)) {
      continue;
    }
    if (array && n++) {
      sink_write(b, ",", 1);
    }
    if (array) {
      sink_indent(b, depth + 1);
    }
    ok = write_value(w, k, st[i]->object, array ? depth + 1 : depth);
  }
  if (array) {
    sink_indent(b, depth);
    sink_write(b, "]", 1);
  }
  return ok;
}

/* Whether @p a and @p b are the same term: the statements of a sorted snapshot share the
   graph's terms, so most are the same pointer. */
static int
same_term(const raptor_term *a, const raptor_term *b)
{
  return a == b || raptor_term_equals((raptor_term *)a, (raptor_term *)b);
}

/* Room for @p more keys in *keys (the caller frees it); 0 when out of memory. */
static int
key_room(node_key **keys, size_t nkeys, size_t more, size_t *capacity)
{
  node_key *room = grow_array(*keys, capacity, nkeys + more, sizeof *room, 16);
  if (room) {
    *keys = room;
  }
  return room != NULL;
}

/* The keys of the predicate of the statements [k, end): "@type", or the term's name for
   the objects that fit it and the compact IRI for the rest. 0 when out of memory. */
static int
predicate_keys(node_writer *w, raptor_statement **st, size_t k, size_t end, node_key *keys,
               size_t *nkeys)
{
  const char *p = term_iri(st[k]->predicate);
  if (p && !strcmp(p, NS_RDF "type")) {
    keys[(*nkeys)++] = (node_key){"@type", KEY_TYPE, NULL, k, end, end - k, 0};
    return 1;
  }
  const iri_seen *seen = seen_iri(w, st[k]->predicate);
  if (!seen) {
    return 0;
  }
  const term *x = seen->x;
  const char *key = seen->compact;
  size_t fitting = 0;
  for (size_t j = k; j < end; ++j) {
    fitting += (size_t)fits_term(x, st[j]->object);
  }
  if (fitting) {
    keys[(*nkeys)++] = (node_key){x->name, KEY_COERCED, x, k, end, fitting, x->set};
  }
  if (fitting < end - k) {
    keys[(*nkeys)++] = (node_key){key, KEY_EXPLICIT, x, k, end, end - k - fitting, 0};
  }
  return 1;
}

/* The keys of the statements [from, to) of one subject, "@id" first, into *keys. */
static int
gather_keys(node_writer *w, raptor_statement **st, size_t from, size_t to, node_key **keys,
            size_t *nkeys, size_t *capacity)
{
  const raptor_term *s = st[from]->subject;
  if ((s->type != RAPTOR_TERM_TYPE_URI && s->type != RAPTOR_TERM_TYPE_BLANK) ||
      !key_room(keys, 0, 1, capacity)) {
    return 0;
  }
  (*keys)[0] = (node_key){"@id", KEY_ID, NULL, from, from + 1, 1, 0};
  *nkeys = 1;
  for (size_t k = from, end; k < to; k = end) {
    for (end = k + 1; end < to && same_term(st[end]->predicate, st[k]->predicate); ++end) {
    }
    if (!key_room(keys, *nkeys, 2, capacity) || !predicate_keys(w, st, k, end, *keys, nkeys)) {
      return 0;
    }
  }
  return 1;
}

/* One node object for the statements [from, to) that share a subject, at @p depth. */
static ildkg_status
write_node(node_writer *w, raptor_statement **st, size_t from, size_t to, unsigned depth,
           node_key **keys, size_t *capacity)
{
  size_t nkeys = 0;
  if (!gather_keys(w, st, from, to, keys, &nkeys, capacity)) {
    return ILDKG_ERR_NOMEM;
  }
  sort_keys(*keys, nkeys);
  for (size_t i = 1; i < nkeys; ++i) {
    if (!strcmp((*keys)[i - 1].key, (*keys)[i].key)) {
      return ILDKG_ERR_RDF; /* two properties under one key: one would be lost */
    }
  }
  sink *b = w->out;
  sink_write(b, "{", 1);
  int ok = 1;
  for (size_t i = 0; ok && i < nkeys; ++i) {
    sink_write(b, ",", i ? 1 : 0);
    sink_indent(b, depth + 1);
    ok = write_key(w, st, &(*keys)[i], depth + 1);
  }
  sink_indent(b, depth);
  sink_write(b, "}", 1);
  return ok ? ILDKG_OK : ILDKG_ERR_RDF;
}

/* The context: the terms, or a hosted context and this build's data prefix. */
static json_t *
context_of(const export_job *job, const term_table *t)
{
  if (!job->options->jsonld_context) {
    return context_from_terms(t);
  }
  /* A hosted context, with the data prefix of this build (--base may differ from it). */
  json_t *refs = json_array(), *local = json_object();
  int ok = refs && local && json_array_append_new(refs, json_string(job->options->jsonld_context)) == 0;
  ok = ok && set(local, NS_DATA_PREFIX, json_string(t->base));
  ok = ok && json_array_append(refs, local) == 0;
  json_decref(local);
  if (!ok) {
    json_decref(refs);
    return NULL;
  }
  return refs;
}

static ildkg_status
write_document(const export_job *job, const term_table *t, sink *b)
{
  json_t *context = context_of(job, t);
  if (!context) {
    return ILDKG_ERR_NOMEM;
  }
  sink_write(b, "{", 1);
  sink_indent(b, 1);
  sink_puts(b, "\"@context\": ");
  b->extra_indent = 2;
  const int dumped = json_dump_callback(context, dump_chunk, b,
                                        JSON_INDENT(2) | JSON_SORT_KEYS | JSON_REAL_PRECISION(3));
  json_decref(context);
  if (dumped != 0) {
    return ILDKG_ERR_IO;
  }
  sink_write(b, ",", 1);
  sink_indent(b, 1);
  sink_puts(b, "\"@graph\": [");
  node_writer w = {t, b, ptrmap_new(), NULL, 0, 0};
  node_key *keys = NULL;
  size_t capacity = 0;
  ildkg_status st = w.seen ? ILDKG_OK : ILDKG_ERR_NOMEM;
  raptor_statement **all = job->statements;
  for (size_t k = 0, end; st == ILDKG_OK && k < job->count; k = end) {
    for (end = k + 1; end < job->count && same_term(all[end]->subject, all[k]->subject);
         ++end) {
    }
    sink_write(b, ",", k ? 1 : 0);
    sink_indent(b, 2);
    st = write_node(&w, all, k, end, 2, &keys, &capacity);
  }
  free(keys);
  node_writer_clear(&w);
  if (job->count) {
    sink_indent(b, 1);
  }
  sink_write(b, "]", 1);
  sink_indent(b, 0);
  sink_write(b, "}\n", 2);
  return st;
}

ildkg_status
jsonld_write(const export_job *job, FILE *out)
{
  term_table t;
  ildkg_status st = terms_build(&t, job->options->ontology, job->options->base);
  sink *b = st == ILDKG_OK ? malloc(sizeof *b) : NULL;
  if (st == ILDKG_OK && !b) {
    st = ILDKG_ERR_NOMEM;
  }
  if (b) {
    b->out = out;
    b->used = 0;
    b->failed = 0;
    b->extra_indent = 0;
    st = write_document(job, &t, b);
    sink_flush(b);
    if (st == ILDKG_OK && b->failed) {
      st = ILDKG_ERR_IO;
    }
  }
  free(b);
  terms_clear(&t);
  return st;
}
