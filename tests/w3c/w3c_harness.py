#!/usr/bin/env python3
"""Run the W3C SPARQL 1.0/1.1 query test suites through `ildkg query`.

The suites are never copied into the project: they are read from --suite DIR,
$ILDKG_W3C_DIR or $ILDKG_SHARED_DIR/reference/w3c-sparql-tests (DIR may be the
directory holding sparql/ or sparql/ itself).

Which tests (see MANIFESTS):
  * query evaluation tests (mf:QueryEvaluationTest, mf:CSVResultFormatTest) whose
    action has exactly one default-graph file (qt:data) and no qt:graphData and
    no qt:serviceData;
  * query syntax tests (mf:Positive/NegativeSyntaxTest[11]) whose action is a .rq
    file (update syntax, .ru, is skipped).
Tests whose approval is Withdrawn or Rejected are skipped.

Each test is one subprocess `ildkg query --data FILE -f FMT QUERY.rq`, run in the
test's directory, and is classified as exactly one of
  pass, refused, accepted (negative syntax test exits 0), wrong, crash, timeout.

Only Python 3 and rdflib are needed.  The exit status is 0 when no test is
wrong, crashed or timed out (and --check-doc / --min-pass hold), 1 otherwise,
2 on a usage or set-up error.
"""

import argparse
import collections
import concurrent.futures
import decimal
import difflib
import io
import json
import logging
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import rdflib

# Keep lexical forms as written: with normalisation on, rdflib turns
# "01"^^xsd:integer into "1"^^xsd:integer, and the comparison must see the difference.
rdflib.NORMALIZE_LITERALS = False

from rdflib import BNode, Graph, Literal, Namespace, RDF, URIRef  # noqa: E402
from rdflib.collection import Collection  # noqa: E402
from rdflib.compare import graph_diff, isomorphic, to_isomorphic  # noqa: E402
from rdflib.query import Result  # noqa: E402

# rdflib logs a warning for every ill-typed literal ("abc"^^xsd:integer), which
# several tests use on purpose.
logging.getLogger("rdflib").setLevel(logging.ERROR)

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
DAWGT = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#")
RS = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/result-set#")
XSD = "http://www.w3.org/2001/XMLSchema#"
XSD_STRING = XSD + "string"
RDF_LANGSTRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
SRX_NS = "{http://www.w3.org/2005/sparql-results#}"

# Top-level manifests, relative to the sparql/ directory.  The evaluation set is
# sparql10 evaluation + sparql11 query + sparql11 result formats (csv-tsv-res,
# json-res): that gives 250 + 203 + 10 = 463 evaluation tests.  The syntax tests
# come from the SPARQL 1.0 syntax manifest and sparql11/syntax-query (included by
# the SPARQL 1.1 query manifest); the SPARQL 1.1 update manifests are not read.
MANIFESTS = [
    "sparql10/manifest-evaluation.ttl",
    "sparql10/manifest-syntax.ttl",
    "sparql11/manifest-sparql11-query.ttl",
    "sparql11/manifest-sparql11-results.ttl",
]

EVAL_TYPES = {MF.QueryEvaluationTest: "eval", MF.CSVResultFormatTest: "eval"}
SYNTAX_TYPES = {
    MF.PositiveSyntaxTest: "positive-syntax",
    MF.PositiveSyntaxTest11: "positive-syntax",
    MF.NegativeSyntaxTest: "negative-syntax",
    MF.NegativeSyntaxTest11: "negative-syntax",
}
CLASSES = ["pass", "refused", "accepted", "wrong", "crash", "timeout"]
BAD_CLASSES = ("wrong", "crash", "timeout")
REFUSAL_STATUSES = (65, 69, 75)  # EX_DATAERR, EX_UNAVAILABLE, EX_TEMPFAIL
DATA_EXTENSIONS = {".ttl", ".nt", ".rdf", ".nq", ".owl"}
RDF_FORMATS = {".ttl": "turtle", ".n3": "turtle", ".nt": "nt", ".rdf": "xml", ".owl": "xml"}
SANITIZER_TEXT = ("ERROR: AddressSanitizer", "ERROR: LeakSanitizer", "runtime error:")


class HarnessError(Exception):
    """A problem with the suite or the harness itself, not with ildkg."""


# ---------------------------------------------------------------------------
# Manifests

def file_path(node):
    s = str(node)
    if not s.startswith("file://"):
        raise HarnessError("not a local file: %s" % s)
    return s[len("file://"):]


def local_name(iri):
    s = str(iri)
    for sep in ("#", "/"):
        if sep in s:
            tail = s.rsplit(sep, 1)[1]
            if tail:
                return tail
    return s


def load_manifest(path, root, seen, tests, counts):
    path = os.path.normpath(path)
    if path in seen:
        return
    seen.add(path)
    g = Graph()
    g.parse(path, format="turtle", publicID="file://" + path)
    folder = os.path.relpath(os.path.dirname(path), root)
    for m in g.subjects(RDF.type, MF.Manifest):
        for lst in g.objects(m, MF.include):
            for inc in Collection(g, lst):
                load_manifest(file_path(inc), root, seen, tests, counts)
        for lst in g.objects(m, MF.entries):
            for t in Collection(g, lst):
                collect_test(g, t, folder, root, tests, counts)


