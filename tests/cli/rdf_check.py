#!/usr/bin/python3
"""Independent checks of ildkg's output with rdflib (not with raptor or librdf).

  rdf_check.py isomorphic FILE FORMAT FILE FORMAT...  all files hold one graph; FORMAT is
                                                       turtle, nt, nquads, xml or jsonld[=CONTEXT_URL=FILE]
  rdf_check.py graphs NQUADS                           print the graph names rdflib finds
  rdf_check.py same-rows ILDKG.csv TURTLE QUERY.rq     ildkg's CSV answer = rdflib's, as multisets
  rdf_check.py shape TURTLE                            every claim has what the model requires
  rdf_check.py quotes REVIEW.txt FACTS_DIR             every quote is text of the review
  rdf_check.py mappings CHECKED.tsv FACTS_MAPPINGS     every id is a checked mapping
  rdf_check.py checks TURTLE CHECK.rq...               print each check's rows as rdflib finds them

Exit 0 when the check holds; otherwise the problems on stderr and exit 1.
"""
import csv
import glob
import os
import re
import sys

ILDKG = "https://w3id.org/ildkg/ontology#"
PREFIXES = """
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX cito: <http://purl.org/spar/cito/>
PREFIX fabio: <http://purl.org/spar/fabio/>
PREFIX oa: <http://www.w3.org/ns/oa#>
PREFIX ildkg: <https://w3id.org/ildkg/ontology#>
"""


def fail(problems):
    for p in problems[:50]:
        print(p, file=sys.stderr)
    if len(problems) > 50:
        print(f"... and {len(problems) - 50} more", file=sys.stderr)
    return 1 if problems else 0


def jsonld_graph(path, fmt):
    """Expand with pyld, an independent JSON-LD processor, and take its dataset as is.
    `jsonld=URL=FILE` serves FILE for the remote context URL (no network here)."""
    import json
    import rdflib
    from pyld import jsonld
    options = {}
    if "=" in fmt:
        _, url, local = fmt.split("=", 2)

        def loader(requested, _options=None):
            if requested != url:
                raise ValueError(f"unexpected remote document {requested}")
            with open(local, encoding="utf-8") as f:
                return {"contextUrl": None, "documentUrl": url, "document": json.load(f)}
        options["documentLoader"] = loader
    with open(path, encoding="utf-8") as f:
        dataset = jsonld.to_rdf(json.load(f), options)
    g = rdflib.Graph()

    def term(t):
        if t["type"] == "IRI":
            return rdflib.URIRef(t["value"])
        if t["type"] == "blank node":
            return rdflib.BNode(t["value"])
        if t.get("language"):
            return rdflib.Literal(t["value"], lang=t["language"])
        dt = t.get("datatype")
        if dt == "http://www.w3.org/2001/XMLSchema#string":
            dt = None
        return rdflib.Literal(t["value"], datatype=dt)
    for name, triples in dataset.items():
        for t in triples:
            g.add((term(t["subject"]), term(t["predicate"]), term(t["object"])))
    return g


def parse(path, fmt):
    import rdflib
    if fmt.startswith("jsonld"):
        return jsonld_graph(path, fmt)
    if fmt == "nt":
        # rdflib 6.1's N-Triples parser decodes "\\n" and "\\u0041" wrongly (its Turtle
        # parser does not); N-Triples is a subset of Turtle.
        return rdflib.Graph().parse(path, format="turtle")
    if fmt == "nquads":
        # The same bug in its N-Quads parser: drop the graph name of each line, read as Turtle.
        lines = []
        with open(path, encoding="utf-8") as f:
            for line in f:
                m = re.match(r"^(.*) <[^>]*> \.$", line.rstrip("\n"))
                if not m:
                    raise ValueError(f"{path}: not a quad with a named graph: {line!r}")
                lines.append(m.group(1) + " .")
        return rdflib.Graph().parse(data="\n".join(lines), format="turtle")
    return rdflib.Graph().parse(path, format=fmt)


def plain_strings(g):
    """RDF 1.1: "x"^^xsd:string and "x" are the same literal; rdflib 6.1 keeps them apart."""
    import rdflib
    xsd_string = rdflib.URIRef("http://www.w3.org/2001/XMLSchema#string")
    out = rdflib.Graph()
    for s, p, o in g:
        if isinstance(o, rdflib.Literal) and o.datatype == xsd_string:
            o = rdflib.Literal(str(o))
        out.add((s, p, o))
    return out


def graphs(args):
    import rdflib
    ds = rdflib.ConjunctiveGraph()
    ds.parse(args[0], format="nquads")
    for name in sorted(str(c.identifier) for c in ds.contexts() if len(c)):
        print(name)
    return 0


