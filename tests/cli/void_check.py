#!/usr/bin/python3
"""The VoID statistics ildkg writes, computed again with rdflib from the export they describe.

  void_check.py VOID.ttl EXPORT FORMAT BASE

Prints each disagreement and exits 1 when there is one; prints the figures checked and
exits 0 otherwise.
"""
import collections
import sys

from rdflib import RDF, Graph, Literal, Namespace, URIRef

VOID = Namespace("http://rdfs.org/ns/void#")


def expected(data, base):
    subjects = set(data.subjects())
    classes = collections.Counter(o for _, o in data.subject_objects(RDF.type) if isinstance(o, URIRef))
    properties = collections.Counter(p for _, p, _ in data)
    return {
        "triples": len(data),
        "entities": sum(1 for s in subjects if isinstance(s, URIRef) and str(s).startswith(base)),
        "distinctSubjects": len(subjects),
        "distinctObjects": len(set(data.objects())),
        "classes": len(classes),
        "properties": len(properties),
    }, classes, properties


def integer(graph, node, prop, problems):
    values = list(graph.objects(node, prop))
    if len(values) != 1 or not isinstance(values[0], Literal) or values[0].datatype is None \
            or not str(values[0].datatype).endswith("#integer"):
        problems.append(f"{node} {prop}: {values!r}, expected one xsd:integer")
        return None
    return values[0].toPython()


def partitions(graph, dataset, link, what, count, problems):
    found = {}
    for part in graph.objects(dataset, link):
        targets = list(graph.objects(part, what))
        if len(targets) != 1:
            problems.append(f"partition {part}: {len(targets)} {what}")
            continue
        found[targets[0]] = integer(graph, part, count, problems)
    return found


def main(void_path, export_path, fmt, base):
    description = Graph().parse(void_path, format="turtle")
    data = Graph().parse(export_path, format=fmt)
    datasets = list(description.subjects(RDF.type, VOID.Dataset))
    if len(datasets) != 1:
        print(f"{void_path}: {len(datasets)} void:Dataset nodes, expected 1")
        return 1
    dataset = datasets[0]
    if (dataset, RDF.type, VOID.Dataset) not in data:
        print(f"{export_path} does not hold the dataset node {dataset}")
        return 1
    totals, classes, properties = expected(data, base)
    problems = []
    for name, want in totals.items():
        got = integer(description, dataset, VOID[name], problems)
        if got is not None and got != want:
            problems.append(f"void:{name} {got}, rdflib counts {want}")
    for link, what, count, want in ((VOID.classPartition, VOID["class"], VOID.entities, classes),
                                    (VOID.propertyPartition, VOID.property, VOID.triples, properties)):
        got = partitions(description, dataset, link, what, count, problems)
        for key in sorted(set(got) | set(want)):
            if got.get(key) != want.get(key):
                problems.append(f"{link} {key}: {got.get(key)}, rdflib counts {want.get(key)}")
    for p in problems:
        print(p)
    if not problems:
        print(" ".join(f"{k}={v}" for k, v in totals.items()) +
              f"; {len(classes)} class and {len(properties)} property partitions")
    return 1 if problems else 0


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
