/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "query_guard.h"

#include "graph.h"
#include "sparql_lexer.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- the text: signed numbers after an operand ------------------------------------- */

typedef enum { TOKEN_NONE, TOKEN_OPERAND, TOKEN_WORD, TOKEN_OTHER } token_kind;

/* Paren contexts: an expression, or anything else (collections, VALUES rows, braces). */
enum { MAX_DEPTH = 256 };

typedef struct {
  const char *text;
  size_t at;
  char stack[MAX_DEPTH]; /* 'e' expression paren, 'p' other paren, '{' brace */
  size_t depth;
  token_kind last;
  char word[16], previous_word[16]; /* the last two keywords/names, upper-cased */
  int projection, modifiers;        /* in SELECT ... WHERE, in GROUP/ORDER BY, HAVING */
} scanner;

static int
in_expression(const scanner *sc)
{
  return sc->depth && sc->stack[sc->depth - 1] == 'e';
}

static int
is_word(const char *word, const char *const *list)
{
  for (; *list; ++list) {
    if (!strcmp(word, *list)) {
      return 1;
    }
  }
  return 0;
}

static void
open_paren(scanner *sc)
{
  static const char *const starts[] = {"FILTER", "BIND", "HAVING", "ASC", "DESC", "BY", NULL};
  char kind = 'p';
  if (in_expression(sc) || sc->projection || sc->modifiers || is_word(sc->word, starts) ||
      !strcmp(sc->previous_word, "FILTER")) {
    kind = 'e';
  }
  /* A name right before '(' inside an expression is a function call: still 'e'. */
  if (sc->depth < MAX_DEPTH) {
    sc->stack[sc->depth++] = kind;
  }
}

static void
close_paren(scanner *sc, char opener)
{
  while (sc->depth && sc->stack[sc->depth - 1] != opener &&
         !(opener == '(' && sc->stack[sc->depth - 1] != '{')) {
    --sc->depth;
  }
  if (sc->depth) {
    --sc->depth;
  }
}

static void
note_word(scanner *sc, const char *start, size_t len)
{
  memcpy(sc->previous_word, sc->word, sizeof sc->word);
  size_t n = len < sizeof sc->word - 1 ? len : sizeof sc->word - 1;
  for (size_t i = 0; i < n; ++i) {
    sc->word[i] = (char)toupper((unsigned char)start[i]);
  }
  sc->word[n] = '\0';
  if (!strcmp(sc->word, "SELECT")) {
    sc->projection = 1;
  } else if (!strcmp(sc->word, "WHERE")) {
    sc->projection = 0;
  } else if (is_word(sc->word, (const char *const[]){"BY", "HAVING", NULL})) {
    sc->modifiers = 1;
  } else if (is_word(sc->word, (const char *const[]){"LIMIT", "OFFSET", "VALUES", NULL})) {
    sc->modifiers = 0;
  }
}

/* One token at sc->at; @p split set when it is a sign to split from its number. */
static void
next_token(scanner *sc, int *split)
{
  const sparql_token t = sparql_lexer_next(sc->text, sc->at);
  const char *s = sc->text;
  const char c = s[t.start];
  *split = 0;
  switch (t.kind) {
  case SPARQL_TOKEN_END:
  case SPARQL_TOKEN_BLANK: break;
  case SPARQL_TOKEN_STRING:
  case SPARQL_TOKEN_IRI:
  case SPARQL_TOKEN_VARIABLE:
  case SPARQL_TOKEN_NUMBER: sc->last = TOKEN_OPERAND; break;
  case SPARQL_TOKEN_WORD:
    note_word(sc, s + t.start, t.len);
    sc->last = c == '@' ? TOKEN_OPERAND : TOKEN_WORD;
    break;
  case SPARQL_TOKEN_PUNCT:
    if ((c == '+' || c == '-') && sparql_lexer_next(s, t.start + 1).kind == SPARQL_TOKEN_NUMBER) {
      *split = sc->last == TOKEN_OPERAND && in_expression(sc);
      sc->last = TOKEN_OTHER; /* the number follows as its own token */
      break;
    }
    if (c == '(') {
      open_paren(sc);
    } else if (c == '{') {
      sc->projection = sc->modifiers = 0;
      if (sc->depth < MAX_DEPTH) {
        sc->stack[sc->depth++] = '{';
      }
    } else if (c == ')' || c == '}') {
      close_paren(sc, c == ')' ? '(' : '{');
      sc->modifiers = c == '}' ? 0 : sc->modifiers;
    }
    sc->last = c == ')' || c == ']' ? TOKEN_OPERAND : TOKEN_OTHER;
    sc->word[0] = c == '(' ? sc->word[0] : '\0';
    break;
  }
  const size_t end = t.start + t.len;
  /* A word that is a function name stays an operand-to-be only through its parens. */
  if (sc->last == TOKEN_WORD && s[end] != '(') {
    sc->last = TOKEN_OPERAND;
  }
  sc->at = end;
}

/*
 * VALUES ?x { a b } becomes VALUES (?x) { (a) (b) }: rasqal reads the short form as one
 * row of all the values (wrong rows, or a crash), and the long form right.
 */
typedef enum { VALUES_NONE, VALUES_KEYWORD, VALUES_BEFORE_BLOCK, VALUES_IN_BLOCK } values_state;

typedef struct {
  char *out;
  size_t w;
  values_state values;
  int in_term; /* inside a value of the block: its '(' is written, not yet its ')' */
  int caret;   /* the last token inside the block was '^' */
} rewriter;

static void
put(rewriter *rw, const char *s, size_t n)
{
  memcpy(rw->out + rw->w, s, n);
  rw->w += n;
}

static void
rewrite_values(rewriter *rw, const scanner *sc, const char *token, size_t n)
{
  const int blank = isspace((unsigned char)token[0]) || token[0] == '#';
  if (rw->values == VALUES_KEYWORD && !blank) {
    rw->values = token[0] == '?' || token[0] == '$' ? VALUES_BEFORE_BLOCK : VALUES_NONE;
    if (rw->values == VALUES_BEFORE_BLOCK) {
      put(rw, "(", 1);
      put(rw, token, n);
      put(rw, ")", 1);
      return;
    }
  } else if (rw->values == VALUES_BEFORE_BLOCK && token[0] == '{') {
    rw->values = VALUES_IN_BLOCK;
  } else if (rw->values == VALUES_IN_BLOCK && !blank) {
    const int more = rw->in_term && (token[0] == '@' || token[0] == '^' || rw->caret);
    rw->caret = token[0] == '^';
    if (rw->in_term && !more) {
      put(rw, ")", 1);
      rw->in_term = 0;
    }
    if (token[0] == '}') {
      rw->values = VALUES_NONE;
    } else if (!rw->in_term) {
      put(rw, "(", 1);
      rw->in_term = 1;
    }
  }
  put(rw, token, n);
  if (rw->values == VALUES_NONE && !blank && !strcmp(sc->word, "VALUES") &&
      n == 6 && !strncasecmp(token, "VALUES", 6)) {
    rw->values = VALUES_KEYWORD;
  }
}

