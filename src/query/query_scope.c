/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "query_scope.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sparql_lexer.h"

/* What a group is to its parent. */
typedef enum {
  GROUP_TOP,       /* the WHERE group of the query */
  GROUP_PLAIN,     /* { ... } inside another group */
  GROUP_UNION,     /* a branch of a UNION */
  GROUP_OPTIONAL,  /* the group of an OPTIONAL */
  GROUP_MINUS,     /* the group of a MINUS, SERVICE or EXISTS */
  GROUP_GRAPH,     /* the group of a GRAPH */
  GROUP_SUBSELECT, /* { SELECT ... }: its projection binds in the parent */
  GROUP_SUBWHERE   /* the WHERE group of a sub-SELECT: a scope of its own */
} group_kind;

/* What a variable occurrence does. */
typedef enum {
  ROLE_NONE,       /* not a variable, or not in the WHERE clause */
  ROLE_BINDS,      /* in a triple pattern, GRAPH ?g, VALUES, a sub-SELECT's projection */
  ROLE_BIND_TARGET, /* after AS in a BIND */
  ROLE_FILTER,     /* used in a FILTER */
  ROLE_BIND_EXPR,  /* used in a BIND's expression */
  ROLE_PROJECTED,  /* in the top SELECT clause */
  ROLE_ASSIGNED,   /* after AS in the top SELECT clause */
  ROLE_SUBSELECT   /* in a sub-SELECT's projection or modifiers, not bound there */
} var_role;

typedef struct {
  group_kind kind;
  long parent;         /* index of the parent group, -1 for none */
  long union_id;       /* the UNION a branch belongs to (-1: none): its branches never join */
  size_t open, close;  /* token indexes of its braces */
  int star;            /* a sub-SELECT's SELECT * */
  int grouped;         /* a sub-SELECT's GROUP BY, HAVING or aggregate */
  int aggregated;      /* ... an aggregate */
  int grouped_by;      /* ... GROUP BY */
  int distinct;        /* ... DISTINCT or REDUCED */
  int sliced;          /* ... LIMIT or OFFSET */
} group;

typedef struct {
  const char *text;
  sparql_token *tok;     /* without blanks */
  size_t *segment;       /* per token: the basic graph pattern it is in (0: none) */
  size_t segments;
  var_role *role;
  long *owner;           /* the group of each token, -1 outside */
  size_t *first, *next;  /* per variable token: the first and the next of the same name */
  size_t n;
  int depth;
  group *groups;
  size_t ngroups, capacity;
  char *why;
  size_t size;
  ildkg_status st;
} scope;

static int
fail(scope *sc, ildkg_status st, const char *fmt, ...) ILDKG_PRINTF(3, 4);

static int
fail(scope *sc, ildkg_status st, const char *fmt, ...)
{
  if (sc->st == ILDKG_OK) {
    va_list args;
    va_start(args, fmt);
    vsnprintf(sc->why, sc->size, fmt, args);
    va_end(args);
    sc->st = st;
  }
  return 1;
}

static ildkg_status
tokenize(scope *sc)
{
  size_t capacity = 64;
  sc->tok = malloc(capacity * sizeof *sc->tok);
  for (size_t at = 0; sc->tok;) {
    const sparql_token t = sparql_lexer_next(sc->text, at);
    if (t.kind == SPARQL_TOKEN_END) {
      break;
    }
    at = t.start + t.len;
    if (t.kind == SPARQL_TOKEN_BLANK) {
      continue;
    }
    if (sc->n == capacity) {
      capacity *= 2;
      sparql_token *grown = realloc(sc->tok, capacity * sizeof *grown);
      if (!grown) {
        return ILDKG_ERR_NOMEM;
      }
      sc->tok = grown;
    }
    sc->tok[sc->n++] = t;
  }
  sc->role = calloc(sc->n + 1, sizeof *sc->role);
  sc->owner = malloc((sc->n + 1) * sizeof *sc->owner);
  sc->segment = calloc(sc->n + 1, sizeof *sc->segment);
  if (!sc->tok || !sc->role || !sc->owner || !sc->segment) {
    return ILDKG_ERR_NOMEM;
  }
  for (size_t i = 0; i <= sc->n; ++i) {
    sc->owner[i] = -1;
  }
  return ILDKG_OK;
}

/* rasqal's query preparation takes 4 times longer for each OPTIONAL nested in another
   (0.13 s at 10, 2.1 s at 12, 42 s at 14, measured), before any deadline can run */
