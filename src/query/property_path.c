/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "property_path.h"

#include "grow.h"
#include "sparql_lexer.h"

#include "property_path_ast.h"

#include <ctype.h>
#include <raptor2.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define RDF_TYPE "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"

/* Groups and parentheses nest at most this deep (the parser recurses on them). */
enum { MAX_DEPTH = 128 };

/* ---- tokens ----------------------------------------------------------------------------- */

typedef enum {
  TK_END,
  TK_IRI,      /* <...> */
  TK_PNAME,    /* ex:a, :a, ex: */
  TK_BNODE,    /* _:b */
  TK_VAR,      /* ?x, $x */
  TK_STRING,   /* '...', "...", and the long forms */
  TK_NUMBER,   /* unsigned: a sign is a TK_PUNCT of its own */
  TK_WORD,     /* keywords, function names, a, true, false */
  TK_LANG,     /* @en */
  TK_DATATYPE, /* ^^ */
  TK_PUNCT,    /* one character */
} token_type;

typedef struct {
  token_type type;
  size_t start;
  size_t len;
} token;

typedef struct {
  token *items;
  size_t n;
  size_t cap;
} token_list;

/* A word of the lexer: a prefixed name, a blank node label, or a keyword. */
static token_type
word_type(const char *s, size_t start, size_t len)
{
  const int colon = memchr(s + start, ':', len) != NULL;
  return !colon ? TK_WORD : s[start] == '_' && s[start + 1] == ':' ? TK_BNODE : TK_PNAME;
}

/* The token at s[i] (not a space or comment): its type, and where it ends. */
static size_t
token_end(const char *s, size_t i, token_type *type)
{
  const sparql_token t = sparql_lexer_next(s, i);
  const size_t end = t.start + t.len;
  switch (t.kind) {
  case SPARQL_TOKEN_STRING: *type = TK_STRING; return end;
  case SPARQL_TOKEN_IRI: *type = TK_IRI; return end;
  case SPARQL_TOKEN_VARIABLE: *type = TK_VAR; return end;
  case SPARQL_TOKEN_NUMBER: *type = TK_NUMBER; return end;
  case SPARQL_TOKEN_WORD:
    *type = s[i] == '@' ? TK_LANG : word_type(s, i, t.len);
    return end;
  default:
    *type = s[i] == '^' && s[i + 1] == '^' ? TK_DATATYPE : TK_PUNCT;
    return i + (*type == TK_DATATYPE ? 2 : 1);
  }
}

static ildkg_status
tokens_add(token_list *list, token_type type, size_t start, size_t len)
{
  token *items = grow_array(list->items, &list->cap, list->n + 1, sizeof *items, 64);
  if (!items) {
    return ILDKG_ERR_NOMEM;
  }
  list->items = items;
  list->items[list->n++] = (token){type, start, len};
  return ILDKG_OK;
}

/* Every token of @p s, then one TK_END. */
static ildkg_status
tokenize(const char *s, token_list *list)
{
  size_t i = 0;
  ildkg_status st = ILDKG_OK;
  while (st == ILDKG_OK && s[i]) {
    if (s[i] == '#') {
      while (s[i] && s[i] != '\n' && s[i] != '\r') {
        ++i;
      }
    } else if (isspace((unsigned char)s[i])) {
      ++i;
    } else {
      token_type type;
      const size_t end = token_end(s, i, &type);
      st = tokens_add(list, type, i, end - i);
      i = end;
    }
  }
  return st == ILDKG_OK ? tokens_add(list, TK_END, i, 0) : st;
}

/* ---- the table of paths ----------------------------------------------------------------- */

struct property_paths {
  property_path **items;
  size_t n;
  size_t cap;
};

static void
path_free(property_path *p)
{
  if (!p) {
    return;
  }
  path_free(p->a);
  path_free(p->b);
  free(p->iri);
  for (size_t i = 0; i < p->nmembers; ++i) {
    free(p->members[i].iri);
  }
  free(p->members);
  free(p);
}

void
property_paths_free(property_paths *paths)
{
  if (!paths) {
    return;
  }
  for (size_t i = 0; i < paths->n; ++i) {
    path_free(paths->items[i]);
  }
  free(paths->items);
  free(paths);
}