ildkg_status
query_guard_fix_text(const char *text, char **out)
{
  const size_t len = strlen(text);
  /* at worst every byte becomes "(x)" or gains a space */
  rewriter rw = {malloc(3 * len + 3), 0, VALUES_NONE, 0, 0};
  if (!(*out = rw.out)) {
    return ILDKG_ERR_NOMEM;
  }
  scanner sc = {.text = text};
  while (text[sc.at]) {
    const size_t from = sc.at;
    int split = 0;
    next_token(&sc, &split);
    rewrite_values(&rw, &sc, text + from, sc.at - from);
    if (split) {
      put(&rw, " ", 1);
    }
  }
  if (rw.in_term) {
    put(&rw, ")", 1);
  }
  rw.out[rw.w] = '\0';
  return ILDKG_OK;
}

/* ---- SUBSTR ------------------------------------------------------------------------- */

/*
 * rasqal's SUBSTR gives an error (so an unbound value, and a leak) where the answer is
 * the empty string (SUBSTR("abc", 5)), answers for a number or a date though SPARQL
 * says error, takes a length of 0 for "to the end", and truncates a start or length
 * that is not whole. A SUBSTR whose start and length are whole-number constants of at
 * least 1 is rewritten so that rasqal meets only what it answers right:
 *   IF(<a is a string>, IF(STRLEN(a) < b, <"" with a's language>, SUBSTR(a, b, c)), 1/0)
 * and any other SUBSTR is refused.
 */
typedef struct {
  const char *text;
  char *out;
  size_t len, capacity;
} text_buffer;

static int
append(text_buffer *b, const char *s, size_t n)
{
  if (b->len + n + 1 > b->capacity) {
    size_t capacity = b->capacity ? b->capacity : 256;
    while (b->len + n + 1 > capacity) {
      capacity *= 2;
    }
    char *grown = realloc(b->out, capacity);
    if (!grown) {
      return -1;
    }
    b->out = grown;
    b->capacity = capacity;
  }
  memcpy(b->out + b->len, s, n);
  b->len += n;
  b->out[b->len] = '\0';
  return 0;
}

/* A whole-number constant of at least 1, alone in [from, to). */
static int
is_positive_whole(const char *text, size_t from, size_t to)
{
  sparql_token t = sparql_lexer_next_solid(text, from);
  if (t.kind == SPARQL_TOKEN_PUNCT && text[t.start] == '+') {
    t = sparql_lexer_next_solid(text, t.start + 1);
  }
  if (t.kind != SPARQL_TOKEN_NUMBER || strspn(text + t.start, "0123456789") != t.len) {
    return 0;
  }
  const sparql_token after = sparql_lexer_next_solid(text, t.start + t.len);
  return after.start >= to && strtol(text + t.start, NULL, 10) >= 1;
}

static ildkg_status rewrite_substr_span(const char *text, size_t from, size_t to, text_buffer *b,
                                        char *why, size_t size);

/* The arguments of the call whose '(' is at @p open: up to 3 spans, and the ')' after. */
static size_t
split_arguments(const char *text, size_t open, size_t starts[4], size_t *count)
{
  long depth = 0;
  *count = 0;
  starts[(*count)++] = open + 1;
  for (sparql_token t = sparql_lexer_next(text, open); t.kind != SPARQL_TOKEN_END;
       t = sparql_lexer_next(text, t.start + t.len)) {
    const char c = t.kind == SPARQL_TOKEN_PUNCT ? text[t.start] : '\0';
    depth += (c == '(' || c == '{' || c == '[') - (c == ')' || c == '}' || c == ']');
    if (depth == 1 && c == ',' && *count < 3) {
      starts[(*count)++] = t.start + 1;
    }
    if (depth == 0) {
      starts[*count] = t.start + 1; /* one past the ')': each argument ends before a separator */
      return t.start;
    }
  }
  return strlen(text);
}

static ildkg_status
put_span(const char *text, size_t from, size_t to, text_buffer *b, char *why, size_t size)
{
  return rewrite_substr_span(text, from, to, b, why, size);
}

static ildkg_status
rewrite_one_substr(const char *text, size_t open, size_t *end, text_buffer *b, char *why,
                   size_t size)
{
  size_t starts[4], count = 0;
  const size_t close = split_arguments(text, open, starts, &count);
  *end = close + 1;
  if (count < 2 || !is_positive_whole(text, starts[1], starts[2] - 1) ||
      (count == 3 && !is_positive_whole(text, starts[2], starts[3] - 1))) {
    snprintf(why, size, "not supported: SUBSTR with a start or length other than a whole "
                        "number of at least 1 (rasqal truncates it, and reads a length 0 as "
                        "\"to the end\")");
    return ILDKG_ERR_UNSUPPORTED;
  }
  const size_t a_from = starts[0], a_to = starts[1] - 1;
  text_buffer arg = {text, NULL, 0, 0};
  ildkg_status st = put_span(text, a_from, a_to, &arg, why, size);
  if (st != ILDKG_OK) {
    free(arg.out);
    return st;
  }
  const char *a = arg.out ? arg.out : "";
  char *call = NULL;
  const int start_len = (int)(starts[2] - 1 - starts[1]);
  const char *start = text + starts[1];
  const int ok =
    asprintf(&call,
             "IF(isLiteral(%s) && (LANG(%s) != \"\" || DATATYPE(%s) = "
             "<http://www.w3.org/2001/XMLSchema#string>), IF(STRLEN(%s) < (%.*s), IF(LANG(%s) = "
             "\"\", \"\", STRLANG(\"\", LANG(%s))), SUBSTR(%s,%.*s)), 1/0)",
             a, a, a, a, start_len, start, a, a, a, (int)(close - starts[1]), text + starts[1]) >= 0;
  free(arg.out);
  if (!ok) {
    return ILDKG_ERR_NOMEM;
  }
  st = append(b, call, strlen(call)) ? ILDKG_ERR_NOMEM : ILDKG_OK;
  free(call);
  return st;
}

static ildkg_status
rewrite_substr_span(const char *text, size_t from, size_t to, text_buffer *b, char *why,
                    size_t size)
{
  size_t copied = from;
  for (size_t at = from; at < to;) {
    const sparql_token t = sparql_lexer_next(text, at);
    if (t.kind == SPARQL_TOKEN_END) {
      break;
    }
    at = t.start + t.len;
    const sparql_token open = sparql_lexer_next_solid(text, at);
    if (!sparql_token_is(text, &t, "SUBSTR") || open.kind != SPARQL_TOKEN_PUNCT ||
        text[open.start] != '(') {
      continue;
    }
    if (append(b, text + copied, t.start - copied)) {
      return ILDKG_ERR_NOMEM;
    }
    size_t end = 0;
    const ildkg_status st = rewrite_one_substr(text, open.start, &end, b, why, size);
    if (st != ILDKG_OK) {
      return st;
    }
    at = copied = end;
  }
  return append(b, text + copied, to > copied ? to - copied : 0) ? ILDKG_ERR_NOMEM : ILDKG_OK;
}

ildkg_status
query_guard_refuse_update(const char *text, char *why, size_t size)
{
  static const char *const UPDATE[] = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE",
                                       "DROP",   "COPY",   "MOVE", "ADD",   "WITH"};
  const sparql_token t = sparql_lexer_after_prologue(text);
  for (size_t i = 0; t.kind == SPARQL_TOKEN_WORD && i < sizeof UPDATE / sizeof *UPDATE; ++i) {
    if (sparql_token_is(text, &t, UPDATE[i])) {
      snprintf(why, size, "not supported: update operations (%s: ildkg's graph is read-only)",
               UPDATE[i]);
      return ILDKG_ERR_UNSUPPORTED;
    }
  }
  return ILDKG_OK;
}