def isomorphic(args):
    from rdflib.compare import isomorphic as iso, graph_diff, to_isomorphic
    graphs = [(path, plain_strings(parse(path, fmt))) for path, fmt in zip(args[0::2], args[1::2])]
    first_path, first = graphs[0]
    problems = []
    if len(first) == 0:
        problems.append(f"{first_path}: empty graph")
    for path, g in graphs[1:]:
        if ground(first) and ground(g):
            # Ground graphs are equal when their triple sets are (rdflib's isomorphic()
            # hashes XMLLiteral and rdf:HTML values in a way that differs by source).
            only_a, only_b = set(first) - set(g), set(g) - set(first)
        elif not iso(first, g):
            _, only_a, only_b = graph_diff(to_isomorphic(first), to_isomorphic(g))
        else:
            continue
        if only_a or only_b or len(first) != len(g):
            problems.append(f"{first_path} ({len(first)} triples) and {path} ({len(g)}) differ")
            problems += [f"  only in {first_path}: {t}" for t in sorted(only_a)[:10]]
            problems += [f"  only in {path}: {t}" for t in sorted(only_b)[:10]]
    return fail(problems)


def ground(g):
    import rdflib
    return not any(isinstance(t, rdflib.BNode) for triple in g for t in triple)


def rows(g, query):
    return list(g.query(PREFIXES + query))


def shape(args):
    import rdflib
    g = rdflib.Graph().parse(args[0], format="turtle")
    problems = []
    if any(isinstance(t, rdflib.BNode) for triple in g for t in triple):
        problems.append("blank nodes in the graph")
    statements = rows(g, "SELECT ?s { ?s a ildkg:Statement }")
    if not statements:
        problems.append("no statements")
    for (s,) in statements:
        def values(p):
            return list(g.objects(s, rdflib.URIRef(p)))
        for p in ("subject", "predicate", "object", "inSection"):
            if len(values(ILDKG + p)) != 1:
                problems.append(f"{s}: {len(values(ILDKG + p))} values of ildkg:{p}, expected 1")
        if not values("http://www.w3.org/ns/prov#wasDerivedFrom"):
            problems.append(f"{s}: no prov:wasDerivedFrom")
        refs = values("http://purl.org/spar/cito/citesAsEvidence")
        own = values(ILDKG + "isReviewOwnClaim")
        if bool(refs) == bool(own):
            problems.append(f"{s}: needs either references or isReviewOwnClaim, not both")
        selectors = values("http://www.w3.org/ns/oa#hasSelector")
        exact = [q for sel in selectors for q in g.objects(sel, rdflib.URIRef("http://www.w3.org/ns/oa#exact"))]
        if len(exact) != 1 or not str(exact[0]).strip():
            problems.append(f"{s}: expected one non-empty oa:exact quote")
    # The direct edge exists exactly where a plain claim gives it: one not negated and
    # with no qualifier the ontology marks ildkg:restrictsClaim (a boolean one only when true).
    restricting = {p for (p,) in rows(g, "SELECT ?p { ?p ildkg:restrictsClaim true }")}
    if not restricting:
        problems.append("the ontology marks no qualifier ildkg:restrictsClaim")

    def plain(s):
        for p, o in g.predicate_objects(s):
            if p == rdflib.URIRef(ILDKG + "negated") and o.toPython() is True:
                return False
            if p in restricting and not (isinstance(o, rdflib.Literal) and o.toPython() is False):
                return False
        return True

    claims = rows(g, """SELECT ?s ?subj ?pred ?obj {
          ?s a ildkg:Statement ; ildkg:subject ?subj ; ildkg:predicate ?pred ; ildkg:object ?obj }""")
    given = {(subj, pred, obj) for s, subj, pred, obj in claims if plain(s)}
    for s, subj, pred, obj in claims:
        has_edge = (subj, pred, obj) in g
        if has_edge != ((subj, pred, obj) in given):
            problems.append(f"{s}: direct edge {'present' if has_edge else 'missing'}, "
                            f"{'given' if (subj, pred, obj) in given else 'given by no plain claim'}")
    # The review cites references 1..N, each numbered.
    numbers = sorted(int(n) for (n,) in rows(g, """
        SELECT ?n { ?r a fabio:ReviewArticle ; cito:cites ?ref . ?ref ildkg:referenceNumber ?n }"""))
    if numbers != list(range(1, len(numbers) + 1)) or not numbers:
        problems.append(f"the review cites references {numbers[:5]}..., expected 1..N")
    for (e,) in rows(g, """SELECT ?e { ?e a ildkg:ClinicalEntity
                           OPTIONAL { ?e rdfs:label ?l } FILTER(!BOUND(?l)) }"""):
        problems.append(f"{e}: entity without rdfs:label")
    return fail(problems)


def rdflib_uri(iri):
    import rdflib
    return rdflib.URIRef(iri)


