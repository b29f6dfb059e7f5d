#!/usr/bin/python3
"""Helpers of tests/cli/serve.sh: `ildkg serve` checked from outside, as its clients see it.

  protocol_check.py wait OUTFILE PID SECONDS      until ildkg serve has written its URL to
                                                  OUTFILE (printed); exit 2 at once if PID exits
  protocol_check.py suite URL TRIPLES TOPICS_DIR  the SPARQL 1.1 Protocol cases (modelled on the
                                                  W3C protocol tests): one line a case, "ok NAME"
                                                  or "not ok NAME: why"; exit 1 if any failed
  protocol_check.py bindings URL QUERY.rq ILDKG.csv  the query by GET, POST form and POST direct:
                                                  each CSV answer is ILDKG.csv byte for byte
  protocol_check.py clients URL QUERY.rq ILDKG.csv   SPARQLWrapper and rdflib's SPARQLStore run
                                                  the query: their rows are ILDKG.csv's (multiset)
  protocol_check.py limits URL                    503 for the time and row limits
  protocol_check.py load URL REQUESTS THREADS QUERY.rq=ILDKG.csv...
                                                  REQUESTS queries from THREADS clients at once,
                                                  round robin over the queries: every answer is
                                                  its CSV; prints requests/s and latencies

URL is the server root (http://127.0.0.1:PORT/). Exit 0 when the check holds; otherwise
the problems on stderr and exit 1. Standard library, plus rdflib, pyld and SPARQLWrapper
where a command says so.
"""
import collections
import concurrent.futures
import csv
import http.client
import io
import json
import os
import re
import sys
import time
import urllib.parse
import xml.etree.ElementTree as ET

SD = "http://www.w3.org/ns/sparql-service-description#"
SH = "http://www.w3.org/ns/shacl#"
# The endpoint's one graph: the release's IRI (set by tests/cli/lib.sh from ildkg --version).
# (bench/serve.py imports this module without it, and runs no protocol case)
REVIEW = os.environ.get("ILDKG_RELEASE_IRI")
COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
CONSTRUCT = "CONSTRUCT { ?s a ?c } WHERE { ?s a ?c }"


def fail(problems):
    for p in problems:
        print(p, file=sys.stderr)
    return 1


