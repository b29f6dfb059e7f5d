/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "ns.h"

const ns_prefix NS_PREFIXES[] = {
  {"rdfs", NS_RDFS},   {"owl", NS_OWL},   {"xsd", NS_XSD},     {"skos", NS_SKOS},
  {"dcterms", NS_DCTERMS}, {"prov", NS_PROV}, {"cito", NS_CITO}, {"fabio", NS_FABIO},
  {"oa", NS_OA},       {"obo", NS_OBO},   {"void", NS_VOID}, {"dcat", NS_DCAT},
  {"pav", NS_PAV},     {"ildkg", NS_ILDKG},
};

const size_t NS_PREFIX_COUNT = sizeof NS_PREFIXES / sizeof *NS_PREFIXES;
