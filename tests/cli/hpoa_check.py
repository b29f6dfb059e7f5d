#!/usr/bin/env python3
"""Read an HPO annotation file (phenotype.hpoa) as the HPO annotation format describes it
and as phenol reads it, then trace it to the Turtle export.

Format: '#'-lines first, among them #description, #version: YYYY-MM-DD, #tracker and
#hpo-version; then the header line (no '#') with exactly the 12 columns; then rows of 12
tab-separated fields: database_id ORPHA:N, OMIM:NNNNNN or DECIPHER:N; qualifier empty or
NOT; hpo_id HP:NNNNNNN; reference ';'-separated PMID:, ISBN:, OMIM:, ORPHA:, DECIPHER: ids
or http(s) URLs; evidence IEA, PCS or TAS; onset empty or an HP id; frequency empty, an HP
frequency term (HP:0040280..HP:0040285), n/m or NN%; sex empty, MALE or FEMALE; aspect P,
I, C, M or H; biocuration NAME[YYYY-MM-DD], ';'-separated. No row twice.

Trace (rdflib over the Turtle export): each row comes from a statement node whose subject
has an exact ildkg:Mapping to database_id, whose object one to hpo_id, whose predicate's
ildkg:hpoaAspect is aspect, that no qualifier restricts (ildkg:restrictsClaim), with NOT
exactly when it is negated, its references (or the review) and its frequency. And every
statement of a mapped disease and phenotype is in the file or among its #left-out lines,
with a restriction as the reason.
Usage: hpoa_check.py HPOA TURTLE; prints problems, exits 1 on any.
"""
import re
import sys

import rdflib

COLUMNS = ["database_id", "disease_name", "qualifier", "hpo_id", "reference", "evidence",
           "onset", "frequency", "sex", "modifier", "aspect", "biocuration"]
PATTERNS = {
    "database_id": r"(ORPHA:\d+|OMIM:\d{6}|DECIPHER:\d+)",
    "qualifier": r"(NOT)?",
    "hpo_id": r"HP:\d{7}",
    "reference": r"(PMID:\d+|ISBN:\S+|OMIM:\d+|ORPHA:\d+|DECIPHER:\d+|https?://[^;\s]+)"
                 r"(;(PMID:\d+|ISBN:\S+|OMIM:\d+|ORPHA:\d+|DECIPHER:\d+|https?://[^;\s]+))*",
    "evidence": r"(IEA|PCS|TAS)",
    "onset": r"(HP:\d{7})?",
    "frequency": r"(HP:00402(8[0-5])|\d+/\d+|\d+(\.\d+)?%)?",
    "sex": r"(MALE|FEMALE)?",
    "aspect": r"[PICMH]",
    "biocuration": r"[A-Za-z0-9_:.-]+\[\d{4}-\d{2}-\d{2}\](;[A-Za-z0-9_:.-]+\[\d{4}-\d{2}-\d{2}\])*",
}
I = rdflib.Namespace("https://w3id.org/ildkg/ontology#")
CITO = rdflib.Namespace("http://purl.org/spar/cito/")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")


def read(path, problems):
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    meta, left_out, i = {}, {}, 0
    while i < len(lines) and lines[i].startswith("#"):
        key, _, value = lines[i][1:].partition(":")
        if key == "left-out":
            node, _, reason = value.strip().partition(" ")
            left_out[node] = reason
        else:
            meta[key] = value.strip()
        i += 1
    for key in ("description", "version", "tracker", "hpo-version"):
        if key not in meta:
            problems.append(f"no #{key} line")
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", meta.get("version", "")):
        problems.append(f"#version {meta.get('version')!r} is not YYYY-MM-DD")
    if i >= len(lines) or lines[i].split("\t") != COLUMNS:
        problems.append(f"header line {lines[i] if i < len(lines) else None!r}")
        return [], left_out
    rows, seen = [], set()
    for n, line in enumerate(lines[i + 1:], start=i + 2):
        fields = line.split("\t")
        if len(fields) != 12:
            problems.append(f"{path}:{n}: {len(fields)} fields, expected 12")
            continue
        row = dict(zip(COLUMNS, fields))
        for column, pattern in PATTERNS.items():
            if not re.fullmatch(pattern, row[column]):
                problems.append(f"{path}:{n}: {column} {row[column]!r}")
        if not row["disease_name"]:
            problems.append(f"{path}:{n}: no disease_name")
        if line in seen:
            problems.append(f"{path}:{n}: a repeated row")
        seen.add(line)
        rows.append(row)
    return rows, left_out


