/* SPDX-License-Identifier: MIT */
/**
 * @file void_writer.h  The VoID statistics of the graph: counts computed from its statements.
 *
 * Describes the dataset node every export carries (graph_builder_dataset_iri) with
 * void:triples, void:entities (subject IRIs under the base, VoID's uriSpace),
 * void:distinctSubjects, void:distinctObjects, void:classes, void:properties, and one
 * partition a class (void:class, void:entities: the resources typed with it) and a
 * property (void:property, void:triples). Partitions are IRIs under the dataset's
 * (`RELEASE/class/PREFIX-LOCAL`, `RELEASE/property/PREFIX-LOCAL`): no blank nodes. The
 * counts are those of the graph the statements are: the description is not part of it.
 */
#ifndef ILDKG_VOID_WRITER_H
#define ILDKG_VOID_WRITER_H

#include <raptor2.h>

#include "export.h"
#include "status.h"

/**
 * The description of @p job's statements, as new statements in N-Triples line order: *out
 * (free with graph_statements_free) and *count. ILDKG_ERR_INPUT (reported) without a base
 * IRI; ILDKG_ERR_NOMEM.
 */
ildkg_status void_describe(const export_job *job, raptor_statement ***out, size_t *count);

#endif