size_t
property_paths_count(const property_paths *paths)
{
  return paths ? paths->n : 0;
}

const property_path *
property_paths_get(const property_paths *paths, const char *iri)
{
  const size_t plen = strlen(PROPERTY_PATH_IRI_PREFIX);
  if (!paths || strncmp(iri, PROPERTY_PATH_IRI_PREFIX, plen) != 0) {
    return NULL;
  }
  const char *digits = iri + plen;
  size_t index = 0;
  if (!*digits || strlen(digits) > 9) {
    return NULL;
  }
  for (const char *d = digits; *d; ++d) {
    if (!isdigit((unsigned char)*d)) {
      return NULL;
    }
    index = 10 * index + (size_t)(*d - '0');
  }
  return index < paths->n ? paths->items[index] : NULL;
}

/* Takes @p p whatever happens. */
static ildkg_status
paths_add(property_paths *paths, property_path *p)
{
  if (paths->n == paths->cap) {
    const size_t cap = paths->cap ? 2 * paths->cap : 4;
    property_path **items = realloc(paths->items, cap * sizeof *items);
    if (!items) {
      path_free(p);
      return ILDKG_ERR_NOMEM;
    }
    paths->items = items;
    paths->cap = cap;
  }
  paths->items[paths->n++] = p;
  return ILDKG_OK;
}

/* ---- describing a path ------------------------------------------------------------------ */

typedef struct {
  char *buf;
  size_t size;
  size_t len; /* what the whole form needs */
} writer;

static void
say(writer *w, const char *fmt, ...) ILDKG_PRINTF(2, 3);

static void
say(writer *w, const char *fmt, ...)
{
  va_list args;
  va_start(args, fmt);
  const size_t room = w->len < w->size ? w->size - w->len : 0;
  const int n = vsnprintf(room ? w->buf + w->len : NULL, room, fmt, args);
  va_end(args);
  w->len += n > 0 ? (size_t)n : 0;
}

static void
describe(writer *w, const property_path *p)
{
  static const char *const names[] = {
    [PATH_INVERSE] = "inv",          [PATH_SEQUENCE] = "seq",
    [PATH_ALTERNATIVE] = "alt",      [PATH_ZERO_OR_ONE] = "zeroOrOne",
    [PATH_ZERO_OR_MORE] = "zeroOrMore", [PATH_ONE_OR_MORE] = "oneOrMore",
  };
  if (p->kind == PATH_LINK) {
    say(w, "<%s>", p->iri);
  } else if (p->kind == PATH_NEGATED) {
    say(w, "nps(");
    for (size_t i = 0; i < p->nmembers; ++i) {
      say(w, "%s%s<%s>", i ? "," : "", p->members[i].inverse ? "^" : "", p->members[i].iri);
    }
    say(w, ")");
  } else {
    say(w, "%s(", names[p->kind]);
    describe(w, p->a);
    if (p->b) {
      say(w, ",");
      describe(w, p->b);
    }
    say(w, ")");
  }
}

size_t
property_path_describe(const property_path *p, char *buf, size_t size)
{
  writer w = {buf, size, 0};
  if (size) {
    buf[0] = '\0';
  }
  describe(&w, p);
  return w.len;
}

/* ---- the parser ------------------------------------------------------------------------- */

typedef struct {
  char *name; /* without its ':' */
  char *iri;
} prefix;

/* The bytes of the text a path replaces. */
typedef struct {
  size_t start;
  size_t end;
} span;

typedef struct {
  const char *text;
  const token *tok; /* ends with TK_END */
  size_t at;
  size_t depth;
  prefix *prefixes;
  size_t nprefixes;
  char *base; /* owned; NULL: none */
  property_paths *paths;
  span *spans; /* spans[i] is the text of paths->items[i] */
  ildkg_status st; /* the first failure */
  int lost;        /* the scanner does not follow the query: leave it to rasqal */
  char *why;
  size_t why_size;
} parser;

static const token *
cur(const parser *ps)
{
  return &ps->tok[ps->at];
}

static const token *
next_token(const parser *ps)
{
  return ps->tok[ps->at].type == TK_END ? &ps->tok[ps->at] : &ps->tok[ps->at + 1];
}

static void
advance(parser *ps)
{
  if (ps->tok[ps->at].type != TK_END) {
    ++ps->at;
  }
}

