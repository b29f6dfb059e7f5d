/* SPDX-License-Identifier: MIT */
/**
 * @file facts.h  Validated records: what the validator accepted from facts/.
 *
 * A facts store owns every string in it. Records keep the file and line they
 * came from, so later stages can still point at the source of a problem.
 */
#ifndef ILDKG_FACTS_H
#define ILDKG_FACTS_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"

typedef struct {
  char *label;                /**< how the review is called in the graph */
  unsigned reference_count;   /**< the review's references are [1]..[reference_count] */
} fact_review;

typedef struct {
  char *id, *cls, *label, *part_of; /**< part_of: a section id, or NULL for the review */
  unsigned order;
} fact_section;

typedef struct {
  char *id, *cls, *label;
  char **alt_labels;
  size_t nalt_labels;
} fact_entity;

typedef struct {
  char *entity;
  bool exact; /**< skos:exactMatch, else skos:closeMatch */
  char *curie;
  char *external_label; /**< the term's label in its ontology */
  char *checked_in;     /**< where the id was checked */
} fact_mapping;

typedef enum {
  VALUE_ENTITY,    /**< an entity id of entities.tsv */
  VALUE_TERM,      /**< a controlled term of the ontology */
  VALUE_STATEMENT, /**< the id of another statement */
  VALUE_DECIMAL,
  VALUE_INTEGER,
  VALUE_BOOLEAN,
} value_kind;

typedef struct {
  char *property; /**< ontology local name */
  char *value;
  value_kind kind;
} fact_qualifier;

typedef struct {
  char *id, *subject, *predicate, *object, *section, *quote;
  fact_qualifier *qualifiers;
  size_t nqualifiers;
  unsigned *references;
  size_t nreferences;
  const char *file; /**< borrowed from the store's file names */
  unsigned long line;
} fact_statement;

typedef struct facts facts;

facts *facts_new(void); /**< free with facts_free */
void facts_free(facts *f); /**< NULL is fine */

fact_review *facts_review(facts *f); /**< borrowed; fields NULL until set */
const fact_review *facts_review_const(const facts *f);

/** Add a record; the store takes copies of all strings. NOMEM or OK. */
ildkg_status facts_add_section(facts *f, const fact_section *s);
ildkg_status facts_add_entity(facts *f, const fact_entity *e);
ildkg_status facts_add_mapping(facts *f, const fact_mapping *m);
ildkg_status facts_add_statement(facts *f, const fact_statement *s);
/** Keep a copy of a file name for records to point at; the copy, or NULL. */
const char *facts_intern_file(facts *f, const char *path);

size_t facts_section_count(const facts *f);
size_t facts_entity_count(const facts *f);
size_t facts_mapping_count(const facts *f);
size_t facts_statement_count(const facts *f);
const fact_section *facts_section_at(const facts *f, size_t i);
const fact_entity *facts_entity_at(const facts *f, size_t i);
const fact_mapping *facts_mapping_at(const facts *f, size_t i);
const fact_statement *facts_statement_at(const facts *f, size_t i);

/** Lookups by id: borrowed, or NULL. */
const fact_section *facts_find_section(const facts *f, const char *id);
const fact_entity *facts_find_entity(const facts *f, const char *id);
const fact_statement *facts_find_statement(const facts *f, const char *id);

#endif
