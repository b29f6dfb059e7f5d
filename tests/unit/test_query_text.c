/* SPDX-License-Identifier: MIT */
/*
 * What ildkg does to a query's text before rasqal parses it: the rewrites of
 * query_guard (signed numbers, short VALUES, SUBSTR) and the scope checks of query_scope.
 * Each rewrite means the same in SPARQL; each refusal is a query rasqal answered wrongly
 * (tests/cli/sparql.sh runs them all against rdflib).
 */
#include <config.h>

#include "unit.h"

#include <stdlib.h>

#include "query_guard.h"
#include "query_scope.h"
#include "sparql_lexer.h"

static void
assert_fixed(const char *text, const char *expected)
{
  char *out = NULL;
  assert_int_equal(query_guard_fix_text(text, &out), ILDKG_OK);
  assert_string_equal(out, expected);
  free(out);
}

/* Found by fuzz/fuzz_query_text: a word at the very end of a query was read on past its
   NUL (strchr finds the terminator), so the lexer read whatever memory followed. */
static void
word_at_the_end_stops_at_the_nul(void **state)
{
  (void)state;
  static const char text[] = "ab\0zz";
  const sparql_token t = sparql_lexer_next(text, 0);
  assert_int_equal(t.kind, SPARQL_TOKEN_WORD);
  assert_int_equal(t.len, 2);
  assert_int_equal(sparql_lexer_next(text, t.start + t.len).kind, SPARQL_TOKEN_END);
  char why[256];
  assert_int_equal(query_scope_check("PREFIX kg: <https", why, sizeof why), ILDKG_OK);
}

static void
signed_number_after_operand_is_split(void **state)
{
  (void)state;
  assert_fixed("ASK { FILTER(1+1+1+1 = 4) }", "ASK { FILTER(1+ 1+ 1+ 1 = 4) }");
  assert_fixed("SELECT (?x-2 AS ?y) {}", "SELECT (?x- 2 AS ?y) {}");
}

static void
signed_number_elsewhere_is_kept(void **state)
{
  (void)state;
  /* an object, a collection, a VALUES row, a string: -1 is a number there */
  assert_fixed("SELECT * { ?s ?p -1 }", "SELECT * { ?s ?p -1 }");
  assert_fixed("SELECT * { ?s ?p (1 -1) }", "SELECT * { ?s ?p (1 -1) }");
  assert_fixed("ASK { FILTER(\"1+1\" = ?x) }", "ASK { FILTER(\"1+1\" = ?x) }");
  assert_fixed("ASK { FILTER(?x = -1) }", "ASK { FILTER(?x = -1) }");
}

static void
short_values_becomes_long(void **state)
{
  (void)state;
  /* a value's ')' goes where the next token starts: after the blank that ended it */
  assert_fixed("SELECT * { VALUES ?x { 1 <urn:a> \"b\"@en \"c\"^^<urn:t> UNDEF } }",
               "SELECT * { VALUES (?x) { (1 )(<urn:a> )(\"b\"@en )(\"c\"^^<urn:t> )(UNDEF )} }");
  assert_fixed("SELECT * { ?s ?p ?o } VALUES ?s { <urn:a> }",
               "SELECT * { ?s ?p ?o } VALUES (?s) { (<urn:a> )}");
  assert_fixed("SELECT * { VALUES (?x) { (1) } }", "SELECT * { VALUES (?x) { (1) } }");
}

static void
substr_keeps_its_empty_answers(void **state)
{
  (void)state;
  char why[256], *out = NULL;
  assert_int_equal(query_guard_rewrite_substr("SELECT (SUBSTR(?s, 2) AS ?x) {}", &out, why,
                                              sizeof why),
                   ILDKG_OK);
  assert_non_null(strstr(out, "IF(STRLEN(?s) < ( 2)"));
  assert_non_null(strstr(out, "SUBSTR(?s, 2)), 1/0)"));
  assert_non_null(strstr(out, "STRLANG(\"\", LANG(?s))"));
  free(out);
  assert_int_equal(query_guard_rewrite_substr("SELECT (SUBSTR(?s, 2, 0) AS ?x) {}", &out, why,
                                              sizeof why),
                   ILDKG_ERR_UNSUPPORTED);
  assert_null(out);
  assert_int_equal(query_guard_rewrite_substr("SELECT (SUBSTR(?s, 1.5) AS ?x) {}", &out, why,
                                              sizeof why),
                   ILDKG_ERR_UNSUPPORTED);
}

static ildkg_status
scope(const char *text)
{
  char why[640];
  return query_scope_check(text, why, sizeof why);
}

