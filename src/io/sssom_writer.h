/* SPDX-License-Identifier: MIT */
/**
 * @file sssom_writer.h  The entity mappings as an SSSOM mapping set (TSV, YAML header).
 *
 * Written from the graph's ildkg:Mapping nodes, one row a node, sorted by subject and
 * object: subject_id (kg:ENTITY), subject_label (the entity's English label),
 * predicate_id (skos:exactMatch or skos:closeMatch), object_id (the external CURIE),
 * object_label, mapping_justification, and comment (where the id was checked). The
 * header's curie_map declares every prefix the rows use; license and mapping_set_version
 * are the dataset node's (dcterms:license from the ontology, pav:version the release's).
 */
#ifndef ILDKG_SSSOM_WRITER_H
#define ILDKG_SSSOM_WRITER_H

#include <stdio.h>

#include "export.h"
#include "status.h"

/**
 * Write the mapping set of @p job to @p out. ILDKG_ERR_INPUT (reported to job->diag) when
 * a value holds a tab or a line break, which SSSOM's TSV cannot carry, or the graph has no
 * licence; ILDKG_ERR_IO, ILDKG_ERR_NOMEM.
 */
ildkg_status sssom_write(const export_job *job, FILE *out);

#endif
