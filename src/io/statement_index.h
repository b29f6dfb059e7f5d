/* SPDX-License-Identifier: MIT */
/**
 * @file statement_index.h  Lookups by subject over the sorted statements a writer gets.
 *
 * The statements of export_job are in N-Triples line order, so each subject's statements
 * are contiguous: the index maps a subject IRI to its run. It borrows the statements.
 */
#ifndef ILDKG_STATEMENT_INDEX_H
#define ILDKG_STATEMENT_INDEX_H

#include <raptor2.h>
#include <stddef.h>

#include "status.h"

typedef struct statement_index statement_index;

/** Index @p count sorted @p statements (borrowed). Free *out with statement_index_free. */
ildkg_status statement_index_new(raptor_statement *const *statements, size_t count,
                                 statement_index **out);
void statement_index_free(statement_index *x); /**< NULL is fine */

/** The IRI of @p t, or NULL when it is no IRI. */
const char *term_iri(const raptor_term *t);
/** The lexical form of @p t, or NULL when it is no literal. */
const char *term_literal(const raptor_term *t);
/** True when @p t is the IRI @p iri. */
int term_is_iri(const raptor_term *t, const char *iri);

/**
 * The objects of (@p subject, @p predicate), in order: call with *at = 0, then again
 * while it returns non-NULL. NULL when there is no (further) one.
 */
const raptor_term *statement_index_next(const statement_index *x, const char *subject,
                                        const char *predicate, size_t *at);
/** The run of @p subject's statements: *first and *n (0 when it has none). */
void statement_index_run(const statement_index *x, const char *subject, size_t *first, size_t *n);

/** The first object of (@p subject, @p predicate), or NULL. */
const raptor_term *statement_index_object(const statement_index *x, const char *subject,
                                          const char *predicate);
/** That object as text: an IRI, or a literal's lexical form; NULL when there is none. */
const char *statement_index_text(const statement_index *x, const char *subject,
                                 const char *predicate);

#endif
