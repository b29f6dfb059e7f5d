/* SPDX-License-Identifier: MIT */
/**
 * @file ontology.h  The project OWL ontology, read with raptor from ontology/ *.ttl.
 *
 * Keeps the ontology's triples (so the graph carries its own vocabulary) and
 * indexes what the validator needs: classes with their superclasses, claim
 * predicates, qualifiers with their ranges, and controlled terms.
 * Names given to and returned by the lookups are local names in the ildkg namespace.
 */
#ifndef ILDKG_ONTOLOGY_H
#define ILDKG_ONTOLOGY_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "status.h"

/** The SHACL shapes beside the ontology: a *.ttl file the ontology reader leaves alone. */
#define ONTOLOGY_SHAPES_FILE "shapes.ttl"

/** The longest local name in the ildkg namespace the ontology may use: as long as a facts id. */
enum { ONTOLOGY_MAX_LOCAL_NAME = 128 };

typedef enum { TERM_IRI, TERM_LITERAL } term_kind;

/** An RDF term as strings (no blank nodes: ildkg never writes any). */
typedef struct {
  term_kind kind;
  char *value;    /**< IRI, or the literal's lexical form */
  char *datatype; /**< literal datatype IRI, or NULL */
  char *lang;     /**< literal language tag, or NULL */
} ildkg_term;

typedef struct {
  ildkg_term s, p, o;
} ildkg_triple;

typedef enum {
  PROPERTY_OTHER,     /**< structural (subject, inSection, ...) */
  PROPERTY_CLAIM,     /**< the predicate of a claim: has a statementClass */
  PROPERTY_QUALIFIER, /**< a sub-property of objectQualifier or dataQualifier */
} property_role;

typedef struct {
  const char *local;           /**< local name */
  bool is_datatype;            /**< owl:DatatypeProperty (else object property) */
  bool is_functional;          /**< owl:FunctionalProperty: at most one value a statement */
  property_role role;
  const char *domain;          /**< ildkg local name, or NULL */
  const char *range;           /**< ildkg local name (object) or XSD local name (data), or NULL */
  const char *statement_class; /**< claims: class of their statement nodes */
  const char *unit;            /**< data qualifiers: UCUM unit code, or NULL */
  bool restricts_claim;        /**< qualifiers: ildkg:restrictsClaim true (see the ontology) */
} ontology_property;

typedef struct ontology ontology;

/**
 * Read every `*.ttl` in @p dir (in name order) and index it.
 * @return ILDKG_OK; ILDKG_ERR_NOINPUT when @p dir or its Turtle files are missing;
 *   ILDKG_ERR_INPUT for syntax errors, blank nodes or a missing owl:Ontology header
 *   (all reported to @p d). Free *out with ontology_free.
 */
ildkg_status ontology_load(ontology **out, const char *dir, ildkg_diag *d);
void ontology_free(ontology *o); /**< NULL is fine */

size_t ontology_triple_count(const ontology *o);
const ildkg_triple *ontology_triple_at(const ontology *o, size_t i); /**< borrowed */

bool ontology_is_class(const ontology *o, const char *local);
/** True when @p cls is @p ancestor or one of its (transitive) subclasses, at any depth. */
bool ontology_class_is_a(const ontology *o, const char *cls, const char *ancestor);
/**
 * The class @p cls and every superclass of it the ontology declares (in the ildkg
 * namespace), each once, itself first then nearest first: *n of them, borrowed.
 * NULL and *n = 0 when @p cls is not a class.
 */
const char *const *ontology_class_ancestors(const ontology *o, const char *cls, size_t *n);
/** Borrowed; NULL when @p local is not a property of the ontology. */
const ontology_property *ontology_property_get(const ontology *o, const char *local);
/** The English rdfs:label of the ildkg term @p local (borrowed), or NULL. */
const char *ontology_label(const ontology *o, const char *local);

size_t ontology_property_count(const ontology *o);
/** The properties in the order the ontology declares them (borrowed; NULL past the end). */
const ontology_property *ontology_property_at(const ontology *o, size_t i);

/** The class of the controlled term @p local (borrowed), or NULL when it is none. */
const char *ontology_individual_class(const ontology *o, const char *local);

#endif