def collect_test(g, t, folder, root, tests, counts):
    types = set(g.objects(t, RDF.type))
    kind = None
    for ty in types:
        kind = EVAL_TYPES.get(ty) or SYNTAX_TYPES.get(ty) or kind
    if kind is None:
        counts["other test types"] += 1
        return
    approval = [local_name(a).lower() for p in (MF.approval, DAWGT.approval)
                for a in g.objects(t, p)]
    if any(a in ("withdrawn", "rejected") for a in approval):
        counts["skipped %s (withdrawn/rejected)" % kind] += 1
        return
    name = local_name(t) if isinstance(t, URIRef) else str(g.value(t, MF.name))
    action = g.value(t, MF.action)
    test = {
        "folder": folder, "name": name, "iri": str(t), "kind": kind,
        "title": str(g.value(t, MF.name) or ""),
        "approval": ",".join(sorted(approval)),
        "requires": sorted(local_name(r) for r in g.objects(t, MF.requires)),
        "csv": MF.CSVResultFormatTest in types,
        "lax": any(local_name(c) == "LaxCardinality" for c in g.objects(t, MF.resultCardinality)),
    }
    if kind == "eval":
        data = list(g.objects(action, QT.data))
        if (len(data) != 1 or list(g.objects(action, QT.graphData))
                or list(g.objects(action, QT.serviceData))):
            counts["eval tests not run (dataset other than one default-graph file)"] += 1
            return
        test["query"] = file_path(g.value(action, QT.query))
        test["data"] = file_path(data[0])
        result = g.value(t, MF.result)
        if result is None:
            counts["eval tests not run (no mf:result)"] += 1
            return
        test["result"] = file_path(result)
    else:
        q = g.value(action, QT.query) if not isinstance(action, URIRef) else action
        test["query"] = file_path(q)
        if not test["query"].endswith(".rq"):
            counts["skipped %s (not a .rq query)" % kind] += 1
            return
    counts["collected " + kind] += 1
    tests.append(test)


def collect_tests(sparql_dir):
    tests, counts, seen = [], collections.Counter(), set()
    for m in MANIFESTS:
        path = os.path.join(sparql_dir, m)
        if not os.path.exists(path):
            raise HarnessError("manifest not found: %s" % path)
        load_manifest(path, sparql_dir, seen, tests, counts)
    keys = collections.Counter((t["folder"], t["name"]) for t in tests)
    for t in tests:  # a test name must be unique within its folder
        if keys[(t["folder"], t["name"])] > 1:
            t["name"] = t["iri"]
    return tests, counts


# ---------------------------------------------------------------------------
# Queries: a skeleton without comments, strings and IRIs, to find the form and
# a top-level ORDER BY.

IRIREF_RE = re.compile(r'<[^<>"{}|^`\\\x00-\x20]*>')


def skeleton(text):
    out, i, n = [], 0, len(text)
    while i < n:
        c = text[i]
        if c == "#":
            j = text.find("\n", i)
            i = n if j < 0 else j
        elif c in "\"'":
            long = text.startswith(c * 3, i)
            end = c * 3 if long else c
            j = i + len(end)
            while j < n and not text.startswith(end, j):
                j += 2 if text[j] == "\\" else 1
            i = j + len(end)
            out.append('""')
        elif c == "<" and IRIREF_RE.match(text, i):
            i = IRIREF_RE.match(text, i).end()
            out.append("<>")
        else:
            out.append(c)
            i += 1
    return "".join(out)