def request(url, method="GET", path="sparql", params=None, body=None, headers=None,
            timeout=60):
    """One HTTP request with http.client (nothing added behind our back, unlike urllib,
    which gives every POST a form Content-Type). Returns (status, headers, body bytes)."""
    parts = urllib.parse.urlsplit(url)
    target = "/" + path
    if params:
        target += "?" + urllib.parse.urlencode(params, doseq=True)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.request(method, target, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


def form(fields):
    return urllib.parse.urlencode(fields, doseq=True).encode()


FORM_TYPE = {"Content-Type": "application/x-www-form-urlencoded"}
QUERY_TYPE = {"Content-Type": "application/sparql-query"}


def json_count(body):
    doc = json.loads(body)
    return int(doc["results"]["bindings"][0]["n"]["value"])


class Suite:
    def __init__(self, url, triples, topics_dir):
        self.url, self.triples, self.topics_dir = url, triples, topics_dir
        self.failed = 0

    def case(self, name, fn):
        try:
            problem = fn()
        except Exception as e:  # a case that raises has failed, with what it raised
            problem = f"{type(e).__name__}: {e}"
        if problem:
            self.failed += 1
            print(f"not ok {name}: {problem}")
        else:
            print(f"ok {name}")

    # -- helpers returning a problem (str) or None
    def expect(self, got, want_status, want_type=None, body_check=None):
        status, headers, body = got
        if status != want_status:
            return f"HTTP {status}, expected {want_status}: {body[:300]!r}"
        if want_type is not None:
            ct = headers.get("content-type", "")
            if ct.split(";")[0].strip() != want_type:
                return f"Content-Type {ct!r}, expected {want_type}"
        if headers.get("access-control-allow-origin") != "*":
            return "no Access-Control-Allow-Origin: *"
        return body_check(body, headers) if body_check else None

    def count_is_triples(self, body, headers):
        n = json_count(body)
        return None if n == self.triples else f"count {n}, expected {self.triples}"

    def refused(self, status, words):
        def check(body, headers):
            text = body.decode("utf-8")
            if not text.strip():
                return "no message"
            return None if re.search(words, text, re.I) else f"message {text!r} lacks {words!r}"
        return lambda got: self.expect(got, status, "text/plain", check)

    def run(self):
        u, json_type = self.url, "application/sparql-results+json"
        accept_json = {"Accept": json_type}
        c = self.case
        # query bindings
        c("query via GET", lambda: self.expect(
            request(u, params={"query": COUNT}, headers=accept_json), 200, json_type,
            self.count_is_triples))
        c("query via URL-encoded POST", lambda: self.expect(
            request(u, "POST", body=form({"query": COUNT}), headers={**FORM_TYPE, **accept_json}),
            200, json_type, self.count_is_triples))
        c("query via POST directly", lambda: self.expect(
            request(u, "POST", body=COUNT.encode(), headers={**QUERY_TYPE, **accept_json}),
            200, json_type, self.count_is_triples))
        c("query via POST directly with charset=utf-8", lambda: self.expect(
            request(u, "POST", body=COUNT.encode(), headers={
                "Content-Type": "application/sparql-query; charset=UTF-8", **accept_json}),
            200, json_type, self.count_is_triples))
        c("query via GET with non-ASCII text", lambda: self.expect(
            request(u, params={"query": 'ASK { FILTER("Sjögren" != "é") }'}, headers=accept_json),
            200, json_type, lambda b, h: None if json.loads(b)["boolean"] is True else "not true"))
        c("HEAD of a query: headers, no body", lambda: self.expect(
            request(u, "HEAD", params={"query": COUNT}, headers=accept_json), 200, json_type,
            lambda b, h: None if b == b"" else "a body"))
        # dataset
        c("GET query with protocol-specified default graph (the endpoint's own)",
          lambda: self.expect(request(u, params={"query": COUNT, "default-graph-uri": REVIEW},
                                      headers=accept_json), 200, json_type, self.count_is_triples))
        c("POST query with protocol-specified default graph (the endpoint's own)",
          lambda: self.expect(request(u, "POST", body=form({"query": COUNT,
                                                            "default-graph-uri": REVIEW}),
                                      headers={**FORM_TYPE, **accept_json}), 200, json_type,
                              self.count_is_triples))
        c("default-graph-uri of a graph the endpoint does not hold: 400, not an empty answer",
          lambda: self.refused(400, "not supported: default-graph-uri")(
              request(u, params={"query": COUNT, "default-graph-uri": "http://example.org/g"})))
        c("named-graph-uri: 400 (no named graphs)", lambda: self.refused(
            400, "not supported: named-graph-uri")(request(
                u, "POST", body=form({"query": COUNT, "named-graph-uri": REVIEW}),
                headers=FORM_TYPE)))
        c("dataset in both query string (FROM) and protocol: refused, not answered wrongly",
          lambda: self.refused(400, "not supported")(request(
              u, params={"query": "SELECT * FROM <http://example.org/g> { ?s ?p ?o }",
                         "default-graph-uri": REVIEW})))
        # content types
        for accept, want, parse in [
                ("application/sparql-results+json", "application/sparql-results+json", self.parse_json),
                ("application/sparql-results+xml", "application/sparql-results+xml", self.parse_xml),
                ("text/csv", "text/csv", self.parse_csv),
                ("text/tab-separated-values", "text/tab-separated-values", self.parse_tsv),
                ("application/json", "application/json", self.parse_json),
                ("text/csv;q=0.5, application/sparql-results+xml", "application/sparql-results+xml", self.parse_xml),
                ("text/*;q=0.9, application/json;q=0.1", "text/csv", self.parse_csv),
                ("*/*", "application/sparql-results+json", self.parse_json),
                ("text/html, application/xhtml+xml, application/xml;q=0.9, */*;q=0.8", "application/xml", self.parse_xml),
                (None, "application/sparql-results+json", self.parse_json)]:
            headers = {"Accept": accept} if accept else {}
            c(f"SELECT with Accept {accept!r}: {want}", lambda headers=headers, want=want, parse=parse:
              self.expect(request(u, params={"query": COUNT}, headers=headers), 200, want, parse))
        c("SELECT with Accept only for graphs: 406 with the types it can be", lambda: self.refused(
            406, "sparql-results")(request(u, params={"query": COUNT}, headers={"Accept": "text/turtle"})))
        c("Accept with q=0 for the one type: 406", lambda: self.refused(406, "Accept")(request(
            u, params={"query": COUNT}, headers={"Accept": "application/sparql-results+json;q=0"})))
        for accept in ["application/sparql-results+json", "application/sparql-results+xml", "text/csv"]:
            c(f"ASK with Accept {accept}", lambda accept=accept: self.expect(
                request(u, params={"query": "ASK { ?s ?p ?o }"}, headers={"Accept": accept}), 200,
                accept, self.parse_ask_true))
        for accept, syntax in [("text/turtle", "turtle"), ("application/n-triples", "nt"),
                               ("application/ld+json", "json-ld"), ("application/rdf+xml", "xml")]:
            c(f"CONSTRUCT with Accept {accept}: the same graph", lambda accept=accept, syntax=syntax:
              self.expect(request(u, "POST", body=form({"query": CONSTRUCT}),
                                  headers={**FORM_TYPE, "Accept": accept}), 200, accept,
                          lambda b, h, syntax=syntax: self.same_graph(b, syntax)))
        # refusals
        c("invoke query operation with a method other than GET or POST: 405 with Allow",
          lambda: self.expect(request(u, "PUT", params={"query": COUNT}), 405, "text/plain",
                              lambda b, h: None if "POST" in h.get("allow", "") else "no Allow"))
        c("DELETE: 405", lambda: self.refused(405, "GET or POST")(request(u, "DELETE")))
        c("invoke query operation with more than one query string: 400", lambda: self.refused(
            400, "one query")(request(u, params={"query": [COUNT, COUNT]})))
        c("query both in the URL and in a direct POST body: 400", lambda: self.refused(
            400, "one query")(request(u, "POST", params={"query": COUNT}, body=COUNT.encode(),
                                      headers=QUERY_TYPE)))
        c("POST with a media type that is neither form nor sparql-query: 415", lambda: self.refused(
            415, "Content-Type")(request(u, "POST", body=COUNT.encode(),
                                         headers={"Content-Type": "text/plain"})))
        c("url-encoded body without a Content-Type: 415", lambda: self.refused(415, "Content-Type")(
            request(u, "POST", body=form({"query": COUNT}))))
        c("SPARQL body sent as a form: 400 (no query parameter)", lambda: self.refused(400, "query")(
            request(u, "POST", body=b"ASK {}", headers=FORM_TYPE)))
        c("direct POST in UTF-16: 415", lambda: self.refused(415, "charset")(request(
            u, "POST", body=COUNT.encode("utf-16"),
            headers={"Content-Type": "application/sparql-query; charset=UTF-16"})))
        c("a query that is not UTF-8: 400", lambda: self.refused(400, "UTF-8")(request(
            u, "POST", body=b"ASK { FILTER(\"\xff\" = \"\") }", headers=QUERY_TYPE)))
        c("invalid query syntax: 400 with the parser's message", lambda: self.refused(
            400, "syntax")(request(u, params={"query": "SELEC * WHERE { ?s ?p ?o }"})))
        c("a construct ildkg refuses: 400 with the same reason as ildkg query", lambda: self.refused(
            400, r"not supported: MINUS")(request(u, params={
                "query": "SELECT * WHERE { ?s ?p ?o MINUS { ?s a ?c } }"})))
        c("SERVICE is refused: 400", lambda: self.refused(400, "not supported: SERVICE")(request(
            u, params={"query": "SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }"})))
        c("update via GET: 405", lambda: self.refused(405, "read-only")(request(
            u, params={"update": "CLEAR ALL"})))
        c("update via URL-encoded POST: 405", lambda: self.refused(405, "read-only")(request(
            u, "POST", body=form({"update": "INSERT DATA { <a:s> <a:p> <a:o> }"}), headers=FORM_TYPE)))
        c("update via POST directly: 405", lambda: self.refused(405, "read-only")(request(
            u, "POST", body=b"CLEAR ALL", headers={"Content-Type": "application/sparql-update"})))
        c("SPARQL update text as a query: 400, nothing changed", lambda: self.refused(
            400, "not supported: update operations")(request(
            u, params={"query": "INSERT DATA { <a:s> <a:p> <a:o> }"})) or self.expect(
                request(u, params={"query": COUNT}, headers=accept_json), 200, json_type,
                self.count_is_triples))
        c("a bad %-escape in a form: 400", lambda: self.refused(400, "escape")(request(
            u, "POST", body=b"query=ASK%7%7D", headers=FORM_TYPE)))
        c("a body over 16 MiB: 413", lambda: self.expect(request(
            u, "POST", body=b"query=" + b"%20" * (6 << 20), headers=FORM_TYPE), 413, "text/plain"))
        c("no query but other parameters: 400", lambda: self.refused(400, "no query")(request(
            u, params={"default-graph-uri": REVIEW})))
        c("another path: 404", lambda: self.refused(404, "sparql")(request(u, path="nope")))
        # service description and examples
        for accept, want, syntax in [(None, "text/turtle", "turtle"),
                                     ("application/ld+json", "application/ld+json", "json-ld"),
                                     ("application/n-triples", "application/n-triples", "nt")]:
            headers = {"Accept": accept} if accept else {}
            c(f"service description, Accept {accept!r}: {want}", lambda headers=headers, want=want, syntax=syntax:
              self.expect(request(u, headers=headers), 200, want,
                          lambda b, h, syntax=syntax: self.check_description(b, syntax)))
        c("/topics lists every shipped topic with its query text", self.check_topics)
        # CORS
        c("CORS: a cross-origin POST gets Access-Control-Allow-Origin: *", lambda: self.expect(
            request(u, "POST", body=form({"query": COUNT}),
                    headers={**FORM_TYPE, **accept_json, "Origin": "http://elsewhere.example"}),
            200, json_type))
        c("CORS preflight: 204 allowing POST and Content-Type", lambda: self.expect(
            request(u, "OPTIONS", headers={"Origin": "http://elsewhere.example",
                                          "Access-Control-Request-Method": "POST",
                                          "Access-Control-Request-Headers": "content-type"}),
            204, None, lambda b, h: None if "POST" in h.get("access-control-allow-methods", "")
            and "content-type" in h.get("access-control-allow-headers", "").lower()
            else f"headers {h}"))
        c("the query page: HTML at /", lambda: self.expect(request(u, path=""), 200, "text/html",
                                                          lambda b, h: None if b"<html" in b.lower() else "no html"))
        return 1 if self.failed else 0

    # -- parsers of each answer format: a problem or None
    def parse_json(self, body, headers):
        return self.count_is_triples(body, headers)

    def parse_xml(self, body, headers):
        ns = {"s": "http://www.w3.org/2005/sparql-results#"}
        root = ET.fromstring(body)
        n = root.find("s:results/s:result/s:binding[@name='n']/s:literal", ns)
        return None if n is not None and int(n.text) == self.triples else "no count in XML"

    def parse_csv(self, body, headers):
        rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
        return None if rows == [["n"], [str(self.triples)]] else f"CSV {rows}"

    def parse_tsv(self, body, headers):
        lines = body.decode("utf-8").splitlines()
        want = f'"{self.triples}"^^<http://www.w3.org/2001/XMLSchema#integer>'
        return None if lines == ["?n", want] else f"TSV {lines}"

    def parse_ask_true(self, body, headers):
        text = body.decode("utf-8")
        ct = headers["content-type"]
        if "json" in ct:
            return None if json.loads(text)["boolean"] is True else text
        if "xml" in ct:
            return None if "<boolean>true</boolean>" in text else text
        return None if text.strip() == "true" else text

    def same_graph(self, body, syntax):
        import rdflib
        g = rdflib.Graph()
        if syntax == "json-ld":
            from pyld import jsonld
            nquads = jsonld.to_rdf(json.loads(body), {"format": "application/n-quads"})
            g.parse(data=nquads, format="nt")
        else:
            g.parse(data=body.decode("utf-8"), format=syntax)
        reference = rdflib.Graph()
        _, _, nt = request(self.url, "POST", body=form({"query": CONSTRUCT}),
                           headers={**FORM_TYPE, "Accept": "application/n-triples"})
        reference.parse(data=nt.decode("utf-8"), format="nt")
        if len(g) == 0 or set(g) != set(reference):
            return f"{len(g)} triples, N-Triples has {len(reference)}"
        return None

    def check_description(self, body, syntax):
        import rdflib
        g = rdflib.Graph()
        if syntax == "json-ld":
            from pyld import jsonld
            g.parse(data=jsonld.to_rdf(json.loads(body), {"format": "application/n-quads"}),
                    format="nt")
        else:
            g.parse(data=body.decode("utf-8"), format=syntax)
        endpoint = rdflib.URIRef(self.url + "sparql")
        problems = []
        if (endpoint, rdflib.RDF.type, rdflib.URIRef(SD + "Service")) not in g:
            problems.append(f"no <{endpoint}> a sd:Service")
        if (endpoint, rdflib.URIRef(SD + "endpoint"), endpoint) not in g:
            problems.append("no sd:endpoint")
        if (endpoint, rdflib.URIRef(SD + "supportedLanguage"), rdflib.URIRef(SD + "SPARQL11Query")) not in g:
            problems.append("no sd:supportedLanguage sd:SPARQL11Query")
        if (rdflib.URIRef(REVIEW), rdflib.URIRef("http://rdfs.org/ns/void#sparqlEndpoint"), endpoint) not in g:
            problems.append(f"no <{REVIEW}> void:sparqlEndpoint <{endpoint}>")
        counts = [int(o) for o in g.objects(None, rdflib.URIRef("http://rdfs.org/ns/void#triples"))]
        if counts != [self.triples]:
            problems.append(f"void:triples {counts}, expected [{self.triples}]")
        selects = {str(o) for o in g.objects(None, rdflib.URIRef(SH + "select"))}
        shipped = set()
        for name in os.listdir(self.topics_dir):
            if name.endswith(".rq"):
                with open(os.path.join(self.topics_dir, name), encoding="utf-8") as f:
                    shipped.add(f.read())
        if selects != shipped:
            problems.append(f"{len(selects)} example queries, {len(shipped)} shipped topics")
        return "; ".join(problems) or None

    def check_topics(self):
        status, headers, body = request(self.url, path="topics")
        if status != 200 or headers.get("content-type") != "application/json":
            return f"HTTP {status} {headers.get('content-type')}"
        topics = json.loads(body)
        problems = []
        names = sorted(n[:-3] for n in os.listdir(self.topics_dir) if n.endswith(".rq"))
        if [t["name"] for t in topics] != names:
            problems.append(f"names {[t['name'] for t in topics]}, expected {names}")
        for t in topics:
            with open(os.path.join(self.topics_dir, t["name"] + ".rq"), encoding="utf-8") as f:
                text = f.read()
            if t["query"] != text:
                problems.append(f"{t['name']}: query text differs")
            if not text.startswith("# title: " + t["title"]):
                problems.append(f"{t['name']}: title {t['title']!r}")
        return "; ".join(problems) or None


def read_csv_rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], collections.Counter(tuple(r) for r in rows[1:])