ildkg_status
query_guard_rewrite_substr(const char *text, char **out, char *why, size_t size)
{
  text_buffer b = {text, NULL, 0, 0};
  const ildkg_status st = rewrite_substr_span(text, 0, strlen(text), &b, why, size);
  if (st != ILDKG_OK || (!b.out && append(&b, "", 0))) {
    free(b.out);
    *out = NULL;
    return st != ILDKG_OK ? st : ILDKG_ERR_NOMEM;
  }
  *out = b.out;
  return ILDKG_OK;
}

/* ---- the parsed query ----------------------------------------------------------------- */

typedef struct {
  char *why;
  size_t size;
  ildkg_status st;
  unsigned features;      /* GRAPH_HAS_* of the data and the query's own text */
  int distinct_aggregates; /* aggregates with DISTINCT seen */
  int datatype_compared;   /* checking the DATATYPE(...) of DATATYPE(...) = <iri> */
  rasqal_query *query;
  graph *data;             /* for the kinds of value a variable can take; may be NULL */
  const rasqal_expression *positive[32]; /* conditions a FILTER holds true at its top */
  size_t npositive;
} verdict;

static int
refuse(verdict *v, const char *fmt, ...) ILDKG_PRINTF(2, 3);

static int
refuse(verdict *v, const char *fmt, ...)
{
  if (v->st == ILDKG_OK) {
    char reason[512];
    va_list args;
    va_start(args, fmt);
    vsnprintf(reason, sizeof reason, fmt, args);
    va_end(args);
    snprintf(v->why, v->size, "not supported: %s", reason);
    v->st = ILDKG_ERR_UNSUPPORTED;
  }
  return 1;
}

/* The string of a constant string argument, or NULL when the argument is computed. */
static const char *
constant_string(const rasqal_expression *e)
{
  if (!e || e->op != RASQAL_EXPR_LITERAL || !e->literal) {
    return NULL;
  }
  const rasqal_literal_type t = e->literal->type;
  return t == RASQAL_LITERAL_STRING || t == RASQAL_LITERAL_XSD_STRING
           ? (const char *)e->literal->string
           : NULL;
}

/*
 * rasqal matches with POSIX extended regular expressions (glibc regcomp), not the XPath
 * syntax SPARQL uses. A pattern is answered only where the two agree: escapes of
 * punctuation only, no escape inside a bracket expression, no non-greedy quantifier or
 * (?...) group, no POSIX class, and '.' only where no line break can be in the text
 * (XPath's '.' does not match one without the s flag; POSIX's does).
 */
static int utf8_regex;

void
query_guard_set_utf8(int utf8)
{
  utf8_regex = utf8;
}

static const char *
regex_difference(const char *pattern, int dot_all, unsigned features)
{
  if (!utf8_regex && (features & GRAPH_HAS_NON_ASCII) && strpbrk(pattern, ".[")) {
    return "'.' or [...] where the text may hold non-ASCII characters (no UTF-8 locale)";
  }
  int in_bracket = 0;
  for (const char *p = pattern; *p; ++p) {
    if (*p == '\\') {
      if (in_bracket) {
        return "a backslash inside [...]";
      }
      if (!p[1] || isalnum((unsigned char)p[1]) || (unsigned char)p[1] >= 0x80) {
        return "an escape such as \\n, \\d, \\w or \\p";
      }
      ++p;
    } else if (in_bracket) {
      if (*p == '[' && p[1] && strchr(":=.", p[1])) {
        return "a POSIX class [:...:] inside [...]";
      }
      if (*p == '-' && p[1] == '[') {
        return "a class subtraction -[...]";
      }
      in_bracket = *p == ']' && in_bracket > 1 ? 0 : in_bracket + 1;
    } else if (*p == '[') {
      in_bracket = 1 + (p[1] == '^');
      p += p[1] == '^';
    } else if (strchr("*+?}", *p) && p[1] == '?') {
      return "a non-greedy quantifier";
    } else if (*p == '(' && p[1] == '?') {
      return "a (?...) group";
    } else if (*p == '.' && !dot_all && (features & GRAPH_HAS_LINE_BREAK)) {
      return "'.' where the text may hold a line break (XPath's '.' does not match one)";
    }
  }
  return in_bracket ? "an unclosed [" : NULL;
}

static void
check_regex(verdict *v, const rasqal_expression *pattern, const rasqal_expression *flags,
            const char *function)
{
  const char *p = constant_string(pattern);
  const char *f = flags ? constant_string(flags) : "";
  if (!p || !f) {
    refuse(v, "%s with a computed pattern or flags (rasqal's regular expressions are not "
              "XPath's: only constant patterns are checked and answered)", function);
    return;
  }
  if (f[strspn(f, "is")]) {
    refuse(v, "%s flag '%s' (rasqal ignores the q, m and x flags)", function, f);
    return;
  }
  const char *difference = regex_difference(p, strchr(f, 's') != NULL, v->features);
  if (difference) {
    refuse(v, "%s pattern \"%s\" with %s (rasqal's POSIX regular expressions differ from "
              "XPath's there)", function, p, difference);
  }
}

static void
check_replacement(verdict *v, const rasqal_expression *replacement)
{
  const char *r = constant_string(replacement);
  if (!r || strpbrk(r, "$\\")) {
    refuse(v, "REPLACE with a computed replacement or one with $ or \\ (rasqal fills in "
              "groups wrongly)");
  }
}

/* An expression whose value is a string (or an error), never a number or a boolean. */
static int
yields_string(const rasqal_expression *e)
{
  if (!e) {
    return 0;
  }
  switch (e->op) {
  case RASQAL_EXPR_LITERAL: return constant_string(e) != NULL;
  case RASQAL_EXPR_STR:
  case RASQAL_EXPR_LANG:
  case RASQAL_EXPR_CONCAT:
  case RASQAL_EXPR_UCASE:
  case RASQAL_EXPR_LCASE:
  case RASQAL_EXPR_SUBSTR:
  case RASQAL_EXPR_REPLACE:
  case RASQAL_EXPR_STRBEFORE:
  case RASQAL_EXPR_STRAFTER:
  case RASQAL_EXPR_ENCODE_FOR_URI:
  case RASQAL_EXPR_STRUUID:
  case RASQAL_EXPR_GROUP_CONCAT: return 1;
  default: return 0;
  }
}

/* An expression that may be a language-tagged literal: a variable, or what passes one on. */
static int
may_be_lang_literal(const rasqal_expression *e)
{
  if (!e) {
    return 0;
  }
  switch (e->op) {
  case RASQAL_EXPR_LITERAL:
    return e->literal && (e->literal->type == RASQAL_LITERAL_VARIABLE || e->literal->language);
  case RASQAL_EXPR_COALESCE:
  case RASQAL_EXPR_IF:
  case RASQAL_EXPR_STRLANG:
  case RASQAL_EXPR_SUBSTR:
  case RASQAL_EXPR_UCASE:
  case RASQAL_EXPR_LCASE:
  case RASQAL_EXPR_CONCAT:
  case RASQAL_EXPR_REPLACE:
  case RASQAL_EXPR_STRBEFORE:
  case RASQAL_EXPR_STRAFTER:
  case RASQAL_EXPR_SAMPLE:
  case RASQAL_EXPR_MIN:
  case RASQAL_EXPR_MAX: return 1;
  default: return 0;
  }
}


