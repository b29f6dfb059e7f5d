/* SPDX-License-Identifier: MIT */
#include <config.h>

#include "unit.h"

#include "http_accept.h"
#include "sparql_protocol.h"

static const char *const RESULTS[] = {"application/sparql-results+json",
                                      "application/sparql-results+xml", "text/csv",
                                      "text/tab-separated-values"};
enum { NRESULTS = 4 };

static void
accept_prefers_by_q_then_specificity_then_order(void **state)
{
  (void)state;
  static const struct {
    const char *accept;
    long chosen;
  } cases[] = {
    {NULL, 0},
    {"", 0},
    {"*/*", 0},
    {"text/csv", 2},
    {"TEXT/CSV", 2},
    {"text/csv;q=0.5, application/sparql-results+xml", 1},
    {"text/*", 2},
    {"text/*;q=0.2, text/tab-separated-values;q=0.9", 3},
    {"text/tab-separated-values;q=0.9, text/*;q=1", 2},
    {"*/*;q=0.1, application/sparql-results+xml;q=0.2", 1},
    {"application/sparql-results+json;q=0", -1},
    {"application/sparql-results+json;q=0, */*;q=0.5", 1},
    {"text/html", -1},
    {"text/html, application/xhtml+xml, application/xml;q=0.9, */*;q=0.8", 0},
    {"text/csv; charset=utf-8; q=0.7, application/sparql-results+json;q=0.6", 2},
    {"text/csv;q=1.5", 2},
    {"text/csv;q=0.001, text/tab-separated-values;q=0.0001", 2},
    {"  text/csv ,", 2},
    {",,,", -1},
    {"text", -1},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; ++i) {
    const long got = http_accept_choose(cases[i].accept, RESULTS, NRESULTS);
    if (got != cases[i].chosen) {
      fail_msg("Accept '%s': offer %ld, expected %ld", cases[i].accept ? cases[i].accept : "(none)",
               got, cases[i].chosen);
    }
  }
}

static protocol_request
read_request(const char *method, const char *content_type, const protocol_param *params,
             size_t nparams, const char *body)
{
  const protocol_input in = {method, content_type, params, nparams, body,
                             body ? strlen(body) : 0};
  protocol_request r;
  assert_int_equal(sparql_protocol_read(&in, &r), ILDKG_OK);
  return r;
}

static void
queries_are_read_from_every_binding(void **state)
{
  (void)state;
  const protocol_param get[] = {{"query", "ASK {}"}, {"default-graph-uri", "http://g/1"},
                                {"named-graph-uri", "http://g/2"}, {"other", NULL}};
  protocol_request r = read_request("GET", NULL, get, 4, NULL);
  assert_int_equal(r.action, PROTOCOL_QUERY);
  assert_string_equal(r.query, "ASK {}");
  assert_int_equal(r.ndefault_graphs, 1);
  assert_string_equal(r.default_graphs[0], "http://g/1");
  assert_int_equal(r.nnamed_graphs, 1);
  protocol_request_clear(&r);

  r = read_request("POST", "application/x-www-form-urlencoded; charset=UTF-8", NULL, 0,
                   "query=SELECT+*+%7B%3Fs+%3Fp+%3Fo%7D&default-graph-uri=a&default-graph-uri=b");
  assert_int_equal(r.action, PROTOCOL_QUERY);
  assert_string_equal(r.query, "SELECT * {?s ?p ?o}");
  assert_int_equal(r.ndefault_graphs, 2);
  assert_string_equal(r.default_graphs[1], "b");
  protocol_request_clear(&r);

  const protocol_param dataset[] = {{"default-graph-uri", "http://g/1"}};
  r = read_request("POST", "Application/SPARQL-Query", dataset, 1, "ASK { ?s ?p \"é\" }");
  assert_int_equal(r.action, PROTOCOL_QUERY);
  assert_string_equal(r.query, "ASK { ?s ?p \"é\" }");
  assert_int_equal(r.ndefault_graphs, 1);
  protocol_request_clear(&r);
}

static void
refusals_carry_their_status(void **state)
{
  (void)state;
  const protocol_param two[] = {{"query", "ASK {}"}, {"query", "ASK {}"}};
  const protocol_param update[] = {{"update", "CLEAR ALL"}};
  const protocol_param one[] = {{"query", "ASK {}"}};
  const protocol_param graph_only[] = {{"default-graph-uri", "http://g/1"}};
  const protocol_param not_utf8[] = {{"query", "ASK { \xff }"}};
  static const char *const form = "application/x-www-form-urlencoded";
  const struct {
    const char *method, *content_type;
    const protocol_param *params;
    size_t nparams;
    const char *body;
    unsigned status;
  } cases[] = {
    {"PUT", NULL, one, 1, NULL, 405},
    {"DELETE", NULL, NULL, 0, NULL, 405},
    {"GET", NULL, two, 2, NULL, 400},
    {"GET", NULL, update, 1, NULL, 405},
    {"GET", NULL, graph_only, 1, NULL, 400},
    {"GET", NULL, not_utf8, 1, NULL, 400},
    {"POST", NULL, NULL, 0, "query=ASK+%7B%7D", 415},
    {"POST", "text/plain", NULL, 0, "ASK {}", 415},
    {"POST", "application/sparql-query; charset=UTF-16", NULL, 0, "ASK {}", 415},
    {"POST", "application/sparql-update", NULL, 0, "CLEAR ALL", 405},
    {"POST", form, NULL, 0, "update=CLEAR+ALL", 405},
    {"POST", form, NULL, 0, "ASK {}", 400},
    {"POST", form, NULL, 0, "query=ASK%7", 400},
    {"POST", form, NULL, 0, "query=%00", 400},
    {"POST", form, one, 1, "query=ASK+%7B%7D", 400},
    {"POST", "application/sparql-query", one, 1, "ASK {}", 400},
  };
  for (size_t i = 0; i < sizeof cases / sizeof *cases; ++i) {
    protocol_request r = read_request(cases[i].method, cases[i].content_type, cases[i].params,
                                      cases[i].nparams, cases[i].body);
    if (r.action != PROTOCOL_REFUSED || r.status != cases[i].status || !r.message[0]) {
      fail_msg("case %zu (%s %s): action %d status %u, expected refused %u", i, cases[i].method,
               cases[i].content_type ? cases[i].content_type : "-", (int)r.action, r.status,
               cases[i].status);
    }
    protocol_request_clear(&r);
  }
}

static void
description_and_preflight(void **state)
{
  (void)state;
  protocol_request r = read_request("GET", NULL, NULL, 0, NULL);
  assert_int_equal(r.action, PROTOCOL_DESCRIPTION);
  protocol_request_clear(&r);
  r = read_request("HEAD", NULL, NULL, 0, NULL);
  assert_int_equal(r.action, PROTOCOL_DESCRIPTION);
  protocol_request_clear(&r);
  r = read_request("OPTIONS", NULL, NULL, 0, NULL);
  assert_int_equal(r.action, PROTOCOL_PREFLIGHT);
  protocol_request_clear(&r);
}

int
main(void)
{
  const struct CMUnitTest tests[] = {
    cmocka_unit_test(accept_prefers_by_q_then_specificity_then_order),
    cmocka_unit_test(queries_are_read_from_every_binding),
    cmocka_unit_test(refusals_carry_their_status),
    cmocka_unit_test(description_and_preflight),
  };
  return cmocka_run_group_tests(tests, NULL, NULL);
}
