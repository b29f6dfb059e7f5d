/* SPDX-License-Identifier: MIT */
/**
 * @file property_path_ast.h  Private to property_path.c (parsing) and
 * property_path_eval.c (evaluation): the parsed form of a path.
 */
#ifndef ILDKG_PROPERTY_PATH_AST_H
#define ILDKG_PROPERTY_PATH_AST_H

#include <stddef.h>

#include "property_path.h"

typedef enum {
  PATH_LINK,         /* iri */
  PATH_INVERSE,      /* ^a */
  PATH_SEQUENCE,     /* a/b */
  PATH_ALTERNATIVE,  /* a|b */
  PATH_ZERO_OR_ONE,  /* a? */
  PATH_ZERO_OR_MORE, /* a* */
  PATH_ONE_OR_MORE,  /* a+ */
  PATH_NEGATED,      /* !(iri|^iri|...) */
} path_kind;

/* One member of a negated property set. */
typedef struct {
  char *iri;
  int inverse; /* written ^iri */
} path_negated_member;

struct property_path {
  path_kind kind;
  char *iri;              /* PATH_LINK: the absolute IRI */
  property_path *a, *b;   /* the operands: a for ^ and the modifiers, a and b for / and | */
  path_negated_member *members; /* PATH_NEGATED */
  size_t nmembers;
};

#endif