static int
is_punct(const parser *ps, const token *t, char c)
{
  return t->type == TK_PUNCT && ps->text[t->start] == c;
}

static int
is_keyword(const parser *ps, const token *t, const char *word)
{
  return t->type == TK_WORD && t->len == strlen(word) &&
         !strncasecmp(ps->text + t->start, word, t->len);
}

static int
going(const parser *ps)
{
  return ps->st == ILDKG_OK && !ps->lost;
}

static void
lose(parser *ps)
{
  ps->lost = 1;
}

static unsigned long
line_of(const parser *ps, size_t offset)
{
  unsigned long line = 1;
  for (size_t i = 0; i < offset; ++i) {
    line += ps->text[i] == '\n';
  }
  return line;
}

/* Record the first failure (@p st, and why for the user); NULL, for return statements. */
static void *
fail(parser *ps, ildkg_status st, const char *fmt, ...) ILDKG_PRINTF(3, 4);

static void *
fail(parser *ps, ildkg_status st, const char *fmt, ...)
{
  if (ps->st == ILDKG_OK) {
    ps->st = st;
    if (ps->why_size) {
      va_list args;
      va_start(args, fmt);
      vsnprintf(ps->why, ps->why_size, fmt, args);
      va_end(args);
    }
  }
  return NULL;
}

/* A path that does not parse, at the current token. */
static void *
bad_path(parser *ps, const char *expected)
{
  const token *t = cur(ps);
  const int n = t->type == TK_END ? 0 : (int)(t->len > 40 ? 40 : t->len);
  return fail(ps, ILDKG_ERR_UNSUPPORTED,
              "not supported: property path: line %lu: expected %s, found '%.*s'",
              line_of(ps, t->start), expected, n, ps->text + t->start);
}

/* ---- IRIs ------------------------------------------------------------------------------- */

static int
has_scheme(const char *iri)
{
  if (!isalpha((unsigned char)iri[0])) {
    return 0;
  }
  size_t i = 1;
  while (isalnum((unsigned char)iri[i]) || iri[i] == '+' || iri[i] == '-' || iri[i] == '.') {
    ++i;
  }
  return iri[i] == ':';
}

/* @p ref resolved against @p base (NULL: none), as rasqal resolves it; NULL: no memory. */
static char *
resolve(const char *base, const char *ref)
{
  if (!base || has_scheme(ref)) {
    return strdup(ref);
  }
  const size_t size = strlen(base) + strlen(ref) + 16;
  char *out = malloc(size);
  if (out &&
      !raptor_uri_resolve_uri_reference((const unsigned char *)base, (const unsigned char *)ref,
                                        (unsigned char *)out, size)) {
    free(out);
    return strdup(ref);
  }
  return out;
}

/* The absolute IRI of an IRIREF token; NULL on failure (recorded). */
static char *
iri_of_iriref(parser *ps, const token *t)
{
  char *ref = strndup(ps->text + t->start + 1, t->len - 2);
  if (!ref) {
    return fail(ps, ILDKG_ERR_NOMEM, "out of memory");
  }
  char *iri = strchr(ref, '\\') ? fail(ps, ILDKG_ERR_UNSUPPORTED,
                                       "not supported: property path: line %lu: an escape in "
                                       "the IRI %s",
                                       line_of(ps, t->start), ref)
                                : resolve(ps->base, ref);
  if (!iri && ps->st == ILDKG_OK) {
    fail(ps, ILDKG_ERR_NOMEM, "out of memory");
  }
  free(ref);
  return iri;
}

static const prefix *
find_prefix(const parser *ps, const char *name, size_t len)
{
  for (size_t i = ps->nprefixes; i-- > 0;) { /* a later declaration wins */
    if (strlen(ps->prefixes[i].name) == len && !strncmp(ps->prefixes[i].name, name, len)) {
      return &ps->prefixes[i];
    }
  }
  return NULL;
}

