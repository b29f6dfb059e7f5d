#!/usr/bin/env python3
"""Mutated copies of the shipped facts, fed to `ildkg validate` and `ildkg build`.

Each case copies facts/ and ontology/, mutates one facts file in one seeded, reproducible
way (a byte changed, a line dropped or doubled, a field emptied or swapped, a hostile
character, a huge number, a cut file) and requires: no exit by a signal, no hang; exit 0 or
65 only, the same from validate and build; every error message names its facts file (or the graph check it breaks); on
exit 65 the previous export set is left byte-identical; on exit 0 every format is written and
parses with an independent parser (rapper; pyld for JSON-LD) to the same set of triples.
Usage: mutations.py ILDKG SRCDIR SCRATCH COUNT SEED; prints TAP.
"""
import hashlib
import json
import os
import random
import re
import shutil
import subprocess
import sys

ildkg, srcdir, scratch, count, seed = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
RAPPER = os.environ.get("RAPPER", "rapper")
HOSTILE = ["\ufffe", "\uffff", "\x00", "\r", "\x0b", "\x1b", "\u2028", "\ud7ff", "\U0010ffff",
           "\ufeff", "<", ">", '"', "\\", "{", "}", "|", "^", "`", "%", "é" * 700,
           "9" * 400, "-1", "0", "1e999", "nan", "=", ",", ";", "\t", "#"]
SYNTAX = {".ttl": "turtle", ".nt": "ntriples", ".nq": "nquads", ".rdf": "rdfxml"}


def facts_files(root):
    found = []
    for dirpath, _, names in os.walk(os.path.join(root, "facts")):
        found += [os.path.join(dirpath, n) for n in sorted(names) if n.endswith(".tsv")]
    return sorted(found)


def mutate(rng, data):
    lines = data.split(b"\n")
    kind = rng.choice(["byte", "drop", "double", "field", "swap", "hostile", "cut", "number"])
    i = rng.randrange(len(lines))
    if kind == "byte" and data:
        at = rng.randrange(len(data))
        return kind, data[:at] + bytes([rng.randrange(256)]) + data[at + 1:]
    if kind == "drop":
        del lines[i]
    elif kind == "double":
        lines.insert(i, lines[i])
    elif kind in ("field", "swap", "hostile", "number"):
        fields = lines[i].split(b"\t")
        j = rng.randrange(len(fields))
        if kind == "field":
            fields[j] = b""
        elif kind == "swap":
            k = rng.randrange(len(fields))
            fields[j], fields[k] = fields[k], fields[j]
        elif kind == "hostile":
            at = rng.randrange(len(fields[j]) + 1)
            fields[j] = fields[j][:at] + rng.choice(HOSTILE).encode("utf-8", "surrogatepass") + fields[j][at:]
        else:
            fields[j] = rng.choice([b"0", b"-5", b"100.5", b"99999999999999999999", b"1" + b"0" * 30, b"50.0000000000000000001"])
        lines[i] = b"\t".join(fields)
    else:
        return kind, data[: rng.randrange(len(data) + 1)]
    return kind, b"\n".join(lines)


def run(args, cwd):
    try:
        p = subprocess.run(args, cwd=cwd, capture_output=True, timeout=120)
    except subprocess.TimeoutExpired:
        return None, b""
    return p.returncode, p.stderr


def make_writable(root):
    """distcheck's source tree is read-only, and copytree copies the modes."""
    for dirpath, _, names in os.walk(root):
        os.chmod(dirpath, 0o755)
        for n in names:
            os.chmod(os.path.join(dirpath, n), 0o644)


def snapshot(out):
    return {n: hashlib.sha256(open(os.path.join(out, n), "rb").read()).hexdigest() for n in sorted(os.listdir(out))}


ESCAPE = re.compile(r"\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")


def unescaped(line):
    """N-Triples with \\u and \\U escapes written as the characters (rapper escapes what
    pyld writes as is), the other escapes kept."""
    return ESCAPE.sub(lambda m: chr(int(m.group(1)[1:], 16)) if len(m.group(1)) > 1 else m.group(0), line)


