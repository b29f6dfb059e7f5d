/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "ontology.h"

#include "regular_file.h"

#include <dirent.h>
#include <errno.h>
#include <raptor2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ns.h"
#include "strmap.h"
#include "utf8.h"


typedef struct {
  const char *local;
  const char **parents; /* ildkg superclasses named by rdfs:subClassOf, as many as there are */
  size_t nparents;
  const char **ancestors; /* itself, then every declared superclass, each once */
  size_t nancestors;
} ontology_class;

typedef struct {
  const char *local;
  const char *cls;
} ontology_individual;

struct ontology {
  ildkg_triple *triples;
  size_t ntriples, triples_capacity;
  ontology_class *classes;
  size_t nclasses;
  strmap *class_index;
  ontology_property *properties;
  size_t nproperties;
  strmap *property_index;
  ontology_individual *individuals;
  size_t nindividuals;
  strmap *individual_index;
  strmap *label_index; /* ildkg local name -> triple holding its English label */
};

/* State of one parse: where statements and messages go. */
typedef struct {
  ontology *onto;
  ildkg_diag *diag;
  const char *file;
  raptor_parser *parser;
  ildkg_status status;
} parse_context;

static void
term_clear(ildkg_term *t)
{
  free(t->value);
  free(t->datatype);
  free(t->lang);
}

void
ontology_free(ontology *o)
{
  if (!o) {
    return;
  }
  for (size_t i = 0; i < o->ntriples; ++i) {
    term_clear(&o->triples[i].s);
    term_clear(&o->triples[i].p);
    term_clear(&o->triples[i].o);
  }
  free(o->triples);
  for (size_t i = 0; i < o->nclasses; ++i) {
    free(o->classes[i].parents);
    free(o->classes[i].ancestors);
  }
  free(o->classes);
  free(o->properties);
  free(o->individuals);
  strmap_free(o->class_index);
  strmap_free(o->property_index);
  strmap_free(o->individual_index);
  strmap_free(o->label_index);
  free(o);
}

static unsigned long
parser_line(const parse_context *c)
{
  const raptor_locator *where = c->parser ? raptor_parser_get_locator(c->parser) : NULL;
  return where && where->line > 0 ? (unsigned long)where->line : 0;
}

static void
log_to_diag(void *user_data, raptor_log_message *message)
{
  parse_context *c = user_data;
  if (message->level < RAPTOR_LOG_LEVEL_WARN) {
    return;
  }
  const unsigned long line =
    message->locator && message->locator->line > 0 ? (unsigned long)message->locator->line : 0;
  c->status = ildkg_diag_error(c->diag, (ildkg_loc){c->file, line, NULL}, "Turtle: %s",
                               message->text ? message->text : "parse error");
}

static char *
dup_or_null(const unsigned char *s)
{
  return s ? strdup((const char *)s) : NULL;
}

/* What every export format can hold, checked here so that `validate` refuses what a
   writer would: a literal's text, an IRI's characters, and local names in the ildkg
   namespace short enough for the IRIs minted from them. */
static ildkg_status
check_term(parse_context *c, const ildkg_term *t)
{
  const ildkg_loc at = {c->file, parser_line(c), NULL};
  const size_t len = strlen(t->value), ns = strlen(NS_ILDKG);
  unsigned long cp = 0;
  if (t->kind == TERM_LITERAL) {
    const size_t bad = utf8_text_unsafe_offset((const unsigned char *)t->value, len, &cp);
    return bad == len ? ILDKG_OK
                      : ildkg_diag_error(c->diag, at,
                                         "a literal holds U+%04lX at byte %zu (expected text "
                                         "every export can hold: no control character but tab "
                                         "and line breaks, no noncharacter)",
                                         cp, bad + 1);
  }
  const size_t bad = utf8_iri_unsafe_offset((const unsigned char *)t->value, len, &cp);
  if (bad < len) {
    return ildkg_diag_error(c->diag, at,
                            "an IRI holds U+%04lX at byte %zu (expected a character an IRI "
                            "may hold)",
                            cp, bad + 1);
  }
  if (!strncmp(t->value, NS_ILDKG, ns) && len - ns > ONTOLOGY_MAX_LOCAL_NAME) {
    return ildkg_diag_error(c->diag, at,
                            "local name of %zu bytes in the ildkg namespace (expected at "
                            "most %d)",
                            len - ns, ONTOLOGY_MAX_LOCAL_NAME);
  }
  return ILDKG_OK;
}