PROLOGUE_RE = re.compile(r"^\s*(?:PREFIX\s+[^\s:]*:\s*<>|BASE\s*<>)", re.I)
FORM_RE = re.compile(r"\s*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.I)
ORDER_RE = re.compile(r"\bORDER\s+BY\b", re.I)
ORDER_END_RE = re.compile(r"\b(?:LIMIT|OFFSET|VALUES)\b", re.I)
SIMPLE_ORDER_RE = re.compile(r"^(?:\s*(?:(?:ASC|DESC)\s*\(\s*[?$]\w+\s*\)|[?$]\w+))+\s*$", re.I)


def query_form(text):
    """SELECT, ASK, CONSTRUCT or DESCRIBE: rdflib's parser first, then a scan."""
    try:
        from rdflib.plugins.sparql import prepareQuery
        name = prepareQuery(text).algebra.name
        form = {"SelectQuery": "SELECT", "AskQuery": "ASK",
                "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}.get(name)
        if form:
            return form
    except Exception:
        pass
    sk = skeleton(text)
    while True:
        m = PROLOGUE_RE.match(sk)
        if not m:
            break
        sk = sk[m.end():]
    m = FORM_RE.match(sk)
    return m.group(1).upper() if m else "SELECT"


def order_by(text):
    """(variables of a top-level ORDER BY, whether it only names variables), or None."""
    sk, depth = skeleton(text), 0
    for i, c in enumerate(sk):
        if c == "{":
            depth += 1
        elif c == "}":
            depth -= 1
        elif depth == 0 and c in "oO":
            m = ORDER_RE.match(sk, i)
            if m and (i == 0 or not (sk[i - 1].isalnum() or sk[i - 1] == "_")):
                rest = sk[m.end():]
                e = ORDER_END_RE.search(rest)
                clause = rest[:e.start()] if e else rest
                names = []
                for v in re.findall(r"[?$](\w+)", clause):
                    if v not in names:
                        names.append(v)
                return names, bool(SIMPLE_ORDER_RE.match(clause))
    return None


# ---------------------------------------------------------------------------
# Terms: ("u", iri), ("b", label), ("l", lexical, datatype or None, lang or None).
# A plain literal and "..."^^xsd:string are the same term (RDF 1.1); language
# tags are compared in lower case; numbers are never compared by value.

def lit(lex, datatype=None, lang=None):
    if lang:
        return ("l", lex, None, lang.lower())
    if datatype in (None, XSD_STRING, RDF_LANGSTRING):
        datatype = None
    return ("l", lex, datatype, None)


def from_rdflib(t):
    if isinstance(t, URIRef):
        return ("u", str(t))
    if isinstance(t, BNode):
        return ("b", str(t))
    if isinstance(t, Literal):
        return lit(str(t), str(t.datatype) if t.datatype else None, t.language)
    raise HarnessError("unexpected term %r" % (t,))


def show_term(t):
    if t is None:
        return "UNDEF"
    if t[0] == "u":
        return "<%s>" % t[1]
    if t[0] == "b":
        return "_:" + (t[1] if len(t) > 1 else "")
    if t[0] == "s":  # a CSV cell
        return json.dumps(t[1])
    if t[0] == "n":  # a number by value (value_hint)
        return "%s^^<%s> (by value)" % (t[2], t[1])
    s = json.dumps(t[1], ensure_ascii=False)
    if t[3]:
        return s + "@" + t[3]
    if t[2]:
        return s + "^^<%s>" % t[2]
    return s


def show_row(row, limit=200):
    s = "{" + ", ".join("?%s=%s" % (k, show_term(v)) for k, v in sorted(row)) + "}"
    return s if len(s) <= limit else s[:limit] + "..."


# A result: {"type": "select", "vars": [...], "rows": [frozenset((var, term))], "ordered": bool}
# or {"type": "ask", "value": bool} or {"type": "graph", "graph": Graph}.

def select_result(vars_, rows, ordered):
    return {"type": "select", "vars": [str(v) for v in vars_],
            "rows": [frozenset((str(k), v) for k, v in r.items() if v is not None) for r in rows],
            "ordered": ordered}


def from_rdflib_result(res):
    if res.type == "ASK":
        return {"type": "ask", "value": bool(res.askAnswer)}
    if res.type != "SELECT":
        raise HarnessError("unexpected result type %s" % res.type)
    return select_result(res.vars or [], [{k: from_rdflib(v) for k, v in b.items() if v is not None}
                                          for b in res.bindings], True)


def read_srx_own(path):
    # Our own reader for every .srx: rdflib 6.1 raises on an invalid language tag
    # and miscounts results around XML comments.
    import xml.etree.ElementTree as ET
    root = ET.parse(path).getroot()
    b = root.find(SRX_NS + "boolean")
    if b is not None:
        return {"type": "ask", "value": b.text.strip().lower() == "true"}
    vars_ = [v.get("name") for v in root.iter(SRX_NS + "variable")]
    rows = []
    for r in root.find(SRX_NS + "results"):
        row = {}
        for binding in r:
            e = binding[0]
            if e.tag == SRX_NS + "uri":
                row[binding.get("name")] = ("u", e.text or "")
            elif e.tag == SRX_NS + "bnode":
                row[binding.get("name")] = ("b", e.text or "")
            else:
                row[binding.get("name")] = lit(e.text or "", e.get("datatype"),
                                               e.get("{http://www.w3.org/XML/1998/namespace}lang"))
        rows.append(row)
    return select_result(vars_, rows, True)


def read_srj_own(path):
    with open(path, encoding="utf-8") as f:
        return srj_result(json.load(f))


def srj_result(d):
    if "boolean" in d:
        return {"type": "ask", "value": bool(d["boolean"])}
    rows = []
    for b in d["results"]["bindings"]:
        row = {}
        for k, v in b.items():
            if v.get("type") == "unbound":  # only in the lenient re-read of ildkg's output
                continue
            if v["type"] == "uri":
                row[k] = ("u", v["value"])
            elif v["type"] == "bnode":
                row[k] = ("b", v["value"])
            else:
                row[k] = lit(v["value"], v.get("datatype"), v.get("xml:lang"))
        rows.append(row)
    return select_result(d["head"].get("vars", []), rows, True)


TSV_STRING_ESCAPES = {"t": "\t", "n": "\n", "r": "\r", "b": "\b", "f": "\f",
                      '"': '"', "'": "'", "\\": "\\"}


def unescape(s):
    out, i = [], 0
    while i < len(s):
        c = s[i]
        if c == "\\" and i + 1 < len(s):
            e = s[i + 1]
            if e == "u":
                out.append(chr(int(s[i + 2:i + 6], 16)))
                i += 6
                continue
            if e == "U":
                out.append(chr(int(s[i + 2:i + 10], 16)))
                i += 10
                continue
            out.append(TSV_STRING_ESCAPES.get(e, e))
            i += 2
            continue
        out.append(c)
        i += 1
    return "".join(out)


TSV_LITERAL_RE = re.compile(r'^("(?:[^"\\]|\\.)*"|\'(?:[^\'\\]|\\.)*\')(?:@([A-Za-z0-9-]+)|\^\^<([^>]*)>)?$')


def tsv_term(s):
    if s == "":
        return None
    if s.startswith("<") and s.endswith(">"):
        return ("u", s[1:-1])
    if s.startswith("_:"):
        return ("b", s[2:])
    m = TSV_LITERAL_RE.match(s)
    if m:
        return lit(unescape(m.group(1)[1:-1]), m.group(3), m.group(2))
    if re.match(r"^[+-]?\d+$", s):
        return lit(s, XSD + "integer")
    if re.match(r"^[+-]?\d*\.\d+$", s):
        return lit(s, XSD + "decimal")
    if re.match(r"^[+-]?(?:\d+\.?\d*|\.\d+)[eE][+-]?\d+$", s):
        return lit(s, XSD + "double")
    if s in ("true", "false"):
        return lit(s, XSD + "boolean")
    raise HarnessError("cannot read TSV term %r" % s)


def read_tsv(path):
    # Our own reader: rdflib 6.1's TSV parser keeps unbound cells as None in the
    # row, leaves a trailing \r in the last cell, and prints parse errors and
    # returns None instead of raising.
    with open(path, encoding="utf-8", newline="") as f:
        lines = f.read().split("\n")
    lines = [ln[:-1] if ln.endswith("\r") else ln for ln in lines]
    while lines and lines[-1] == "":
        lines.pop()
    vars_ = [v.strip()[1:] for v in lines[0].split("\t")]
    rows = []
    for ln in lines[1:]:
        cells = ln.split("\t")
        rows.append({v: tsv_term(c) for v, c in zip(vars_, cells)})
    return select_result(vars_, rows, True)


def read_csv_text(text):
    # CSV results lose term types: a cell is ("s", text), a blank node ("b", label).
    import csv
    reader = csv.reader(io.StringIO(text, newline=""))
    lines = list(reader)
    if not lines:
        raise HarnessError("empty CSV")
    vars_ = lines[0]
    rows = []
    for cells in lines[1:]:
        row = {}
        for v, c in zip(vars_, cells):
            if c == "":
                continue
            row[v] = ("b", c[2:]) if c.startswith("_:") else ("s", c)
        rows.append(row)
    return select_result(vars_, rows, True)


def parse_rdf_file(path):
    ext = os.path.splitext(path)[1]
    fmt = RDF_FORMATS.get(ext)
    if fmt is None:
        raise HarnessError("no RDF syntax known for %s" % path)
    g = Graph()
    g.parse(path, format=fmt, publicID="file://" + path)
    return g


def read_rs_graph(g):
    """A result set in the rs: vocabulary (our own reader, rdflib has none)."""
    rs = g.value(None, RDF.type, RS.ResultSet)
    if rs is None:
        rs = next(iter(g.subjects(RS.solution, None)), None) or next(iter(g.subjects(RS.boolean, None)), None)
    if rs is None:
        return None
    b = g.value(rs, RS.boolean)
    if b is not None:
        return {"type": "ask", "value": str(b).strip().lower() in ("true", "1")}
    vars_ = [str(v) for v in g.objects(rs, RS.resultVariable)]
    sols = []
    for sol in g.objects(rs, RS.solution):
        row = {}
        for bnd in g.objects(sol, RS.binding):
            row[str(g.value(bnd, RS.variable))] = from_rdflib(g.value(bnd, RS.value))
        idx = g.value(sol, RS["index"])  # RS.index would be str.index
        sols.append((int(idx) if idx is not None else None, row))
    ordered = bool(sols) and all(i is not None for i, _ in sols)
    if ordered:
        sols.sort(key=lambda s: s[0])
    return select_result(sorted(vars_), [r for _, r in sols], ordered)


def read_expected(path, form, csv_test):
    ext = os.path.splitext(path)[1]
    if csv_test:
        with open(path, encoding="utf-8", newline="") as f:
            return read_csv_text(f.read())
    if ext in (".srx", ".xml"):
        # rdflib 6.1's XML results parser counts an XML comment between results as one
        # more (empty) result (sparql11/functions/concat02.srx: 62 results for 49)
        return read_srx_own(path)
    if ext == ".srj":
        try:
            with open(path, "rb") as f:
                return from_rdflib_result(Result.parse(f, format="json"))
        except Exception:
            return read_srj_own(path)
    if ext == ".tsv":
        return read_tsv(path)
    if ext == ".csv":
        with open(path, encoding="utf-8", newline="") as f:
            return read_csv_text(f.read())
    g = parse_rdf_file(path)
    if form in ("CONSTRUCT", "DESCRIBE"):
        return {"type": "graph", "graph": g}
    res = read_rs_graph(g)
    if res is None:
        raise HarnessError("no rs:ResultSet in %s" % path)
    return res


# ---------------------------------------------------------------------------
# Comparison

def has_bnode(row):
    return any(t[0] == "b" for _, t in row)


def shape(row):
    return frozenset((k, ("b",) if t[0] == "b" else t) for k, t in row)


def match_bnode_rows(exp, act, limit=200000):
    """Find a bijection of blank node labels mapping the rows `act` onto `exp`
    (both lists of rows with blank nodes, same length); True when one exists."""
    by_shape = collections.defaultdict(list)
    for i, r in enumerate(act):
        by_shape[shape(r)].append(i)
    order = sorted(range(len(exp)), key=lambda i: len(by_shape[shape(exp[i])]))
    used = [False] * len(act)
    fwd, back = {}, {}  # exp label -> act label, and back
    steps = [0]

    def bind(er, ar):
        added = []
        ad = dict(ar)
        for k, t in er:
            a = ad.get(k)
            if t[0] != "b":
                continue
            if a is None or a[0] != "b":
                break
            if t[1] in fwd:
                if fwd[t[1]] != a[1]:
                    break
            elif a[1] in back:
                break
            else:
                fwd[t[1]] = a[1]
                back[a[1]] = t[1]
                added.append(t[1])
        else:
            return added
        for e in added:
            del back[fwd.pop(e)]
        return None

    def go(n):
        if n == len(order):
            return True
        steps[0] += 1
        if steps[0] > limit:
            raise HarnessError("blank node matching gave up after %d steps" % limit)
        er = exp[order[n]]
        for j in by_shape[shape(er)]:
            if used[j]:
                continue
            added = bind(er, act[j])
            if added is None:
                continue
            used[j] = True
            if go(n + 1):
                return True
            used[j] = False
            for e in added:
                del back[fwd.pop(e)]
        return False

    return go(0)


def diff_rows(exp, act):
    # Shown with every blank node as `_:`, so that the rows that differ only by
    # their labels cancel out and the message is the same from run to run.
    ce, ca = collections.Counter(map(shape, exp)), collections.Counter(map(shape, act))
    missing = list((ce - ca).elements())
    extra = list((ca - ce).elements())
    parts = ["expected %d rows, got %d" % (len(exp), len(act))]
    if missing:
        parts.append("missing %d: %s" % (len(missing), "; ".join(show_row(r) for r in missing[:3])))
    if extra:
        parts.append("unexpected %d: %s" % (len(extra), "; ".join(show_row(r) for r in extra[:3])))
    return ", ".join(parts)


def compare_rows(exp, act, lax=False):
    """None when the multisets of rows are equal (up to blank node renaming), else why not."""
    if lax:
        # mf:LaxCardinality (REDUCED): each row may occur from once up to as
        # often as expected.
        ce, ca = collections.Counter(exp), collections.Counter(act)
        if set(ce) == set(ca) and all(ca[r] <= ce[r] for r in ca):
            return None
        return "lax cardinality: " + diff_rows(sorted(set(exp), key=str), sorted(set(act), key=str))
    if len(exp) != len(act):
        return diff_rows(exp, act)
    ge = [r for r in exp if not has_bnode(r)]
    ga = [r for r in act if not has_bnode(r)]
    if collections.Counter(ge) != collections.Counter(ga):
        return diff_rows(exp, act)
    be = [r for r in exp if has_bnode(r)]
    ba = [r for r in act if has_bnode(r)]
    if collections.Counter(map(shape, be)) != collections.Counter(map(shape, ba)):
        return diff_rows(exp, act)
    if be and not match_bnode_rows(be, ba):
        return "no consistent renaming of blank nodes: " + diff_rows(exp, act)
    return None


def order_key(row, names):
    d = dict(row)
    # Blank nodes have no defined order among themselves: all of them tie.
    return tuple(("b",) if d.get(v) is not None and d[v][0] == "b" else by_value(d.get(v))
                 for v in names)


def compare_order(exp, act, names):
    ke = [order_key(r, names) for r in exp]
    ka = [order_key(r, names) for r in act]
    if ke == ka:
        return None
    i = next(i for i, (a, b) in enumerate(zip(ke, ka)) if a != b)
    return "order of (%s) differs at row %d: expected %s, got %s" % (
        ", ".join("?" + v for v in names), i + 1,
        ", ".join(show_term(t) if t != ("b",) else "_:" for t in ke[i]),
        ", ".join(show_term(t) if t != ("b",) else "_:" for t in ka[i]))


def normalise_graph(g):
    n = Graph()
    for s, p, o in g:
        if isinstance(o, Literal):
            dt = o.datatype if o.datatype and str(o.datatype) != XSD_STRING else None
            o = Literal(str(o), lang=o.language.lower() if o.language else None,
                        datatype=None if o.language else dt)
        n.add((s, p, o))
    return n


def compare_graphs(exp, act):
    e, a = normalise_graph(exp), normalise_graph(act)
    if isomorphic(e, a):
        return None
    _, only_e, only_a = graph_diff(to_isomorphic(e), to_isomorphic(a))
    parts = ["graphs differ: expected %d triples, got %d" % (len(e), len(a))]
    for label, gr in (("missing", only_e), ("unexpected", only_a)):
        ts = sorted(" ".join(x.n3() for x in t) for t in gr)
        if ts:
            parts.append("%s %d: %s" % (label, len(ts), "; ".join(ts[:3])[:400]))
    return ", ".join(parts)


NUMERIC_TYPES = {XSD + t for t in (
    "integer", "decimal", "double", "float", "int", "long", "short", "byte",
    "nonNegativeInteger", "nonPositiveInteger", "positiveInteger", "negativeInteger",
    "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}


def by_value(term):
    """A number as its datatype and value: the suite's expected answers write computed
    numbers in several lexical forms ("1050" and "2.0E-1" for xsd:double, "6" for an
    xsd:decimal sum), so numbers of the same datatype are equal when their values are."""
    if term is not None and term[0] == "l" and term[2] in NUMERIC_TYPES:
        try:
            if term[2] in (XSD + "double", XSD + "float"):
                return ("n", term[2], repr(float(term[1])))
            return ("n", term[2], str(decimal.Decimal(term[1].strip()).normalize()))
        except (ValueError, decimal.InvalidOperation):
            return term
    return term


def rows_by_value(rows):
    return [frozenset((k, by_value(t)) for k, t in r) for r in rows]


def value_hint(exp, act, lax):
    """A hint for a wrong answer: whether the rows are equal when numbers are
    compared by value.  It never changes the class."""
    def conv(rows):
        return [frozenset((k, by_value(t)) for k, t in r) for r in rows]
    try:
        if compare_rows(conv(exp), conv(act), lax) is None:
            return "lexical forms only (equal if numbers were compared by value): "
    except HarnessError:
        pass
    return ""


def lenient_hint(test, expected, stdout):
    """For output rdflib cannot read: read it again after mending the two known
    faults of rasqal's JSON writer ({"type": "unbound"} entries and \\U escapes),
    and say what the comparison would then give.  It never changes the class."""
    if expected["type"] != "select":
        return ""
    try:
        text = stdout.decode("utf-8")

        def utf16(m):
            c = int(m.group(2), 16)
            if c < 0x10000:
                return m.group(1) + "\\u%04X" % c
            c -= 0x10000
            return m.group(1) + "\\u%04X\\u%04X" % (0xD800 + (c >> 10), 0xDC00 + (c & 0x3FF))
        text = re.sub(r"(?<!\\)((?:\\\\)*)\\U([0-9A-Fa-f]{8})", utf16, text)
        actual = srj_result(json.loads(text))
    except Exception as e:  # noqa: BLE001
        return " [lenient re-read fails too: %s]" % one_line(str(e), 100)
    why = compare_rows(expected["rows"], actual["rows"], test["lax"])
    if why is None and test.get("order_by") and test["order_by"][0] and expected["ordered"]:
        why = compare_order(expected["rows"], actual["rows"], test["order_by"][0])
    return " [lenient re-read: %s]" % ("rows match" if why is None else one_line(why, 200))


def compare(test, expected, stdout):
    """None when ildkg's stdout is the expected answer, else a one-line reason."""
    if expected["type"] == "graph":
        g = Graph()
        try:
            g.parse(data=stdout.decode("utf-8"), format="nt")
        except Exception as e:  # noqa: BLE001 - any parser error is a wrong answer
            return "ildkg's N-Triples do not parse: %s" % one_line(str(e))
        return compare_graphs(expected["graph"], g)
    if test["csv"]:
        try:
            actual = read_csv_text(stdout.decode("utf-8"))
        except Exception as e:  # noqa: BLE001
            return "ildkg's CSV does not parse: %s" % one_line(str(e))
        if actual["vars"] != expected["vars"]:
            return "CSV header %s, expected %s" % (actual["vars"], expected["vars"])
    else:
        try:
            actual = from_rdflib_result(Result.parse(io.BytesIO(stdout), format="json"))
        except Exception as e:  # noqa: BLE001
            return "ildkg's JSON does not parse: %s: %s%s" % (
                type(e).__name__, one_line(str(e)), lenient_hint(test, expected, stdout))
    if expected["type"] == "ask":
        if actual["type"] != "ask":
            return "expected a boolean, got a %s result" % actual["type"]
        if actual["value"] != expected["value"]:
            return "expected %s, got %s" % (str(expected["value"]).lower(), str(actual["value"]).lower())
        return None
    if actual["type"] != "select":
        return "expected solutions, got a %s result" % actual["type"]
    why = compare_rows(rows_by_value(expected["rows"]), rows_by_value(actual["rows"]), test["lax"])
    if why:
        return why
    ob = test.get("order_by")
    if ob and ob[0] and expected["ordered"]:
        why = compare_order(expected["rows"], actual["rows"], ob[0])
        if why:
            return why + ("" if ob[1] else " (ORDER BY has expressions; keys are their variables)")
    return None


# ---------------------------------------------------------------------------
# Running

def one_line(s, limit=300):
    s = " ".join(s.split())
    return s if len(s) <= limit else s[:limit] + "..."


def run_one(test, ildkg, timeout, empty_ttl, tmpdir):
    cwd = os.path.dirname(test["query"])
    if test["kind"] == "eval":
        data = test["data"]
        if os.path.splitext(data)[1] not in DATA_EXTENSIONS:
            # ildkg picks the syntax by extension: give it a copy that has one.
            ext = ".ttl" if os.path.splitext(data)[1] in (".n3", ".turtle") else ".rdf"
            copy = os.path.join(tmpdir, "%d%s" % (abs(hash(data)), ext))
            shutil.copyfile(data, copy)
            data = copy
        else:
            data = os.path.relpath(data, cwd)
        fmt = "csv" if test["csv"] else ("ntriples" if test["form"] in ("CONSTRUCT", "DESCRIBE") else "json")
    else:
        # -f json for SELECT/ASK; ildkg refuses it (exit 64, usage) for a
        # CONSTRUCT or DESCRIBE, so those get -f ntriples.
        data = empty_ttl
        fmt = "ntriples" if test["form"] in ("CONSTRUCT", "DESCRIBE") else "json"
    cmd = [ildkg, "query", "--data", data, "-f", fmt, os.path.basename(test["query"])]
    for attempt in range(10):
        start = time.monotonic()
        try:
            p = subprocess.run(cmd, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, timeout=timeout)
            out = {"status": p.returncode, "stdout": p.stdout, "stderr": p.stderr}
            break
        except subprocess.TimeoutExpired as e:
            out = {"status": None, "stdout": e.stdout or b"", "stderr": e.stderr or b""}
            break
        except OSError as e:
            # The binary may be missing or half-written for a moment while it is
            # rebuilt: wait and try again before giving up.
            if attempt == 9:
                raise HarnessError("cannot run %s: %s" % (ildkg, e))
            time.sleep(3)
    out["seconds"] = time.monotonic() - start
    out["cmd"] = "ildkg query --data %s -f %s %s" % (
        os.path.basename(data) if test["kind"] != "eval" else os.path.relpath(test["data"], cwd),
        fmt, os.path.basename(test["query"]))
    return out


def refusal(stderr):
    return any(line.startswith("ildkg") for line in stderr.splitlines())


def classify(test, run):
    """(class, detail)."""
    status = run["status"]
    err = run["stderr"].decode("utf-8", "replace")
    first = one_line(next((ln for ln in err.splitlines() if ln.strip()), ""))
    if status is None:
        return "timeout", "killed after the harness timeout"
    for s in SANITIZER_TEXT:
        if s in err:
            i = err.index(s)
            return "crash", "sanitizer: " + one_line(err[i:i + 300])
    if status < 0:
        return "crash", "killed by signal %d %s" % (-status, first)
    if status >= 128:
        return "crash", "exit %d %s" % (status, first)
    kind = test["kind"]
    if status == 0:
        if kind == "negative-syntax":
            return "accepted", "exit 0 on an invalid query"
        if kind == "positive-syntax":
            return "pass", ""
        why = compare(test, test["expected"], run["stdout"])
        return ("wrong", why) if why else ("pass", "")
    if status in REFUSAL_STATUSES and err.strip():
        if kind == "negative-syntax":
            return "pass", "exit %d: %s" % (status, first)
        if refusal(err):
            return "refused", "exit %d: %s" % (status, first)
        return "crash", "exit %d without an ildkg message: %s" % (status, first)
    return "crash", "exit %d %s" % (status, first)


# ---------------------------------------------------------------------------
# Reports

def summarise(tests):
    ev = collections.OrderedDict()
    sx = collections.OrderedDict()
    for t in sorted(tests, key=lambda t: t["folder"]):
        if t["kind"] == "eval":
            c = ev.setdefault(t["folder"], collections.Counter())
            c["tests"] += 1
            c[t["class"]] += 1
        else:
            c = sx.setdefault(t["folder"], collections.Counter())
            sign = t["kind"].split("-")[0]
            c[sign] += 1
            if t["class"] in ("crash", "timeout", "wrong"):
                c["crash/timeout"] += 1
            elif sign == "positive":
                c["positive " + t["class"]] += 1
            else:
                c["negative " + ("refused" if t["class"] == "pass" else t["class"])] += 1
    return ev, sx


EV_COLS = ["tests", "pass", "refused", "wrong", "crash", "timeout"]
SX_COLS = ["positive pass", "positive refused", "negative refused", "negative accepted", "crash/timeout"]


def table(rows, cols, first="folder"):
    lines = ["| %s | %s |" % (first, " | ".join(cols)),
             "|%s|" % "|".join(["---"] + ["--:"] * len(cols))]
    total = collections.Counter()
    for name, c in rows.items():
        total.update(c)
        lines.append("| %s | %s |" % (name, " | ".join(str(c[k]) for k in cols)))
    lines.append("| **total** | %s |" % " | ".join("**%d**" % total[k] for k in cols))
    return lines, total


def text_table(rows, cols):
    w = max([len("folder"), len("total")] + [len(r) for r in rows])
    cw = [max(len(c), 5) for c in cols]
    out = ["%-*s  %s" % (w, "folder", "  ".join("%*s" % (n, c) for n, c in zip(cw, cols)))]
    total = collections.Counter()
    for name, c in rows.items():
        total.update(c)
        out.append("%-*s  %s" % (w, name, "  ".join("%*d" % (n, c[k]) for n, k in zip(cw, cols))))
    out.append("%-*s  %s" % (w, "total", "  ".join("%*d" % (n, total[k]) for n, k in zip(cw, cols))))
    return out


def make_doc(tests, counts, version):
    ev, sx = summarise(tests)
    n_ev = sum(1 for t in tests if t["kind"] == "eval")
    n_pos = sum(1 for t in tests if t["kind"] == "positive-syntax")
    n_neg = sum(1 for t in tests if t["kind"] == "negative-syntax")
    lines = [
        "# SPARQL conformance of `ildkg query`",
        "",
        "<!-- Generated by tests/w3c/w3c_harness.py --write-doc; do not edit by hand. -->",
        "",
        "`ildkg query` answers SPARQL with rasqal, and refuses (exit 69, naming the construct)",
        "what rasqal would answer wrongly. This page is the result of",
        "running the [W3C SPARQL 1.0 and 1.1 test suites](https://github.com/w3c/rdf-tests/tree/main/sparql)",
        "through it with `tests/w3c/w3c_harness.py`. The suites are not part of this project; the",
        "harness reads them from `--suite DIR`, `$ILDKG_W3C_DIR` or",
        "`$ILDKG_SHARED_DIR/reference/w3c-sparql-tests`.",
        "",
        "Version: `%s`" % version,
        "",
        "## What was run",
        "",
        "Manifests (under `sparql/`): %s." % ", ".join("`%s`" % m for m in MANIFESTS),
        "",
        "* %d query evaluation tests (`mf:QueryEvaluationTest`, `mf:CSVResultFormatTest`) whose"
        % n_ev,
        "  dataset is exactly one default-graph file (`qt:data`), without `qt:graphData` or",
        "  `qt:serviceData`. Each runs as `ildkg query --data DATA -f json QUERY.rq` (SELECT, ASK),",
        "  `-f ntriples` (CONSTRUCT, DESCRIBE) or `-f csv` (the CSV result format tests), in the",
        "  test's directory.",
        "* %d positive and %d negative query syntax tests (`mf:PositiveSyntaxTest`," % (n_pos, n_neg),
        "  `mf:NegativeSyntaxTest` and their `11` forms, `.rq` files only), each run as",
        "  `ildkg query --data empty.ttl -f json QUERY.rq` over an empty graph (`-f ntriples`",
        "  for a CONSTRUCT or DESCRIBE, which `-f json` does not fit).",
        "",
        "Left out: %d evaluation tests whose dataset is not one default-graph file (named"
        % counts["eval tests not run (dataset other than one default-graph file)"],
        "graphs, several files or none); %d tests withdrawn or rejected."
        % sum(v for k, v in counts.items() if "withdrawn" in k),
        "",
        "Classes: **pass** (the expected answer; for a negative syntax test, a refusal);",
        "**refused** (exit 65, 69 or 75 with an `ildkg` message: the query is not supported);",
        "**accepted** (a negative syntax test that exits 0); **wrong** (exit 0 with another",
        "answer); **crash** (a signal, a sanitizer report, or another exit status); **timeout**.",
        "",
        "Answers are compared as multisets of solutions, blank nodes up to renaming, literals",
        "by lexical form, datatype and language tag (a plain literal is an `xsd:string`; numbers",
        "of the same XSD datatype by value, since the suite's expected answers write computed",
        "numbers in several lexical forms, e.g. `1050` and `2.0E-1` for `xsd:double`), rows",
        "in the order of the top-level `ORDER BY` keys where the expected result is ordered;",
        "graphs by isomorphism.",
        "",
        "## How to rerun",
        "",
        "```sh",
        "make check-w3c          # the W3C tests alone (also part of make check)",
        "make sparql-conformance # rewrites this page from a run; or directly:",
        "python3 tests/w3c/w3c_harness.py --ildkg src/ildkg \\",
        "    --suite \"$ILDKG_SHARED_DIR/reference/w3c-sparql-tests\" \\",
        "    --write-doc doc/sparql-conformance.md",
        "```",
        "",
        "## Query evaluation tests",
        "",
    ]
    t1, tot1 = table(ev, EV_COLS)
    lines += t1
    lines += ["", "## Query syntax tests", ""]
    t2, tot2 = table(sx, SX_COLS)
    lines += t2
    lines += [
        "", "## Totals", "",
        "* Query evaluation: %d tests, %d pass, %d refused, %d wrong, %d crash, %d timeout."
        % (tot1["tests"], tot1["pass"], tot1["refused"], tot1["wrong"], tot1["crash"], tot1["timeout"]),
        "* Positive syntax: %d tests, %d pass, %d refused." % (n_pos, tot2["positive pass"], tot2["positive refused"]),
        "* Negative syntax: %d tests, %d refused (pass), %d accepted."
        % (n_neg, tot2["negative refused"], tot2["negative accepted"]),
        "* Syntax tests that crashed or timed out: %d." % tot2["crash/timeout"],
    ]
    bad = [t for t in tests if t["class"] in BAD_CLASSES]
    if bad:
        lines += ["", "## Wrong answers, crashes and timeouts", ""]
        for t in sorted(bad, key=lambda t: (t["folder"], t["name"])):
            lines.append("* `%s` %s: **%s**" % (t["folder"], t["name"], t["class"]))
    accepted = [t for t in tests if t["class"] == "accepted"]
    if accepted:
        lines += ["", "## Invalid queries accepted", ""]
        for t in sorted(accepted, key=lambda t: (t["folder"], t["name"])):
            lines.append("* `%s` %s" % (t["folder"], t["name"]))
    return "\n".join(lines) + "\n"


def find_suite(arg):
    d = arg or os.environ.get("ILDKG_W3C_DIR")
    if not d:
        shared = os.environ.get("ILDKG_SHARED_DIR")
        if not shared:
            raise HarnessError("no suite: give --suite DIR or set ILDKG_W3C_DIR or ILDKG_SHARED_DIR")
        d = os.path.join(shared, "reference", "w3c-sparql-tests")
    for cand in (os.path.join(d, "sparql"), d):
        if os.path.isdir(os.path.join(cand, "sparql10")) and os.path.isdir(os.path.join(cand, "sparql11")):
            return os.path.abspath(cand)
    raise HarnessError("W3C suite not found in %s" % d)


def main(argv=None):
    ap = argparse.ArgumentParser(description="Run the W3C SPARQL query test suites through ildkg.")
    ap.add_argument("--suite", help="the W3C tests (holding sparql/sparql10 and sparql/sparql11)")
    ap.add_argument("--ildkg", default=os.environ.get("ILDKG"), help="the ildkg binary (default $ILDKG)")
    ap.add_argument("--timeout", type=float, default=20.0, help="seconds a test may take (20)")
    ap.add_argument("-j", "--jobs", type=int, default=2, help="tests run at once (2)")
    ap.add_argument("--only", help="run only the tests whose folder/name or IRI matches this regex")
    ap.add_argument("-v", "--verbose", action="store_true", help="a line per test")
    ap.add_argument("--json", help="write every test's class and detail to this file")
    ap.add_argument("--write-doc", help="write the Markdown summary to this file")
    ap.add_argument("--check-doc", help="fail when this file is not what --write-doc would write")
    ap.add_argument("--min-pass", type=int, default=0, help="fail when fewer evaluation tests pass")
    args = ap.parse_args(argv)

    try:
        if not args.ildkg:
            raise HarnessError("no binary: give --ildkg PATH or set ILDKG")
        if args.only and (args.write_doc or args.check_doc):
            raise HarnessError("--only runs a subset: it cannot write or check the doc")
        ildkg = os.path.abspath(args.ildkg)
        sparql_dir = find_suite(args.suite)
        tests, counts = collect_tests(sparql_dir)
        if args.only:
            rx = re.compile(args.only)
            tests = [t for t in tests if rx.search(t["folder"] + "/" + t["name"]) or rx.search(t["iri"])]
        for attempt in range(10):
            if os.access(ildkg, os.X_OK):
                break
            time.sleep(3)  # it may be being rebuilt
        else:
            raise HarnessError("cannot run %s" % ildkg)
        version = subprocess.run([ildkg, "--version"], stdout=subprocess.PIPE,
                                 stderr=subprocess.STDOUT).stdout.decode("utf-8", "replace").strip()
        # Query analysis and expected results are read here, before the workers
        # start: rdflib's SPARQL parser (pyparsing) is not meant for threads.
        for t in tests:
            with open(t["query"], encoding="utf-8", errors="replace") as f:
                text = f.read()
            t["form"] = query_form(text)
            t["order_by"] = order_by(text) if t["kind"] == "eval" else None
            if t["kind"] == "eval":
                try:
                    t["expected"] = read_expected(t["result"], t["form"], t["csv"])
                except Exception as e:  # noqa: BLE001
                    raise HarnessError("%s/%s: cannot read %s: %s" % (t["folder"], t["name"], t["result"], e))
    except HarnessError as e:
        print("w3c_harness: %s" % e, file=sys.stderr)
        return 2

    start = time.monotonic()
    tmpdir = tempfile.mkdtemp(prefix="ildkg-w3c.")
    try:
        # The syntax tests run over an empty graph.  The file holds a comment:
        # some librdf builds assert on a zero-length Turtle string.  A refusal of
        # a syntax test only means something when this file itself loads.
        empty = os.path.join(tmpdir, "empty.ttl")
        with open(empty, "w") as f:
            f.write("# an empty graph\n")
        if any(t["kind"] != "eval" for t in tests):
            p = subprocess.run([ildkg, "query", "--data", empty, "-f", "json", "-e", "ASK {}"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=args.timeout)
            if p.returncode != 0:
                print("w3c_harness: `ildkg query --data empty.ttl -e 'ASK {}'` fails (exit %d): %s"
                      % (p.returncode, one_line(p.stderr.decode("utf-8", "replace"))), file=sys.stderr)
                return 2
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            futures = {pool.submit(run_one, t, ildkg, args.timeout, empty, tmpdir): t for t in tests}
            for fut in concurrent.futures.as_completed(futures):
                t = futures[fut]
                try:
                    run = fut.result()
                except HarnessError as e:
                    print("w3c_harness: %s" % e, file=sys.stderr)
                    return 2
                t["run"] = run
                try:
                    t["class"], t["detail"] = classify(t, run)
                except Exception as e:  # noqa: BLE001 - reported, never hidden
                    t["class"], t["detail"] = "wrong", "harness error: %s: %s" % (type(e).__name__, e)
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)
    elapsed = time.monotonic() - start
    tests.sort(key=lambda t: (t["folder"], t["name"]))

    if args.verbose:
        for t in tests:
            print("%s %s %s%s" % (t["class"], t["folder"], t["name"], " " + t["detail"] if t["detail"] else ""))
        print()
    ev, sx = summarise(tests)
    print("Query evaluation tests")
    print("\n".join(text_table(ev, EV_COLS)))
    print()
    print("Query syntax tests")
    print("\n".join(text_table(sx, SX_COLS)))
    totals = collections.Counter((t["kind"], t["class"]) for t in tests)
    print()
    for kind in ("eval", "positive-syntax", "negative-syntax"):
        n = sum(v for (k, _), v in totals.items() if k == kind)
        print("%-16s %4d tests: %s" % (kind, n, ", ".join(
            "%d %s" % (totals[(kind, c)], c) for c in CLASSES if totals[(kind, c)])))
    print("run time %.1f s with %d jobs" % (elapsed, args.jobs))

    if args.json:
        rec = []
        for t in tests:
            r = t["run"]
            rec.append({
                "folder": t["folder"], "name": t["name"], "iri": t["iri"], "title": t["title"],
                "kind": t["kind"], "form": t.get("form"), "class": t["class"], "detail": t["detail"],
                "approval": t["approval"], "requires": t["requires"],
                "query": os.path.relpath(t["query"], sparql_dir),
                "data": os.path.relpath(t["data"], sparql_dir) if t.get("data") else None,
                "result": os.path.relpath(t["result"], sparql_dir) if t.get("result") else None,
                "command": r["cmd"], "status": r["status"], "seconds": round(r["seconds"], 3),
                "stdout": r["stdout"][:4000].decode("utf-8", "replace"),
                "stderr": r["stderr"][:4000].decode("utf-8", "replace"),
            })
        with open(args.json, "w", encoding="utf-8") as f:
            json.dump({"version": version, "manifests": MANIFESTS, "not_run": dict(counts),
                       "seconds": round(elapsed, 1), "tests": rec}, f, indent=1, ensure_ascii=False)
            f.write("\n")

    status = 0
    doc = make_doc(tests, counts, version) if (args.write_doc or args.check_doc) else None
    if args.write_doc:
        with open(args.write_doc, "w", encoding="utf-8") as f:
            f.write(doc)
    if args.check_doc:
        try:
            with open(args.check_doc, encoding="utf-8") as f:
                old = f.read()
        except OSError:
            old = ""
        if old != doc:
            sys.stderr.writelines(difflib.unified_diff(
                old.splitlines(True), doc.splitlines(True), args.check_doc, "generated"))
            print("w3c_harness: %s is not current (rerun with --write-doc)" % args.check_doc, file=sys.stderr)
            status = 1
    bad = [t for t in tests if t["class"] in BAD_CLASSES]
    for t in bad:
        print("%s %s %s %s" % (t["class"], t["folder"], t["name"], t["detail"]), file=sys.stderr)
    if bad:
        status = 1
    n_pass = totals[("eval", "pass")]
    if n_pass < args.min_pass:
        print("w3c_harness: %d evaluation tests pass, fewer than %d" % (n_pass, args.min_pass), file=sys.stderr)
        status = 1
    return status


if __name__ == "__main__":
    sys.exit(main())
