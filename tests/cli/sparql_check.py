#!/usr/bin/env python3
"""Checks of ildkg's query answers for tests/cli/sparql.sh, with rdflib (an independent
SPARQL engine and results parser).

  sparql_check.py same DATA QUERY ANSWER.json   ildkg's JSON answer (ANSWER.json) has the
                                                 rows rdflib gives for QUERY on DATA
  sparql_check.py rows ANSWER.json CSV          the rows are the CSV lines given (multiset;
                                                 values by their text, '' for unbound)
  sparql_check.py json ANSWER.json              SPARQL 1.1 JSON results, checked by structure
                                                 and read by rdflib's parser
  sparql_check.py xml ANSWER.xml                SPARQL XML results, likewise
  sparql_check.py csv|tsv ANSWER                read by rdflib's CSV / TSV results parser

Exit 0 when the check holds, 1 with the reason on stderr otherwise.
"""
import collections
import io
import json
import re
import sys
import xml.etree.ElementTree as ET

from rdflib import BNode, ConjunctiveGraph, Graph
from rdflib.query import Result

SRX = "{http://www.w3.org/2005/sparql-results#}"


def fail(why):
    sys.stderr.write(why + "\n")
    sys.exit(1)


def show(term):
    # blank nodes compare as one: their labels are each engine's own
    return "" if term is None else "_:" if isinstance(term, BNode) else term.n3()


def rows_of(result):
    names = [str(v) for v in result.vars]
    return names, collections.Counter(
        tuple(show(row.get(v)) for v in result.vars) for row in result.bindings)


def read_json(path):
    with open(path, "rb") as f:
        return Result.parse(f, format="json")


def check_same(data, query, answer):
    # for TriG, a dataset whose default graph is the merge of all, as ildkg's is
    g = ConjunctiveGraph() if data.endswith(".trig") else Graph()
    g.parse(data, format="trig" if data.endswith(".trig") else "turtle")
    with open(query, encoding="utf-8") as f:
        expected = g.query(f.read())
    mine = read_json(answer)
    if expected.type == "ASK":
        if mine.askAnswer != expected.askAnswer:
            fail("ASK: ildkg %s, rdflib %s" % (mine.askAnswer, expected.askAnswer))
        return
    en, er = rows_of(expected)
    mn, mr = rows_of(mine)
    if sorted(en) != sorted(mn):
        fail("variables: ildkg %s, rdflib %s" % (mn, en))
    order = [mn.index(v) for v in en]
    mr = collections.Counter({tuple(r[i] for i in order): c for r, c in mr.items()})
    if er != mr:
        fail("rows differ:\n  only rdflib: %s\n  only ildkg: %s" % (
            list((er - mr).elements())[:5], list((mr - er).elements())[:5]))
    # An ORDER BY over every projected variable orders the rows fully: then the order is
    # part of the answer, and must be rdflib's.
    clause = re.search(r"\bORDER\s+BY\b([^{}]*)$", open(query, encoding="utf-8").read(), re.I)
    if clause and set(en) <= set(re.findall(r"[?$](\w+)", clause.group(1))):
        want = [tuple(show(row.get(v)) for v in expected.vars) for row in expected.bindings]
        got = [tuple(show(row.get(mine.vars[mn.index(v)])) for v in en) for row in mine.bindings]
        if want != got:
            first = next(i for i, (w, g) in enumerate(zip(want, got)) if w != g)
            fail("the rows are in another order than rdflib's (ORDER BY); first at row %d:\n"
                 "  rdflib: %s\n  ildkg: %s" % (first + 1, want[first], got[first]))


def check_rows(answer, csv_lines):
    mine = read_json(answer)
    got = collections.Counter(
        ",".join("" if row.get(v) is None else str(row.get(v)) for v in mine.vars)
        for row in mine.bindings)
    want = collections.Counter(line for line in csv_lines.split("\n") if line)
    if got != want:
        fail("rows: got %s, want %s" % (sorted(got.elements()), sorted(want.elements())))


def check_json(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)  # strict JSON: a \U escape or a raw control fails here
    names = doc["head"].get("vars", [])
    if "boolean" in doc:
        if not isinstance(doc["boolean"], bool):
            fail("boolean is not a JSON boolean")
    else:
        for binding in doc["results"]["bindings"]:
            for name, value in binding.items():
                if name not in names:
                    fail("binding of %s, not in head.vars" % name)
                if value.get("type") not in ("uri", "literal", "bnode"):
                    fail("type %r" % value.get("type"))
                if not isinstance(value.get("value"), str):
                    fail("value of %s is not a string" % name)
                if "xml:lang" in value and "datatype" in value:
                    fail("both xml:lang and datatype")
    read_json(path)


def check_xml(path):
    root = ET.parse(path).getroot()
    if root.tag != SRX + "sparql":
        fail("root element %s" % root.tag)
    head = root.find(SRX + "head")
    names = [v.get("name") for v in head.findall(SRX + "variable")] if head is not None else None
    if names is None:
        fail("no head")
    results, boolean = root.find(SRX + "results"), root.find(SRX + "boolean")
    if (results is None) == (boolean is None):
        fail("exactly one of results and boolean")
    for result in results if results is not None else []:
        if result.tag != SRX + "result":
            fail("%s in results" % result.tag)
        for binding in result:
            if binding.tag != SRX + "binding" or binding.get("name") not in names:
                fail("binding %s" % binding.get("name"))
            if len(binding) != 1 or binding[0].tag not in (SRX + "uri", SRX + "literal", SRX + "bnode"):
                fail("binding %s holds %s" % (binding.get("name"), [e.tag for e in binding]))
    with open(path, "rb") as f:
        Result.parse(f, format="xml")


def check_delimited(path, fmt):
    with open(path, "rb") as f:
        data = f.read()
    if fmt == "csv":
        Result.parse(io.BytesIO(data), format="csv")
    else:
        Result.parse(io.StringIO(data.decode("utf-8")), format="tsv")


def main(argv):
    command = argv[1]
    if command == "same":
        check_same(argv[2], argv[3], argv[4])
    elif command == "rows":
        check_rows(argv[2], argv[3])
    elif command == "json":
        check_json(argv[2])
    elif command == "xml":
        check_xml(argv[2])
    elif command in ("csv", "tsv"):
        check_delimited(argv[2], command)
    else:
        fail("unknown command %s" % command)


if __name__ == "__main__":
    try:
        main(sys.argv)
    except SystemExit:
        raise
    except Exception as e:  # noqa: BLE001 - any parser error is a failed check
        fail("%s: %s" % (type(e).__name__, e))