static int
is_constant(const rasqal_expression *e)
{
  return e && e->op == RASQAL_EXPR_LITERAL && e->literal &&
         e->literal->type != RASQAL_LITERAL_VARIABLE;
}

/* ---- what every solution binds ------------------------------------------------------ */

/* Whether a triple pattern of @p gp's own names @p var. */
static int
own_triples_name(rasqal_query *q, rasqal_graph_pattern *gp, const rasqal_variable *var)
{
  raptor_sequence *triples = rasqal_graph_pattern_get_triples(q, gp); /* a new sequence */
  int named = 0;
  for (int i = 0; !named && triples && i < raptor_sequence_size(triples); ++i) {
    const rasqal_triple *t = raptor_sequence_get_at(triples, i);
    const rasqal_literal *terms[4] = {t->subject, t->predicate, t->object, t->origin};
    for (int k = 0; k < 4; ++k) {
      named |= terms[k] && terms[k]->type == RASQAL_LITERAL_VARIABLE &&
               terms[k]->value.variable == var;
    }
  }
  if (triples) {
    raptor_free_sequence(triples);
  }
  return named;
}

/*
 * Whether every solution of @p gp binds @p var: a triple pattern names it, in @p gp or in
 * a group, GRAPH or sub-SELECT inside it, or in every side of a UNION, not under
 * OPTIONAL, MINUS, BIND or VALUES. Where unsure, no: the answer only ever makes ildkg
 * refuse more.
 */
static int
always_binds(rasqal_query *q, rasqal_graph_pattern *gp, const rasqal_variable *var)
{
  raptor_sequence *subs = rasqal_graph_pattern_get_sub_graph_pattern_sequence(gp);
  switch (rasqal_graph_pattern_get_operator(gp)) {
  case RASQAL_GRAPH_PATTERN_OPERATOR_UNION:
    for (int i = 0; subs && i < raptor_sequence_size(subs); ++i) {
      if (!always_binds(q, raptor_sequence_get_at(subs, i), var)) {
        return 0;
      }
    }
    return subs && raptor_sequence_size(subs) > 0;
  case RASQAL_GRAPH_PATTERN_OPERATOR_BASIC:
  case RASQAL_GRAPH_PATTERN_OPERATOR_GROUP:
  case RASQAL_GRAPH_PATTERN_OPERATOR_GRAPH:
  case RASQAL_GRAPH_PATTERN_OPERATOR_SELECT: break;
  default: return 0;
  }
  if (own_triples_name(q, gp, var)) {
    return 1;
  }
  for (int i = 0; subs && i < raptor_sequence_size(subs); ++i) {
    if (always_binds(q, raptor_sequence_get_at(subs, i), var)) {
      return 1;
    }
  }
  return 0;
}

static int
is_iri_constant(const rasqal_expression *e)
{
  return is_constant(e) && e->literal->type == RASQAL_LITERAL_URI;
}

/*
 * Whether @p e may fail (be an error) for some solution: it reads a variable a solution
 * may leave unbound, or it computes anything but a test that cannot fail (BOUND, IF,
 * COALESCE, && || !, the isIRI family, sameTerm, = and != against an IRI) of constants
 * and variables every solution binds. Where unsure, yes.
 */
static int
may_fail(verdict *v, const rasqal_expression *e)
{
  if (!e) {
    return 0;
  }
  rasqal_graph_pattern *root = rasqal_query_get_query_graph_pattern(v->query);
  switch (e->op) {
  case RASQAL_EXPR_LITERAL:
    if (e->literal && e->literal->type == RASQAL_LITERAL_VARIABLE) {
      const rasqal_variable *var = e->literal->value.variable;
      return var->expression || !root || !always_binds(v->query, root, var);
    }
    return 0;
  case RASQAL_EXPR_BOUND: return 0;
  case RASQAL_EXPR_COALESCE:
    for (int i = 0; e->args && i < raptor_sequence_size(e->args); ++i) {
      if (!may_fail(v, raptor_sequence_get_at(e->args, i))) {
        return 0; /* COALESCE gives the first that does not fail */
      }
    }
    return 1;
  case RASQAL_EXPR_EQ:
  case RASQAL_EXPR_NEQ:
    if (!is_iri_constant(e->arg1) && !is_iri_constant(e->arg2)) {
      return 1; /* two literals of unknown datatypes are an error to compare */
    }
    /* fall through */
  case RASQAL_EXPR_IF:
  case RASQAL_EXPR_AND:
  case RASQAL_EXPR_OR:
  case RASQAL_EXPR_BANG:
  case RASQAL_EXPR_SAMETERM:
  case RASQAL_EXPR_ISURI:
  case RASQAL_EXPR_ISBLANK:
  case RASQAL_EXPR_ISLITERAL:
  case RASQAL_EXPR_ISNUMERIC:
    return may_fail(v, e->arg1) || may_fail(v, e->arg2) || may_fail(v, e->arg3);
  default: return 1;
  }
}

static const char *
aggregate_name(rasqal_op op)
{
  switch (op) {
  case RASQAL_EXPR_COUNT: return "COUNT";
  case RASQAL_EXPR_SUM: return "SUM";
  case RASQAL_EXPR_AVG: return "AVG";
  case RASQAL_EXPR_MIN: return "MIN";
  case RASQAL_EXPR_MAX: return "MAX";
  case RASQAL_EXPR_SAMPLE: return "SAMPLE";
  default: return "GROUP_CONCAT";
  }
}

/*
 * An aggregate of a value some solution may leave unbound or fail to compute: SPARQL's
 * COUNT skips such a solution and its other aggregates are then unbound (an error), but
 * rasqal counts it, AVG divides by it, and SUM, MIN, MAX and GROUP_CONCAT leave it out.
 */
static int
check_aggregate_argument(verdict *v, const rasqal_expression *e)
{
  int fails = e->arg1 && e->arg1->op != RASQAL_EXPR_VARSTAR && may_fail(v, e->arg1);
  for (int i = 0; !fails && e->args && i < raptor_sequence_size(e->args); ++i) {
    fails = may_fail(v, raptor_sequence_get_at(e->args, i));
  }
  return fails ? refuse(v, "%s of a value that some solution may leave unbound or fail to "
                           "compute, such as a variable of an OPTIONAL or of one side of a "
                           "UNION (rasqal counts or skips such a solution where SPARQL does "
                           "not); aggregate a variable that every solution binds, or count "
                           "with SUM(IF(BOUND(?x), 1, 0))",
                        aggregate_name(e->op))
               : 0;
}