/* The IRI of a prefixed name token: the prefix's IRI, then the local part unescaped. */
static char *
iri_of_pname(parser *ps, const token *t)
{
  const char *name = ps->text + t->start;
  const char *colon = memchr(name, ':', t->len);
  const prefix *pre = find_prefix(ps, name, (size_t)(colon - name));
  if (!pre) {
    return fail(ps, ILDKG_ERR_INPUT, "line %lu: undeclared prefix '%.*s:'",
                line_of(ps, t->start), (int)(colon - name), name);
  }
  const size_t local_len = t->len - (size_t)(colon - name) - 1;
  char *iri = malloc(strlen(pre->iri) + local_len + 1);
  if (!iri) {
    return fail(ps, ILDKG_ERR_NOMEM, "out of memory");
  }
  size_t w = strlen(pre->iri);
  memcpy(iri, pre->iri, w);
  for (size_t i = 0; i < local_len; ++i) {
    const char c = colon[1 + i];
    if (c == '\\' && i + 1 < local_len) {
      continue; /* PN_LOCAL_ESC: the character after it stands for itself */
    }
    iri[w++] = c;
  }
  iri[w] = '\0';
  return iri;
}

static int
is_iri_token(const parser *ps, const token *t)
{
  return t->type == TK_IRI || t->type == TK_PNAME || (t->type == TK_WORD && t->len == 1 &&
                                                      ps->text[t->start] == 'a');
}

/* The IRI of the current token (an IRIREF, a prefixed name or `a`), then past it. */
static char *
take_iri(parser *ps)
{
  const token *t = cur(ps);
  char *iri = t->type == TK_IRI     ? iri_of_iriref(ps, t)
              : t->type == TK_PNAME ? iri_of_pname(ps, t)
              : strdup(RDF_TYPE);
  if (!iri && ps->st == ILDKG_OK) {
    fail(ps, ILDKG_ERR_NOMEM, "out of memory");
  }
  advance(ps);
  return iri;
}

/* ---- the path grammar (SPARQL 1.1 [88]-[96]) --------------------------------------------- */

static property_path *path_alternative(parser *ps);

static property_path *
new_path(parser *ps, path_kind kind, property_path *a, property_path *b)
{
  property_path *p = calloc(1, sizeof *p);
  if (!p) {
    path_free(a);
    path_free(b);
    return fail(ps, ILDKG_ERR_NOMEM, "out of memory");
  }
  p->kind = kind;
  p->a = a;
  p->b = b;
  return p;
}

static property_path *
link_path(parser *ps)
{
  char *iri = take_iri(ps);
  property_path *p = iri ? new_path(ps, PATH_LINK, NULL, NULL) : NULL;
  if (!p) {
    free(iri);
    return NULL;
  }
  p->iri = iri;
  return p;
}

/* PathOneInPropertySet, added to the members of @p p. */
static int
add_member(parser *ps, property_path *p)
{
  const int inverse = is_punct(ps, cur(ps), '^');
  if (inverse) {
    advance(ps);
  }
  if (!is_iri_token(ps, cur(ps))) {
    bad_path(ps, "an IRI, a prefixed name or 'a' in a negated property set");
    return 1;
  }
  path_negated_member *members = realloc(p->members, (p->nmembers + 1) * sizeof *members);
  if (!members) {
    fail(ps, ILDKG_ERR_NOMEM, "out of memory");
    return 1;
  }
  p->members = members;
  char *iri = take_iri(ps);
  if (!iri) {
    return 1;
  }
  p->members[p->nmembers++] = (path_negated_member){iri, inverse};
  return 0;
}

/* PathNegatedPropertySet, after its '!'. */
static property_path *
negated_set(parser *ps)
{
  property_path *p = new_path(ps, PATH_NEGATED, NULL, NULL);
  if (!p) {
    return NULL;
  }
  int failed = 0;
  if (!is_punct(ps, cur(ps), '(')) {
    failed = add_member(ps, p);
  } else {
    advance(ps);
    failed = !is_punct(ps, cur(ps), ')') && add_member(ps, p);
    while (!failed && is_punct(ps, cur(ps), '|')) {
      advance(ps);
      failed = add_member(ps, p);
    }
    if (!failed && !is_punct(ps, cur(ps), ')')) {
      bad_path(ps, "'|' or ')' in a negated property set");
      failed = 1;
    }
    advance(ps);
  }
  if (failed) {
    path_free(p);
    return NULL;
  }
  return p;
}