enum { MAX_GROUP_DEPTH = 64, MAX_OPTIONAL_DEPTH = 10, NO_TOKEN = (size_t)-1 };

static int
compare_names(const void *a, const void *b, void *user_data)
{
  const scope *sc = user_data;
  const sparql_token *x = &sc->tok[*(const size_t *)a], *y = &sc->tok[*(const size_t *)b];
  const size_t n = x->len < y->len ? x->len : y->len;
  const int c = strncmp(sc->text + x->start + 1, sc->text + y->start + 1, n - 1);
  if (c || x->len != y->len) {
    return c ? c : (x->len < y->len ? -1 : 1);
  }
  return *(const size_t *)a < *(const size_t *)b ? -1 : 1; /* text order within a name */
}

/* Chain the occurrences of each variable, so a check reads only that variable's. */
static ildkg_status
chain_variables(scope *sc)
{
  size_t *order = malloc((sc->n + 1) * sizeof *order), count = 0;
  sc->first = malloc((sc->n + 1) * sizeof *sc->first);
  sc->next = malloc((sc->n + 1) * sizeof *sc->next);
  if (!order || !sc->first || !sc->next) {
    free(order);
    return ILDKG_ERR_NOMEM;
  }
  for (size_t k = 0; k < sc->n; ++k) {
    sc->first[k] = sc->next[k] = NO_TOKEN;
    if (sc->tok[k].kind == SPARQL_TOKEN_VARIABLE) {
      order[count++] = k;
    }
  }
  qsort_r(order, count, sizeof *order, compare_names, sc);
  for (size_t i = 0; i < count; ++i) {
    const int same = i > 0 && sc->tok[order[i]].len == sc->tok[order[i - 1]].len &&
                     !strncmp(sc->text + sc->tok[order[i]].start + 1,
                              sc->text + sc->tok[order[i - 1]].start + 1,
                              sc->tok[order[i]].len - 1);
    sc->first[order[i]] = same ? sc->first[order[i - 1]] : order[i];
    if (same) {
      sc->next[order[i - 1]] = order[i];
    }
  }
  free(order);
  return ILDKG_OK;
}

static int
is_punct(const scope *sc, size_t i, char c)
{
  return i < sc->n && sc->tok[i].kind == SPARQL_TOKEN_PUNCT && sc->text[sc->tok[i].start] == c;
}

static int
is_word(const scope *sc, size_t i, const char *keyword)
{
  return i < sc->n && sparql_token_is(sc->text, &sc->tok[i], keyword);
}

static int
is_var(const scope *sc, size_t i)
{
  return i < sc->n && sc->tok[i].kind == SPARQL_TOKEN_VARIABLE;
}

/* The index just past the bracket matching the one at @p i ('(' or '{'). */
static size_t
after_matching(const scope *sc, size_t i)
{
  const char open = sc->text[sc->tok[i].start], close = open == '(' ? ')' : '}';
  long depth = 0;
  for (; i < sc->n; ++i) {
    depth += is_punct(sc, i, open) - is_punct(sc, i, close);
    if (depth == 0) {
      return i + 1;
    }
  }
  return sc->n;
}

static long
add_group(scope *sc, group_kind kind, long parent, size_t open)
{
  if (sc->ngroups == sc->capacity) {
    const size_t capacity = sc->capacity ? sc->capacity * 2 : 16;
    group *grown = realloc(sc->groups, capacity * sizeof *grown);
    if (!grown) {
      sc->st = ILDKG_ERR_NOMEM;
      return -1;
    }
    sc->groups = grown;
    sc->capacity = capacity;
  }
  sc->groups[sc->ngroups] = (group){kind, parent, -1, open, sc->n, 0, 0, 0, 0, 0, 0};
  return (long)sc->ngroups++;
}

static size_t parse_group(scope *sc, size_t i, group_kind kind, long parent);
static size_t parse_element(scope *sc, size_t k, long g);

static int
is_blank_label(const scope *sc, size_t k)
{
  return sc->tok[k].kind == SPARQL_TOKEN_WORD && sc->tok[k].len > 2 &&
         !strncmp(sc->text + sc->tok[k].start, "_:", 2);
}