static void
nested_scopes_are_refused(void **state)
{
  (void)state;
  assert_int_equal(scope("SELECT * { ?s :p ?o { ?s :q ?z BIND(?o AS ?w) } }"),
                   ILDKG_ERR_UNSUPPORTED);
  assert_int_equal(scope("SELECT * { ?s :p ?o { BIND(?o AS ?z) } UNION { BIND(1 AS ?z) } }"),
                   ILDKG_ERR_UNSUPPORTED);
  assert_int_equal(scope("SELECT * { ?s :p ?v OPTIONAL { { ?s :q ?t FILTER(?v = 1) } } }"),
                   ILDKG_ERR_UNSUPPORTED);
  assert_int_equal(scope("SELECT * { ?x :n ?v { ?y :n ?w OPTIONAL { ?x :e ?z } } }"),
                   ILDKG_ERR_UNSUPPORTED);
  assert_int_equal(scope("SELECT ?a { ?a :k [ :l ?l ] { SELECT ?b { ?b :k [ :l ?l ] } } }"),
                   ILDKG_ERR_UNSUPPORTED);
}

static void
right_scopes_are_answered(void **state)
{
  (void)state;
  /* rasqal scopes these right: an OPTIONAL's own FILTER, a FILTER of a nested group
     outside OPTIONALs, branches of one UNION apart, a projected sub-SELECT variable */
  assert_int_equal(scope("SELECT * { ?s :p ?v OPTIONAL { ?s :q ?t FILTER(?v = 1) } }"), ILDKG_OK);
  assert_int_equal(scope("SELECT * { ?s :p ?v { ?s :q ?t FILTER(?v = 1) } }"), ILDKG_OK);
  assert_int_equal(scope("SELECT * { { ?s :p ?t } UNION { ?s :q ?z OPTIONAL { ?z :r ?t } } }"),
                   ILDKG_OK);
  assert_int_equal(scope("SELECT * { ?s :p ?o { SELECT ?o { ?o :q ?x } } }"), ILDKG_OK);
  assert_int_equal(scope("SELECT * { ?s :p ?o BIND(?o AS ?w) }"), ILDKG_OK);
}

static void
assigned_variable_in_scope_is_invalid(void **state)
{
  (void)state;
  assert_int_equal(scope("SELECT (1 AS ?o) { ?s :p ?o }"), ILDKG_ERR_INPUT);
  assert_int_equal(scope("SELECT * { ?s :p ?o BIND(1 AS ?o) }"), ILDKG_ERR_INPUT);
  assert_int_equal(scope("SELECT * { { SELECT (1 AS ?x) {} } UNION { SELECT (2 AS ?x) {} } }"),
                   ILDKG_OK);
}

static void
invalid_text_is_refused(void **state)
{
  (void)state;
  assert_int_equal(scope("SELECT * { VALUES (?a ?b) { (1 2 3) } }"), ILDKG_ERR_INPUT);
  assert_int_equal(scope("SELECT * { VALUES (?a ?b) { (-1 \"x\"@en) (\"y\"^^<urn:t> UNDEF) } }"),
                   ILDKG_OK);
  assert_int_equal(scope("SELECT * { _:a ?p ?v . { _:a ?q 1 } }"), ILDKG_ERR_INPUT);
  assert_int_equal(scope("SELECT * { _:a ?p ?v FILTER(?v) _:a ?q 1 }"), ILDKG_OK);
  assert_int_equal(scope("SELECT * { ?s ?p _:x FILTER(_:x) }"), ILDKG_ERR_INPUT);
  assert_int_equal(scope("SELECT * { ?s ?p '\\uD800' }"), ILDKG_ERR_INPUT);
  assert_int_equal(scope("SELECT * { ?s ?p '\\u00E9' }"), ILDKG_OK);
  assert_int_equal(scope("SELECT (1 AS ?x) (2 AS ?x) {}"), ILDKG_ERR_INPUT);
}

static void
deep_optionals_are_refused(void **state)
{
  (void)state;
  char text[4096] = "SELECT * { ?s ?p ?o ";
  for (int i = 0; i < 11; ++i) {
    strcat(text, "OPTIONAL { ?s ?p ?o ");
  }
  for (int i = 0; i < 11; ++i) {
    strcat(text, "} ");
  }
  strcat(text, "}");
  assert_int_equal(scope(text), ILDKG_ERR_UNSUPPORTED);
}

static void
where_clause_as_ask(void **state)
{
  (void)state;
  char *ask = NULL;
  assert_int_equal(query_scope_where_as_ask("PREFIX : <urn:x:> SELECT (COUNT(*) AS ?n) WHERE { "
                                            "?s :p ?o } GROUP BY ?s VALUES ?s { :a }",
                                            &ask),
                   ILDKG_OK);
  assert_string_equal(ask, "PREFIX : <urn:x:> ASK { ?s :p ?o } VALUES ?s { :a }");
  free(ask);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(word_at_the_end_stops_at_the_nul),
    cmocka_unit_test(signed_number_after_operand_is_split),
    cmocka_unit_test(signed_number_elsewhere_is_kept),
    cmocka_unit_test(short_values_becomes_long),
    cmocka_unit_test(substr_keeps_its_empty_answers),
    cmocka_unit_test(nested_scopes_are_refused),
    cmocka_unit_test(right_scopes_are_answered),
    cmocka_unit_test(assigned_variable_in_scope_is_invalid),
    cmocka_unit_test(invalid_text_is_refused),
    cmocka_unit_test(deep_optionals_are_refused),
    cmocka_unit_test(where_clause_as_ask),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
