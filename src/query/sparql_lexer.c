/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "sparql_lexer.h"

#include <ctype.h>
#include <string.h>
#include <strings.h>

static size_t
string_end(const char *s, size_t i)
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

/* The end of an IRIREF at s[i] == '<', or 0 when this '<' is an operator. */
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
  return isalnum(c) || c >= 0x80 || (c && strchr("_-:.%\\", c)); /* strchr finds the NUL */
}

static int
starts_number(const char *s)
{
  return isdigit((unsigned char)s[0]) || (s[0] == '.' && isdigit((unsigned char)s[1]));
}

static size_t
number_end(const char *s, size_t i)
{
  for (; isalnum((unsigned char)s[i]) || s[i] == '.' ||
         ((s[i] == '+' || s[i] == '-') && (s[i - 1] == 'e' || s[i - 1] == 'E'));
       ++i) {
  }
  return i;
}

static size_t
word_end(const char *s, size_t i)
{
  const size_t start = i;
  for (++i; name_char((unsigned char)s[i]); ++i) {
  }
  while (i > start + 1 && s[i - 1] == '.') { /* a final '.' ends the triple */
    --i;
  }
  return i;
}

static size_t
blank_end(const char *s, size_t i)
{
  for (;;) {
    if (s[i] == '#') {
      while (s[i] && s[i] != '\n' && s[i] != '\r') {
        ++i;
      }
    } else if (s[i] && isspace((unsigned char)s[i])) {
      ++i;
    } else {
      return i;
    }
  }
}

sparql_token
sparql_lexer_next(const char *s, size_t i)
{
  const unsigned char c = (unsigned char)s[i];
  sparql_token t = {SPARQL_TOKEN_PUNCT, i, 1};
  size_t end = i + 1;
  if (!c) {
    t.kind = SPARQL_TOKEN_END;
    end = i;
  } else if (c == '#' || isspace(c)) {
    t.kind = SPARQL_TOKEN_BLANK;
    end = blank_end(s, i);
  } else if (c == '"' || c == '\'') {
    t.kind = SPARQL_TOKEN_STRING;
    end = string_end(s, i);
  } else if (c == '<' && iri_end(s, i)) {
    t.kind = SPARQL_TOKEN_IRI;
    end = iri_end(s, i);
  } else if ((c == '?' || c == '$') &&
             (isalnum((unsigned char)s[i + 1]) || s[i + 1] == '_' || (unsigned char)s[i + 1] >= 0x80)) {
    t.kind = SPARQL_TOKEN_VARIABLE;
    for (++end; isalnum((unsigned char)s[end]) || s[end] == '_' || (unsigned char)s[end] >= 0x80;
         ++end) {
    }
  } else if (starts_number(s + i)) {
    t.kind = SPARQL_TOKEN_NUMBER;
    end = number_end(s, i);
  } else if (c == '@' || isalpha(c) || c == '_' || c == ':' || c >= 0x80) {
    t.kind = SPARQL_TOKEN_WORD;
    end = word_end(s, i);
  }
  t.len = end - i;
  return t;
}

int
sparql_token_is(const char *text, const sparql_token *t, const char *keyword)
{
  return t->kind == SPARQL_TOKEN_WORD && t->len == strlen(keyword) &&
         !strncasecmp(text + t->start, keyword, t->len);
}

sparql_token
sparql_lexer_next_solid(const char *text, size_t at)
{
  sparql_token t = sparql_lexer_next(text, at);
  while (t.kind == SPARQL_TOKEN_BLANK) {
    t = sparql_lexer_next(text, t.start + t.len);
  }
  return t;
}

sparql_token
sparql_lexer_after_prologue(const char *text)
{
  sparql_token t = sparql_lexer_next_solid(text, 0);
  while (sparql_token_is(text, &t, "BASE") || sparql_token_is(text, &t, "PREFIX")) {
    do { /* a declaration ends with its IRI */
      t = sparql_lexer_next_solid(text, t.start + t.len);
    } while (t.kind != SPARQL_TOKEN_IRI && t.kind != SPARQL_TOKEN_END);
    t = sparql_lexer_next_solid(text, t.start + t.len);
  }
  return t;
}
