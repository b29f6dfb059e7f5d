/* SPDX-License-Identifier: MIT */
/** @file ns.h  Namespace IRIs: the vocabularies ildkg reuses, and its own. */
#ifndef ILDKG_NS_H
#define ILDKG_NS_H

#include <stddef.h>

#define NS_RDF "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
#define NS_RDFS "http://www.w3.org/2000/01/rdf-schema#"
#define NS_OWL "http://www.w3.org/2002/07/owl#"
#define NS_XSD "http://www.w3.org/2001/XMLSchema#"
#define NS_SKOS "http://www.w3.org/2004/02/skos/core#"
#define NS_DCTERMS "http://purl.org/dc/terms/"
#define NS_PROV "http://www.w3.org/ns/prov#"
#define NS_CITO "http://purl.org/spar/cito/"
#define NS_FABIO "http://purl.org/spar/fabio/"
#define NS_OA "http://www.w3.org/ns/oa#"
#define NS_OBO "http://purl.obolibrary.org/obo/"
#define NS_SEMAPV "https://w3id.org/semapv/vocab/"
#define NS_VOID "http://rdfs.org/ns/void#"
#define NS_DCAT "http://www.w3.org/ns/dcat#"
#define NS_PAV "http://purl.org/pav/"

/** The project ontology: fixed, whatever base IRI the data is built with. */
#define ILDKG_ONTOLOGY_IRI "https://w3id.org/ildkg/ontology"
#define NS_ILDKG ILDKG_ONTOLOGY_IRI "#"

/** Default base IRI of the data (entities, statements, references); `--base` changes it. */
#define ILDKG_DEFAULT_BASE "https://w3id.org/ildkg/cop-ctd-ild/"

/** The prefixes ildkg writes (Turtle, JSON-LD context), without rdf: and the data's kg:. */
typedef struct {
  const char *prefix;
  const char *iri;
} ns_prefix;

extern const ns_prefix NS_PREFIXES[];
extern const size_t NS_PREFIX_COUNT;

/** The prefix of the data's base IRI. */
#define NS_DATA_PREFIX "kg"

#endif