static property_path *
path_primary(parser *ps)
{
  const token *t = cur(ps);
  if (is_iri_token(ps, t)) {
    return link_path(ps);
  }
  if (is_punct(ps, t, '!')) {
    advance(ps);
    return negated_set(ps);
  }
  if (!is_punct(ps, t, '(')) {
    return bad_path(ps, "an IRI, a prefixed name, 'a', '!' or '('");
  }
  if (++ps->depth > MAX_DEPTH) {
    return fail(ps, ILDKG_ERR_UNSUPPORTED, "not supported: property path nested too deep");
  }
  advance(ps);
  property_path *p = path_alternative(ps);
  if (p && !is_punct(ps, cur(ps), ')')) {
    path_free(p);
    p = bad_path(ps, "')' or an operator of a path");
  }
  advance(ps);
  --ps->depth;
  return p;
}

/* PathMod: '?' '*' '+'; a '+' joined to a number is that number's sign. */
static int
path_mod(const parser *ps, path_kind *kind)
{
  const token *t = cur(ps);
  const token *after = next_token(ps);
  if (is_punct(ps, t, '?')) {
    *kind = PATH_ZERO_OR_ONE;
  } else if (is_punct(ps, t, '*')) {
    *kind = PATH_ZERO_OR_MORE;
  } else if (is_punct(ps, t, '+') &&
             !(after->type == TK_NUMBER && after->start == t->start + 1)) {
    *kind = PATH_ONE_OR_MORE;
  } else {
    return 0;
  }
  return 1;
}

static property_path *
path_elt_or_inverse(parser *ps)
{
  const int inverse = is_punct(ps, cur(ps), '^');
  if (inverse) {
    advance(ps);
  }
  property_path *p = path_primary(ps);
  path_kind mod;
  if (p && path_mod(ps, &mod)) {
    advance(ps);
    p = new_path(ps, mod, p, NULL);
  }
  return p && inverse ? new_path(ps, PATH_INVERSE, p, NULL) : p;
}

/* PathSequence (@p op '/') or PathAlternative ('|'): left-associative. */
static property_path *
path_binary(parser *ps, char op, path_kind kind, property_path *(*operand)(parser *))
{
  property_path *left = operand(ps);
  while (left && is_punct(ps, cur(ps), op)) {
    advance(ps);
    property_path *right = operand(ps);
    if (!right) {
      path_free(left);
      return NULL;
    }
    left = new_path(ps, kind, left, right);
  }
  return left;
}

static property_path *
path_sequence(parser *ps)
{
  return path_binary(ps, '/', PATH_SEQUENCE, path_elt_or_inverse);
}

static property_path *
path_alternative(parser *ps)
{
  return path_binary(ps, '|', PATH_ALTERNATIVE, path_sequence);
}

/* ---- triple patterns -------------------------------------------------------------------- */

static void group(parser *ps);
static void object(parser *ps);
static void property_list(parser *ps);

/* Past a parenthesised expression; an EXISTS inside has a group. */
static void
skip_parens(parser *ps)
{
  size_t open = 0;
  do {
    const token *t = cur(ps);
    if (t->type == TK_END) {
      lose(ps);
    } else if (is_punct(ps, t, '{')) {
      group(ps);
      continue;
    } else {
      open += is_punct(ps, t, '(');
      open -= is_punct(ps, t, ')');
      advance(ps);
    }
  } while (going(ps) && open > 0);
}

/* Past a brace block holding no patterns (a CONSTRUCT template, VALUES rows). */
static void
skip_braces(parser *ps)
{
  size_t open = 0;
  do {
    const token *t = cur(ps);
    if (t->type == TK_END) {
      lose(ps);
    }
    open += is_punct(ps, t, '{');
    open -= is_punct(ps, t, '}');
    advance(ps);
  } while (going(ps) && open > 0);
}

/* VALUES ?x { ... } or VALUES (?x ?y) { ... }, from the keyword on. */
static void
skip_values(parser *ps)
{
  advance(ps);
  while (going(ps) && !is_punct(ps, cur(ps), '{')) {
    if (cur(ps)->type == TK_END || is_punct(ps, cur(ps), '}')) {
      lose(ps);
    }
    advance(ps);
  }
  if (going(ps)) {
    skip_braces(ps);
  }
}

/* Who decides whether a predicate is a path: a variable never is, an IRI alone never is. */
static int
starts_verb(const parser *ps, const token *t)
{
  return t->type == TK_VAR || is_iri_token(ps, t) || is_punct(ps, t, '^') ||
         is_punct(ps, t, '!') || is_punct(ps, t, '(');
}