/* Copy a raptor term; blank nodes are refused (ildkg exports carry none). */
static ildkg_status
copy_term(parse_context *c, const raptor_term *from, ildkg_term *to)
{
  memset(to, 0, sizeof *to);
  if (from->type == RAPTOR_TERM_TYPE_URI) {
    to->kind = TERM_IRI;
    to->value = dup_or_null(raptor_uri_as_string(from->value.uri));
  } else if (from->type == RAPTOR_TERM_TYPE_LITERAL) {
    to->kind = TERM_LITERAL;
    to->value = dup_or_null(from->value.literal.string);
    if (from->value.literal.datatype) {
      to->datatype = dup_or_null(raptor_uri_as_string(from->value.literal.datatype));
      if (!to->datatype) {
        return ILDKG_ERR_NOMEM;
      }
    }
    if (from->value.literal.language) {
      to->lang = dup_or_null(from->value.literal.language);
      if (!to->lang) {
        return ILDKG_ERR_NOMEM;
      }
    }
  } else {
    return ildkg_diag_error(c->diag, (ildkg_loc){c->file, parser_line(c), NULL},
                            "blank node (expected IRIs only: exports must be byte-stable)");
  }
  return to->value ? check_term(c, to) : ILDKG_ERR_NOMEM;
}

static ildkg_status
append_triple(parse_context *c, const raptor_statement *rs)
{
  ontology *o = c->onto;
  if (o->ntriples == o->triples_capacity) {
    const size_t capacity = o->triples_capacity ? o->triples_capacity * 2 : 256;
    ildkg_triple *grown = realloc(o->triples, capacity * sizeof *grown);
    if (!grown) {
      return ILDKG_ERR_NOMEM;
    }
    o->triples = grown;
    o->triples_capacity = capacity;
  }
  ildkg_triple *t = &o->triples[o->ntriples];
  memset(t, 0, sizeof *t); /* a refused subject must leave p and o safe to clear */
  ildkg_status st = copy_term(c, rs->subject, &t->s);
  if (st == ILDKG_OK) {
    st = copy_term(c, rs->predicate, &t->p);
  }
  if (st == ILDKG_OK) {
    st = copy_term(c, rs->object, &t->o);
  }
  if (st == ILDKG_OK) {
    ++o->ntriples;
  } else {
    term_clear(&t->s);
    term_clear(&t->p);
    term_clear(&t->o);
  }
  return st;
}

static void
on_statement(void *user_data, raptor_statement *rs)
{
  parse_context *c = user_data;
  const ildkg_status st = append_triple(c, rs);
  if (st != ILDKG_OK && !ILDKG_FATAL(c->status)) {
    c->status = st;
  }
}

static ildkg_status
parse_file(raptor_world *world, parse_context *c, const char *path)
{
  const char *why = NULL;
  const int fd = regular_file_open(path, 64 << 20, &why);
  FILE *fh = fd >= 0 ? fdopen(fd, "rb") : NULL;
  if (!fh) {
    if (fd >= 0) {
      why = strerror(errno);
      close(fd);
    }
    return ildkg_diag_error(c->diag, (ildkg_loc){path, 0, NULL}, "cannot open: %s", why) ==
               ILDKG_ERR_INPUT
             ? ILDKG_ERR_NOINPUT
             : ILDKG_ERR_NOMEM;
  }
  raptor_uri *base = raptor_new_uri(world, (const unsigned char *)ILDKG_ONTOLOGY_IRI);
  c->parser = base ? raptor_new_parser(world, "turtle") : NULL;
  c->file = path;
  ildkg_status st = c->parser ? ILDKG_OK : ILDKG_ERR_RDF;
  if (st == ILDKG_OK) {
    raptor_parser_set_statement_handler(c->parser, c, on_statement);
    if (raptor_parser_parse_file_stream(c->parser, fh, path, base) != 0 && c->status == ILDKG_OK) {
      c->status = ildkg_diag_error(c->diag, (ildkg_loc){path, parser_line(c), NULL},
                                   "Turtle: parse failed");
    }
    st = c->status;
  }
  raptor_free_parser(c->parser);
  c->parser = NULL;
  raptor_free_uri(base);
  fclose(fh);
  return st;
}

