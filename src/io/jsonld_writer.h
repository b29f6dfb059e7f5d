/* SPDX-License-Identifier: MIT */
/**
 * @file jsonld_writer.h  JSON-LD 1.1 export, written with jansson (raptor has no JSON-LD writer).
 *
 * The document is compacted by hand with the project context: `@graph` holds one
 * node object per subject, sorted by `@id`; statement nodes are node objects of their
 * own (not embedded), so every node is found the same way and the file stays flat.
 * A value is written under a term of the context when it matches the term's type
 * coercion, and as a value object under the compact IRI of its property otherwise,
 * so the document always expands to exactly the graph.
 */
#ifndef ILDKG_JSONLD_WRITER_H
#define ILDKG_JSONLD_WRITER_H

#include <jansson.h>
#include <stdio.h>

#include "export.h"
#include "ontology.h"
#include "status.h"

/**
 * The context: prefixes (the data's `kg:` is @p base), a term for every property of
 * the ontology and for the reused properties ildkg writes, with type coercion and
 * `@set` containers for properties that are not functional.
 * @return a new reference to the context's inner object (the value of "@context"),
 *   or NULL when out of memory.
 */
json_t *jsonld_context_new(const ontology *o, const char *base);

/** Write the job's statements as a JSON-LD document. ILDKG_OK, _IO, _NOMEM or _RDF. */
ildkg_status jsonld_write(const export_job *job, FILE *out);

#endif