static void
verb(parser *ps)
{
  const size_t first = ps->at;
  if (cur(ps)->type == TK_VAR) {
    advance(ps);
    return;
  }
  property_path *p = path_alternative(ps);
  if (!p) {
    return;
  }
  if (p->kind == PATH_LINK && ps->at == first + 1) {
    path_free(p); /* a plain predicate: rasqal's */
    return;
  }
  span *spans = realloc(ps->spans, (ps->paths->n + 1) * sizeof *spans);
  if (!spans) {
    path_free(p);
    fail(ps, ILDKG_ERR_NOMEM, "out of memory");
    return;
  }
  ps->spans = spans;
  const token *last = &ps->tok[ps->at - 1];
  spans[ps->paths->n] = (span){ps->tok[first].start, last->start + last->len};
  const ildkg_status st = paths_add(ps->paths, p);
  if (st != ILDKG_OK) {
    fail(ps, st, "out of memory");
  }
}

/* A collection, from '(' to ')'. */
static void
collection(parser *ps)
{
  advance(ps);
  while (going(ps) && !is_punct(ps, cur(ps), ')')) {
    object(ps);
  }
  advance(ps);
}

/* [ PropertyList ] or [], from '['. */
static void
blank_node_list(parser *ps)
{
  advance(ps);
  property_list(ps);
  if (going(ps) && !is_punct(ps, cur(ps), ']')) {
    lose(ps);
  }
  advance(ps);
}

/* One GraphNodePath: a term, a blank node property list or a collection. */
static void
object(parser *ps)
{
  const token *t = cur(ps);
  if (++ps->depth > MAX_DEPTH) {
    lose(ps);
  } else if (is_punct(ps, t, '[')) {
    blank_node_list(ps);
  } else if (is_punct(ps, t, '(')) {
    collection(ps);
  } else if ((is_punct(ps, t, '+') || is_punct(ps, t, '-')) &&
             next_token(ps)->type == TK_NUMBER) {
    advance(ps);
    advance(ps);
  } else if (t->type == TK_STRING) {
    advance(ps);
    if (cur(ps)->type == TK_LANG) {
      advance(ps);
    } else if (cur(ps)->type == TK_DATATYPE) {
      advance(ps);
      advance(ps);
    }
  } else if (t->type == TK_IRI || t->type == TK_PNAME || t->type == TK_BNODE ||
             t->type == TK_VAR || t->type == TK_NUMBER || is_keyword(ps, t, "true") ||
             is_keyword(ps, t, "false")) {
    advance(ps);
  } else {
    lose(ps);
  }
  --ps->depth;
}

/* PropertyListPath: verbs with their object lists, separated by ';' (may be empty). */
static void
property_list(parser *ps)
{
  while (going(ps)) {
    while (is_punct(ps, cur(ps), ';')) {
      advance(ps);
    }
    if (!starts_verb(ps, cur(ps))) {
      return;
    }
    verb(ps);
    for (int more = 1; going(ps) && more; more = is_punct(ps, cur(ps), ',')) {
      if (is_punct(ps, cur(ps), ',')) {
        advance(ps);
      }
      object(ps);
    }
    if (!is_punct(ps, cur(ps), ';')) {
      return;
    }
  }
}

/* TriplesSameSubjectPath. */
static void
triples(parser *ps)
{
  const token *t = cur(ps);
  if (is_punct(ps, t, '[') && is_punct(ps, next_token(ps), ']')) {
    advance(ps);
    advance(ps);
  } else if (is_punct(ps, t, '[') || is_punct(ps, t, '(')) {
    object(ps);
  } else {
    const size_t before = ps->at;
    object(ps);
    if (ps->at == before) {
      lose(ps);
    }
  }
  property_list(ps);
}

/* FILTER's constraint: ( expression ), a function call, or [NOT] EXISTS { ... }. */
static void
constraint(parser *ps)
{
  if (is_keyword(ps, cur(ps), "NOT")) {
    advance(ps);
  }
  if (is_keyword(ps, cur(ps), "EXISTS")) {
    advance(ps);
    if (is_punct(ps, cur(ps), '{')) {
      group(ps);
    } else {
      lose(ps);
    }
    return;
  }
  if (!is_punct(ps, cur(ps), '(')) {
    advance(ps); /* a function's name */
  }
  if (is_punct(ps, cur(ps), '(')) {
    skip_parens(ps);
  } else {
    lose(ps);
  }
}