def bindings(args):
    url, query_path, csv_path = args
    with open(query_path, encoding="utf-8") as f:
        query = f.read()
    with open(csv_path, "rb") as f:
        expected = f.read()
    accept = {"Accept": "text/csv"}
    problems = []
    for name, got in [
            ("GET", request(url, params={"query": query}, headers=accept)),
            ("POST form", request(url, "POST", body=form({"query": query}),
                                  headers={**FORM_TYPE, **accept})),
            ("POST direct", request(url, "POST", body=query.encode(),
                                    headers={**QUERY_TYPE, **accept}))]:
        status, headers, body = got
        if status != 200 or not headers.get("content-type", "").startswith("text/csv"):
            problems.append(f"{name}: HTTP {status} {headers.get('content-type')}: {body[:200]!r}")
        elif body != expected:
            got_lines, want_lines = len(body.splitlines()), len(expected.splitlines())
            problems.append(f"{name}: {got_lines} lines, not the {want_lines} of ildkg query")
    if len(expected.splitlines()) < 2:
        problems.append("ildkg query's answer has no row: nothing compared")
    return fail(problems) if problems else 0


def json_rows(variables, bindings_list):
    rows = collections.Counter()
    for b in bindings_list:
        row = []
        for v in variables:
            cell = b.get(v)
            if cell is None:
                row.append("")
            elif cell["type"] == "bnode":
                row.append("_:" + cell["value"])
            else:
                row.append(cell["value"])
        rows[tuple(row)] += 1
    return rows


