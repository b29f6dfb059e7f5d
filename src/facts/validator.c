/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "validator.h"

#include <dirent.h>
#include <stdarg.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "curie.h"
#include "tsv_reader.h"
#include "xsd.h"

enum { MAX_QUALIFIERS = 64, MAX_REFERENCES = 64, MAX_ALT_LABELS = 32 };
/* A review cites hundreds of references at most; each becomes a node. Beyond this the
   graph grew for minutes (999999999 took 4 GB). */
enum { MAX_REFERENCE_COUNT = 10000 };

/* Roots the ontology must have: what entities and review parts are. */
static const char ENTITY_ROOT[] = "ClinicalEntity";
static const char SECTION_ROOT[] = "ReviewPart";
static const char STATEMENT_CLASS[] = "Statement";

/* A qualifier naming a statement: resolved once every statement file is read, so the
   order of lines and files does not matter. */
typedef struct {
  const char *file; /* interned */
  unsigned long line;
  const char *property; /* borrowed from the ontology */
  char *id;             /* owned */
} pending_statement_ref;

typedef struct {
  const ontology *onto;
  ildkg_diag *diag;
  facts *facts;
  const char *file; /* interned name of the file being read */
  size_t review_keys_seen;
  pending_statement_ref *pending;
  size_t npending;
  size_t statement_rows; /* read so far, valid or not */
  int over_limit;        /* past VALIDATOR_MAX_STATEMENTS: read no further row */
} validator;

typedef ildkg_status (*row_checker)(validator *v, const tsv_row *row);

/* Report `field NAME: <fmt...> (<expected>)` at the row. */
static ildkg_status field_error(validator *v, const tsv_row *row, const char *field,
                                const char *expected, const char *fmt, ...) ILDKG_PRINTF(5, 6);

static ildkg_status
field_error(validator *v, const tsv_row *row, const char *field, const char *expected,
            const char *fmt, ...)
{
  char *message = NULL; /* whole: a bad value is quoted as it is, never cut in a character */
  va_list args;
  va_start(args, fmt);
  const int n = vasprintf(&message, fmt, args);
  va_end(args);
  if (n < 0) {
    return ILDKG_ERR_NOMEM;
  }
  const ildkg_status st = ildkg_diag_error(
    v->diag, (ildkg_loc){row->loc.file, row->loc.line, field}, "%s (%s)", message, expected);
  free(message);
  return st;
}

/* ---- generic field checks ------------------------------------------------ */

static ildkg_status
require(validator *v, const tsv_row *row, const char *field, const char *value)
{
  return *value ? ILDKG_OK
                : field_error(v, row, field, "expected a value", "empty%s", "");
}

static int
matches_id(const char *s, int upper_first)
{
  if (upper_first ? !(*s >= 'A' && *s <= 'Z') : !(*s >= 'a' && *s <= 'z')) {
    return 0;
  }
  for (const char *p = s; *p; ++p) {
    const int alnum = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
                      (upper_first && *p >= 'A' && *p <= 'Z');
    if (!alnum && !(*p == '-' && p[1] && p[1] != '-')) {
      return 0;
    }
  }
  return 1;
}

/* An id becomes part of IRIs and of qualifier texts: a documented, checked length. */
enum { MAX_ID_LENGTH = 128 };

static ildkg_status
check_id(validator *v, const tsv_row *row, const char *value, int upper_first)
{
  ildkg_status st = require(v, row, "id", value);
  if (st == ILDKG_OK && strlen(value) > MAX_ID_LENGTH) {
    return field_error(v, row, "id", "expected at most 128 characters", "an id of %zu characters",
                       strlen(value));
  }
  if (st == ILDKG_OK && !matches_id(value, upper_first)) {
    st = field_error(v, row, "id", upper_first ? "expected a letter A-Z, then letters, digits, single '-'"
                                    : "expected a letter a-z, then a-z, 0-9, single '-'", "malformed id '%s'", value);
  }
  return st;
}

static ildkg_status
check_class(validator *v, const tsv_row *row, const char *value, const char *root)
{
  ildkg_status st = require(v, row, "class", value);
  if (st == ILDKG_OK && !ontology_is_class(v->onto, value)) {
    st = field_error(v, row, "class", "expected a class of the ontology", "unknown class '%s'", value);
  } else if (st == ILDKG_OK && !ontology_class_is_a(v->onto, value, root)) {
    char expected[128];
    snprintf(expected, sizeof expected, "expected a subclass of %s", root);
    st = field_error(v, row, "class", expected, "class '%s' does not fit here", value);
  }
  return st;
}