static int
compare_names(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static int
has_suffix(const char *s, const char *suffix)
{
  const size_t n = strlen(s), m = strlen(suffix);
  return n > m && strcmp(s + n - m, suffix) == 0;
}

/* The paths of DIR/ *.ttl in name order; free each and the array. */
static ildkg_status
list_turtle_files(const char *dir, char ***paths, size_t *count, ildkg_diag *d)
{
  *paths = NULL;
  *count = 0;
  DIR *dh = opendir(dir);
  if (!dh) {
    ildkg_diag_error(d, (ildkg_loc){dir, 0, NULL}, "cannot open ontology directory: %s",
                     strerror(errno));
    return ILDKG_ERR_NOINPUT;
  }
  ildkg_status st = ILDKG_OK;
  size_t capacity = 0;
  for (struct dirent *e; st == ILDKG_OK && (e = readdir(dh));) {
    /* shapes.ttl holds the SHACL shapes of the data: rules about the graph, not its
     * vocabulary, so neither read as ontology nor copied into the exports. */
    if (e->d_name[0] == '.' || !has_suffix(e->d_name, ".ttl") ||
        !strcmp(e->d_name, ONTOLOGY_SHAPES_FILE)) {
      continue;
    }
    if (*count == capacity) {
      capacity = capacity ? capacity * 2 : 8;
      char **grown = realloc(*paths, capacity * sizeof *grown);
      if (!grown) {
        st = ILDKG_ERR_NOMEM;
        break;
      }
      *paths = grown;
    }
    if (asprintf(&(*paths)[*count], "%s/%s", dir, e->d_name) < 0) {
      st = ILDKG_ERR_NOMEM;
    } else {
      ++*count;
    }
  }
  closedir(dh);
  if (st == ILDKG_OK && *count == 0) {
    ildkg_diag_error(d, (ildkg_loc){dir, 0, NULL}, "no *.ttl file (expected the ontology)");
    st = ILDKG_ERR_NOINPUT;
  }
  if (*count) {
    qsort(*paths, *count, sizeof **paths, compare_names);
  }
  return st;
}

static const char *
ildkg_local(const ildkg_term *t)
{
  const size_t n = strlen(NS_ILDKG);
  return t->kind == TERM_IRI && strncmp(t->value, NS_ILDKG, n) == 0 && t->value[n] ? t->value + n
                                                                                     : NULL;
}

static const char *
xsd_local(const ildkg_term *t)
{
  const size_t n = strlen(NS_XSD);
  return t->kind == TERM_IRI && strncmp(t->value, NS_XSD, n) == 0 ? t->value + n : NULL;
}

static int
is_iri(const ildkg_term *t, const char *iri)
{
  return t->kind == TERM_IRI && strcmp(t->value, iri) == 0;
}

/* Index entry of a named thing, created on first sight. Returns SIZE_MAX on NOMEM. */
static size_t
intern(strmap *index, void **array, size_t *count, size_t size, const char *local)
{
  size_t i;
  if (strmap_get(index, local, &i)) {
    return i;
  }
  /* Grow by powers of two: count is a power of two exactly when the array is full. */
  if ((*count & (*count - 1)) == 0) {
    void *grown = realloc(*array, (*count ? *count * 2 : 1) * size);
    if (!grown) {
      return (size_t)-1;
    }
    *array = grown;
  }
  i = (*count)++;
  memset((char *)*array + i * size, 0, size);
  *(const char **)((char *)*array + i * size) = local; /* local is the first member */
  return strmap_put(index, local, i) == ILDKG_OK ? i : (size_t)-1;
}

static ontology_class *
class_entry(ontology *o, const char *local)
{
  const size_t i = intern(o->class_index, (void **)&o->classes, &o->nclasses,
                          sizeof *o->classes, local);
  return i == (size_t)-1 ? NULL : &o->classes[i];
}

static ontology_property *
property_entry(ontology *o, const char *local)
{
  const size_t i = intern(o->property_index, (void **)&o->properties, &o->nproperties,
                          sizeof *o->properties, local);
  return i == (size_t)-1 ? NULL : &o->properties[i];
}

/* First pass: declarations (classes and properties) made with rdf:type. */
static ildkg_status
index_declaration(ontology *o, const ildkg_triple *t, const char *s)
{
  if (!is_iri(&t->p, NS_RDF "type")) {
    return ILDKG_OK;
  }
  if (is_iri(&t->o, NS_OWL "Class")) {
    return class_entry(o, s) ? ILDKG_OK : ILDKG_ERR_NOMEM;
  }
  const int object = is_iri(&t->o, NS_OWL "ObjectProperty");
  const int data = is_iri(&t->o, NS_OWL "DatatypeProperty");
  const int functional = is_iri(&t->o, NS_OWL "FunctionalProperty");
  if (object || data || functional) {
    ontology_property *p = property_entry(o, s);
    if (!p) {
      return ILDKG_ERR_NOMEM;
    }
    p->is_datatype |= data;
    p->is_functional |= functional;
  }
  return ILDKG_OK;
}

/* Add @p name to the array *names of *n names (grown by powers of two). */
static ildkg_status
append_name(const char ***names, size_t *n, const char *name)
{
  if ((*n & (*n - 1)) == 0) {
    const char **grown = realloc(*names, (*n ? *n * 2 : 1) * sizeof *grown);
    if (!grown) {
      return ILDKG_ERR_NOMEM;
    }
    *names = grown;
  }
  (*names)[(*n)++] = name;
  return ILDKG_OK;
}

/* Second pass: what is said of declared things. */
static ildkg_status
index_description(ontology *o, const ildkg_triple *t, const char *s)
{
  size_t i;
  const char *obj = ildkg_local(&t->o);
  if (strmap_get(o->class_index, s, &i)) {
    ontology_class *c = &o->classes[i];
    if (is_iri(&t->p, NS_RDFS "subClassOf") && obj) {
      return append_name(&c->parents, &c->nparents, obj);
    }
  } else if (strmap_get(o->property_index, s, &i)) {
    ontology_property *p = &o->properties[i];
    if (is_iri(&t->p, NS_RDFS "domain") && obj) {
      p->domain = obj;
    } else if (is_iri(&t->p, NS_RDFS "range")) {
      p->range = obj ? obj : xsd_local(&t->o);
    } else if (is_iri(&t->p, NS_ILDKG "statementClass") && obj) {
      p->statement_class = obj;
      p->role = PROPERTY_CLAIM;
    } else if (is_iri(&t->p, NS_RDFS "subPropertyOf") && obj &&
               (!strcmp(obj, "objectQualifier") || !strcmp(obj, "dataQualifier"))) {
      p->role = PROPERTY_QUALIFIER;
    } else if (is_iri(&t->p, NS_ILDKG "unit") && t->o.kind == TERM_LITERAL) {
      p->unit = t->o.value;
    } else if (is_iri(&t->p, NS_ILDKG "restrictsClaim") && t->o.kind == TERM_LITERAL) {
      p->restricts_claim = !strcmp(t->o.value, "true");
    }
  } else if (is_iri(&t->p, NS_RDF "type") && obj && strmap_get(o->class_index, obj, &i)) {
    const size_t k = intern(o->individual_index, (void **)&o->individuals, &o->nindividuals,
                            sizeof *o->individuals, s);
    if (k == (size_t)-1) {
      return ILDKG_ERR_NOMEM;
    }
    o->individuals[k].cls = obj;
  }
  return ILDKG_OK;
}

/* Breadth-first over the superclasses, the list itself the queue: no depth limit, and a
   cycle or a diamond adds each class once. */
static ildkg_status
collect_ancestors(ontology *o, ontology_class *c)
{
  ildkg_status st = append_name(&c->ancestors, &c->nancestors, c->local);
  for (size_t next = 0; st == ILDKG_OK && next < c->nancestors; ++next) {
    size_t i;
    strmap_get(o->class_index, c->ancestors[next], &i);
    const ontology_class *from = &o->classes[i];
    for (size_t k = 0; st == ILDKG_OK && k < from->nparents; ++k) {
      const char *parent = from->parents[k];
      int seen = !ontology_is_class(o, parent);
      for (size_t j = 0; j < c->nancestors && !seen; ++j) {
        seen = !strcmp(c->ancestors[j], parent);
      }
      st = seen ? ILDKG_OK : append_name(&c->ancestors, &c->nancestors, parent);
    }
  }
  return st;
}

static ildkg_status
build_index(ontology *o, ildkg_diag *d, const char *dir)
{
  int has_header = 0;
  ildkg_status st = ILDKG_OK;
  for (size_t i = 0; st == ILDKG_OK && i < o->ntriples; ++i) {
    const ildkg_triple *t = &o->triples[i];
    has_header |= is_iri(&t->s, ILDKG_ONTOLOGY_IRI) && is_iri(&t->p, NS_RDF "type") &&
                  is_iri(&t->o, NS_OWL "Ontology");
    const char *s = ildkg_local(&t->s);
    if (s) {
      st = index_declaration(o, t, s);
    }
  }
  for (size_t i = 0; st == ILDKG_OK && i < o->ntriples; ++i) {
    const ildkg_triple *t = &o->triples[i];
    const char *s = ildkg_local(&t->s);
    if (s) {
      st = index_description(o, t, s);
    }
    if (s && st == ILDKG_OK && is_iri(&t->p, NS_RDFS "label") && t->o.lang &&
        !strcmp(t->o.lang, "en") && strmap_put(o->label_index, s, i) == ILDKG_ERR_NOMEM) {
      st = ILDKG_ERR_NOMEM;
    }
  }
  for (size_t i = 0; st == ILDKG_OK && i < o->nclasses; ++i) {
    st = collect_ancestors(o, &o->classes[i]);
  }
  if (st == ILDKG_OK && !has_header) {
    st = ildkg_diag_error(d, (ildkg_loc){dir, 0, NULL},
                          "no owl:Ontology header (expected <%s> a owl:Ontology)",
                          ILDKG_ONTOLOGY_IRI);
  }
  return st;
}

static ildkg_status
parse_all(ontology *o, char **paths, size_t count, ildkg_diag *d)
{
  raptor_world *world = raptor_new_world();
  parse_context c = {o, d, NULL, NULL, ILDKG_OK};
  if (!world) {
    return ILDKG_ERR_RDF;
  }
  raptor_world_set_log_handler(world, &c, log_to_diag);
  ildkg_status st = raptor_world_open(world) ? ILDKG_ERR_RDF : ILDKG_OK;
  for (size_t i = 0; st == ILDKG_OK && i < count; ++i) {
    st = parse_file(world, &c, paths[i]);
  }
  raptor_free_world(world);
  return st;
}

ildkg_status
ontology_load(ontology **out, const char *dir, ildkg_diag *d)
{
  *out = NULL;
  char **paths = NULL;
  size_t count = 0;
  ontology *o = calloc(1, sizeof *o);
  ildkg_status st = ILDKG_ERR_NOMEM;
  if (o && (o->class_index = strmap_new()) && (o->property_index = strmap_new()) &&
      (o->individual_index = strmap_new()) && (o->label_index = strmap_new())) {
    st = list_turtle_files(dir, &paths, &count, d);
  }
  if (st == ILDKG_OK) {
    st = parse_all(o, paths, count, d);
  }
  if (st == ILDKG_OK) {
    st = build_index(o, d, dir);
  }
  for (size_t i = 0; i < count; ++i) {
    free(paths[i]);
  }
  free(paths);
  if (st != ILDKG_OK) {
    ontology_free(o);
    return st;
  }
  *out = o;
  return ILDKG_OK;
}

size_t
ontology_triple_count(const ontology *o)
{
  return o->ntriples;
}

const ildkg_triple *
ontology_triple_at(const ontology *o, size_t i)
{
  return i < o->ntriples ? &o->triples[i] : NULL;
}

bool
ontology_is_class(const ontology *o, const char *local)
{
  return strmap_get(o->class_index, local, NULL);
}

bool
ontology_class_is_a(const ontology *o, const char *cls, const char *ancestor)
{
  size_t n = 0;
  const char *const *ancestors = ontology_class_ancestors(o, cls, &n);
  for (size_t i = 0; i < n; ++i) {
    if (!strcmp(ancestors[i], ancestor)) {
      return true;
    }
  }
  return !strcmp(cls, ancestor);
}

const char *const *
ontology_class_ancestors(const ontology *o, const char *cls, size_t *n)
{
  size_t i;
  if (!strmap_get(o->class_index, cls, &i)) {
    *n = 0;
    return NULL;
  }
  *n = o->classes[i].nancestors;
  return o->classes[i].ancestors;
}

const ontology_property *
ontology_property_get(const ontology *o, const char *local)
{
  size_t i;
  return strmap_get(o->property_index, local, &i) ? &o->properties[i] : NULL;
}

const char *
ontology_individual_class(const ontology *o, const char *local)
{
  size_t i;
  return strmap_get(o->individual_index, local, &i) ? o->individuals[i].cls : NULL;
}

size_t
ontology_property_count(const ontology *o)
{
  return o->nproperties;
}

const ontology_property *
ontology_property_at(const ontology *o, size_t i)
{
  return i < o->nproperties ? &o->properties[i] : NULL;
}

const char *
ontology_label(const ontology *o, const char *local)
{
  size_t i;
  return strmap_get(o->label_index, local, &i) ? o->triples[i].o.value : NULL;
}