/* An argument that is neither a variable nor a constant: rasqal frees its value early. */
static int
has_computed_argument(const rasqal_expression *e)
{
  const rasqal_expression *args[2] = {e->arg1, e->arg2};
  for (int i = 0; i < 2; ++i) {
    if (args[i] && args[i]->op != RASQAL_EXPR_LITERAL) {
      return 1;
    }
  }
  for (int i = 0; e->args && i < raptor_sequence_size(e->args); ++i) {
    const rasqal_expression *arg = raptor_sequence_get_at(e->args, i);
    if (arg && arg->op != RASQAL_EXPR_LITERAL) {
      return 1;
    }
  }
  return 0;
}

/* ---- < > <= >=: only between values of one kind ---------------------------------------- */

/* The one comparable kind a constant or an expression's value has, or 0 when unknown. */
static unsigned
expression_kind(const rasqal_expression *e)
{
  if (!e) {
    return 0;
  }
  if (e->op == RASQAL_EXPR_LITERAL && e->literal) {
    switch (e->literal->type) {
    case RASQAL_LITERAL_INTEGER:
    case RASQAL_LITERAL_INTEGER_SUBTYPE:
    case RASQAL_LITERAL_DECIMAL:
    case RASQAL_LITERAL_DOUBLE:
    case RASQAL_LITERAL_FLOAT: return TERM_KIND_NUMBER;
    case RASQAL_LITERAL_STRING: return e->literal->language ? 0 : TERM_KIND_STRING;
    case RASQAL_LITERAL_XSD_STRING: return TERM_KIND_STRING;
    case RASQAL_LITERAL_BOOLEAN: return TERM_KIND_BOOLEAN;
    case RASQAL_LITERAL_DATETIME: return TERM_KIND_DATETIME;
    case RASQAL_LITERAL_DATE: return TERM_KIND_DATE;
    default: return 0;
    }
  }
  switch (e->op) {
  case RASQAL_EXPR_PLUS:
  case RASQAL_EXPR_MINUS:
  case RASQAL_EXPR_STAR:
  case RASQAL_EXPR_SLASH:
  case RASQAL_EXPR_UMINUS:
  case RASQAL_EXPR_ABS:
  case RASQAL_EXPR_ROUND:
  case RASQAL_EXPR_CEIL:
  case RASQAL_EXPR_FLOOR:
  case RASQAL_EXPR_STRLEN:
  case RASQAL_EXPR_COUNT:
  case RASQAL_EXPR_SUM:
  case RASQAL_EXPR_AVG:
  case RASQAL_EXPR_RAND:
  case RASQAL_EXPR_YEAR:
  case RASQAL_EXPR_MONTH:
  case RASQAL_EXPR_DAY:
  case RASQAL_EXPR_HOURS:
  case RASQAL_EXPR_MINUTES:
  case RASQAL_EXPR_SECONDS: return TERM_KIND_NUMBER;
  case RASQAL_EXPR_NOW: return TERM_KIND_DATETIME;
  case RASQAL_EXPR_STR:
  case RASQAL_EXPR_LANG:
  case RASQAL_EXPR_ENCODE_FOR_URI:
  case RASQAL_EXPR_STRUUID: return TERM_KIND_STRING; /* never language-tagged */
  default: return 0;
  }
}

/* The kinds ?v can take, from the data: the objects of each constant predicate it is the
   object of (all must hold); any other use of ?v makes it unknown (every kind). */
static unsigned
variable_kinds(const verdict *v, const rasqal_variable *var)
{
  raptor_sequence *triples = rasqal_query_get_triple_sequence(v->query);
  unsigned kinds = ~0u;
  int seen = 0;
  for (int i = 0; triples && i < raptor_sequence_size(triples); ++i) {
    const rasqal_triple *t = raptor_sequence_get_at(triples, i);
    if (rasqal_literal_as_variable(t->subject) == var ||
        rasqal_literal_as_variable(t->predicate) == var) {
      kinds &= TERM_KIND_IRI | TERM_KIND_BLANK;
      seen = 1;
    } else if (rasqal_literal_as_variable(t->object) == var && v->data &&
               t->predicate->type == RASQAL_LITERAL_URI) {
      kinds &= graph_object_kinds(v->data,
                                  (const char *)raptor_uri_as_string(t->predicate->value.uri));
      seen = 1;
    }
  }
  return seen ? kinds : ~0u;
}

static unsigned
operand_kinds(const verdict *v, const rasqal_expression *e)
{
  if (e && e->op == RASQAL_EXPR_LITERAL && e->literal &&
      e->literal->type == RASQAL_LITERAL_VARIABLE) {
    const rasqal_variable *var = e->literal->value.variable;
    return var->expression ? ~0u : variable_kinds(v, var);
  }
  const unsigned kind = expression_kind(e);
  if (!kind && yields_string(e)) {
    return TERM_KIND_STRING | TERM_KIND_LANG; /* CONCAT, UCASE...: a string, maybe tagged */
  }
  return kind ? kind : ~0u;
}

/*
 * rasqal's STRLEN, UCASE, LCASE, REGEX, LANGMATCHES and hashes take a number or a date
 * for its lexical form (STRLEN(7) is 1) where SPARQL gives an error: they are answered
 * only over what can only be a string.
 */
static int
is_positive(const verdict *v, const rasqal_expression *e)
{
  for (size_t i = 0; i < v->npositive; ++i) {
    if (v->positive[i] == e) {
      return 1;
    }
  }
  return 0;
}

/* The conditions a FILTER needs true, through && from its top: there an error and false
   both drop the solution, so rasqal's false for a type error changes nothing. */
static void
note_positive(verdict *v, const rasqal_expression *e)
{
  if (!e) {
    return;
  }
  if (e->op == RASQAL_EXPR_AND) {
    note_positive(v, e->arg1);
    note_positive(v, e->arg2);
  } else if (v->npositive < sizeof v->positive / sizeof *v->positive) {
    v->positive[v->npositive++] = e;
  }
}

static int
check_string_argument(verdict *v, const rasqal_expression *e, const rasqal_expression *arg,
                      const char *function)
{
  if ((e->op == RASQAL_EXPR_REGEX || e->op == RASQAL_EXPR_LANGMATCHES) && is_positive(v, e)) {
    return 0; /* a boolean whose false and error mean the same here */
  }
  const unsigned kinds = operand_kinds(v, arg);
  return kinds & ~(unsigned)(TERM_KIND_STRING | TERM_KIND_LANG)
           ? refuse(v, "%s of a value that may be no string (rasqal reads a number or a date "
                       "as its text, where SPARQL gives an error); apply it to STR(...)",
                    function)
           : 0;
}

/* Exactly one kind that SPARQL orders: numbers, simple strings, booleans, dateTimes. */
static int
one_ordered_kind(unsigned kinds)
{
  return kinds == TERM_KIND_NUMBER || kinds == TERM_KIND_STRING || kinds == TERM_KIND_BOOLEAN ||
         kinds == TERM_KIND_DATETIME || kinds == TERM_KIND_DATE;
}

/*
 * rasqal orders what SPARQL cannot compare (an IRI < 5 and < "u" are true, "x"@en < "y"@en
 * true): its < > <= >= are answered only where both sides can take one and the same kind
 * of value, by their constants, functions, or what the data holds for a variable.
 */
