/* SPDX-License-Identifier: MIT */
/**
 * @file hpoa_writer.h  The disease-phenotype claims as an HPO annotation file (phenotype.hpoa).
 *
 * Written from the graph. A claim becomes rows when its predicate has an
 * ildkg:hpoaAspect, its subject an exact ORPHA or OMIM mapping (the only disease ids
 * phenotype tools read) and its object an HP mapping (exact, else each close one): one
 * row a disease id and HP id. A claim a qualifier restricts (ildkg:restrictsClaim) is left
 * out and listed in the header with the reason; a negated one has the qualifier NOT.
 * Frequency: the review's percentage ("90%"), else the HP frequency term its word fits
 * (ildkg:hpoFrequency), else empty. Reference: the IRIs of the references the review
 * cites for it, else the review's. Evidence TAS. Biocuration ildkg[DATE], #version DATE,
 * DATE being the ontology's dcterms:modified; #hpo-version its ildkg:hpoVersion. Rows are
 * sorted, each once.
 */
#ifndef ILDKG_HPOA_WRITER_H
#define ILDKG_HPOA_WRITER_H

#include <stdio.h>

#include "export.h"
#include "status.h"

/**
 * Write @p job's annotations to @p out. ILDKG_ERR_INPUT (reported to job->diag) when the
 * ontology lacks dcterms:modified or ildkg:hpoVersion or a value holds a tab or line
 * break; ILDKG_ERR_IO, ILDKG_ERR_NOMEM.
 */
ildkg_status hpoa_write(const export_job *job, FILE *out);

#endif