/* { SELECT ... WHERE { ... } modifiers }, from SELECT to before the closing '}'. */
static void
subselect(parser *ps)
{
  while (going(ps) && !is_punct(ps, cur(ps), '{')) {
    if (cur(ps)->type == TK_END || is_punct(ps, cur(ps), '}')) {
      lose(ps);
    } else if (is_punct(ps, cur(ps), '(')) {
      skip_parens(ps);
    } else {
      advance(ps);
    }
  }
  if (going(ps)) {
    group(ps);
  }
  while (going(ps) && !is_punct(ps, cur(ps), '}')) {
    if (cur(ps)->type == TK_END || is_punct(ps, cur(ps), '{')) {
      lose(ps);
    } else if (is_keyword(ps, cur(ps), "VALUES")) {
      skip_values(ps);
    } else if (is_punct(ps, cur(ps), '(')) {
      skip_parens(ps);
    } else {
      advance(ps);
    }
  }
}

/* A group's element that starts with a keyword. */
static void
keyword_element(parser *ps)
{
  const token *t = cur(ps);
  static const char *const joins[] = {"OPTIONAL", "MINUS", "UNION", NULL};
  for (const char *const *k = joins; *k; ++k) {
    if (is_keyword(ps, t, *k)) {
      advance(ps);
      return;
    }
  }
  if (is_keyword(ps, t, "GRAPH") || is_keyword(ps, t, "SERVICE")) {
    advance(ps);
    if (is_keyword(ps, cur(ps), "SILENT")) {
      advance(ps);
    }
    advance(ps); /* the graph's or service's name */
  } else if (is_keyword(ps, t, "FILTER")) {
    advance(ps);
    constraint(ps);
  } else if (is_keyword(ps, t, "BIND")) {
    advance(ps);
    if (is_punct(ps, cur(ps), '(')) {
      skip_parens(ps);
    } else {
      lose(ps);
    }
  } else if (is_keyword(ps, t, "VALUES")) {
    skip_values(ps);
  } else if (is_keyword(ps, t, "SELECT")) {
    subselect(ps);
  } else if (is_keyword(ps, t, "true") || is_keyword(ps, t, "false")) {
    triples(ps);
  } else {
    lose(ps);
  }
}

/* A group graph pattern, from '{' to past its '}'. */
static void
group(parser *ps)
{
  if (++ps->depth > MAX_DEPTH) {
    lose(ps);
  }
  advance(ps);
  while (going(ps) && !is_punct(ps, cur(ps), '}')) {
    const token *t = cur(ps);
    if (t->type == TK_END) {
      lose(ps);
    } else if (is_punct(ps, t, '{')) {
      group(ps);
    } else if (is_punct(ps, t, '.')) {
      advance(ps);
    } else if (t->type == TK_WORD && !is_iri_token(ps, t)) {
      keyword_element(ps);
    } else {
      triples(ps);
    }
  }
  advance(ps);
  --ps->depth;
}

/* An IRI with \u escapes in the prologue: rasqal's to read, even when no path needs it. */
static int
has_escape(const parser *ps, const token *t)
{
  return memchr(ps->text + t->start, '\\', t->len) != NULL;
}

/* PREFIX name: <iri>, from the name on. */
static void
declare_prefix(parser *ps)
{
  const token *name = cur(ps);
  prefix *prefixes = realloc(ps->prefixes, (ps->nprefixes + 1) * sizeof *prefixes);
  if (!prefixes) {
    fail(ps, ILDKG_ERR_NOMEM, "out of memory");
    return;
  }
  ps->prefixes = prefixes;
  advance(ps);
  if (cur(ps)->type != TK_IRI || has_escape(ps, cur(ps)) ||
      ps->text[name->start + name->len - 1] != ':') {
    lose(ps);
    return;
  }
  char *iri = iri_of_iriref(ps, cur(ps));
  char *pname = iri ? strndup(ps->text + name->start, name->len - 1) : NULL;
  if (!pname) {
    free(iri);
    fail(ps, ILDKG_ERR_NOMEM, "out of memory");
    return;
  }
  ps->prefixes[ps->nprefixes++] = (prefix){pname, iri};
  advance(ps);
}