/* A blank node label is no variable: a FILTER cannot name one. */
static void
check_filter_blanks(scope *sc, size_t from, size_t to)
{
  for (size_t k = from; k < to && k < sc->n; ++k) {
    if (is_blank_label(sc, k) && sc->segment[k] == 0) {
      fail(sc, ILDKG_ERR_INPUT, "a blank node label (%.*s) in a FILTER", (int)sc->tok[k].len,
           sc->text + sc->tok[k].start);
      return;
    }
  }
}

/* Mark the variables of tokens [from, to) with @p role in group @p g. */
static void
mark(scope *sc, size_t from, size_t to, var_role role, long g)
{
  for (size_t k = from; k < to && k < sc->n; ++k) {
    if (is_var(sc, k) && sc->role[k] == ROLE_NONE) {
      sc->role[k] = role;
      sc->owner[k] = g;
    }
  }
}

/* FILTER or BIND at @p i (the keyword): its expression's variables; EXISTS groups parsed. */
static size_t
parse_expression(scope *sc, size_t i, long g, var_role role)
{
  size_t open = i + 1;
  while (open < sc->n && !is_punct(sc, open, '(') && !is_punct(sc, open, '{')) {
    ++open; /* FILTER regex(...), FILTER NOT EXISTS {...} */
  }
  if (open >= sc->n) {
    return sc->n;
  }
  const size_t end = after_matching(sc, open);
  for (size_t k = open; k < end; ++k) {
    if (is_punct(sc, k, '{')) {
      k = parse_group(sc, k, GROUP_MINUS, g) - 1;
    } else if (role == ROLE_BIND_EXPR && is_word(sc, k, "AS") && is_var(sc, k + 1)) {
      sc->role[k + 1] = ROLE_BIND_TARGET;
      sc->owner[k + 1] = g;
      ++k;
    } else if (is_var(sc, k) && sc->role[k] == ROLE_NONE) {
      sc->role[k] = role;
      sc->owner[k] = g;
    }
  }
  return end;
}

/* VALUES at @p i: its variables bind in @p g; its rows are skipped. */
/* The number of values in the row whose '(' is token @p open (a literal with its @lang or
   ^^datatype, and a signed number, count once). */
static size_t
row_values(const scope *sc, size_t open, size_t close)
{
  size_t n = 0;
  for (size_t k = open + 1; k < close; ++k) {
    const sparql_token *t = &sc->tok[k];
    const int continues = (t->kind == SPARQL_TOKEN_WORD && sc->text[t->start] == '@') ||
                          (t->kind == SPARQL_TOKEN_PUNCT && sc->text[t->start] == '^') ||
                          (k > open + 1 && is_punct(sc, k - 1, '^')) ||
                          (t->kind == SPARQL_TOKEN_NUMBER && k > open + 1 &&
                           (is_punct(sc, k - 1, '-') || is_punct(sc, k - 1, '+')));
    n += !continues;
  }
  return n;
}

/* VALUES at @p i: its variables bind in @p g; each row must have one value a variable. */
static size_t
parse_values(scope *sc, size_t i, long g)
{
  size_t k = i + 1, nvars = 1;
  const int single = is_var(sc, k);
  if (single) {
    mark(sc, k, k + 1, ROLE_BINDS, g);
    ++k;
  } else if (is_punct(sc, k, '(')) {
    const size_t end = after_matching(sc, k);
    mark(sc, k, end, ROLE_BINDS, g);
    nvars = end - k - 2;
    k = end;
  }
  if (!is_punct(sc, k, '{')) {
    return k;
  }
  const size_t end = after_matching(sc, k);
  for (size_t r = k + 1; !single && r + 1 < end && sc->st == ILDKG_OK; ++r) {
    if (is_punct(sc, r, '(')) {
      const size_t close = after_matching(sc, r) - 1;
      const size_t n = row_values(sc, r, close);
      if (n != nvars) {
        fail(sc, ILDKG_ERR_INPUT, "VALUES: a row of %zu values for %zu variables", n, nvars);
      }
      r = close;
    }
  }
  return end;
}