/* Parse a whole unsigned number of at most 9 digits. */
static int
parse_unsigned(const char *s, unsigned *out)
{
  unsigned long n = 0;
  size_t digits = 0;
  for (; *s >= '0' && *s <= '9' && digits < 10; ++s, ++digits) {
    n = n * 10 + (unsigned long)(*s - '0');
  }
  if (*s || digits == 0 || digits > 9) {
    return 0;
  }
  *out = (unsigned)n;
  return 1;
}

/* ---- review.tsv ------------------------------------------------------------ */

static const char *const REVIEW_COLUMNS[] = {"key", "value"};
static const char *const REVIEW_KEYS[] = {"label", "reference_count"};

static ildkg_status
set_review_key(validator *v, const tsv_row *row, size_t key, const char *value)
{
  fact_review *r = facts_review(v->facts);
  char **slot = key == 0 ? &r->label : NULL;
  if (slot) {
    return (*slot = strdup(value)) ? ILDKG_OK : ILDKG_ERR_NOMEM;
  }
  if (!parse_unsigned(value, &r->reference_count) || r->reference_count == 0 ||
      r->reference_count > MAX_REFERENCE_COUNT) {
    r->reference_count = 0;
    return field_error(v, row, "value", "expected a whole number of references from 1 to 10000", "bad number '%s'", value);
  }
  return ILDKG_OK;
}

static ildkg_status
check_review_row(validator *v, const tsv_row *row)
{
  const char *key = row->fields[0], *value = row->fields[1];
  size_t k = 0;
  while (k < 2 && strcmp(key, REVIEW_KEYS[k]) != 0) {
    ++k;
  }
  if (k == 2) {
    return field_error(v, row, "key", "expected label or reference_count", "unknown key '%s'", key);
  }
  if (v->review_keys_seen & (1u << k)) {
    return field_error(v, row, "key", "expected each key once", "duplicate key '%s'", key);
  }
  ildkg_status st = require(v, row, "value", value);
  if (st == ILDKG_OK) {
    v->review_keys_seen |= 1u << k;
    st = set_review_key(v, row, k, value);
  }
  return st;
}

/* ---- sections.tsv ---------------------------------------------------------- */

static const char *const SECTION_COLUMNS[] = {"id", "class", "order", "label", "part_of"};

static ildkg_status
check_section_row(validator *v, const tsv_row *row)
{
  char **f = row->fields;
  fact_section s = {f[0], f[1], f[3], *f[4] ? f[4] : NULL, 0};
  ildkg_status st = check_id(v, row, s.id, 0);
  if (st == ILDKG_OK && facts_find_section(v->facts, s.id)) {
    st = field_error(v, row, "id", "expected a new id", "duplicate section id '%s'", s.id);
  }
  const ildkg_status cls = check_class(v, row, s.cls, SECTION_ROOT);
  ildkg_status order = ILDKG_OK;
  if (!parse_unsigned(f[2], &s.order)) {
    order = field_error(v, row, "order", "expected a whole number", "bad number '%s'", f[2]);
  }
  const ildkg_status label = require(v, row, "label", s.label);
  ildkg_status parent = ILDKG_OK;
  if (s.part_of && !facts_find_section(v->facts, s.part_of)) {
    parent = field_error(v, row, "part_of", "expected a section defined above, or empty for the review", "unknown section '%s'", s.part_of);
  }
  if (st || cls || order || label || parent) {
    return ILDKG_ERR_INPUT;
  }
  return facts_add_section(v->facts, &s);
}

/* ---- entities.tsv ---------------------------------------------------------- */

static const char *const ENTITY_COLUMNS[] = {"id", "class", "label", "alt_labels"};

/* Split "a | b | c" in place; each label must be non-empty and new. */
static ildkg_status
split_alt_labels(validator *v, const tsv_row *row, char *text, char **labels, size_t *n)
{
  *n = 0;
  if (!*text) {
    return ILDKG_OK;
  }
  for (char *p = text, *bar;; p = bar + 1) {
    bar = strchr(p, '|');
    if (bar) {
      *bar = '\0';
    }
    char *end = p + strlen(p);
    while (*p == ' ') {
      ++p;
    }
    while (end > p && end[-1] == ' ') {
      *--end = '\0';
    }
    if (!*p || *n == MAX_ALT_LABELS) {
      return field_error(v, row, "alt_labels", "expected up to 32 non-empty labels separated by '|'", "empty or too many labels in '%s'", text);
    }
    labels[(*n)++] = p;
    if (!bar) {
      return ILDKG_OK;
    }
  }
}