static int
check_ordering(verdict *v, const rasqal_expression *e)
{
  const unsigned left = operand_kinds(v, e->arg1), right = operand_kinds(v, e->arg2);
  const int ok = (one_ordered_kind(left) && (left == right || right == 0)) ||
                 (one_ordered_kind(right) && left == 0) ||
                 (left == 0 && right == 0);
  return ok ? 0
            : refuse(v, "< > <= >= between values that may be of different kinds, IRIs or "
                        "language-tagged literals (rasqal gives true or false where SPARQL "
                        "gives an error); compare STR(...) or values of one datatype");
}

static int
check_expression(void *user_data, rasqal_expression *e)
{
  verdict *v = user_data;
  switch (e->op) {
  case RASQAL_EXPR_BNODE:
    return e->arg1 ? refuse(v, "BNODE(expression) (rasqal gives every solution the same blank "
                               "node)")
                   : 0;
  case RASQAL_EXPR_IRI:
  case RASQAL_EXPR_URI:
    return e->arg1 && e->arg1->op == RASQAL_EXPR_LITERAL && e->arg1->literal &&
               !constant_string(e->arg1)
             ? refuse(v, "IRI() of an IRI or a variable (rasqal answers nothing for an IRI "
                         "argument); IRI(STR(...)) is answered")
             : 0;
  case RASQAL_EXPR_REGEX:
    check_regex(v, e->arg2, e->arg3, "REGEX");
    return v->st != ILDKG_OK || check_string_argument(v, e, e->arg1, "REGEX");
  case RASQAL_EXPR_REPLACE:
    check_regex(v, e->arg2, e->arg4, "REPLACE");
    check_replacement(v, e->arg3);
    return v->st != ILDKG_OK;
  case RASQAL_EXPR_CONCAT:
  case RASQAL_EXPR_STRBEFORE:
  case RASQAL_EXPR_STRAFTER:
    return has_computed_argument(e)
             ? refuse(v, "CONCAT, STRBEFORE or STRAFTER of a computed value such as STR(?x) "
                         "(rasqal reads memory it has freed); BIND(STR(?x) AS ?y) first and "
                         "pass ?y")
             : 0;
  case RASQAL_EXPR_CAST:
    return !yields_string(e->arg1) && (v->features & (GRAPH_HAS_BOOLEAN | GRAPH_HAS_NUMBER))
             ? refuse(v, "a cast such as xsd:integer(...) of a value that may be a number or "
                         "a boolean (rasqal leaves many unbound, and keeps the lexical form "
                         "in xsd:string(...)); casts of strings are answered")
             : 0;
  case RASQAL_EXPR_FUNCTION: return refuse(v, "extension functions (rasqal knows none)");
  case RASQAL_EXPR_COUNT:
  case RASQAL_EXPR_SUM:
  case RASQAL_EXPR_AVG:
  case RASQAL_EXPR_MIN:
  case RASQAL_EXPR_MAX:
  case RASQAL_EXPR_SAMPLE:
  case RASQAL_EXPR_GROUP_CONCAT:
    if (e->flags & RASQAL_EXPR_FLAG_DISTINCT) {
      if (e->arg1 && e->arg1->op == RASQAL_EXPR_VARSTAR) {
        return refuse(v, "COUNT(DISTINCT *) (rasqal counts 1)");
      }
      if (++v->distinct_aggregates > 1) {
        return refuse(v, "two aggregates with DISTINCT in one query (rasqal repeats the "
                         "first one's answer)");
      }
    }
    if (e->op == RASQAL_EXPR_GROUP_CONCAT && e->literal &&
        strcmp((const char *)e->literal->string, " ")) {
      return refuse(v, "GROUP_CONCAT with a SEPARATOR (rasqal ignores it)");
    }
    return check_aggregate_argument(v, e);
  case RASQAL_EXPR_DATATYPE:
    /* rasqal's DATATYPE of "x"@en is an error, not rdf:langString: where that error only
       makes DATATYPE(?v) = <iri> false, the answer is the same; elsewhere it is not */
    return !v->datatype_compared && may_be_lang_literal(e->arg1) &&
               (v->features & GRAPH_HAS_LANG_LITERAL)
             ? refuse(v, "DATATYPE() of a value that may be a language-tagged literal, other "
                         "than in DATATYPE(...) = <iri> (rasqal gives no rdf:langString)")
             : 0;
  case RASQAL_EXPR_UCASE:
  case RASQAL_EXPR_LCASE:
    if (check_string_argument(v, e, e->arg1, "UCASE/LCASE")) {
      return 1;
    }
    return v->features & GRAPH_HAS_CASED_NON_ASCII
             ? refuse(v, "UCASE/LCASE where the text may hold non-ASCII letters with a case, "
                         "such as é (rasqal changes ASCII letters only)")
             : 0;
  case RASQAL_EXPR_LT:
  case RASQAL_EXPR_GT:
  case RASQAL_EXPR_LE:
  case RASQAL_EXPR_GE: return check_ordering(v, e);
  case RASQAL_EXPR_STRLEN: return check_string_argument(v, e, e->arg1, "STRLEN");
  case RASQAL_EXPR_LANGMATCHES: return check_string_argument(v, e, e->arg1, "LANGMATCHES");
  case RASQAL_EXPR_MD5:
  case RASQAL_EXPR_SHA1:
  case RASQAL_EXPR_SHA224:
  case RASQAL_EXPR_SHA256:
  case RASQAL_EXPR_SHA384:
  case RASQAL_EXPR_SHA512: return check_string_argument(v, e, e->arg1, "a hash function");
  case RASQAL_EXPR_EQ:
  case RASQAL_EXPR_NEQ:
    return (v->features & GRAPH_HAS_BOOLEAN) && (v->features & GRAPH_HAS_NUMBER) &&
               !is_constant(e->arg1) && !is_constant(e->arg2)
             ? refuse(v, "= or != between two computed values where the data holds booleans "
                         "and numbers (rasqal takes 1 = true)")
             : 0;
  default:
    return 0;
  }
}

/* DATATYPE(x) = <iri> compares like rdf:langString = <iri> when rasqal's DATATYPE fails. */
static int
is_datatype_test(const rasqal_expression *e, const rasqal_expression *datatype)
{
  const rasqal_expression *other = datatype == e->arg1 ? e->arg2 : e->arg1;
  return e->op == RASQAL_EXPR_EQ && datatype && datatype->op == RASQAL_EXPR_DATATYPE &&
         is_constant(other) && other->literal->type == RASQAL_LITERAL_URI &&
         strcmp((const char *)raptor_uri_as_string(other->literal->value.uri),
                "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString");
}

/* Each node of @p e, parents first (rasqal's visitor cannot skip a subtree). */
static void
check_expression_tree(verdict *v, rasqal_expression *e)
{
  if (!e || v->st != ILDKG_OK) {
    return;
  }
  check_expression(v, e);
  rasqal_expression *args[4] = {e->arg1, e->arg2, e->arg3, e->arg4};
  for (int i = 0; i < 4; ++i) {
    v->datatype_compared = args[i] && is_datatype_test(e, args[i]);
    check_expression_tree(v, args[i]);
    v->datatype_compared = 0;
  }
  for (int i = 0; e->args && i < raptor_sequence_size(e->args); ++i) {
    check_expression_tree(v, raptor_sequence_get_at(e->args, i));
  }
}

