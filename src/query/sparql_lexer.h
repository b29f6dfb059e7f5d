/* SPDX-License-Identifier: MIT */
/**
 * @file sparql_lexer.h  The tokens of a SPARQL query text, for the checks and rewrites
 * ildkg makes before rasqal parses it (query_guard, query_scope). Not a parser: a token
 * is a string, an IRI, a variable, a number, a word (keyword, prefixed name, blank node
 * label, language tag) or one punctuation character; a sign is never part of a number.
 */
#ifndef ILDKG_SPARQL_LEXER_H
#define ILDKG_SPARQL_LEXER_H

#include <stddef.h>

typedef enum {
  SPARQL_TOKEN_END,      /**< the end of the text */
  SPARQL_TOKEN_BLANK,    /**< white space or a # comment */
  SPARQL_TOKEN_STRING,   /**< '...', "...", '''...''' or """...""" */
  SPARQL_TOKEN_IRI,      /**< <...> */
  SPARQL_TOKEN_VARIABLE, /**< ?name or $name */
  SPARQL_TOKEN_NUMBER,   /**< 12, 1.5, .5, 1e3 (unsigned) */
  SPARQL_TOKEN_WORD,     /**< SELECT, rdf:type, :x, _:b, @en */
  SPARQL_TOKEN_PUNCT     /**< one other character */
} sparql_token_kind;

typedef struct {
  sparql_token_kind kind;
  size_t start, len; /**< where the token is in the text */
} sparql_token;

/** The token that starts at @p text[at]. */
sparql_token sparql_lexer_next(const char *text, size_t at);

/** The first token at or after @p text[at] that is not blank (white space, comments). */
sparql_token sparql_lexer_next_solid(const char *text, size_t at);

/**
 * The first solid token after the prologue (BASE <iri>, PREFIX name: <iri>): where the
 * keyword of the query form (SELECT, ASK...) or of an update (INSERT...) stands.
 */
sparql_token sparql_lexer_after_prologue(const char *text);

/** True when the word token @p t of @p text is @p keyword, in any case. */
int sparql_token_is(const char *text, const sparql_token *t, const char *keyword);

#endif
