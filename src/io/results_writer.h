/* SPDX-License-Identifier: MIT */
/**
 * @file results_writer.h  Query answers in the formats of `ildkg query` and `ildkg compare`.
 *
 * SELECT and ASK: `table` (aligned text for people: IRIs shortened with the export
 * prefixes, literals by their text), and the SPARQL 1.1 results formats `csv`, `tsv`,
 * `json`, `xml`, written here to the W3C specifications (an unbound variable is left out
 * of its row). CONSTRUCT: `turtle`, `ntriples`, `rdfxml` (raptor, sorted), `jsonld`.
 */
#ifndef ILDKG_RESULTS_WRITER_H
#define ILDKG_RESULTS_WRITER_H

#include <stdio.h>

#include "query_answer.h"
#include "status.h"

/** True when @p format is one results_write knows. */
int results_format_known(const char *format);

enum { RESULTS_WHY_SIZE = 160 };

/**
 * Write @p a in @p format; @p base is the data's base IRI (for `kg:` in tables).
 * @return ILDKG_OK; ILDKG_ERR_USAGE when the format does not fit the kind of query
 *   (e.g. `turtle` for a SELECT); ILDKG_ERR_UNSUPPORTED when the format cannot hold a
 *   value (a C0 control in XML; @p why, RESULTS_WHY_SIZE bytes, says which);
 *   ILDKG_ERR_IO; ILDKG_ERR_RDF; ILDKG_ERR_NOMEM.
 */
ildkg_status results_write(const query_answer *a, const char *format, const char *base,
                           FILE *out, char *why);

#endif
