/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "unit.h"

#include "curie.h"

static void
known_schemes_are_recognised(void **state)
{
  (void)state;
  assert_string_equal(curie_scheme_of("HP:0012735")->prefix, "HP");
  assert_string_equal(curie_scheme_of("MONDO:0015264")->prefix, "MONDO");
  assert_string_equal(curie_scheme_of("MAXO:0000380")->prefix, "MAXO");
  assert_string_equal(curie_scheme_of("CHEBI:35705")->prefix, "CHEBI");
  assert_string_equal(curie_scheme_of("ORPHA:1302")->prefix, "ORPHA");
  assert_string_equal(curie_scheme_of("OMIM:180300")->prefix, "OMIM");
}

static void
malformed_curies_are_refused(void **state)
{
  (void)state;
  static const char *const bad[] = {
    "HP:001273",  "HP:00127355", "HP:00127a5", "hp:0012735", "HP 0012735", "HP0012735",
    "OMIM:18030", "OMIM:1803000", "ORPHA:",   "ORPHA:01302", "ORPHA:-1",  "ORPHA:1302x",
    "ORPHA:1234567890", "Orphanet:1302", "DECIPHER:1", "MONDO:", ":0012735", "",
  };
  for (size_t i = 0; i < sizeof bad / sizeof *bad; ++i) {
    if (curie_scheme_of(bad[i])) {
      fail_msg("'%s' was taken for a CURIE", bad[i]);
    }
  }
}

static void
curies_expand_to_the_documented_iris(void **state)
{
  (void)state;
  static const char *const cases[][2] = {
    {"HP:0012735", "http://purl.obolibrary.org/obo/HP_0012735"},
    {"CHEBI:50858", "http://purl.obolibrary.org/obo/CHEBI_50858"},
    {"ORPHA:1302", "http://www.orpha.net/ORDO/Orphanet_1302"},
    {"OMIM:180300", "https://omim.org/entry/180300"},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; ++i) {
    char *iri = curie_to_iri(cases[i][0]);
    assert_non_null(iri);
    assert_string_equal(iri, cases[i][1]);
    free(iri);
  }
  assert_null(curie_to_iri("XX:1"));
}

static void
the_table_lists_every_scheme_once(void **state)
{
  (void)state;
  assert_int_equal(curie_scheme_count(), 6);
  for (size_t i = 0; i < curie_scheme_count(); ++i) {
    for (size_t j = i + 1; j < curie_scheme_count(); ++j) {
      assert_string_not_equal(curie_scheme_at(i)->prefix, curie_scheme_at(j)->prefix);
    }
  }
  assert_null(curie_scheme_at(curie_scheme_count()));
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(known_schemes_are_recognised),
    cmocka_unit_test(malformed_curies_are_refused),
    cmocka_unit_test(curies_expand_to_the_documented_iris),
    cmocka_unit_test(the_table_lists_every_scheme_once),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
