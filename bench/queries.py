#!/usr/bin/python3
"""Benchmark: every compare topic in ildkg and in rdflib, on the same query and file.

Usage: bench/queries.py [--runs N] [ILDKG] [TTL] [QUERY_DIR]

For each ontology/queries/*.rq it prints the median of N runs of
  - ildkg process: the wall time of `ildkg query --timing --data TTL -f csv Q` as a whole
    (start, parse, graph, query, output),
  - ildkg query: the time that process itself reports (`--timing`) for running the query
    and writing its answer, after the graph is loaded,
  - rdflib process: the same as a fresh /usr/bin/python3 (import, parse, query, output),
  - rdflib query: the query alone on a graph rdflib has already parsed (in this process),
and the ratios process/process and query/query. Figures, never a pass/fail: the goals
(each topic under 10 ms, all under 100 ms) are compared in the last lines, for the query
itself.
"""
import os
import re
import statistics
import subprocess
import sys
import time

import rdflib

RDFLIB_PROCESS = r"""
import sys, rdflib
g = rdflib.Graph(); g.parse(sys.argv[1], format="turtle")
for row in g.query(open(sys.argv[2], encoding="utf-8").read()):
    pass
"""


def median_seconds(fn, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def ildkg_run(ildkg, ttl, path):
    """Wall seconds of one ildkg process, and the query seconds it reports."""
    start = time.perf_counter()
    done = subprocess.run([ildkg, "query", "--timing", "--data", ttl, "-f", "csv", path],
                          check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                          text=True)
    wall = time.perf_counter() - start
    found = re.search(r"load ([0-9.]+) ms, query ([0-9.]+) ms", done.stderr)
    if not found:
        raise SystemExit(f"ildkg --timing printed no figures: {done.stderr!r}")
    return wall, float(found.group(1)) / 1e3, float(found.group(2)) / 1e3


def main(argv):
    runs = 5
    if len(argv) > 1 and argv[1] == "--runs":
        runs = int(argv[2])
        argv = argv[:1] + argv[3:]
    here = os.path.dirname(os.path.abspath(__file__))
    top = os.path.dirname(here)
    ildkg = argv[1] if len(argv) > 1 else os.path.join(top, "src", "ildkg")
    ttl = argv[2] if len(argv) > 2 else os.path.join(top, "exports", "cop-ctd-ild.ttl")
    qdir = argv[3] if len(argv) > 3 else os.path.join(top, "ontology", "queries")
    queries = sorted(f for f in os.listdir(qdir) if f.endswith(".rq"))

    graph = rdflib.Graph()
    graph.parse(ttl, format="turtle")
    print(f"file: {ttl} ({len(graph)} triples); median of {runs} runs each")
    print(f"{'topic':<20} {'ildkg proc ms':>13} {'ildkg load ms':>13} {'ildkg query ms':>14}"
          f" {'rdflib proc ms':>14} {'rdflib query ms':>15} {'proc/proc':>9} {'query/query':>11}")
    total_ildkg = 0.0
    over_goal = []
    for name in queries:
        path = os.path.join(qdir, name)
        text = open(path, encoding="utf-8").read()

        def run_rdflib_process():
            subprocess.run(["/usr/bin/python3", "-c", RDFLIB_PROCESS, ttl, path], check=True,
                           stdout=subprocess.DEVNULL)

        def run_rdflib_query():
            for _ in graph.query(text):
                pass

        runs_ildkg = [ildkg_run(ildkg, ttl, path) for _ in range(runs)]
        t_ildkg, t_load, t_own = (statistics.median(r[k] for r in runs_ildkg) for k in range(3))
        t_proc = median_seconds(run_rdflib_process, runs)
        t_query = median_seconds(run_rdflib_query, runs)
        total_ildkg += t_own
        if t_own > 0.010:
            over_goal.append(name[:-3])
        print(f"{name[:-3]:<20} {t_ildkg * 1e3:13.1f} {t_load * 1e3:13.1f} {t_own * 1e3:14.2f}"
              f" {t_proc * 1e3:14.1f} {t_query * 1e3:15.1f} {t_ildkg / t_proc:9.3f}"
              f" {t_own / t_query:11.3f}")
    print(f"all topics, ildkg query itself: {total_ildkg * 1e3:.1f} ms (goal: under 100 ms)")
    print(f"topics over the 10 ms goal (query itself): {len(over_goal)} of {len(queries)}"
          + (f": {' '.join(over_goal)}" if over_goal else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