static void
check_expressions(verdict *v, raptor_sequence *seq)
{
  for (int i = 0; seq && i < raptor_sequence_size(seq); ++i) {
    check_expression_tree(v, raptor_sequence_get_at(seq, i));
  }
}

/* Whether a group's own patterns include a triple pattern. */
static int
has_triples(rasqal_query *q, rasqal_graph_pattern *gp)
{
  raptor_sequence *subs = rasqal_graph_pattern_get_sub_graph_pattern_sequence(gp);
  raptor_sequence *triples = rasqal_graph_pattern_get_triples(q, gp); /* a new sequence */
  const int own = triples && raptor_sequence_size(triples) > 0;
  if (triples) {
    raptor_free_sequence(triples);
  }
  if (own) {
    return 1;
  }
  for (int i = 0; subs && i < raptor_sequence_size(subs); ++i) {
    rasqal_graph_pattern *sub = raptor_sequence_get_at(subs, i);
    const rasqal_graph_pattern_operator op = rasqal_graph_pattern_get_operator(sub);
    if ((op == RASQAL_GRAPH_PATTERN_OPERATOR_BASIC || op == RASQAL_GRAPH_PATTERN_OPERATOR_GROUP) &&
        has_triples(q, sub)) {
      return 1;
    }
  }
  return 0;
}

static int
has_values_child(rasqal_graph_pattern *gp)
{
  raptor_sequence *subs = rasqal_graph_pattern_get_sub_graph_pattern_sequence(gp);
  for (int i = 0; subs && i < raptor_sequence_size(subs); ++i) {
    if (rasqal_graph_pattern_get_operator(raptor_sequence_get_at(subs, i)) ==
        RASQAL_GRAPH_PATTERN_OPERATOR_VALUES) {
      return 1;
    }
  }
  return 0;
}

static int
check_pattern(rasqal_query *q, rasqal_graph_pattern *gp, void *user_data)
{
  verdict *v = user_data;
  switch (rasqal_graph_pattern_get_operator(gp)) {
  case RASQAL_GRAPH_PATTERN_OPERATOR_SERVICE:
    return refuse(v, "SERVICE (a query never reaches the network; send the whole query to "
                     "that service with --endpoint URL)");
  case RASQAL_GRAPH_PATTERN_OPERATOR_MINUS: return refuse(v, "MINUS (rasqal fails to run it)");
  case RASQAL_GRAPH_PATTERN_OPERATOR_GROUP:
    if (has_values_child(gp) && !has_triples(q, gp)) {
      return refuse(v, "VALUES in a group without a triple pattern (rasqal's FILTER, BIND and "
                       "SELECT expressions do not see its values)");
    }
    break;
  default: break;
  }
  rasqal_expression *filter = rasqal_graph_pattern_get_filter_expression(gp);
  v->npositive = 0;
  if (rasqal_graph_pattern_get_operator(gp) == RASQAL_GRAPH_PATTERN_OPERATOR_FILTER) {
    note_positive(v, filter);
  }
  check_expression_tree(v, filter);
  v->npositive = 0;
  return v->st != ILDKG_OK;
}

/* A plain ?var of GROUP BY, possibly inside ASC()/DESC(). */
static int
is_plain_variable(const rasqal_expression *e)
{
  return e && e->op == RASQAL_EXPR_LITERAL && e->literal &&
         e->literal->type == RASQAL_LITERAL_VARIABLE && !e->literal->value.variable->expression;
}

static int
is_aggregate(rasqal_op op)
{
  return op == RASQAL_EXPR_COUNT || op == RASQAL_EXPR_SUM || op == RASQAL_EXPR_AVG ||
         op == RASQAL_EXPR_MIN || op == RASQAL_EXPR_MAX || op == RASQAL_EXPR_SAMPLE ||
         op == RASQAL_EXPR_GROUP_CONCAT;
}

/* rasqal's own print of @p e, to compare two expressions; NULL when out of memory. */
static char *
expression_text(rasqal_expression *e)
{
  char *text = NULL;
  size_t len = 0;
  FILE *f = open_memstream(&text, &len);
  if (!f) {
    return NULL;
  }
  rasqal_expression_print(e, f);
  return fclose(f) == 0 ? text : (free(text), NULL);
}

/* Whether some aggregate inside @p e prints as @p text (NULL: whether there is any). */
static int
has_aggregate_text(rasqal_expression *e, const char *text)
{
  if (!e) {
    return 0;
  }
  if (e->op == RASQAL_EXPR_LITERAL && e->literal && e->literal->type == RASQAL_LITERAL_VARIABLE) {
    return has_aggregate_text(e->literal->value.variable->expression, text);
  }
  if (is_aggregate(e->op)) {
    char *mine = text ? expression_text(e) : NULL;
    const int same = !text || (mine && !strcmp(mine, text));
    free(mine);
    if (same) {
      return 1;
    }
  }
  rasqal_expression *args[4] = {e->arg1, e->arg2, e->arg3, e->arg4};
  for (int i = 0; i < 4; ++i) {
    if (has_aggregate_text(args[i], text)) {
      return 1;
    }
  }
  for (int i = 0; e->args && i < raptor_sequence_size(e->args); ++i) {
    if (has_aggregate_text(raptor_sequence_get_at(e->args, i), text)) {
      return 1;
    }
  }
  return 0;
}

/* Each aggregate of HAVING must be one the SELECT list computes too. */
static void
check_having_aggregates(verdict *v, rasqal_query *q, rasqal_expression *e)
{
  if (!e || v->st != ILDKG_OK) {
    return;
  }
  if (is_aggregate(e->op)) {
    char *text = expression_text(e);
    raptor_sequence *vars = rasqal_query_get_bound_variable_sequence(q);
    int selected = 0;
    for (int i = 0; text && !selected && vars && i < raptor_sequence_size(vars); ++i) {
      const rasqal_variable *var = raptor_sequence_get_at(vars, i);
      selected = has_aggregate_text(var->expression, text);
    }
    free(text);
    if (!selected) {
      refuse(v, "HAVING on an aggregate the SELECT list does not compute (rasqal drops every "
                "group; select it too)");
    }
    return;
  }
  rasqal_expression *args[4] = {e->arg1, e->arg2, e->arg3, e->arg4};
  for (int i = 0; i < 4; ++i) {
    check_having_aggregates(v, q, args[i]);
  }
  for (int i = 0; e->args && i < raptor_sequence_size(e->args); ++i) {
    check_having_aggregates(v, q, raptor_sequence_get_at(e->args, i));
  }
}

/* Whether the SELECT list or HAVING of @p q computes an aggregate. */
static int
query_aggregates(rasqal_query *q)
{
  raptor_sequence *vars = rasqal_query_get_bound_variable_sequence(q);
  for (int i = 0; vars && i < raptor_sequence_size(vars); ++i) {
    const rasqal_variable *var = raptor_sequence_get_at(vars, i);
    if (has_aggregate_text(var->expression, NULL)) {
      return 1;
    }
  }
  raptor_sequence *having = rasqal_query_get_having_conditions_sequence(q);
  return having && raptor_sequence_size(having) > 0;
}