static ildkg_status
check_entity_row(validator *v, const tsv_row *row)
{
  char **f = row->fields;
  char *alt[MAX_ALT_LABELS];
  fact_entity e = {f[0], f[1], f[2], alt, 0};
  ildkg_status st = check_id(v, row, e.id, 1);
  if (st == ILDKG_OK && facts_find_entity(v->facts, e.id)) {
    st = field_error(v, row, "id", "expected a new id", "duplicate entity id '%s'", e.id);
  }
  const ildkg_status cls = check_class(v, row, e.cls, ENTITY_ROOT);
  const ildkg_status label = require(v, row, "label", e.label);
  const ildkg_status alts = split_alt_labels(v, row, f[3], alt, &e.nalt_labels);
  if (st || cls || label || alts) {
    return ILDKG_ERR_INPUT;
  }
  return facts_add_entity(v->facts, &e);
}

/* ---- mappings.tsv ---------------------------------------------------------- */

static const char *const MAPPING_COLUMNS[] = {"entity", "match", "curie", "external_label",
                                              "checked_in"};

static ildkg_status
check_mapping_row(validator *v, const tsv_row *row)
{
  char **f = row->fields;
  fact_mapping m = {f[0], !strcmp(f[1], "exact"), f[2], f[3], f[4]};
  ildkg_status st = require(v, row, "entity", m.entity);
  if (st == ILDKG_OK && !facts_find_entity(v->facts, m.entity)) {
    st = field_error(v, row, "entity", "expected an id of entities.tsv", "unknown entity '%s'", m.entity);
  }
  ildkg_status match = ILDKG_OK;
  if (!m.exact && strcmp(f[1], "close") != 0) {
    match = field_error(v, row, "match", "expected exact or close", "unknown match '%s'", f[1]);
  }
  ildkg_status curie = ILDKG_OK;
  if (!curie_scheme_of(m.curie)) {
    curie = field_error(v, row, "curie",
                        "expected HP:NNNNNNN, MONDO:NNNNNNN, MAXO:NNNNNNN, CHEBI:N, ORPHA:N or "
                        "OMIM:NNNNNN",
                        "malformed CURIE '%s'", m.curie);
  }
  const ildkg_status label = require(v, row, "external_label", f[3]);
  const ildkg_status checked = require(v, row, "checked_in", f[4]);
  if (st || match || curie || label || checked) {
    return ILDKG_ERR_INPUT;
  }
  for (size_t i = 0; i < facts_mapping_count(v->facts); ++i) {
    const fact_mapping *other = facts_mapping_at(v->facts, i);
    if (!strcmp(other->entity, m.entity) && !strcmp(other->curie, m.curie)) {
      return field_error(v, row, "curie", "expected one row an entity and external id",
                         other->exact == m.exact ? "'%s' repeats an earlier row for %s"
                                                 : "'%s' is both an exact and a close match of %s",
                         m.curie, m.entity);
    }
  }
  return facts_add_mapping(v->facts, &m);
}

/* ---- statements/ *.tsv ----------------------------------------------------- */

static const char *const STATEMENT_COLUMNS[] = {"id",         "subject",    "predicate",
                                                "object",     "qualifiers", "references",
                                                "section",    "quote"};

static ildkg_status
check_entity_ref(validator *v, const tsv_row *row, const char *field, const char *id,
                 const char *cls, const char *predicate)
{
  const fact_entity *e = facts_find_entity(v->facts, id);
  if (!*id) {
    return require(v, row, field, id);
  }
  if (!e) {
    return field_error(v, row, field, "expected an id of entities.tsv", "unknown entity '%s'", id);
  }
  if (cls && !ontology_class_is_a(v->onto, e->cls, cls)) {
    char message[256];
    snprintf(message, sizeof message, "'%s' is a %s", id, e->cls);
    return ildkg_diag_error(v->diag, (ildkg_loc){row->loc.file, row->loc.line, field},
                            "%s (expected a %s for %s)", message, cls, predicate);
  }
  return ILDKG_OK;
}

