/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "query_guard.h"

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

static size_t
skip_string(const char *s, size_t i)
{
  const char q = s[i];
  const int triple = s[i + 1] == q && s[i + 2] == q;
  i += triple ? 3 : 1;
  for (; s[i]; ++i) {
    if (s[i] == '\\' && s[i + 1]) {
      ++i;
    } else if (s[i] == q && (!triple || (s[i + 1] == q && s[i + 2] == q))) {
      return i + (triple ? 3 : 1);
    } else if (!triple && (s[i] == '\n' || s[i] == '\r')) {
      return i;
    }
  }
  return i;
}

/* The end of an IRIREF starting at s[i] == '<', or 0 when '<' is an operator. */
static size_t
iri_end(const char *s, size_t i)
{
  for (size_t k = i + 1; s[k]; ++k) {
    const unsigned char c = (unsigned char)s[k];
    if (c == '>') {
      return k + 1;
    }
    if (c <= 0x20 || strchr("<\"{}|^`\\", c)) {
      return 0;
    }
  }
  return 0;
}

static int
name_char(unsigned char c)
{
  return isalnum(c) || c >= 0x80 || strchr("_-:.%\\", c);
}

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

static int
starts_number(const char *s)
{
  return isdigit((unsigned char)s[0]) || (s[0] == '.' && isdigit((unsigned char)s[1]));
}

/* One token at sc->at; @p split set when it is a sign to split from its number. */
static void
next_token(scanner *sc, int *split)
{
  const char *s = sc->text;
  size_t i = sc->at;
  const unsigned char c = (unsigned char)s[i];
  *split = 0;
  if (c == '#') {
    while (s[i] && s[i] != '\n' && s[i] != '\r') {
      ++i;
    }
  } else if (isspace(c)) {
    ++i;
  } else if (c == '"' || c == '\'') {
    i = skip_string(s, i);
    sc->last = TOKEN_OPERAND;
  } else if (c == '<' && iri_end(s, i)) {
    i = iri_end(s, i);
    sc->last = TOKEN_OPERAND;
  } else if ((c == '?' || c == '$') && name_char((unsigned char)s[i + 1])) {
    for (++i; isalnum((unsigned char)s[i]) || s[i] == '_' || (unsigned char)s[i] >= 0x80; ++i) {
    }
    sc->last = TOKEN_OPERAND;
  } else if ((c == '+' || c == '-') && starts_number(s + i + 1)) {
    *split = sc->last == TOKEN_OPERAND && in_expression(sc);
    sc->last = TOKEN_OTHER; /* the number follows as its own token */
    ++i;
  } else if (starts_number(s + i)) {
    for (; isalnum((unsigned char)s[i]) || s[i] == '.' ||
           ((s[i] == '+' || s[i] == '-') && (s[i - 1] == 'e' || s[i - 1] == 'E'));
         ++i) {
    }
    sc->last = TOKEN_OPERAND;
  } else if (c == '@' || isalpha(c) || c == '_' || c == ':' || c >= 0x80) {
    const size_t start = i;
    for (++i; name_char((unsigned char)s[i]); ++i) {
    }
    while (i > start + 1 && s[i - 1] == '.') {
      --i;
    }
    note_word(sc, s + start, i - start);
    sc->last = c == '@' ? TOKEN_OPERAND : TOKEN_WORD;
  } else {
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
    ++i;
  }
  /* A word that is a function name stays an operand-to-be only through its parens. */
  if (sc->last == TOKEN_WORD && s[i] != '(') {
    sc->last = TOKEN_OPERAND;
  }
  sc->at = i;
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

/* ---- the parsed query ----------------------------------------------------------------- */

typedef struct {
  char *why;
  size_t size;
  ildkg_status st;
} verdict;

static int
refuse(verdict *v, ildkg_status st, const char *fmt, ...)
{
  if (v->st == ILDKG_OK) {
    va_list args;
    va_start(args, fmt);
    vsnprintf(v->why, v->size, fmt, args);
    va_end(args);
    v->st = st;
  }
  return 1;
}

static int
check_pattern(rasqal_query *q, rasqal_graph_pattern *gp, void *user_data)
{
  (void)q;
  verdict *v = user_data;
  switch (rasqal_graph_pattern_get_operator(gp)) {
  case RASQAL_GRAPH_PATTERN_OPERATOR_SERVICE:
    return refuse(v, ILDKG_ERR_UNSUPPORTED,
                  "not supported: SERVICE (a query never reaches the network; send the whole "
                  "query to that service with --endpoint URL)");
  case RASQAL_GRAPH_PATTERN_OPERATOR_MINUS:
    return refuse(v, ILDKG_ERR_UNSUPPORTED, "not supported: MINUS (rasqal fails to run it)");
  default: return 0;
  }
}

ildkg_status
query_guard_check(rasqal_query *q, char *why, size_t size)
{
  verdict v = {why, size, ILDKG_OK};
  switch (rasqal_query_get_verb(q)) {
  case RASQAL_QUERY_VERB_SELECT:
  case RASQAL_QUERY_VERB_ASK:
  case RASQAL_QUERY_VERB_CONSTRUCT: break;
  case RASQAL_QUERY_VERB_DESCRIBE:
    refuse(&v, ILDKG_ERR_UNSUPPORTED, "not supported: DESCRIBE (rasqal fails to run it)");
    break;
  default:
    refuse(&v, ILDKG_ERR_UNSUPPORTED, "not supported: update operations (ildkg's graph is "
                                      "read-only)");
    break;
  }
  raptor_sequence *graphs = rasqal_query_get_data_graph_sequence(q);
  if (graphs && raptor_sequence_size(graphs) > 0) {
    refuse(&v, ILDKG_ERR_UNSUPPORTED,
           "not supported: FROM and FROM NAMED (ildkg reads no data a query names: give the "
           "data with --data)");
  }
  if (v.st == ILDKG_OK && rasqal_query_get_query_graph_pattern(q)) {
    rasqal_query_graph_pattern_visit2(q, check_pattern, &v);
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