def clients(args):
    url, query_path, csv_path = args
    with open(query_path, encoding="utf-8") as f:
        query = f.read()
    header, expected = read_csv_rows(csv_path)
    problems = []
    from SPARQLWrapper import SPARQLWrapper, JSON, POST
    for method in ("GET", POST):
        w = SPARQLWrapper(url + "sparql")
        w.setQuery(query)
        w.setReturnFormat(JSON)
        w.setMethod(method)
        doc = w.query().convert()
        got = json_rows(doc["head"]["vars"], doc["results"]["bindings"])
        if doc["head"]["vars"] != header or got != expected:
            problems.append(f"SPARQLWrapper {method}: {sum(got.values())} rows, "
                            f"expected {sum(expected.values())}")
    import rdflib
    from rdflib.plugins.stores.sparqlstore import SPARQLStore
    store = SPARQLStore(query_endpoint=url + "sparql", returnFormat="json")
    result = rdflib.Graph(store=store).query(query)
    got = collections.Counter()
    for row in result:
        got[tuple("" if v is None else (("_:" + str(v)) if isinstance(v, rdflib.BNode) else str(v))
                  for v in row)] += 1
    if [str(v) for v in result.vars] != header or got != expected:
        problems.append(f"rdflib SPARQLStore: {sum(got.values())} rows, expected {sum(expected.values())}")
    if not expected:
        problems.append("no row: nothing compared")
    return fail(problems) if problems else 0