static const ontology_property *
check_predicate(validator *v, const tsv_row *row, const char *name)
{
  const ontology_property *p = ontology_property_get(v->onto, name);
  if (!*name) {
    require(v, row, "predicate", name);
    return NULL;
  }
  if (!p || p->role != PROPERTY_CLAIM) {
    field_error(v, row, "predicate", "expected a property of the ontology with an ildkg:statementClass", "unknown predicate '%s'", name);
    return NULL;
  }
  return p;
}

/* A valid decimal from 0 to 100, read exactly: strtod took 100.0000000000000000001 for 100. */
static int
is_percentage(const char *value)
{
  if (value[0] == '-') {
    return !value[1 + strspn(value + 1, "0.")]; /* -0 and -0.0 are 0 */
  }
  const char *digits = value + strspn(value, "0");
  const size_t whole = strcspn(digits, ".");
  const char *fraction = digits[whole] == '.' ? digits + whole + 1 : "";
  const int fraction_zero = !fraction[strspn(fraction, "0")];
  return whole < 3 || (whole == 3 && !strncmp(digits, "100", 3) && fraction_zero);
}

static ildkg_status
check_data_value(validator *v, const tsv_row *row, const ontology_property *p, const char *value,
                 fact_qualifier *q)
{
  unsigned n;
  const char *range = p->range ? p->range : "";
  if (!strcmp(range, "boolean")) {
    q->kind = VALUE_BOOLEAN;
    if (!strcmp(value, "true") || !strcmp(value, "false")) {
      return ILDKG_OK;
    }
  } else if (!strcmp(range, "integer") || !strcmp(range, "nonNegativeInteger")) {
    q->kind = VALUE_INTEGER;
    if (parse_unsigned(value, &n)) {
      return ILDKG_OK;
    }
  } else if (!strcmp(range, "decimal")) {
    q->kind = VALUE_DECIMAL;
    const int percent = p->unit && !strcmp(p->unit, "%");
    if (xsd_is_decimal(value) && (!percent || is_percentage(value))) {
      return ILDKG_OK;
    }
  } else {
    return field_error(v, row, "qualifiers", "expected xsd:boolean, xsd:integer or xsd:decimal in the ontology", "qualifier '%s' has no usable range", p->local);
  }
  char expected[128];
  snprintf(expected, sizeof expected, "expected xsd:%s%s for %s", range,
           p->unit && !strcmp(p->unit, "%") ? " from 0 to 100" : "", p->local);
  return field_error(v, row, "qualifiers", expected, "bad number or value '%s'", value);
}

static ildkg_status
defer_statement_ref(validator *v, const tsv_row *row, const char *property, const char *id)
{
  pending_statement_ref *grown = realloc(v->pending, (v->npending + 1) * sizeof *grown);
  if (!grown) {
    return ILDKG_ERR_NOMEM;
  }
  v->pending = grown;
  pending_statement_ref *ref = &grown[v->npending];
  if (!(ref->id = strdup(id))) {
    return ILDKG_ERR_NOMEM;
  }
  ref->file = row->loc.file;
  ref->line = row->loc.line;
  ref->property = property;
  ++v->npending;
  return ILDKG_OK;
}

static ildkg_status
resolve_pending_statement_refs(validator *v)
{
  ildkg_status st = ILDKG_OK;
  for (size_t i = 0; i < v->npending && !ILDKG_FATAL(st); ++i) {
    const pending_statement_ref *ref = &v->pending[i];
    if (!facts_find_statement(v->facts, ref->id)) {
      st = ildkg_diag_error(v->diag, (ildkg_loc){ref->file, ref->line, "qualifiers"},
                            "unknown statement '%s' (expected the id of a statement in "
                            "statements/*.tsv, for %s)", ref->id, ref->property);
    }
  }
  return ILDKG_FATAL(st) ? st : ILDKG_OK;
}

static void
free_pending_statement_refs(validator *v)
{
  for (size_t i = 0; i < v->npending; ++i) {
    free(v->pending[i].id);
  }
  free(v->pending);
}