/* BASE and PREFIX declarations. */
static void
prologue(parser *ps)
{
  while (going(ps)) {
    if (is_keyword(ps, cur(ps), "BASE") && next_token(ps)->type == TK_IRI) {
      advance(ps);
      if (has_escape(ps, cur(ps))) {
        lose(ps);
        return;
      }
      char *base = iri_of_iriref(ps, cur(ps));
      if (!base) {
        return;
      }
      free(ps->base);
      ps->base = base;
      advance(ps);
    } else if (is_keyword(ps, cur(ps), "PREFIX") && next_token(ps)->type == TK_PNAME) {
      advance(ps);
      declare_prefix(ps);
    } else {
      return;
    }
  }
}

/* The query: patterns are in the braces of WHERE clauses and EXISTS, not in a CONSTRUCT
   template or VALUES rows. */
static void
query(parser *ps)
{
  prologue(ps);
  while (going(ps) && cur(ps)->type != TK_END) {
    const token *t = cur(ps);
    if (is_keyword(ps, t, "VALUES")) {
      skip_values(ps);
    } else if (is_keyword(ps, t, "CONSTRUCT") && is_punct(ps, next_token(ps), '{')) {
      advance(ps);
      skip_braces(ps);
    } else if (is_punct(ps, t, '{')) {
      group(ps);
    } else if (is_punct(ps, t, '(')) {
      skip_parens(ps);
    } else {
      advance(ps);
    }
  }
}

/* ---- the rewrite ------------------------------------------------------------------------ */

/* The text with each path's span replaced by its IRI. */
static char *
rewritten_text(const char *text, const span *spans, size_t n)
{
  const size_t len = strlen(text);
  const size_t room = sizeof " <" PROPERTY_PATH_IRI_PREFIX "> " + 20;
  char *out = malloc(len + n * room + 1);
  if (!out) {
    return NULL;
  }
  size_t r = 0, w = 0;
  for (size_t i = 0; i < n; ++i) {
    memcpy(out + w, text + r, spans[i].start - r);
    w += spans[i].start - r;
    w += (size_t)snprintf(out + w, room, " <%s%zu> ", PROPERTY_PATH_IRI_PREFIX, i);
    r = spans[i].end;
  }
  memcpy(out + w, text + r, len - r + 1);
  return out;
}

static void
parser_clear(parser *ps)
{
  for (size_t i = 0; i < ps->nprefixes; ++i) {
    free(ps->prefixes[i].name);
    free(ps->prefixes[i].iri);
  }
  free(ps->prefixes);
  free(ps->base);
  free(ps->spans);
  property_paths_free(ps->paths);
}

ildkg_status
property_path_rewrite(const char *text, const char *base_iri, char **out,
                      property_paths **paths, char *why, size_t why_size)
{
  *out = NULL;
  *paths = NULL;
  token_list tokens = {NULL, 0, 0};
  parser ps = {.text = text, .why = why, .why_size = why_size};
  ps.st = tokenize(text, &tokens);
  ps.tok = tokens.items;
  ps.paths = calloc(1, sizeof *ps.paths);
  ps.base = base_iri ? strdup(base_iri) : NULL;
  if (ps.st == ILDKG_OK && (!ps.paths || (base_iri && !ps.base))) {
    ps.st = ILDKG_ERR_NOMEM;
  }
  if (ps.st == ILDKG_OK) {
    query(&ps);
  }
  if (ps.st == ILDKG_OK && (ps.lost || ps.paths->n == 0)) {
    *out = strdup(text);
  } else if (ps.st == ILDKG_OK) {
    *out = rewritten_text(text, ps.spans, ps.paths->n);
    if (*out) {
      *paths = ps.paths;
      ps.paths = NULL;
    }
  }
  if (ps.st == ILDKG_OK && !*out) {
    ps.st = ILDKG_ERR_NOMEM;
  }
  if (ps.st == ILDKG_ERR_NOMEM && why_size) {
    snprintf(why, why_size, "out of memory");
  }
  parser_clear(&ps);
  free(tokens.items);
  return ps.st;
}
