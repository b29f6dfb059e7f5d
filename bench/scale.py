#!/usr/bin/python3
"""Benchmark: ildkg at growing sizes of synthetic facts, beside peers on the same data.

Usage: bench/scale.py [--runs N] [--out DIR] ILDKG SRCDIR SIZE...

For each SIZE (statements; tests/bench/gen-facts makes them, and a --subtypes variant
whose graph checks grow with it) it measures, as separate processes (CPU = user + system,
peak memory = the child's maximum resident set), the median of --runs runs (3 unless
given; each stage's own median):
  validate                  ildkg validate (reads, validates, builds, runs the graph checks)
  build+FORMAT              ildkg build --format FORMAT, for each export format, with the
                            stages ildkg build --timing reports (graph checks among them)
  checks (subtypes)         the graph checks' CPU in the --subtypes variant
  subtypes: topic T         each compare topic on the --subtypes variant's Turtle
  topic T                   ildkg compare --timing over the Turtle export: each compare
                            topic's query, in ms, the best of TOPIC_RUNS runs
  compare: derived features checked
                            the check compare makes once a run over such data before the
                            topics that read the derived features (apart from their times)
  compare: graph loaded and indexed
                            compare reading the Turtle and indexing it for the queries
                            (wall, best of TOPIC_RUNS; beside Oxigraph's load)
and the peers on ildkg's own output of the same facts: rapper and serdi converting the
N-Triples to Turtle, rdflib parsing the N-Triples, Oxigraph (npm, bench/node_modules)
loading the Turtle and running the compare topics (TOPIC_RUNS processes), pyld expanding
the JSON-LD to N-Quads (sizes up to PYLD_MAX_STATEMENTS: it needs some 450 MB at 10000).
rapper also with the Turtle export's prefixes declared (raptor's Turtle writer then tries
each on every IRI, as it does in ildkg). Then ratios ildkg/peer and growth exponents (log
of the time ratio over log of the triple ratio between consecutive sizes), a CSV
(DIR/benchmarks.csv), a plot (DIR/benchmarks.png, with gnuplot when installed) and
doc/benchmarks.md (tables, goals, the machine). Figures only: it never fails a build.
"""
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

TOPIC_CAP = 60  # seconds a compare topic may run (ildkg's --timeout)
OXIGRAPH_CAP = 300  # seconds Oxigraph may take for its load and all topics
TOPIC_RUNS = 3  # runs of every topic, ildkg's and Oxigraph's, at every size: the best is kept
PYLD_MAX_STATEMENTS = 10000  # pyld runs up to this size (3.7 s CPU, 445 MB at 10000)
GOALS = """Goals (issue 14), at about 1M triples: build + Turtle within 1.3x rapper's CPU on the
same triples; peak memory within 2x rapper's; growth exponent at most 1.1 for every build
stage and graph check; every compare topic under 1 s, linear, and at least 2x faster than
Oxigraph; JSON-LD at least 50x faster than pyld."""


def measure(argv, stdout=subprocess.DEVNULL, env=None):
    """(wall s, cpu s, peak KB, stderr text) of one process."""
    started = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(argv, stdout=stdout, stderr=err, env=env)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        wall = time.perf_counter() - started
        err.seek(0)
        text = err.read().decode("utf-8", "replace")
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)}: exit {proc.returncode}: {text[-500:]}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, text