static ildkg_status
check_object_value(validator *v, const tsv_row *row, const ontology_property *p,
                   const char *value, fact_qualifier *q)
{
  const char *range = p->range ? p->range : ENTITY_ROOT;
  char expected[192];
  if (ontology_class_is_a(v->onto, range, ENTITY_ROOT)) {
    q->kind = VALUE_ENTITY;
    return check_entity_ref(v, row, "qualifiers", value, range, p->local);
  }
  if (ontology_class_is_a(v->onto, range, STATEMENT_CLASS)) {
    q->kind = VALUE_STATEMENT;
    return defer_statement_ref(v, row, p->local, value);
  }
  q->kind = VALUE_TERM;
  const char *cls = ontology_individual_class(v->onto, value);
  if (cls && ontology_class_is_a(v->onto, cls, range)) {
    return ILDKG_OK;
  }
  snprintf(expected, sizeof expected, "expected a term of class %s for %s", range, p->local);
  return field_error(v, row, "qualifiers", expected, "unknown term '%s'", value);
}

static ildkg_status
check_qualifier(validator *v, const tsv_row *row, char *item, fact_qualifier *q)
{
  char *eq = strchr(item, '=');
  if (!eq || eq == item || !eq[1]) {
    return field_error(v, row, "qualifiers", "expected key=value pairs separated by ';'", "malformed qualifier '%s'", item);
  }
  *eq = '\0';
  q->property = item;
  q->value = eq + 1;
  const ontology_property *p = ontology_property_get(v->onto, item);
  if (!p || p->role != PROPERTY_QUALIFIER) {
    return field_error(v, row, "qualifiers", "expected a sub-property of ildkg:objectQualifier or "
                          "ildkg:dataQualifier", "unknown qualifier '%s'", item);
  }
  return p->is_datatype ? check_data_value(v, row, p, q->value, q)
                        : check_object_value(v, row, p, q->value, q);
}

static char *
trim(char *s)
{
  while (*s == ' ') {
    ++s;
  }
  for (char *end = s + strlen(s); end > s && end[-1] == ' ';) {
    *--end = '\0';
  }
  return s;
}

static ildkg_status
check_no_repeat(validator *v, const tsv_row *row, const fact_qualifier *q, size_t n)
{
  const ontology_property *p = ontology_property_get(v->onto, q[n].property);
  for (size_t i = 0; i < n; ++i) {
    if (strcmp(q[i].property, q[n].property) != 0) {
      continue;
    }
    if (!strcmp(q[i].value, q[n].value)) {
      return field_error(v, row, "qualifiers", "expected each key=value once", "repeated qualifier '%s'", q[n].property);
    }
    if (p->is_functional) {
      return field_error(v, row, "qualifiers", "expected one value: the property is functional", "second value for '%s'", q[n].property);
    }
  }
  return ILDKG_OK;
}

static ildkg_status
parse_qualifiers(validator *v, const tsv_row *row, char *text, fact_qualifier *q, size_t *n)
{
  ildkg_status result = ILDKG_OK;
  *n = 0;
  for (char *item = text, *semi; *text; item = semi + 1) {
    semi = strchr(item, ';');
    if (semi) {
      *semi = '\0';
    }
    if (*n == MAX_QUALIFIERS) {
      return field_error(v, row, "qualifiers", "expected at most 64 a statement",
                         "more than %d qualifiers", MAX_QUALIFIERS);
    }
    ildkg_status st = check_qualifier(v, row, trim(item), &q[*n]);
    if (st == ILDKG_OK) {
      st = check_no_repeat(v, row, q, *n);
    }
    if (st == ILDKG_OK) {
      ++*n;
    } else if (ILDKG_FATAL(st) || !result) {
      result = st;
    }
    if (!semi) {
      break;
    }
  }
  return result;
}

static ildkg_status
parse_references(validator *v, const tsv_row *row, char *text, unsigned *refs, size_t *n)
{
  const unsigned max = facts_review_const(v->facts)->reference_count;
  char expected[128];
  snprintf(expected, sizeof expected,
           "expected reference numbers 1..%u separated by ',', each once", max);
  *n = 0;
  if (!*text) {
    return ILDKG_OK;
  }
  for (char *item = text, *comma;; item = comma + 1) {
    comma = strchr(item, ',');
    if (comma) {
      *comma = '\0';
    }
    unsigned number = 0;
    const char *t = trim(item);
    if (!parse_unsigned(t, &number)) {
      return field_error(v, row, "references", expected, "malformed reference '%s'", t);
    }
    if (number < 1 || number > max) {
      return field_error(v, row, "references", expected, "reference %s out of range", t);
    }
    for (size_t i = 0; i < *n; ++i) {
      if (refs[i] == number) {
        return field_error(v, row, "references", expected, "reference %s repeated", t);
      }
    }
    if (*n == MAX_REFERENCES) {
      return field_error(v, row, "references", "expected at most 64 a statement",
                         "more than %d references", MAX_REFERENCES);
    }
    refs[(*n)++] = number;
    if (!comma) {
      return ILDKG_OK;
    }
  }
}