static void
check_modifiers(verdict *v, rasqal_query *q)
{
  raptor_sequence *group = rasqal_query_get_group_conditions_sequence(q);
  for (int i = 0; group && i < raptor_sequence_size(group); ++i) {
    if (!is_plain_variable(raptor_sequence_get_at(group, i))) {
      refuse(v, "GROUP BY on an expression (rasqal does not group by its value)");
    }
  }
  raptor_sequence *having = rasqal_query_get_having_conditions_sequence(q);
  if (having && raptor_sequence_size(having) > 1) {
    refuse(v, "several HAVING conditions (rasqal drops every group; join them with &&)");
  }
  for (int i = 0; having && i < raptor_sequence_size(having); ++i) {
    check_having_aggregates(v, q, raptor_sequence_get_at(having, i));
  }
  check_expressions(v, group);
  check_expressions(v, having);
  check_expressions(v, rasqal_query_get_order_conditions_sequence(q));
  raptor_sequence *vars = rasqal_query_get_all_variable_sequence(q);
  for (int i = 0; vars && i < raptor_sequence_size(vars); ++i) {
    const rasqal_variable *var = raptor_sequence_get_at(vars, i);
    check_expression_tree(v, var->expression);
  }
}

/* Whether @p var is a group key: GROUP BY ?var or GROUP BY (... AS ?var). */
static int
is_group_key(rasqal_query *q, const rasqal_variable *var)
{
  raptor_sequence *group = rasqal_query_get_group_conditions_sequence(q);
  for (int i = 0; group && i < raptor_sequence_size(group); ++i) {
    const rasqal_expression *e = raptor_sequence_get_at(group, i);
    if (e && e->op == RASQAL_EXPR_LITERAL && e->literal &&
        e->literal->type == RASQAL_LITERAL_VARIABLE && e->literal->value.variable == var) {
      return 1;
    }
  }
  return 0;
}

/* The first variable of @p e outside any aggregate that is not a group key, or NULL. */
static const rasqal_variable *
ungrouped_variable(rasqal_query *q, const rasqal_expression *e)
{
  if (!e || is_aggregate(e->op)) {
    return NULL;
  }
  if (e->op == RASQAL_EXPR_LITERAL) {
    const rasqal_variable *var =
      e->literal && e->literal->type == RASQAL_LITERAL_VARIABLE ? e->literal->value.variable : NULL;
    return var && !is_group_key(q, var) ? var : NULL;
  }
  const rasqal_expression *args[4] = {e->arg1, e->arg2, e->arg3, e->arg4};
  for (int i = 0; i < 4; ++i) {
    const rasqal_variable *var = ungrouped_variable(q, args[i]);
    if (var) {
      return var;
    }
  }
  for (int i = 0; e->args && i < raptor_sequence_size(e->args); ++i) {
    const rasqal_variable *var = ungrouped_variable(q, raptor_sequence_get_at(e->args, i));
    if (var) {
      return var;
    }
  }
  return NULL;
}

static int
find_subselect(rasqal_query *q, rasqal_graph_pattern *gp, void *user_data)
{
  (void)q;
  (void)user_data;
  return rasqal_graph_pattern_get_operator(gp) == RASQAL_GRAPH_PATTERN_OPERATOR_SELECT;
}

/*
 * With GROUP BY or an aggregate, SELECT names group keys and aggregates only (SPARQL
 * 1.1, 11.4); rasqal answers such a query anyway. Not checked with a sub-SELECT: its
 * variables share one table with the outer query's, so an outer ?max would look like the
 * inner MAX(...).
 */
static void
check_grouped_projection(verdict *v, rasqal_query *q)
{
  if (rasqal_query_get_query_graph_pattern(q) &&
      rasqal_query_graph_pattern_visit2(q, find_subselect, NULL)) {
    return;
  }
  raptor_sequence *group = rasqal_query_get_group_conditions_sequence(q);
  raptor_sequence *vars = rasqal_query_get_bound_variable_sequence(q);
  int aggregates = group && raptor_sequence_size(group) > 0;
  for (int i = 0; !aggregates && vars && i < raptor_sequence_size(vars); ++i) {
    const rasqal_variable *var = raptor_sequence_get_at(vars, i);
    aggregates = has_aggregate_text(var->expression, NULL);
  }
  if (!aggregates || rasqal_query_get_verb(q) != RASQAL_QUERY_VERB_SELECT) {
    return;
  }
  if (rasqal_query_get_wildcard(q)) {
    snprintf(v->why, v->size, "SELECT * with GROUP BY or an aggregate");
    v->st = ILDKG_ERR_INPUT;
    return;
  }
  for (int i = 0; vars && i < raptor_sequence_size(vars) && v->st == ILDKG_OK; ++i) {
    const rasqal_variable *var = raptor_sequence_get_at(vars, i);
    const rasqal_variable *bad = var->expression ? ungrouped_variable(q, var->expression)
                                 : is_group_key(q, var) ? NULL
                                                        : var;
    if (bad) {
      snprintf(v->why, v->size, "SELECT names ?%s, which is neither grouped by nor in an "
               "aggregate", (const char *)bad->name);
      v->st = ILDKG_ERR_INPUT;
    }
  }
}

static void
check_verb(verdict *v, rasqal_query *q)
{
  switch (rasqal_query_get_verb(q)) {
  case RASQAL_QUERY_VERB_SELECT:
  case RASQAL_QUERY_VERB_ASK:
  case RASQAL_QUERY_VERB_CONSTRUCT: break;
  case RASQAL_QUERY_VERB_DESCRIBE: refuse(v, "DESCRIBE (rasqal fails to run it)"); break;
  default: refuse(v, "update operations (ildkg's graph is read-only)"); break;
  }
  raptor_sequence *graphs = rasqal_query_get_data_graph_sequence(q);
  if (graphs && raptor_sequence_size(graphs) > 0) {
    refuse(v, "FROM and FROM NAMED (ildkg reads no data a query names: give the data with "
              "--data)");
  }
}

ildkg_status
query_guard_check(rasqal_query *q, graph *data, unsigned features, char *why, size_t size)
{
  verdict v = {why, size, ILDKG_OK, features, 0, 0, q, data, {NULL}, 0};
  check_verb(&v, q);
  if (v.st == ILDKG_OK && rasqal_query_get_query_graph_pattern(q)) {
    rasqal_query_graph_pattern_visit2(q, check_pattern, &v);
  }
  if (v.st == ILDKG_OK) {
    check_modifiers(&v, q); /* GROUP BY on an expression first: its keys are not plain */
  }
  if (v.st == ILDKG_OK) {
    check_grouped_projection(&v, q);
  }
  /* after the projection's check, so that an invalid query is called invalid first */
  raptor_sequence *group = rasqal_query_get_group_conditions_sequence(q);
  if (v.st == ILDKG_OK && group && raptor_sequence_size(group) > 0 && !query_aggregates(q)) {
    refuse(&v, "GROUP BY without an aggregate (rasqal gives a row a solution, not a row a "
               "group; add an aggregate such as COUNT(*), or use SELECT DISTINCT)");
  }
  return v.st;
}

int
query_guard_is_empty_construct(rasqal_query *q)
{
  raptor_sequence *t = rasqal_query_get_construct_triples_sequence(q);
  return rasqal_query_get_verb(q) == RASQAL_QUERY_VERB_CONSTRUCT &&
         (!t || raptor_sequence_size(t) == 0);
}
