#!/usr/bin/python3
"""Benchmark: every compare topic in ildkg and in rdflib, on the same query and file.

Usage: bench/queries.py [--runs N] [ILDKG] [TTL] [QUERY_DIR]

For each ontology/queries/*.rq it prints the median wall time of N runs of
  - ildkg: the whole process `ildkg query --data TTL -f csv Q` (parse, graph, query, output),
  - rdflib process: the same in a fresh /usr/bin/python3 (import, parse, query, output),
  - rdflib query: the query alone on a graph rdflib has already parsed,
and the ratios ildkg / rdflib-process and ildkg / rdflib-query. The fixed cost of an ildkg
process (parse the file, fill the librdf model) is measured as `ASK {}` on the same file, and
"ildkg query ms" is a topic's median less that baseline: the cost of the query itself.
Figures, never a pass/fail: the goals (each topic under 10 ms, all under 100 ms) are
compared in the last lines, for the query itself.
"""
import os
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
    baseline = median_seconds(lambda: subprocess.run(
        [ildkg, "query", "--data", ttl, "-f", "csv", "-e", "ASK {}"], check=True,
        stdout=subprocess.DEVNULL), runs)
    print(f"ildkg baseline (ASK {{}}: parse and load): {baseline * 1e3:.1f} ms")
    print(f"{'topic':<20} {'ildkg ms':>9} {'ildkg query ms':>15} {'rdflib proc ms':>15}"
          f" {'rdflib query ms':>16} {'ildkg/proc':>11} {'query/query':>12}")
    total_ildkg = 0.0
    over_goal = []
    for name in queries:
        path = os.path.join(qdir, name)
        text = open(path, encoding="utf-8").read()

        def run_ildkg():
            subprocess.run([ildkg, "query", "--data", ttl, "-f", "csv", path], check=True,
                           stdout=subprocess.DEVNULL)

        def run_rdflib_process():
            subprocess.run(["/usr/bin/python3", "-c", RDFLIB_PROCESS, ttl, path], check=True,
                           stdout=subprocess.DEVNULL)

        def run_rdflib_query():
            for _ in graph.query(text):
                pass

        t_ildkg = median_seconds(run_ildkg, runs)
        t_proc = median_seconds(run_rdflib_process, runs)
        t_query = median_seconds(run_rdflib_query, runs)
        t_own = max(t_ildkg - baseline, 0.0)
        total_ildkg += t_own
        if t_own > 0.010:
            over_goal.append(name[:-3])
        print(f"{name[:-3]:<20} {t_ildkg * 1e3:9.1f} {t_own * 1e3:15.1f} {t_proc * 1e3:15.1f}"
              f" {t_query * 1e3:16.1f} {t_ildkg / t_proc:11.3f} {t_own / t_query:12.2f}")
    print(f"all topics, ildkg query itself: {total_ildkg * 1e3:.1f} ms (goal: under 100 ms)")
    print(f"topics over the 10 ms goal (query itself): {len(over_goal)} of {len(queries)}"
          + (f": {' '.join(over_goal)}" if over_goal else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