def median_of(runs, fn):
    results = [fn() for _ in range(runs)]
    pick = sorted(results, key=lambda r: r[1])[len(results) // 2]
    return pick


def stages(text):
    return {m.group(1): float(m.group(3)) / 1e3 for m in
            re.finditer(r"timing: ([a-z ]+): wall ([\d.]+) ms, cpu ([\d.]+) ms", text)}


def median_stages(runs):
    """Each stage's median over the runs (a stage's own figure, not the one of the run
    whose total was the median: the stages of one run scatter on this machine)."""
    return {k: statistics.median(r[k] for r in runs if k in r) for k in runs[0]}


def exponent(rows, key, size_a, size_b):
    a, b = rows.get((size_a, key)), rows.get((size_b, key))
    if not a or not b or a["cpu"] <= 0 or b["cpu"] <= 0 or a["triples"] == b["triples"] or \
            math.isinf(a["cpu"]) or math.isinf(b["cpu"]):
        return None
    return math.log(b["cpu"] / a["cpu"]) / math.log(b["triples"] / a["triples"])


def machine():
    cpu = "?"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = re.search(r"model name\s*:\s*(.*)", f.read()).group(1)
    except (OSError, AttributeError):
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores, {mem:.0f} GiB"


def measure_build(ildkg, facts, out, fmt):
    """measure() of ildkg build --timing --format FMT, and what it printed on stdout."""
    with tempfile.TemporaryFile() as o:
        wall, cpu, peak, text = measure([ildkg, "build", "--timing", "--facts", facts, "--out", out,
                                         "--format", fmt], stdout=o)
        o.seek(0)
        return wall, cpu, peak, text, o.read().decode()


def topic_names(srcdir):
    return sorted(n[:-3] for n in os.listdir(os.path.join(srcdir, "ontology", "queries")) if n.endswith(".rq"))


def triples_written(stdout):
    return int(re.search(r"\((\d+) triples", stdout).group(1))


def turtle_prefixes(ttl):
    """The (prefix, IRI) pairs a Turtle file declares at its top."""
    pairs = []
    with open(ttl, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"@prefix (\w*): <([^>]*)> \.$", line.strip())
            if not m:
                break
            pairs.append((m.group(1), m.group(2)))
    return pairs


def time_topics(ildkg, srcdir, ttl):
    """Every topic in one process, TOPIC_RUNS times (the best is kept, as for Oxigraph); one
    that runs past TOPIC_CAP is recorded as such and the rest run again without it.
    Returns each topic's run times in seconds, the topics over the cap, and the times of
    the check of the derived features that compare makes once a run on data it did not
    build (before the first topic that reads them; not in that topic's time), and the
    times of its reading and indexing the graph."""
    timings, over_cap, checked = {}, set(), []
    loaded = []
    for _ in range(TOPIC_RUNS):
        todo = [t for t in topic_names(srcdir) if t not in over_cap]
        while todo:
            proc = subprocess.run([ildkg, "compare", "--timing", "--timeout", str(TOPIC_CAP), "--data", ttl,
                                   "-f", "csv"] + todo, capture_output=True, text=True)
            done = []
            checked += [float(m) / 1e3 for m in re.findall(r"derived features checked: ([\d.]+) ms", proc.stderr)]
            loaded += [float(m) / 1e3 for m in re.findall(r"graph loaded and indexed: ([\d.]+) ms", proc.stderr)]
            for m in re.finditer(r"timing: (\S+): query ([\d.]+) ms", proc.stderr):
                timings.setdefault(m.group(1), []).append(float(m.group(2)) / 1e3)
                done.append(m.group(1))
            slow = re.search(r"queries/(\S+)\.rq: the query ran longer than", proc.stderr)
            if proc.returncode == 0 or not slow:
                break
            over_cap.add(slow.group(1))
            todo = [t for t in todo if t not in done and t != slow.group(1)]
    return timings, over_cap, checked, loaded


def run_size(ildkg, srcdir, size, runs, work, rows, oxigraph):
    gen = os.path.join(srcdir, "tests", "bench", "gen-facts")
    d = os.path.join(work, str(size))
    subprocess.run([sys.executable, gen, str(size), d], check=True)
    facts, out = os.path.join(d, "facts"), os.path.join(d, "out")

    def put(key, wall, cpu, peak, triples):
        rows[(size, key)] = {"size": size, "stage": key, "wall": wall, "cpu": cpu,
                             "peak_kb": peak, "triples": triples}

    helptext = subprocess.run([ildkg, "build", "--help"], capture_output=True, text=True).stdout
    formats = re.findall(r"^ {21}(\S+) ", helptext, re.M)
    triples = triples_written(measure_build(ildkg, facts, out, "turtle")[4])
    validate = median_of(runs, lambda: measure([ildkg, "validate", "--facts", facts]))
    put("validate", validate[0], validate[1], validate[2], triples)
    for fmt in formats:
        results = [measure_build(ildkg, facts, out, fmt) for _ in range(runs)]
        wall, cpu, peak, _, _ = sorted(results, key=lambda r: r[1])[len(results) // 2]
        put(f"build+{fmt}", wall, cpu, peak, triples)
        timed = median_stages([stages(r[3]) for r in results])
        if fmt == "turtle":
            for stage, seconds in timed.items():
                put(f"stage {stage}", None, seconds, None, triples)
        elif "write the exports" in timed:
            put(f"stage write {fmt}", None, timed["write the exports"], None, triples)
    subprocess.run([ildkg, "build", "--facts", facts, "--out", out, "--format", "ntriples,turtle,jsonld"],
                   check=True, stdout=subprocess.DEVNULL)
    nt, ttl, jsonld = (os.path.join(out, "cop-ctd-ild" + e) for e in (".nt", ".ttl", ".jsonld"))
    peers = [("rapper nt->ttl", ["rapper", "-q", "-i", "ntriples", "-o", "turtle", nt]),
             ("rapper nt->ttl, ildkg's prefixes", ["rapper", "-q", "-i", "ntriples", "-o", "turtle"]
              + [a for p, iri in turtle_prefixes(ttl) for a in ("-f", f'xmlns:{p}="{iri}"')] + [nt]),
             ("serdi nt->ttl", ["serdi", "-i", "ntriples", "-o", "turtle", nt]),
             ("rdflib parse nt", [sys.executable, "-c",
                                  "import sys, rdflib; rdflib.Graph().parse(sys.argv[1], format='nt')", nt])]
    if size <= PYLD_MAX_STATEMENTS:
        peers.append(("pyld jsonld->nquads", [sys.executable, "-c",
                      "import sys, json; from pyld import jsonld; jsonld.to_rdf(json.load(open(sys.argv[1])), "
                      "{'format': 'application/n-quads'})", jsonld]))
    for name, argv in peers:
        if shutil.which(argv[0]):
            wall, cpu, peak, _ = median_of(runs, lambda argv=argv: measure(argv))
            put(name, wall, cpu, peak, triples)
    timings, over_cap, checked, loaded = time_topics(ildkg, srcdir, ttl)
    if loaded:
        put("compare: graph loaded and indexed", min(loaded), min(loaded), None, triples)
    if checked:
        put("compare: derived features checked", min(checked), min(checked), None, triples)
    for t, seconds in timings.items():
        put(f"topic {t}", min(seconds), min(seconds), None, triples)
    for t in over_cap:
        put(f"topic {t}", None, float("inf"), None, triples)
    if oxigraph:
        # Oxigraph cannot stop a query: the process is stopped after OXIGRAPH_CAP seconds,
        # and the topics it had not finished are recorded as over the cap. Each of the
        # TOPIC_RUNS runs is a process of its own that runs every topic once: run again in
        # one process, the later topics slowed down (references 1.0 s in the first pass,
        # 6.4 s at best in the third, at 968648 triples), which says nothing of the query.
        best = {}
        for _ in range(TOPIC_RUNS):
            try:
                proc = subprocess.run(["node", oxigraph, ttl, os.path.join(srcdir, "ontology", "queries"), "1"],
                                      capture_output=True, text=True, timeout=OXIGRAPH_CAP)
                lines = proc.stdout
            except subprocess.TimeoutExpired as e:
                lines = (e.stdout or b"").decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
            for line in lines.splitlines():
                ox = json.loads(line)
                key, got = ("oxigraph load ttl", ox["load"]) if "load" in ox else (f"oxigraph topic {ox['topic']}", ox)
                if key not in best or got["cpu"] < best[key]["cpu"]:
                    best[key] = got
        for key, got in best.items():
            put(key, got["wall"] / 1e3, got["cpu"] / 1e3, None, triples)
        for t in topic_names(srcdir):
            if f"oxigraph topic {t}" not in best:
                put(f"oxigraph topic {t}", None, float("inf"), None, triples)
    d2 = os.path.join(work, f"{size}-subtypes")
    subprocess.run([sys.executable, gen, "--subtypes", str(size), d2], check=True)
    results = [measure_build(ildkg, os.path.join(d2, "facts"), os.path.join(d2, "out"), "turtle")
               for _ in range(runs)]
    sub_triples = triples_written(results[0][4])
    for stage, seconds in median_stages([stages(r[3]) for r in results]).items():
        put(f"subtypes: stage {stage}", None, seconds, None, sub_triples)
    # the topics again on the --subtypes variant: a CTD-ILD subtype for every 16 statements
    # gives features claimed for thousands of subjects, a shape the plain variant lacks
    timings, over_cap, checked, _ = time_topics(ildkg, srcdir, os.path.join(d2, "out", "cop-ctd-ild.ttl"))
    if checked:
        put("subtypes: compare: derived features checked", min(checked), min(checked), None, sub_triples)
    for t, seconds in timings.items():
        put(f"subtypes: topic {t}", min(seconds), min(seconds), None, sub_triples)
    for t in over_cap:
        put(f"subtypes: topic {t}", None, float("inf"), None, sub_triples)
    shutil.rmtree(d, ignore_errors=True)
    shutil.rmtree(d2, ignore_errors=True)


def fmt_s(x):
    return "" if x is None else f"{x:.3f}"


def report(rows, sizes, outdir, srcdir):
    keys = []
    for (_, k) in rows:
        if k not in keys:
            keys.append(k)
    with open(os.path.join(outdir, "benchmarks.csv"), "w", encoding="utf-8") as f:
        f.write("size,triples,stage,wall_s,cpu_s,peak_kb\n")
        for (size, k), r in sorted(rows.items(), key=lambda kv: (kv[0][0], keys.index(kv[0][1]))):
            cpu = "" if r["cpu"] is not None and math.isinf(r["cpu"]) else fmt_s(r["cpu"])
            f.write(f"{size},{r['triples']},\"{k}\",{fmt_s(r['wall'])},{cpu},{r['peak_kb'] or ''}\n")
    lines = ["| stage | " + " | ".join(f"{s} stmts ({rows.get((s, 'validate'), {}).get('triples', '?')} triples)"
                                          for s in sizes) + " | growth exponent |", "|---" * (len(sizes) + 2) + "|"]
    for k in keys:
        cells = []
        for s in sizes:
            r = rows.get((s, k))
            if not r:
                cells.append("")
                continue
            cell = f"{r['cpu']:.3f} s" if r["cpu"] != float("inf") else "over the cap"
            if r["peak_kb"]:
                cell += f", {r['peak_kb'] / 1024:.0f} MB"
            cells.append(cell)
        e = exponent(rows, k, sizes[-2], sizes[-1]) if len(sizes) > 1 else None
        lines.append(f"| {k} | " + " | ".join(cells) + f" | {'' if e is None else f'{e:.2f}'} |")
    big = sizes[-1]

    def cpu(k):
        return rows.get((big, k), {}).get("cpu")

    def peak(k):
        return rows.get((big, k), {}).get("peak_kb")

    ratios = []
    if cpu("build+turtle") and cpu("rapper nt->ttl"):
        ratios.append(f"build + Turtle / rapper nt->ttl, CPU: {cpu('build+turtle') / cpu('rapper nt->ttl'):.2f}x (goal 1.3x)")
        ratios.append(f"build + Turtle / rapper, peak memory: {peak('build+turtle') / peak('rapper nt->ttl'):.2f}x (goal 2x)")
    prefixed = cpu("rapper nt->ttl, ildkg's prefixes")
    if cpu("build+turtle") and prefixed:
        ratios.append("build + Turtle / rapper nt->ttl with the export's prefixes, CPU: "
                      f"{cpu('build+turtle') / prefixed:.2f}x")
    if cpu("build+turtle") and cpu("serdi nt->ttl"):
        ratios.append(f"build + Turtle / serdi nt->ttl, CPU: {cpu('build+turtle') / cpu('serdi nt->ttl'):.1f}x")
    for s in sizes:
        if rows.get((s, "pyld jsonld->nquads")) and rows.get((s, "stage write jsonld")):
            stage_write = rows[(s, "stage write jsonld")]["cpu"]
            ratios.append(f"pyld expanding the JSON-LD / ildkg writing it (its write stage), CPU at {s}: "
                          f"{rows[(s, 'pyld jsonld->nquads')]['cpu'] / stage_write:.1f}x (goal 50x)")
    worst_topic, slowest = None, 0.0
    for t in topic_names(srcdir):
        ours, theirs = cpu(f"topic {t}"), cpu(f"oxigraph topic {t}")
        if ours is not None and not math.isinf(ours) and ours > slowest:
            worst_topic, slowest = t, ours
        if ours and theirs and math.isinf(ours):
            ratios.append(f"topic {t}: ildkg over its {TOPIC_CAP} s cap")
        elif ours and theirs and math.isinf(theirs):
            ratios.append(f"topic {t}: ildkg {ours * 1e3:.1f} ms, Oxigraph did not finish within the cap")
        elif ours and theirs:
            ratios.append(f"topic {t}: ildkg {ours * 1e3:.1f} ms, Oxigraph {theirs * 1e3:.1f} ms: "
                          f"Oxigraph/ildkg {theirs / ours:.1f}x (goal 2x, under 1 s)")
    doc = ["# Benchmarks", "", f"Made by `make bench` (`bench/scale.py`, sizes {' '.join(map(str, sizes))}) on "
           f"{time.strftime('%Y-%m-%d')}: {machine()}.", "",
           "CPU seconds (user + system) of each process, median of the runs (3 unless --runs), peak memory;",
           "stages and topics as ildkg reports them (`build --timing`, `compare --timing`), a stage's",
           "own median over the runs; a topic's",
           f"time is the best of {TOPIC_RUNS} runs, ildkg's and Oxigraph's alike. Growth",
           f"exponent: between the two largest sizes ({sizes[-2] if len(sizes) > 1 else '-'} and {big} statements).", "",
           GOALS, ""] + lines + ["", f"At {big} statements:", ""] + [f"- {r}" for r in ratios] + [""]
    if worst_topic:
        doc.append(f"Slowest topic at {big}: {worst_topic}, {slowest * 1e3:.1f} ms.")
    return "\n".join(doc) + "\n"


def plot(outdir, sizes, rows):
    if not shutil.which("gnuplot"):
        return "gnuplot not installed: no plot"
    data = os.path.join(outdir, "benchmarks.dat")
    series = ["validate", "build+turtle", "build+ntriples", "build+jsonld", "rapper nt->ttl", "serdi nt->ttl"]
    with open(data, "w") as f:
        for k in series:
            f.write(f"# {k}\n")
            for s in sizes:
                r = rows.get((s, k))
                if r:
                    f.write(f"{r['triples']} {r['cpu']}\n")
            f.write("\n\n")
    script = (f"set terminal png size 900,600; set output '{os.path.join(outdir, 'benchmarks.png')}';"
              "set logscale xy; set xlabel 'triples'; set ylabel 'CPU seconds'; set key left top;"
              "plot " + ", ".join(f"'{data}' index {i} with linespoints title '{k}'" for i, k in enumerate(series)))
    subprocess.run(["gnuplot", "-e", script], check=True)
    os.remove(data)
    return os.path.join(outdir, "benchmarks.png")


def main(argv):
    args, runs, outdir = argv[1:], None, "."
    while args and args[0].startswith("--"):
        if args[0] == "--runs":
            runs = int(args[1])
        elif args[0] == "--out":
            outdir = args[1]
        else:
            sys.exit(__doc__)
        args = args[2:]
    if len(args) < 3:
        sys.exit(__doc__)
    ildkg, srcdir, sizes = args[0], args[1], sorted(int(s) for s in args[2:])
    oxigraph = os.path.join(srcdir, "bench", "oxigraph-topics.js")
    if not (shutil.which("node") and os.path.isdir(os.path.join(srcdir, "bench", "node_modules", "oxigraph"))):
        print("Oxigraph (npm) not installed in bench/node_modules: no Oxigraph figures", file=sys.stderr)
        oxigraph = None
    rows = {}
    os.makedirs(outdir, exist_ok=True)
    with tempfile.TemporaryDirectory() as work:
        for size in sizes:
            started = time.perf_counter()
            try:
                run_size(ildkg, srcdir, size, runs or 3, work, rows, oxigraph)
            except (RuntimeError, subprocess.SubprocessError, OSError, ValueError) as e:
                print(f"bench: {size} statements: {e}", file=sys.stderr)
            print(f"bench: {size} statements done in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    text = report(rows, sizes, outdir, srcdir)
    picture = plot(outdir, sizes, rows)
    with open(os.path.join(srcdir, "doc", "benchmarks.md") if outdir == "." else os.path.join(outdir, "benchmarks.md"),
              "w", encoding="utf-8") as f:
        f.write(text + f"\nCSV: `benchmarks.csv`; plot: `{os.path.basename(picture)}`.\n")
    print(text)
    print(picture)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