/* A sub-SELECT at @p i (the word SELECT) inside group @p g, up to its closing brace. */
static size_t
parse_subselect(scope *sc, size_t i, long g)
{
  static const char *const aggregates[] = {"COUNT", "SUM", "AVG", "MIN", "MAX", "SAMPLE",
                                           "GROUP_CONCAT", NULL};
  group *sub = &sc->groups[g];
  size_t k = i + 1;
  for (; k < sc->n && !is_word(sc, k, "WHERE") && !is_punct(sc, k, '{'); ++k) {
    sub->star |= is_punct(sc, k, '*') && !is_punct(sc, k - 1, '(');
    sub->distinct |= is_word(sc, k, "DISTINCT") && k == i + 1;
    sub->distinct |= is_word(sc, k, "REDUCED");
    for (size_t w = 0; aggregates[w]; ++w) {
      sub->aggregated |= is_word(sc, k, aggregates[w]);
    }
    if (is_var(sc, k)) {
      sc->role[k] = ROLE_BINDS; /* the projection binds in the enclosing group */
      sc->owner[k] = sc->groups[g].parent;
    }
  }
  k += is_word(sc, k, "WHERE");
  if (is_punct(sc, k, '{')) {
    k = parse_group(sc, k, GROUP_SUBWHERE, g);
    sub = &sc->groups[g]; /* parse_group may have moved the groups */
  }
  for (; k < sc->n && !is_punct(sc, k, '}'); ++k) {
    sub->grouped_by |= is_word(sc, k, "GROUP");
    sub->sliced |= is_word(sc, k, "LIMIT") || is_word(sc, k, "OFFSET");
    for (size_t w = 0; aggregates[w]; ++w) {
      sub->aggregated |= is_word(sc, k, aggregates[w]) || is_word(sc, k, "HAVING");
    }
    if (is_punct(sc, k, '{')) {
      k = after_matching(sc, k) - 1; /* a VALUES block */
    }
    mark(sc, k, k + 1, ROLE_SUBSELECT, g);
  }
  return k;
}

/* Parse the pattern after GRAPH, OPTIONAL, MINUS or SERVICE at @p i. */
static size_t
parse_keyword_group(scope *sc, size_t i, long g)
{
  group_kind kind = is_word(sc, i, "OPTIONAL") ? GROUP_OPTIONAL
                    : is_word(sc, i, "GRAPH")  ? GROUP_GRAPH
                                               : GROUP_MINUS;
  size_t k = i + 1;
  if (kind == GROUP_GRAPH && is_var(sc, k)) {
    mark(sc, k, k + 1, ROLE_BINDS, g);
  }
  while (k < sc->n && !is_punct(sc, k, '{')) {
    ++k; /* GRAPH <g>, SERVICE SILENT <s> */
  }
  return k < sc->n ? parse_group(sc, k, kind, g) : sc->n;
}

/* A group right before or after UNION is a branch; branches of one UNION share an id. */
static void
mark_union(scope *sc, long child, size_t after)
{
  group *c = &sc->groups[child];
  const int follows = c->open > 0 && is_word(sc, c->open - 1, "UNION");
  if (!follows && !is_word(sc, after, "UNION")) {
    return;
  }
  c->union_id = child;
  for (long prev = child - 1; follows && prev >= 0; --prev) {
    if (sc->groups[prev].parent == c->parent) { /* the branch before, a sibling */
      c->union_id = sc->groups[prev].union_id >= 0 ? sc->groups[prev].union_id : child;
      break;
    }
  }
  if (c->kind == GROUP_PLAIN) {
    c->kind = GROUP_UNION;
  }
}

/* The group whose '{' is token @p i; returns the index after its '}'. */
static size_t
parse_group(scope *sc, size_t i, group_kind kind, long parent)
{
  if (++sc->depth > MAX_GROUP_DEPTH) {
    fail(sc, ILDKG_ERR_UNSUPPORTED, "not supported: groups nested more than %d deep",
         MAX_GROUP_DEPTH);
    return sc->n;
  }
  int optionals = kind == GROUP_OPTIONAL;
  for (long a = parent; a >= 0; a = sc->groups[a].parent) {
    optionals += sc->groups[a].kind == GROUP_OPTIONAL;
  }
  if (optionals > MAX_OPTIONAL_DEPTH) {
    fail(sc, ILDKG_ERR_UNSUPPORTED,
         "not supported: OPTIONALs nested more than %d deep (rasqal takes exponential time to "
         "prepare them)", MAX_OPTIONAL_DEPTH);
    return sc->n;
  }
  const long g = add_group(sc, kind, parent, i);
  if (g < 0) {
    return sc->n;
  }
  size_t k = i + 1;
  if (is_word(sc, k, "SELECT")) {
    sc->groups[g].kind = GROUP_SUBSELECT;
    k = parse_subselect(sc, k, g);
  }
  size_t segment = ++sc->segments; /* the triples until the next group, OPTIONAL, BIND... */
  while (k < sc->n && !is_punct(sc, k, '}') && sc->st == ILDKG_OK) {
    const int filter = is_word(sc, k, "FILTER");
    if (!is_word(sc, k, "UNION") && !filter && (is_punct(sc, k, '{') || is_word(sc, k, "OPTIONAL") ||
        is_word(sc, k, "GRAPH") || is_word(sc, k, "MINUS") || is_word(sc, k, "SERVICE") ||
        is_word(sc, k, "BIND") || is_word(sc, k, "VALUES"))) {
      k = parse_element(sc, k, g);
      segment = ++sc->segments;
      continue;
    }
    if (filter) {
      const size_t from = k;
      k = parse_expression(sc, k, g, ROLE_FILTER);
      check_filter_blanks(sc, from, k);
      continue;
    }
    sc->segment[k] = segment;
    mark(sc, k, k + 1, ROLE_BINDS, g);
    ++k;
  }
  sc->groups[g].close = k;
  --sc->depth;
  return k + 1;
}

