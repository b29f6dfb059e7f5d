#!/usr/bin/python3
"""Benchmark: `ildkg serve` under concurrent clients, beside the same queries run as
separate `ildkg query` processes.

Usage: bench/serve.py [--requests N] [--clients C] ILDKG SRCDIR

Starts `ildkg serve --port 0` (the graph built from SRCDIR's facts), sends N POST queries
(the compare topics, round robin, Accept text/csv) from C client threads at once, checks
every answer against `ildkg query`'s CSV, and prints requests per second and latency
percentiles; then each topic as a separate `ildkg query -f csv` process (median of 3),
and the ratio. Figures, never a pass or fail (a wrong answer is reported, and counted).
"""
import concurrent.futures
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "cli"))
from protocol_check import FORM_TYPE, form, percentile, request  # noqa: E402


def topics(srcdir):
    qdir = os.path.join(srcdir, "ontology", "queries")
    return sorted(os.path.join(qdir, n) for n in os.listdir(qdir) if n.endswith(".rq"))


def start_server(ildkg, out):
    server = subprocess.Popen([ildkg, "serve", "--port", "0"], stdout=out, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        out.seek(0)
        line = out.read().decode()
        if "listening on " in line:
            return server, line.split("listening on ")[1].split()[0]
        if server.poll() is not None:
            sys.exit("ildkg serve exited before it listened")
        time.sleep(0.05)
    server.kill()
    sys.exit("ildkg serve did not listen within 60 s")


def main(argv):
    n, clients = 2000, 8
    args = argv[1:]
    while args and args[0].startswith("--"):
        if args[0] == "--requests":
            n = int(args[1])
        elif args[0] == "--clients":
            clients = int(args[1])
        else:
            sys.exit(__doc__)
        args = args[2:]
    if len(args) != 2:
        sys.exit(__doc__)
    ildkg, srcdir = args
    work = []
    process_times = []
    for q in topics(srcdir):
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            answer = subprocess.run([ildkg, "query", "-f", "csv", q], check=True,
                                    capture_output=True).stdout
            runs.append(time.perf_counter() - started)
        process_times.append(statistics.median(runs))
        with open(q, encoding="utf-8") as f:
            work.append((os.path.basename(q), f.read(), answer))
    with tempfile.TemporaryFile() as out:
        server, url = start_server(ildkg, out)
        try:
            def one(i):
                name, query, expected = work[i % len(work)]
                started = time.perf_counter()
                status, _, body = request(url, "POST", body=form({"query": query}),
                                          headers={**FORM_TYPE, "Accept": "text/csv"})
                return time.perf_counter() - started, status == 200 and body == expected
            started = time.perf_counter()
            with concurrent.futures.ThreadPoolExecutor(clients) as pool:
                results = list(pool.map(one, range(n)))
            wall = time.perf_counter() - started
        finally:
            server.send_signal(signal.SIGTERM)
            server.wait(30)
    latencies = sorted(t for t, _ in results)
    wrong = sum(1 for _, right in results if not right)
    served = n / wall
    separate = len(process_times) / sum(process_times)
    print(f"ildkg serve: {n} requests ({len(work)} compare topics, round robin) from {clients} "
          f"clients on loopback, {os.cpu_count()} cores")
    print(f"  {served:.1f} requests/s; latency ms p50 {percentile(latencies, 50) * 1e3:.1f}, "
          f"p90 {percentile(latencies, 90) * 1e3:.1f}, p99 {percentile(latencies, 99) * 1e3:.1f}, "
          f"max {latencies[-1] * 1e3:.1f}; wrong or failed answers: {wrong}")
    print(f"  separate processes (ildkg query -f csv TOPIC.rq, median of 3 a topic): "
          f"{separate:.1f} queries/s, {statistics.mean(process_times) * 1e3:.1f} ms each")
    print(f"  served / separate processes: {served / separate:.1f}x the throughput")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