def limits(args):
    (url,) = args
    problems = []
    status, headers, body = request(url, params={"query": "SELECT * WHERE { ?s ?p ?o }"})
    if status != 503 or b"rows" not in body:
        problems.append(f"row limit: HTTP {status}: {body[:200]!r}")
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    status, headers, body = request(url, params={"query": query})
    if status != 503 or not re.search(rb"time|second", body):
        problems.append(f"time limit: HTTP {status}: {body[:200]!r}")
    status, headers, body = request(url, params={"query": "ASK { ?s ?p ?o }"})
    if status != 200:
        problems.append(f"after the limits, a small query: HTTP {status}")
    return fail(problems) if problems else 0


def percentile(sorted_values, p):
    return sorted_values[min(len(sorted_values) - 1, int(p / 100 * len(sorted_values)))]


def load(args):
    url, n, threads = args[0], int(args[1]), int(args[2])
    work = []
    for pair in args[3:]:
        query_path, csv_path = pair.split("=", 1)
        with open(query_path, encoding="utf-8") as f, open(csv_path, "rb") as g:
            work.append((os.path.basename(query_path), f.read(), g.read()))

    def one(i):
        name, query, expected = work[i % len(work)]
        started = time.perf_counter()
        status, headers, body = request(url, "POST", body=form({"query": query}),
                                        headers={**FORM_TYPE, "Accept": "text/csv"})
        elapsed = time.perf_counter() - started
        problem = None if status == 200 and body == expected else f"{name}: HTTP {status}, " \
            f"{'same' if body == expected else 'different'} answer"
        return elapsed, problem

    started = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(threads) as pool:
        results = list(pool.map(one, range(n)))
    wall = time.perf_counter() - started
    problems = [p for _, p in results if p]
    latencies = sorted(e for e, _ in results)
    print(f"{n} requests from {threads} clients in {wall:.2f} s: {n / wall:.1f} requests/s; "
          f"latency ms p50 {percentile(latencies, 50) * 1e3:.1f}, p90 "
          f"{percentile(latencies, 90) * 1e3:.1f}, p99 {percentile(latencies, 99) * 1e3:.1f}, "
          f"max {latencies[-1] * 1e3:.1f}; failed {len(problems)}")
    return fail(problems[:10] + [f"{len(problems)} failed"]) if problems else 0


def wait(args):
    path, pid, seconds = args[0], int(args[1]), float(args[2])
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with open(path, encoding="utf-8") as f:
                m = re.search(r"listening on (http://\S+/) ", f.read())
            if m:
                print(m.group(1))
                return 0
        except FileNotFoundError:
            pass
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            print(f"ildkg serve (pid {pid}) exited before it listened", file=sys.stderr)
            return 2
        time.sleep(0.05)
    print(f"ildkg serve did not listen within {seconds} s", file=sys.stderr)
    return 1


def main(argv):
    if len(argv) < 2:
        return fail([__doc__])
    command, args = argv[1], argv[2:]
    if command == "suite":
        if not REVIEW:
            return fail(["ILDKG_RELEASE_IRI must name the endpoint's graph (tests/cli/lib.sh sets it)"])
        return Suite(args[0], int(args[1]), args[2]).run()
    commands = {"wait": wait, "bindings": bindings, "clients": clients, "limits": limits,
                "load": load}
    if command not in commands:
        return fail([f"unknown command {command}", __doc__])
    return commands[command](args)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