/* A group element at @p k in group @p g: a nested group, OPTIONAL, GRAPH, MINUS, SERVICE,
   BIND or VALUES; returns the index after it. */
static size_t
parse_element(scope *sc, size_t k, long g)
{
  if (is_punct(sc, k, '{')) {
    const long child = (long)sc->ngroups;
    k = parse_group(sc, k, GROUP_PLAIN, g);
    if ((size_t)child < sc->ngroups) {
      mark_union(sc, child, k);
    }
    return k;
  }
  if (is_word(sc, k, "BIND")) {
    return parse_expression(sc, k, g, ROLE_BIND_EXPR);
  }
  if (is_word(sc, k, "VALUES")) {
    return parse_values(sc, k, g);
  }
  return parse_keyword_group(sc, k, g);
}

/* ---- checks ------------------------------------------------------------------------ */

/* Whether group @p g is @p ancestor or inside it. */
static int
within(const scope *sc, long g, long ancestor)
{
  for (; g >= 0; g = sc->groups[g].parent) {
    if (g == ancestor) {
      return 1;
    }
  }
  return 0;
}

/* Whether the bindings of group @p g reach group @p ancestor: no OPTIONAL, MINUS or
   sub-SELECT's WHERE lies between them. */
static int
binds_into(const scope *sc, long g, long ancestor)
{
  for (; g >= 0 && g != ancestor; g = sc->groups[g].parent) {
    const group_kind k = sc->groups[g].kind;
    if (k == GROUP_OPTIONAL || k == GROUP_MINUS || k == GROUP_SUBWHERE) {
      return 0;
    }
  }
  return g == ancestor;
}

/* Whether a binding of @p g is visible outside the sub-SELECTs around it, up to @p top. */
static int
visible_from_outside(const scope *sc, long g, long top)
{
  for (; g >= 0 && !within(sc, top, g); g = sc->groups[g].parent) {
    if (sc->groups[g].kind == GROUP_SUBWHERE) {
      return 0;
    }
  }
  return 1;
}

static int
binds(var_role role)
{
  return role == ROLE_BINDS || role == ROLE_BIND_TARGET;
}

/* The child of @p ancestor on the way up from @p g (g itself when it is a child). */
static long
child_toward(const scope *sc, long g, long ancestor)
{
  while (g >= 0 && sc->groups[g].parent != ancestor) {
    g = sc->groups[g].parent;
  }
  return g;
}

/* Whether groups @p a and @p b lie in different branches of one UNION: never joined. */
static int
in_other_branches(const scope *sc, long a, long b)
{
  long common = a;
  while (common >= 0 && !within(sc, b, common)) {
    common = sc->groups[common].parent;
  }
  if (common < 0) {
    return 0;
  }
  const long ca = child_toward(sc, a, common), cb = child_toward(sc, b, common);
  return ca >= 0 && cb >= 0 && ca != cb && sc->groups[ca].union_id >= 0 &&
         sc->groups[ca].union_id == sc->groups[cb].union_id;
}

/* Is the variable at token @p v bound in group @p g (itself or a joined part of it)? */
static int
bound_in(const scope *sc, size_t v, long g)
{
  for (size_t k = sc->first[v]; k != NO_TOKEN; k = sc->next[k]) {
    if (binds(sc->role[k]) && sc->owner[k] >= 0 &&
        binds_into(sc, sc->owner[k], g)) {
      return 1;
    }
  }
  return 0;
}

