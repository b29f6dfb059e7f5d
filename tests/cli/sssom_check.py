#!/usr/bin/env python3
"""Read an SSSOM mapping set as the SSSOM specification describes it (not as ildkg writes
it) and check it against the checked identifier table and the facts.

The header is the '#'-lines before the column line, read as YAML; it must have
mapping_set_id, license and a curie_map declaring every prefix a row uses (an absolute IRI
each). The columns are those of a mapping set with labels and a comment. Each row must be
a mapping of facts/mappings.tsv (entity, exact or close, id) and each of those a row, its
object_label the label the checked table gives for that id, its comment naming where the
table says the id was checked, its subject_label the entity's label in entities.tsv.
Usage: sssom_check.py SSSOM CHECKED_TABLE FACTS_DIR; prints problems, exits 1 on any.
"""
import csv
import re
import sys

import yaml

COLUMNS = ["subject_id", "subject_label", "predicate_id", "object_id", "object_label",
           "mapping_justification", "comment"]
CURIE = re.compile(r"^([A-Za-z_][A-Za-z0-9_.-]*):(\S+)$")


def facts_rows(path):
    with open(path, encoding="utf-8") as f:
        lines = [line for line in f if not line.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def main(sssom, table, facts):
    problems = []
    with open(sssom, encoding="utf-8") as f:
        text = f.read()
    lines = text.split("\n")
    header = []
    while lines and lines[0].startswith("#"):
        header.append(lines.pop(0)[1:])
    meta = yaml.safe_load("\n".join(header)) or {}
    for key in ("mapping_set_id", "license", "curie_map"):
        if key not in meta:
            problems.append(f"the header has no {key}")
    curie_map = meta.get("curie_map") or {}
    for prefix, iri in curie_map.items():
        if not re.match(r"^https?://\S+$", str(iri)):
            problems.append(f"curie_map: {prefix} expands to {iri!r}, not an IRI")
    if not str(meta.get("license", "")).startswith(("http://", "https://")):
        problems.append(f"license {meta.get('license')!r} is not an IRI")
    rows = list(csv.DictReader([line for line in lines if line], delimiter="\t", quoting=csv.QUOTE_NONE))
    if not rows or list(rows[0].keys()) != COLUMNS:
        problems.append(f"columns {list(rows[0].keys()) if rows else None}, expected {COLUMNS}")
        return problems
    checked = {}
    with open(table, encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            checked.setdefault(row["id"], []).append(row)
    labels = {r["id"]: r["label"] for r in facts_rows(f"{facts}/entities.tsv")}
    wanted = {(r["entity"], "skos:" + r["match"] + "Match", r["curie"]) for r in facts_rows(f"{facts}/mappings.tsv")}
    seen = set()
    for n, row in enumerate(rows, start=2 + len(header)):
        where = f"{sssom}:{n}"
        for column in ("subject_id", "predicate_id", "object_id", "mapping_justification"):
            m = CURIE.match(row[column] or "")
            if not m:
                problems.append(f"{where}: {column} {row[column]!r} is not a CURIE")
            elif m.group(1) not in curie_map:
                problems.append(f"{where}: prefix {m.group(1)}: of {column} is not in the curie_map")
        entity = row["subject_id"].split(":", 1)[-1]
        key = (entity, row["predicate_id"], row["object_id"])
        if key in seen:
            problems.append(f"{where}: a repeated mapping {key}")
        seen.add(key)
        if key not in wanted:
            problems.append(f"{where}: {key} is no row of facts/mappings.tsv")
        if row["subject_label"] != labels.get(entity):
            problems.append(f"{where}: subject_label {row['subject_label']!r}, entities.tsv says {labels.get(entity)!r}")
        if row["mapping_justification"] != "semapv:ManualMappingCuration":
            problems.append(f"{where}: justification {row['mapping_justification']}")
        table_rows = checked.get(row["object_id"], [])
        if not table_rows:
            problems.append(f"{where}: {row['object_id']} is not in the checked table")
        elif row["object_label"] not in {t["label_in_source"] for t in table_rows}:
            problems.append(f"{where}: object_label {row['object_label']!r} is not the checked label")
        elif not any(t["checked_in"] in row["comment"] for t in table_rows):
            problems.append(f"{where}: the comment does not say where the id was checked")
    for key in sorted(wanted - seen):
        problems.append(f"{sssom}: facts/mappings.tsv's {key} is missing")
    return problems


if __name__ == "__main__":
    found = main(*sys.argv[1:4])
    for p in found[:40]:
        print(p)
    sys.exit(1 if found else 0)
