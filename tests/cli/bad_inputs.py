#!/usr/bin/env python3
"""Run the bad-input corpus (tests/data/bad_inputs.py) against ildkg; prints TAP.

Each case gets a fresh copy of facts/ and ontology/ and a complete export set in out/,
its edits, and its command. It must exit with its status (never by a signal, never
hanging), with stderr matching its message (and never silent on a failure). `validate`
and `build` must agree on the facts. A refused build must leave out/ byte-identical and no
staging directory; an accepted one must write every format, each of which must parse back
with an independent parser (rapper; rdflib; pyld for JSON-LD) to one and the same graph
holding the case's literals exactly.
Usage: bad_inputs.py ILDKG SRCDIR SCRATCH
"""
import hashlib
import os
import re
import shutil
import subprocess
import sys

ildkg, srcdir, scratch = sys.argv[1:4]
sys.path.insert(0, os.path.join(srcdir, "tests", "data"))
sys.dont_write_bytecode = True  # nothing written into the (maybe read-only) source tree
import bad_inputs  # noqa: E402  (the corpus)

RAPPER = os.environ.get("RAPPER", "rapper")
PYTHON3 = os.environ.get("PYTHON3", sys.executable)
FORMATS = {".ttl": "turtle", ".nt": "nt", ".nq": "nquads", ".rdf": "xml", ".jsonld": "jsonld"}
RAPPER_SYNTAX = {".ttl": "turtle", ".nt": "ntriples", ".nq": "nquads", ".rdf": "rdfxml"}
tap = failures = 0


def result(good, text, why=()):
    global tap, failures
    tap += 1
    print(("ok" if good else "not ok") + f" {tap} - {text}", flush=True)
    if not good:
        failures += 1
        for line in why:
            print("# " + str(line)[:400])


def make_writable(root):
    """distcheck's source tree is read-only, and copytree copies the modes."""
    for dirpath, _, names in os.walk(root):
        os.chmod(dirpath, 0o755)
        for n in names:
            if not os.path.islink(os.path.join(dirpath, n)):
                os.chmod(os.path.join(dirpath, n), 0o644)


def as_bytes(text):
    return text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")


def apply_edit(root, edit):
    op, path = edit[0], os.path.join(root, edit[1])
    if op == "append":
        with open(path, "ab") as f:
            f.write(as_bytes(edit[2]))
    elif op == "write":
        with open(path, "wb") as f:
            f.write(as_bytes(edit[2]))
    elif op == "replace":
        with open(path, "rb") as f:
            data = f.read()
        old, new = as_bytes(edit[2]), as_bytes(edit[3])
        if old not in data:
            raise ValueError(f"{edit[1]} holds no {edit[2]!r}")
        with open(path, "wb") as f:
            f.write(data.replace(old, new, 1))
    elif op == "repeat_last":
        with open(path, "rb") as f:
            last = f.read().rstrip(b"\n").split(b"\n")[-1]
        with open(path, "ab") as f:
            f.write(last + b"\n")
    elif op == "sparse":
        with open(path, "wb") as f:
            f.truncate(edit[2])
    elif op == "fifo":
        os.mkfifo(path)
    elif op == "symlink":
        os.symlink(edit[2], path)
    elif op == "mkdir":
        os.makedirs(path)
    elif op == "remove":
        if os.path.isdir(path) and not os.path.islink(path):
            shutil.rmtree(path)
        else:
            os.remove(path)
    else:
        raise ValueError(f"unknown edit {op}")


def snapshot(out):
    if not os.path.isdir(out):
        return None
    found = {}
    for dirpath, dirs, names in os.walk(out):
        for n in dirs:
            found[os.path.relpath(os.path.join(dirpath, n), out) + "/"] = "dir"
        for n in names:
            with open(os.path.join(dirpath, n), "rb") as f:
                found[os.path.relpath(os.path.join(dirpath, n), out)] = hashlib.sha256(f.read()).hexdigest()
    return found


def command_line(case, command, root):
    argv = [ildkg, command]
    if command in ("validate", "build", "query", "compare", "stats"):
        argv += ["--facts", os.path.join(root, "facts")]
    argv += ["--ontology", os.path.join(root, "ontology")]
    if command == "build" and not any(a in ("--out", b"--out") for a in case.get("args", [])):
        argv += ["--out", os.path.join(root, "out")]
    for a in case.get("args", []):
        argv.append(a.replace("{root}", root) if isinstance(a, str) else a)
    return [as_bytes(a) for a in argv]