/* Is it bound anywhere outside group @p g (where that binding can meet g's)? */
static int
bound_outside(const scope *sc, size_t v, long g)
{
  for (size_t k = sc->first[v]; k != NO_TOKEN; k = sc->next[k]) {
    if (binds(sc->role[k]) &&
        (sc->owner[k] < 0 ||
         (!within(sc, sc->owner[k], g) && visible_from_outside(sc, sc->owner[k], g) &&
          !in_other_branches(sc, sc->owner[k], g)))) {
      return 1;
    }
  }
  return 0;
}

static const char *
var_name(const scope *sc, size_t v, char *buf, size_t size)
{
  snprintf(buf, size, "%.*s", (int)sc->tok[v].len, sc->text + sc->tok[v].start);
  return buf;
}

static int
inside_optional(const scope *sc, long g)
{
  for (g = sc->groups[g].parent; g >= 0; g = sc->groups[g].parent) {
    if (sc->groups[g].kind == GROUP_OPTIONAL) {
      return 1;
    }
  }
  return 0;
}

/* A FILTER or BIND in a nested group sees only that group's variables. */
static void
check_expressions(scope *sc)
{
  char name[128];
  for (size_t k = 0; k < sc->n && sc->st == ILDKG_OK; ++k) {
    const long g = sc->owner[k];
    if ((sc->role[k] != ROLE_FILTER && sc->role[k] != ROLE_BIND_EXPR) || g < 0) {
      continue;
    }
    const group_kind kind = sc->groups[g].kind;
    if (kind == GROUP_TOP || kind == GROUP_SUBWHERE ||
        (kind == GROUP_OPTIONAL && sc->role[k] == ROLE_FILTER)) {
      continue; /* an OPTIONAL's own FILTER is its join condition: it sees both sides */
    }
    if (sc->role[k] == ROLE_FILTER && !inside_optional(sc, g)) {
      continue; /* rasqal scopes a FILTER of a nested group right, but not inside an OPTIONAL */
    }
    if (!bound_in(sc, k, g) && bound_outside(sc, k, g)) {
      fail(sc, ILDKG_ERR_UNSUPPORTED,
           "not supported: %s in a nested group, UNION branch or OPTIONAL uses %s, bound only "
           "outside it (SPARQL leaves it unbound there; rasqal gives it the outer value)",
           sc->role[k] == ROLE_FILTER ? "a FILTER" : "a BIND", var_name(sc, k, name, sizeof name));
    }
  }
}

/* An OPTIONAL inside a nested group is joined to that group first, not to the outside. */
static void
check_optionals(scope *sc)
{
  char name[128];
  for (size_t o = 0; o < sc->ngroups && sc->st == ILDKG_OK; ++o) {
    const long g = sc->groups[o].parent;
    if (sc->groups[o].kind != GROUP_OPTIONAL || g < 0 || sc->groups[g].kind == GROUP_TOP ||
        sc->groups[g].kind == GROUP_SUBWHERE) {
      continue;
    }
    /* what the OPTIONAL binds; a FILTER in it rasqal scopes right */
    for (size_t k = sc->groups[o].open; k < sc->groups[o].close && sc->st == ILDKG_OK; ++k) {
      if (is_var(sc, k) && binds(sc->role[k]) && !bound_in(sc, k, g) && bound_outside(sc, k, g)) {
        fail(sc, ILDKG_ERR_UNSUPPORTED,
             "not supported: an OPTIONAL inside a nested group or OPTIONAL uses %s, bound only "
             "outside that group (rasqal joins it with the outer value)",
             var_name(sc, k, name, sizeof name));
      }
    }
  }
}