static ildkg_status
check_statement_id(validator *v, const tsv_row *row, const char *id)
{
  ildkg_status st = check_id(v, row, id, 0);
  const fact_statement *other = st == ILDKG_OK ? facts_find_statement(v->facts, id) : NULL;
  if (other) {
    char expected[256];
    snprintf(expected, sizeof expected, "expected a new id; first used at %s:%lu", other->file,
             other->line);
    st = field_error(v, row, "id", expected, "duplicate statement id '%s'", id);
  }
  return st;
}

static ildkg_status
check_statement_row(validator *v, const tsv_row *row)
{
  if (++v->statement_rows > VALIDATOR_MAX_STATEMENTS) {
    char expected[64];
    snprintf(expected, sizeof expected, "expected at most %d statements in all files",
             VALIDATOR_MAX_STATEMENTS);
    v->over_limit = 1;
    return field_error(v, row, "id", expected,
                       "statement row %zu is one too many; no further row is read",
                       v->statement_rows);
  }
  char **f = row->fields;
  fact_qualifier qualifiers[MAX_QUALIFIERS];
  unsigned refs[MAX_REFERENCES];
  fact_statement s = {.id = f[0], .subject = f[1], .predicate = f[2], .object = f[3],
                      .section = f[6], .quote = f[7], .qualifiers = qualifiers,
                      .references = refs, .file = v->file, .line = row->loc.line};
  int bad = check_statement_id(v, row, s.id);
  const ontology_property *p = check_predicate(v, row, s.predicate);
  const char *name = p ? p->local : NULL;
  bad |= p ? ILDKG_OK : ILDKG_ERR_INPUT;
  bad |= check_entity_ref(v, row, "subject", s.subject, p ? p->domain : NULL, name);
  bad |= check_entity_ref(v, row, "object", s.object, p ? p->range : NULL, name);
  const ildkg_status q = parse_qualifiers(v, row, f[4], qualifiers, &s.nqualifiers);
  if (ILDKG_FATAL(q)) {
    return q;
  }
  bad |= q;
  bad |= parse_references(v, row, f[5], refs, &s.nreferences);
  if (!*s.section || !facts_find_section(v->facts, s.section)) {
    bad |= field_error(v, row, "section", "expected an id of sections.tsv", "unknown section '%s'", s.section);
  }
  bad |= require(v, row, "quote", s.quote);
  return bad ? ILDKG_ERR_INPUT : facts_add_statement(v->facts, &s);
}

/* ---- files ----------------------------------------------------------------- */

static ildkg_status
read_file(validator *v, const char *path, const char *const *columns, size_t ncolumns,
          row_checker check)
{
  if (!(v->file = facts_intern_file(v->facts, path))) {
    return ILDKG_ERR_NOMEM;
  }
  tsv_reader *r = NULL;
  ildkg_status st = tsv_reader_open(&r, v->file, columns, ncolumns, v->diag);
  if (st == ILDKG_ERR_INPUT) {
    return ILDKG_OK; /* reported; the other files can still be checked */
  }
  tsv_row row;
  while ((st == ILDKG_OK || st == ILDKG_ERR_INPUT) && !v->over_limit) {
    st = tsv_reader_next(r, &row);
    if (st == ILDKG_OK) {
      st = check(v, &row);
    }
  }
  if (st == ILDKG_ERR_IO) {
    ildkg_diag_error(v->diag, (ildkg_loc){v->file, 0, NULL}, "read error: %s", strerror(errno));
  }
  tsv_reader_close(r);
  return st == ILDKG_DONE || v->over_limit ? ILDKG_OK : st; /* over the limit: reported */
}