def run(argv, cwd):
    try:
        p = subprocess.run(argv, cwd=cwd, capture_output=True, timeout=120)
    except subprocess.TimeoutExpired:
        return None, ""
    return p.returncode, p.stderr.decode("utf-8", "replace")


def exports_agree(out, values):
    """Every export parses; all are one graph; the literals are there, exactly."""
    files = sorted(n for n in os.listdir(out)
                   if os.path.splitext(n)[1] in FORMATS and not n.endswith(".void.ttl"))
    problems = []
    if sorted(os.path.splitext(n)[1] for n in files) != sorted(FORMATS):
        problems.append(f"formats written: {files}")
    for n in files:
        ext = os.path.splitext(n)[1]
        if ext in RAPPER_SYNTAX:
            p = subprocess.run([RAPPER, "-q", "-i", RAPPER_SYNTAX[ext], "-c", os.path.join(out, n)],
                               capture_output=True)
            if p.returncode != 0:
                problems.append(f"rapper cannot read {n}: {p.stderr.decode('utf-8', 'replace')[:200]}")
    args = []
    for n in files:
        args += [os.path.join(out, n), FORMATS[os.path.splitext(n)[1]]]
    p = subprocess.run([PYTHON3, os.path.join(srcdir, "tests", "cli", "rdf_check.py"), "isomorphic"] + args,
                       capture_output=True)
    if p.returncode != 0:
        problems.append("the formats differ: " + p.stdout.decode("utf-8", "replace")[:600]
                        + p.stderr.decode("utf-8", "replace")[:600])
    if values:
        import rdflib
        for n in files:
            fmt = FORMATS[os.path.splitext(n)[1]]
            if fmt == "jsonld":
                continue  # the isomorphism above holds pyld's reading to the others
            g = rdflib.ConjunctiveGraph() if fmt == "nquads" else rdflib.Graph()
            g.parse(os.path.join(out, n), format=fmt)
            literals = {str(o) for o in g.objects() if isinstance(o, rdflib.Literal)}
            problems += [f"{n} lacks the literal {v[:60]!r}..." for v in values if v not in literals]
    return problems


def check_case(case, reference_out):
    root = os.path.join(scratch, "case")
    shutil.rmtree(root, ignore_errors=True)
    os.makedirs(root)
    for d in ("facts", "ontology"):
        shutil.copytree(os.path.join(srcdir, d), os.path.join(root, d))
    shutil.copytree(reference_out, os.path.join(root, "out"))
    make_writable(root)
    for edit in case.get("edits", []):
        apply_edit(root, edit)
    commands = ["validate", "build"] if case["run"] == "facts" else [case["run"]]
    for command in commands:
        name = f"{case['name']}: {command}"
        before = snapshot(os.path.join(root, "out"))
        code, err = run(command_line(case, command, root), root)
        problems = []
        if code is None:
            problems.append("no exit within 120 s")
        elif code < 0:
            problems.append(f"killed by signal {-code}")
        elif code != case["exit"]:
            problems.append(f"exit {code}, expected {case['exit']}")
        if code and not err.strip():
            problems.append("a failure with no message")
        if case.get("message") and not re.search(case["message"], err):
            problems.append(f"stderr does not match /{case['message']}/")
        if command == "build" and code != 0:
            if snapshot(os.path.join(root, "out")) != before:
                problems.append("a refused build changed out/")
        if command == "build" and code == 0 and "--out" not in case.get("args", []):
            problems += exports_agree(os.path.join(root, "out"), case.get("values", []))
        if command == "build" and os.path.exists(os.path.join(root, ".out.ildkg-staging")) and \
                not any(e[1].endswith("thesis.tex") for e in case.get("edits", [])):
            problems.append("a staging directory was left behind")
        result(not problems, f"{name}: exit {case['exit']}" + (", the expected message" if case.get("message") else ""),
               problems + (["stderr: " + err[-600:]] if problems else []))


def main():
    reference = os.path.join(scratch, "reference-out")
    code, err = run([ildkg, "build", "--facts", os.path.join(srcdir, "facts"), "--ontology",
                     os.path.join(srcdir, "ontology"), "--out", reference], scratch)
    if code != 0:
        print("Bail out! the shipped facts do not build: " + err[-400:])
        return 1
    for case in bad_inputs.CASES:
        check_case(case, reference)
    print(f"1..{tap}")
    return 1 if failures else 0


sys.exit(main())