/* A sub-SELECT is evaluated on its own: only its projection meets the outside. */
static void
check_subselects(scope *sc)
{
  char name[128];
  for (size_t s = 0; s < sc->ngroups && sc->st == ILDKG_OK; ++s) {
    const group *sub = &sc->groups[s];
    if (sub->kind != GROUP_SUBSELECT) {
      continue;
    }
    if (sub->grouped_by && sub->aggregated) {
      fail(sc, ILDKG_ERR_UNSUPPORTED,
           "not supported: a sub-SELECT with GROUP BY and an aggregate (rasqal joins its groups "
           "wrongly)");
      return;
    }
    if (sub->grouped_by && !sub->aggregated) {
      fail(sc, ILDKG_ERR_UNSUPPORTED,
           "not supported: a sub-SELECT with GROUP BY and no aggregate (rasqal gives a row a "
           "solution, not a row a group)");
      return;
    }
    if (sub->distinct && sub->sliced) {
      fail(sc, ILDKG_ERR_UNSUPPORTED,
           "not supported: a sub-SELECT with DISTINCT and LIMIT or OFFSET (rasqal cuts before "
           "it removes duplicates)");
      return;
    }
    /* grouped rows keep only the projection: nothing else can meet the outside */
    const int leaks = !sub->star && !sub->grouped_by && !sub->aggregated;
    for (size_t k = sub->open; k < sub->close && leaks && sc->st == ILDKG_OK; ++k) {
      if (!is_var(sc, k) || (sc->role[k] == ROLE_BINDS && sc->owner[k] == sub->parent)) {
        continue;
      }
      int projected = 0, outside = 0;
      for (size_t j = sc->first[k]; j != NO_TOKEN; j = sc->next[j]) {
        {
          projected |= sc->role[j] == ROLE_BINDS && sc->owner[j] == sub->parent &&
                       j > sub->open && j < sub->close;
          outside |= j < sub->open || j > sub->close;
        }
      }
      if (!projected && outside) {
        fail(sc, ILDKG_ERR_UNSUPPORTED,
             "not supported: %s inside a sub-SELECT, not projected, is also used outside it "
             "(rasqal joins on it; SPARQL keeps the two apart)",
             var_name(sc, k, name, sizeof name));
      }
    }
  }
}

/* A blank node label names one node of one basic graph pattern: using it in two is an
   error (SPARQL 1.1, 4.1.4). */
static void
check_blank_labels(scope *sc)
{
  for (size_t k = 0; k < sc->n && sc->st == ILDKG_OK; ++k) {
    if (!is_blank_label(sc, k) || !sc->segment[k]) {
      continue;
    }
    for (size_t j = k + 1; j < sc->n; ++j) {
      if (is_blank_label(sc, j) && sc->segment[j] && sc->segment[j] != sc->segment[k] &&
          sc->tok[j].len == sc->tok[k].len &&
          !strncmp(sc->text + sc->tok[j].start, sc->text + sc->tok[k].start, sc->tok[k].len)) {
        fail(sc, ILDKG_ERR_INPUT, "the blank node label %.*s is used in two basic graph "
             "patterns", (int)sc->tok[k].len, sc->text + sc->tok[k].start);
        return;
      }
    }
  }
}

/* "\uD800" is no character: a surrogate code point cannot be in a string. */
static void
check_escapes(scope *sc)
{
  for (size_t k = 0; k < sc->n && sc->st == ILDKG_OK; ++k) {
    const char *s = sc->text + sc->tok[k].start;
    for (size_t i = 0; sc->tok[k].kind == SPARQL_TOKEN_STRING && i + 5 < sc->tok[k].len; ++i) {
      if (s[i] == '\\' && s[i + 1] == '\\') {
        ++i;
      } else if (s[i] == '\\' && (s[i + 1] == 'u' || s[i + 1] == 'U')) {
        const unsigned long c = strtoul((char[]){s[i + 2], s[i + 3], s[i + 4], s[i + 5], 0}, NULL, 16);
        if (s[i + 1] == 'u' && c >= 0xD800 && c <= 0xDFFF) {
          fail(sc, ILDKG_ERR_INPUT, "\\u%04lX in a string: a surrogate is no character", c);
          return;
        }
      }
    }
  }
}

/* SELECT (expr AS ?v) and BIND(expr AS ?v) must name a variable not yet in scope. */
static void
check_assignments(scope *sc)
{
  char name[128];
  for (size_t k = 0; k < sc->n && sc->st == ILDKG_OK; ++k) {
    if (sc->role[k] == ROLE_ASSIGNED) {
      for (size_t j = sc->first[k]; j != NO_TOKEN; j = sc->next[j]) {
        const int bound = binds(sc->role[j]) && (sc->owner[j] < 0 || binds_into(sc, sc->owner[j], 0));
        if (j != k && (bound || (sc->role[j] == ROLE_ASSIGNED && j < k))) {
          fail(sc, ILDKG_ERR_INPUT, "SELECT (... AS %s): %s is already in scope",
               var_name(sc, k, name, sizeof name), name);
          return;
        }
      }
    }
    if (sc->role[k] == ROLE_BIND_TARGET && sc->owner[k] >= 0) {
      for (size_t j = sc->first[k]; j != NO_TOKEN && j + 1 < k; j = sc->next[j]) {
        if (j > sc->groups[sc->owner[k]].open && binds(sc->role[j]) && sc->owner[j] >= 0 &&
            binds_into(sc, sc->owner[j], sc->owner[k])) {
          fail(sc, ILDKG_ERR_INPUT, "BIND(... AS %s): %s is already bound before it in its group",
               var_name(sc, k, name, sizeof name), name);
          return;
        }
      }
    }
  }
}