static ildkg_status
read_named_file(validator *v, const char *dir, const char *name, const char *const *columns,
                size_t ncolumns, row_checker check)
{
  char *path = NULL;
  if (asprintf(&path, "%s/%s", dir, name) < 0) {
    return ILDKG_ERR_NOMEM;
  }
  const ildkg_status st = read_file(v, path, columns, ncolumns, check);
  free(path);
  return st;
}

static ildkg_status
check_review_complete(validator *v, const char *dir)
{
  if (v->review_keys_seen == 3) {
    return ILDKG_OK;
  }
  for (size_t k = 0; k < 2; ++k) {
    if (!(v->review_keys_seen & (1u << k))) {
      char *path = NULL;
      if (asprintf(&path, "%s/review.tsv", dir) < 0) {
        return ILDKG_ERR_NOMEM;
      }
      ildkg_diag_error(v->diag, (ildkg_loc){path, 0, "key"}, "missing key '%s' (expected it once)",
                       REVIEW_KEYS[k]);
      free(path);
    }
  }
  return ILDKG_OK;
}

static int
compare_names(const void *a, const void *b)
{
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Names of DIR/ *.tsv in name order (so the facts are read in a stable order). */
static ildkg_status
list_statement_files(const char *dir, char ***names, size_t *count, ildkg_diag *d)
{
  DIR *dh = opendir(dir);
  *names = NULL;
  *count = 0;
  if (!dh) {
    ildkg_diag_error(d, (ildkg_loc){dir, 0, NULL}, "cannot open directory: %s", strerror(errno));
    return ILDKG_ERR_NOINPUT;
  }
  ildkg_status st = ILDKG_OK;
  for (struct dirent *e; st == ILDKG_OK && (e = readdir(dh));) {
    const size_t len = strlen(e->d_name);
    if (e->d_name[0] == '.' || len < 5 || strcmp(e->d_name + len - 4, ".tsv") != 0) {
      continue;
    }
    char **grown = realloc(*names, (*count + 1) * sizeof *grown);
    if (!grown || asprintf(&grown[*count], "%s/%s", dir, e->d_name) < 0) {
      st = ILDKG_ERR_NOMEM;
    } else {
      ++*count;
    }
    if (grown) {
      *names = grown;
    }
  }
  closedir(dh);
  if (*count) {
    qsort(*names, *count, sizeof **names, compare_names);
  }
  return st;
}

static ildkg_status
read_statement_files(validator *v, const char *dir)
{
  char *statements_dir = NULL, **paths = NULL;
  size_t count = 0;
  if (asprintf(&statements_dir, "%s/statements", dir) < 0) {
    return ILDKG_ERR_NOMEM;
  }
  ildkg_status st = list_statement_files(statements_dir, &paths, &count, v->diag);
  for (size_t i = 0; st == ILDKG_OK && i < count && !v->over_limit; ++i) {
    st = read_file(v, paths[i], STATEMENT_COLUMNS, 8, check_statement_row);
  }
  for (size_t i = 0; i < count; ++i) {
    free(paths[i]);
  }
  free(paths);
  free(statements_dir);
  return st;
}

ildkg_status
validator_load_facts(const char *dir, const ontology *o, ildkg_diag *d, facts **out)
{
  validator v = {o, d, facts_new(), NULL, 0, NULL, 0, 0, 0};
  *out = NULL;
  if (!v.facts) {
    return ILDKG_ERR_NOMEM;
  }
  ildkg_status st = read_named_file(&v, dir, "review.tsv", REVIEW_COLUMNS, 2, check_review_row);
  if (st == ILDKG_OK) {
    st = check_review_complete(&v, dir);
  }
  if (st == ILDKG_OK) {
    st = read_named_file(&v, dir, "sections.tsv", SECTION_COLUMNS, 5, check_section_row);
  }
  if (st == ILDKG_OK) {
    st = read_named_file(&v, dir, "entities.tsv", ENTITY_COLUMNS, 4, check_entity_row);
  }
  if (st == ILDKG_OK) {
    st = read_named_file(&v, dir, "mappings.tsv", MAPPING_COLUMNS, 5, check_mapping_row);
  }
  if (st == ILDKG_OK) {
    st = read_statement_files(&v, dir);
  }
  if (st == ILDKG_OK) {
    st = resolve_pending_statement_refs(&v);
  }
  free_pending_statement_refs(&v);
  if (st != ILDKG_OK) {
    facts_free(v.facts);
    return st;
  }
  *out = v.facts;
  return ILDKG_OK;
}