def collapse(text):
    return re.sub(r"\s+", " ", text).strip()


def facts_rows(path):
    with open(path, encoding="utf-8") as f:
        lines = [(n, line) for n, line in enumerate(f, 1) if line.strip() and not line.startswith("#")]
    header = lines[0][1].rstrip("\n").split("\t")
    for n, line in lines[1:]:
        yield n, dict(zip(header, line.rstrip("\n").split("\t")))


def quotes(args):
    review = collapse(open(args[0], encoding="utf-8").read())
    problems = []
    files = sorted(glob.glob(os.path.join(args[1], "statements", "*.tsv")))
    count = 0
    for path in files:
        for n, row in facts_rows(path):
            count += 1
            if collapse(row["quote"]) not in review:
                problems.append(f"{path}:{n}: quote not in the review: {row['quote']!r}")
    if count == 0:
        problems.append("no statements found")
    return fail(problems)


def mappings(args):
    checked = {}
    with open(args[0], encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            checked.setdefault(row["id"], set()).add(row["label_in_source"])
    problems = []
    for n, row in facts_rows(args[1]):
        if row["curie"] not in checked:
            problems.append(f"{args[1]}:{n}: {row['curie']} is not in the checked mappings")
        elif row["external_label"] not in checked[row["curie"]]:
            problems.append(f"{args[1]}:{n}: {row['curie']} is labelled "
                            f"{sorted(checked[row['curie']])}, not {row['external_label']!r}")
    return fail(problems)


def checks(args):
    """The graph rules run in rdflib: one line per violation, `NAME.rq: violation: ?v=...`,
    in the form ildkg prints them (each distinct row once), so the two engines' answers can
    be compared."""
    import rdflib
    g = rdflib.Graph().parse(args[0], format="turtle")
    for path in args[1:]:
        with open(path, encoding="utf-8") as f:
            result = g.query(f.read())
        lines = []
        for row in result:
            cells = [f"?{var}={row[var].n3() if row[var] is not None else '(unbound)'}"
                     for var in result.vars]
            lines.append(f"{os.path.basename(path)}: violation: {' '.join(cells)}")
        for line in sorted(set(lines)):
            print(line)
    return 0


def csv_cell(term):
    """A term as the SPARQL 1.1 CSV format writes it: IRIs and literals by their text."""
    return "" if term is None else str(term)


def same_rows(args):
    import collections
    import rdflib
    with open(args[0], encoding="utf-8", newline="") as f:
        ours = list(csv.reader(f))
    g = rdflib.Graph().parse(args[1], format="turtle")
    with open(args[2], encoding="utf-8") as f:
        result = g.query(f.read())
    if result.type == "ASK":
        theirs_rows = [["true" if result.askAnswer else "false"]]
        ours_rows, header_ok = ours, True
    else:
        theirs_rows = [[csv_cell(row[v]) for v in result.vars] for row in result]
        header_ok = ours and ours[0] == [str(v) for v in result.vars]
        ours_rows = ours[1:]
    problems = []
    if not header_ok:
        problems.append(f"header: ildkg {ours[0] if ours else None}, rdflib {[str(v) for v in result.vars]}")
    a = collections.Counter(tuple(r) for r in ours_rows)
    b = collections.Counter(tuple(r) for r in theirs_rows)
    problems += [f"only in ildkg ({n}x): {row}" for row, n in (a - b).items()]
    problems += [f"only in rdflib ({n}x): {row}" for row, n in (b - a).items()]
    # An ORDER BY over every projected variable orders the rows fully: then the order is
    # part of the answer, and must be rdflib's.
    with open(args[2], encoding="utf-8") as f:
        clause = re.search(r"\bORDER\s+BY\b([^{}]*)$", f.read(), re.I)
    if not problems and header_ok and result.type == "SELECT" and clause and \
            set(ours[0]) <= set(re.findall(r"[?$](\w+)", clause.group(1))):
        for i, (mine, theirs) in enumerate(zip(ours_rows, theirs_rows)):
            if tuple(mine) != tuple(theirs):
                problems.append(f"ORDER BY: row {i + 1} is {mine} in ildkg, {theirs} in rdflib")
                break
    if not problems and not ours_rows and os.environ.get("ILDKG_ALLOW_EMPTY") != "1":
        problems.append("empty answer: a shipped query should find something")
    return fail(problems)


if __name__ == "__main__":
    commands = {"isomorphic": isomorphic, "shape": shape, "quotes": quotes, "mappings": mappings,
                "checks": checks, "graphs": graphs,
                "same-rows": same_rows}
    if len(sys.argv) < 3 or sys.argv[1] not in commands:
        print(__doc__, file=sys.stderr)
        sys.exit(64)
    sys.exit(commands[sys.argv[1]](sys.argv[2:]))