/* The query form up to the WHERE group, which is parsed; then the solution modifiers. */
static void
parse_query(scope *sc)
{
  size_t k = 0;
  while (k < sc->n && !is_word(sc, k, "SELECT") && !is_word(sc, k, "ASK") &&
         !is_word(sc, k, "CONSTRUCT") && !is_word(sc, k, "DESCRIBE")) {
    ++k; /* PREFIX and BASE */
  }
  const int construct = is_word(sc, k, "CONSTRUCT");
  for (; k < sc->n && !is_punct(sc, k, '{'); ++k) {
    if (is_var(sc, k)) {
      sc->role[k] = k >= 1 && is_word(sc, k - 1, "AS") ? ROLE_ASSIGNED : ROLE_PROJECTED;
    }
  }
  if (construct && k < sc->n) {
    const size_t end = after_matching(sc, k); /* the template, unless CONSTRUCT WHERE */
    k = is_word(sc, end, "WHERE") || is_punct(sc, end, '{') ? end : k;
    while (k < sc->n && !is_punct(sc, k, '{')) {
      ++k;
    }
  }
  if (k < sc->n) {
    k = parse_group(sc, k, GROUP_TOP, -1);
  }
  for (; k < sc->n; ++k) {
    if (is_word(sc, k, "VALUES")) { /* bound after the WHERE clause: outside every group */
      const size_t end = parse_values(sc, k, -1);
      for (size_t j = k; j < end; ++j) {
        sc->owner[j] = -1;
      }
      k = end - 1;
    }
  }
}

static void
scope_clear(scope *sc)
{
  free(sc->tok);
  free(sc->role);
  free(sc->owner);
  free(sc->first);
  free(sc->next);
  free(sc->segment);
  free(sc->groups);
}

ildkg_status
query_scope_check(const char *text, char *why, size_t size)
{
  scope sc = {.text = text, .why = why, .size = size};
  sc.st = tokenize(&sc);
  if (sc.st == ILDKG_OK) {
    sc.st = chain_variables(&sc);
  }
  if (sc.st == ILDKG_OK) {
    parse_query(&sc);
  }
  if (sc.st == ILDKG_OK) {
    check_escapes(&sc);
    check_blank_labels(&sc);
    check_assignments(&sc);
    check_subselects(&sc);
    check_expressions(&sc);
    check_optionals(&sc);
  }
  scope_clear(&sc);
  return sc.st;
}

ildkg_status
query_scope_where_as_ask(const char *text, char **out)
{
  scope sc = {.text = text};
  char why[8];
  sc.why = why;
  sc.size = sizeof why;
  *out = NULL;
  sc.st = tokenize(&sc);
  if (sc.st == ILDKG_OK) {
    parse_query(&sc);
  }
  size_t verb = 0;
  while (verb < sc.n && !is_word(&sc, verb, "SELECT")) {
    ++verb;
  }
  if (sc.st == ILDKG_OK && sc.ngroups && verb < sc.n) {
    const group *top = &sc.groups[0];
    const size_t from = sc.tok[top->open].start;
    const size_t to = top->close < sc.n ? sc.tok[top->close].start + 1 : strlen(text);
    size_t values = top->close + 1;
    while (values < sc.n && !is_word(&sc, values, "VALUES")) {
      ++values;
    }
    const char *tail = values < sc.n ? text + sc.tok[values].start : "";
    const size_t tail_len = values < sc.n ? strlen(tail) : 0;
    if (asprintf(out, "%.*sASK %.*s %.*s", (int)sc.tok[verb].start, text, (int)(to - from),
                 text + from, (int)tail_len, tail) < 0) {
      *out = NULL;
      sc.st = ILDKG_ERR_NOMEM;
    }
  }
  scope_clear(&sc);
  return sc.st;
}
