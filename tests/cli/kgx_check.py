#!/usr/bin/env python3
"""Check a KGX graph (nodes and edges as TSV and as JSON Lines) against the Biolink Model
schema, read from its own YAML, and against the Turtle export.

Schema: every category is a class of the model, every predicate and every column or key
a slot (KGX writes a slot's name with '_' for ' '), knowledge_level and agent_type values
of their enums; the metadata names the model's version. Graph: nodes have id and category,
edges subject, predicate, object, knowledge_level and agent_type; every edge end is a node;
the TSV and the JSON Lines carry the same rows. Turtle: every edge is a statement of the
export that no qualifier restricts.
Usage: kgx_check.py DIR BASENAME BIOLINK_YAML TURTLE; prints problems, exits 1 on any.
"""
import csv
import json
import re
import sys

import rdflib
import yaml

MULTIVALUED = {"category", "synonym", "xref", "provided_by", "publications", "supporting_text"}
I = rdflib.Namespace("https://w3id.org/ildkg/ontology#")


def words(curie):
    """biolink:PhenotypicFeature -> 'phenotypic feature'; biolink:has_phenotype -> 'has phenotype'."""
    local = curie.split(":", 1)[1]
    if "_" in local or local.islower():
        return local.replace("_", " ")
    return re.sub(r"(?<!^)(?=[A-Z])", " ", local).lower()


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    out = []
    for row in rows:
        obj = {}
        for k, v in row.items():
            if v == "":
                if k in MULTIVALUED:
                    obj[k] = []
                continue
            if k in MULTIVALUED:
                obj[k] = v.split("|")
            elif v in ("True", "False"):
                obj[k] = v == "True"
            elif k == "has_percentage":
                obj[k] = float(v)
            else:
                obj[k] = v
        out.append(obj)
    return out


def read_jsonl(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def canonical(rows):
    return sorted(json.dumps(r, sort_keys=True) for r in rows)


def main(directory, base, schema_path, ttl):
    problems = []
    with open(schema_path, encoding="utf-8") as f:
        schema = yaml.safe_load(f)
    classes, slots = set(schema["classes"]), set(schema["slots"])
    enums = {name: set((e.get("permissible_values") or {}).keys()) for name, e in schema["enums"].items()}
    prefix = f"{directory}/{base}"
    nodes, edges = read_tsv(prefix + ".kgx_nodes.tsv"), read_tsv(prefix + ".kgx_edges.tsv")
    if canonical(nodes) != canonical(read_jsonl(prefix + ".kgx_nodes.jsonl")):
        problems.append("the nodes TSV and JSON Lines differ")
    if canonical(edges) != canonical(read_jsonl(prefix + ".kgx_edges.jsonl")):
        problems.append("the edges TSV and JSON Lines differ")
    with open(prefix + ".kgx_graph.json", encoding="utf-8") as f:
        meta = json.load(f)
    if meta.get("biolink_version") != str(schema.get("version")):
        problems.append(f"metadata biolink_version {meta.get('biolink_version')}, schema {schema.get('version')}")
    if (meta.get("node_count"), meta.get("edge_count")) != (len(nodes), len(edges)):
        problems.append("metadata counts differ from the files")
    for kind, rows, required in (("node", nodes, ["id", "category"]),
                                 ("edge", edges, ["subject", "predicate", "object", "knowledge_level", "agent_type"])):
        for row in rows:
            for key in required:
                if not row.get(key):
                    problems.append(f"{kind} {row.get('id')}: no {key}")
            for key in row:
                if key.replace("_", " ") not in slots:
                    problems.append(f"{kind} {row.get('id')}: {key} is no Biolink slot")
    ids = {n["id"] for n in nodes}
    if len(ids) != len(nodes):
        problems.append("a node id repeats")
    for n in nodes:
        for c in n.get("category", []):
            if not c.startswith("biolink:") or words(c) not in classes:
                problems.append(f"node {n['id']}: category {c} is no Biolink class")
    for e in edges:
        if not e["predicate"].startswith("biolink:") or words(e["predicate"]) not in slots:
            problems.append(f"edge {e['id']}: predicate {e['predicate']} is no Biolink slot")
        if e["predicate"] == "biolink:treats":
            problems.append(f"edge {e['id']}: biolink:treats, though the review reports no outcome")
        for end in ("subject", "object"):
            if e[end] not in ids:
                problems.append(f"edge {e['id']}: {end} {e[end]} is no node")
        if e["knowledge_level"] not in enums["KnowledgeLevelEnum"]:
            problems.append(f"edge {e['id']}: knowledge_level {e['knowledge_level']}")
        if e["agent_type"] not in enums["AgentTypeEnum"]:
            problems.append(f"edge {e['id']}: agent_type {e['agent_type']}")
    g = rdflib.Graph().parse(ttl, format="turtle")
    restricting = set(g.subjects(I.restrictsClaim, rdflib.Literal(True)))
    for e in edges:
        s = rdflib.URIRef(e["id"])
        if (s, rdflib.RDF.type, I.Statement) not in g:
            problems.append(f"edge {e['id']}: no statement of {ttl}")
        elif any(p in restricting and o.toPython() is not False for p, o in g.predicate_objects(s)):
            problems.append(f"edge {e['id']}: a claim a qualifier restricts")
        elif g.value(s, I.negated) == rdflib.Literal(True) and g.value(s, I.frequency) == I.All:
            problems.append(f"edge {e['id']}: 'not all patients' made a negation")
    if not edges or not nodes:
        problems.append("no nodes or no edges")
    return problems


if __name__ == "__main__":
    found = main(*sys.argv[1:5])
    for p in found[:40]:
        print(p)
    sys.exit(1 if found else 0)
