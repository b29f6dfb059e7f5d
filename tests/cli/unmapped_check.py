#!/usr/bin/python3
"""README's list of the entities without an external id is the one the facts give.

  unmapped_check.py README.md FACTS_DIR     exit 0 when the list between the markers is
                                            what the facts give; else print it and exit 1
"""
import collections
import sys

BEGIN, END = "<!-- unmapped:begin -->", "<!-- unmapped:end -->"


def rows(path):
    lines = [line.rstrip("\n").split("\t") for line in open(path, encoding="utf-8")
             if not line.startswith("#") and line.strip()]
    return lines[1:]


def expected(facts):
    mapped = {r[0] for r in rows(f"{facts}/mappings.tsv")}
    by_class = collections.defaultdict(list)
    for entity in rows(f"{facts}/entities.tsv"):
        if entity[0] not in mapped:
            by_class[entity[1]].append(f"{entity[2]} (`{entity[0]}`)")
    total = sum(len(v) for v in by_class.values())
    out = [f"{total} of {len(rows(f'{facts}/entities.tsv'))} entities, by class:", ""]
    for cls in sorted(by_class):
        out.append(f"- **{cls}** ({len(by_class[cls])}): " + "; ".join(by_class[cls]))
    return "\n".join(out)


def main(readme, facts):
    text = open(readme, encoding="utf-8").read()
    if BEGIN not in text or END not in text:
        print(f"{readme}: no {BEGIN} ... {END} block")
        return 1
    have = text.split(BEGIN, 1)[1].split(END, 1)[0].strip()
    want = expected(facts)
    if have != want:
        print(f"{readme}: the list of entities without an id is not the facts'; it should read:")
        print(want)
        return 1
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(*sys.argv[1:]))
