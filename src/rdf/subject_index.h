/* SPDX-License-Identifier: MIT */
/**
 * @file subject_index.h  The objects of each IRI subject and IRI predicate of a model,
 * found by hashing two pointers.
 *
 * A query's join asks for the objects of a subject and predicate once for each row it
 * reads (the label of each claim, its section): librdf's search of its trees cost about
 * 3,700 instructions a time, a fifth of such a query. raptor interns IRIs, so a subject
 * and a predicate are two pointers to hash. The index is read from the model once, when
 * a graph is loaded for queries, and is valid only while the model is unchanged.
 */
#ifndef ILDKG_SUBJECT_INDEX_H
#define ILDKG_SUBJECT_INDEX_H

#include <librdf.h>
#include <rasqal.h>
#include <stddef.h>

#include "status.h"

/** One triple of the model: the index holds a reference to each node. */
typedef struct {
  librdf_node *s, *p, *o;
} subject_index_triple;

typedef struct subject_index subject_index;

/**
 * Index every triple of @p model whose subject and predicate are IRIs into *out (free it
 * with subject_index_free, before the world of @p model goes).
 * @return ILDKG_OK; ILDKG_ERR_UNSUPPORTED when the index could not answer as librdf does
 *   (the model's stream does not give each subject's and predicate's triples together, or
 *   the world does not intern IRIs): then there is none, and librdf must be asked;
 *   ILDKG_ERR_NOMEM; ILDKG_ERR_RDF.
 */
ildkg_status subject_index_new(librdf_world *world, librdf_model *model, subject_index **out);
void subject_index_free(subject_index *x); /**< NULL is fine */

/**
 * The triples with subject @p s and predicate @p p (interned IRIs of the model's world),
 * in the order librdf's search gives them: *first, and how many.
 */
size_t subject_index_find(const subject_index *x, raptor_uri *s, raptor_uri *p,
                          const subject_index_triple **first);

/**
 * The rasqal term of the object of @p t (a triple the index gave), kept by
 * subject_index_keep_object (borrowed; NULL until then). A join binds the same objects
 * again and again (a section's label for each claim in it), and making the term was a
 * tenth of such a query.
 */
rasqal_literal *subject_index_object(const subject_index *x, const subject_index_triple *t);
/**
 * Keep @p term (taken) as the rasqal term of the object of @p t, freed with the index;
 * ILDKG_ERR_NOMEM (and @p term freed) when it cannot be kept.
 */
ildkg_status subject_index_keep_object(subject_index *x, const subject_index_triple *t,
                                       rasqal_literal *term);

/** How many triples the index holds. */
size_t subject_index_size(const subject_index *x);

#endif