def trace(rows, left_out, ttl, problems):
    g = rdflib.Graph().parse(ttl, format="turtle")
    ids = {}
    for m in g.subjects(rdflib.RDF.type, I.Mapping):
        exact = g.value(m, I.matchPredicate) == rdflib.SKOS.exactMatch
        ids.setdefault(g.value(m, I.mappedEntity), []).append((str(g.value(m, I.externalId)), exact))
    restricting = set(g.subjects(I.restrictsClaim, rdflib.Literal(True)))

    def diseases(e):
        return {c for c, exact in ids.get(e, []) if exact and c.split(":")[0] in ("ORPHA", "OMIM")}

    def phenotypes(e):
        hp = [(c, exact) for c, exact in ids.get(e, []) if c.startswith("HP:")]
        return {c for c, exact in hp if exact} or {c for c, exact in hp}

    def restricted(s):
        not_all = g.value(s, I.negated) == rdflib.Literal(True) and g.value(s, I.frequency) == I.All
        return not_all or any(p in restricting and o.toPython() is not False for p, o in g.predicate_objects(s))

    expected = {}
    for s in g.subjects(rdflib.RDF.type, I.Statement):
        aspect = g.value(g.value(s, I.predicate), I.hpoaAspect)
        subj, obj = g.value(s, I.subject), g.value(s, I.object)
        if aspect is None or not diseases(subj) or not phenotypes(obj):
            continue
        if restricted(s):
            if str(s) not in left_out:
                problems.append(f"{s}: restricted, but neither in the file nor left out")
            continue
        if str(s) in left_out:
            problems.append(f"{s}: left out, but no qualifier restricts it")
        refs = sorted(str(r) for r in g.objects(s, CITO.citesAsEvidence)) or [str(g.value(s, PROV.wasDerivedFrom))]
        share = g.value(s, I.sharePercent)
        word = g.value(s, I.frequency)
        freq = (format(share.toPython().normalize(), "f") + "%" if share is not None
                else str(g.value(word, I.hpoFrequency) or "") if word is not None else "")
        negated = g.value(s, I.negated)
        for d in diseases(subj):
            for hp in phenotypes(obj):
                key = (d, hp, "NOT" if negated is not None and negated.toPython() else "",
                       ";".join(refs), freq, str(aspect))
                expected.setdefault(key, []).append(s)
    got = {(r["database_id"], r["hpo_id"], r["qualifier"], r["reference"], r["frequency"], r["aspect"])
           for r in rows}
    for key in sorted(got - set(expected)):
        problems.append(f"a row no statement of {ttl} gives: {key}")
    for key in sorted(set(expected) - got):
        problems.append(f"missing the row of {expected[key][0]}: {key}")
    for node in left_out:
        if not any(str(s) == node for s in g.subjects(rdflib.RDF.type, I.Statement)):
            problems.append(f"#left-out names {node}, no statement")


def main(hpoa, ttl):
    problems = []
    rows, left_out = read(hpoa, problems)
    if rows:
        trace(rows, left_out, ttl, problems)
    else:
        problems.append("no rows")
    return problems


if __name__ == "__main__":
    found = main(sys.argv[1], sys.argv[2])
    for p in found[:40]:
        print(p)
    sys.exit(1 if found else 0)
