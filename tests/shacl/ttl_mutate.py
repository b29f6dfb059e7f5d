#!/usr/bin/env python3
"""Break one subject block of a Turtle file written in the exports' style, for
tests/cli/shacl.sh.

The exports' Turtle puts each subject alone on a line at column 0, then one predicate a
line (indented, ending in ' ;' or, the last, ' .'), and a blank line after the block.

  ttl_mutate.py IN OUT SELECT OP [ARG...]

SELECT:  subject=TEXT   the block whose subject line is TEXT (as written: kg:COP, <IRI>)
         having=PRED    the first block with a line for the predicate PRED (as written)
OP:      drop PRED      remove the block's line(s) for PRED (keeping the ' .' at the end)
         sub REGEX REPL replace REGEX (Python re) by REPL in the block's predicate lines
         add TEXT       add the line 'TEXT ;' to the block, after its subject

Writes OUT and prints the full IRI of the block's subject (prefixes expanded), for the
test to look for in the validation report. Exit 1 when the block is not found or the
operation changes nothing; 2 on a usage error. Standard library only.
"""
import re
import sys


def main(argv):
    if len(argv) < 5:
        sys.stderr.write(__doc__)
        return 2
    src, dst, select, op, args = argv[1], argv[2], argv[3], argv[4], argv[5:]
    with open(src, encoding="utf-8") as f:
        lines = f.read().split("\n")
    prefixes = {}
    for line in lines:
        m = re.match(r"@prefix\s+([A-Za-z0-9_.-]*):\s*<([^>]*)>\s*\.\s*$", line)
        if m:
            prefixes[m.group(1)] = m.group(2)

    # blocks: (index of subject line, index one past the last predicate line)
    blocks = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line and not line[0].isspace() and not line.startswith(("@", "#", "PREFIX", "BASE")):
            j = i + 1
            while j < len(lines) and lines[j].strip() != "":
                j += 1
            blocks.append((i, j))
            i = j
        else:
            i += 1

    kind, _, value = select.partition("=")
    chosen = None
    for (a, b) in blocks:
        if kind == "subject" and lines[a].strip() == value:
            chosen = (a, b)
        elif kind == "having" and any(l.strip().startswith(value + " ") for l in lines[a + 1:b]):
            chosen = (a, b)
        if chosen:
            break
    if kind not in ("subject", "having"):
        sys.stderr.write("ttl_mutate: SELECT is subject=TEXT or having=PRED\n")
        return 2
    if not chosen:
        sys.stderr.write("ttl_mutate: no block %s in %s\n" % (select, src))
        return 1
    a, b = chosen
    body = lines[a + 1:b]

    if op == "drop" and len(args) == 1:
        kept = [l for l in body if not l.strip().startswith(args[0] + " ")]
        if len(kept) == len(body):
            sys.stderr.write("ttl_mutate: %s has no %s\n" % (lines[a], args[0]))
            return 1
        if not kept:
            sys.stderr.write("ttl_mutate: dropping %s would empty the block\n" % args[0])
            return 1
        if not kept[-1].endswith(" ."):
            kept[-1] = re.sub(r" ;$", " .", kept[-1])
        new = kept
    elif op == "sub" and len(args) == 2:
        new, n = [], 0
        for l in body:
            l2, k = re.subn(args[0], args[1], l)
            new.append(l2)
            n += k
        if n == 0:
            sys.stderr.write("ttl_mutate: /%s/ matches nothing in %s\n" % (args[0], lines[a]))
            return 1
    elif op == "add" and len(args) == 1:
        new = ["    %s ;" % args[0]] + body
    else:
        sys.stderr.write("ttl_mutate: OP is drop PRED, sub REGEX REPL or add TEXT\n")
        return 2

    out = lines[:a + 1] + new + lines[b:]
    with open(dst, "w", encoding="utf-8") as f:
        f.write("\n".join(out))

    subject = lines[a].strip()
    if subject.startswith("<") and subject.endswith(">"):
        print(subject[1:-1])
    else:
        pfx, _, local = subject.partition(":")
        if pfx not in prefixes:
            sys.stderr.write("ttl_mutate: unknown prefix in %s\n" % subject)
            return 1
        print(prefixes[pfx] + local)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