def triples(path):
    """The set of triples of an export, as N-Triples lines: rapper reads every syntax it
    has (dropping the graph name of N-Quads), pyld, an independent processor, JSON-LD."""
    if path.endswith(".jsonld"):
        from pyld import jsonld
        try:
            with open(path, encoding="utf-8") as f:
                text = jsonld.to_rdf(json.load(f), {"format": "application/n-quads"})
        except Exception as e:  # pyld's own errors have no common base
            return f"pyld failed: {e}"[:200]
        return sorted({unescaped(line) for line in text.split("\n") if line})
    syntax = SYNTAX[os.path.splitext(path)[1]]
    p = subprocess.run([RAPPER, "-q", "-i", syntax, "-o", "ntriples", path, "http://example.invalid/"],
                       capture_output=True)
    if p.returncode != 0:
        return "rapper failed: " + p.stderr.decode("utf-8", "replace")[:200]
    return sorted({unescaped(line) for line in p.stdout.decode("utf-8").split("\n") if line})


rng = random.Random(seed)
tap = 0
failures = 0


def result(good, text, why=()):
    global tap, failures
    tap += 1
    print(("ok" if good else "not ok") + f" {tap} - {text}")
    if not good:
        failures += 1
        for line in why:
            print("# " + line)


for case in range(count):
    root = os.path.join(scratch, f"m{case}")
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(root)
    shutil.copytree(os.path.join(srcdir, "facts"), os.path.join(root, "facts"))
    shutil.copytree(os.path.join(srcdir, "ontology"), os.path.join(root, "ontology"))
    make_writable(root)
    target = rng.choice(facts_files(root))
    with open(target, "rb") as f:
        kind, data = mutate(rng, f.read())
    with open(target, "wb") as f:
        f.write(data)
    name = f"seed {seed} case {case}: {kind} in {os.path.relpath(target, root)}"
    problems = []
    vrc, verr = run([ildkg, "validate", "--facts", "facts", "--ontology", "ontology"], root)
    shutil.copytree(os.path.join(srcdir, "exports"), os.path.join(root, "out"))
    make_writable(os.path.join(root, "out"))
    before = snapshot(os.path.join(root, "out"))
    brc, berr = run([ildkg, "build", "--facts", "facts", "--ontology", "ontology", "--out", "out"], root)
    if vrc is None or brc is None:
        problems.append("a hang (no exit within 120 s)")
    elif vrc < 0 or brc < 0:
        problems.append(f"killed by signal {-min(vrc, brc)}")
    elif vrc not in (0, 65) or vrc != brc:
        problems.append(f"validate exit {vrc}, build exit {brc} (expected both 0 or both 65)")
    for line in verr.decode("utf-8", "replace").split("\n"):
        if not line:
            continue
        if not line.startswith(("facts/", "ontology/checks/", "ildkg validate: ")):
            problems.append("a message that names no facts file: " + line[:200])
            break
    if brc == 65 and snapshot(os.path.join(root, "out")) != before:
        problems.append("a failed build changed the exports")
    if brc == 0:
        out = os.path.join(root, "out")
        written = sorted(os.listdir(out))
        if written != sorted("cop-ctd-ild" + ext for ext in list(SYNTAX) + [".jsonld", ".void.ttl", ".sssom.tsv", ".hpoa", ".kgx_nodes.tsv", ".kgx_edges.tsv", ".kgx_nodes.jsonl",
                                                                         ".kgx_edges.jsonl", ".kgx_graph.json"]):
            problems.append(f"exports written: {written}")
        # the VoID file describes the graph: formats.sh checks its counts
        sets = {n: triples(os.path.join(out, n)) for n in written
                if not n.endswith((".tsv", ".hpoa", ".jsonl", ".json", ".void.ttl"))}
        nt = sets.get("cop-ctd-ild.nt")
        for n, t in sets.items():
            if isinstance(t, str):
                problems.append(f"{n}: {t}")
            elif t != nt:
                problems.append(f"{n} holds other triples than cop-ctd-ild.nt ({len(t)} vs {len(nt)})")
    result(not problems, f"{name}: validate {vrc}, build {brc}", problems + verr.decode("utf-8", "replace").splitlines()[:3] if problems else [])
    if not problems:
        shutil.rmtree(root)
print(f"1..{tap}")
