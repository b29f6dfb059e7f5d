#!/usr/bin/python3
"""Helpers of tests/cli/virtuoso.sh: a throwaway Virtuoso server as a second SPARQL engine.
Standard library only.

  virtuoso_check.py ports                           print two free loopback ports
  virtuoso_check.py wait ENDPOINT PID SECONDS       until ENDPOINT answers ASK {}; exit 2
                                                    at once if PID exits, 1 on timeout
  virtuoso_check.py stop PID                        SIGTERM, then SIGKILL after 10 s; returns
                                                    once PID has exited (the caller reaps it)
  virtuoso_check.py same-rows ILDKG.csv ENDPOINT GRAPH QUERY.rq [--allow-empty]
                                                    ildkg's CSV answer = Virtuoso's, as multisets
  virtuoso_check.py same-csv LOCAL.csv REMOTE.csv   two of ildkg's CSV answers (local, and
                                                    through --endpoint): same header, same
                                                    rows as multisets, not empty

Exit 0 when the check holds; otherwise the problems on stderr and exit 1.
"""
import collections
import csv
import decimal
import io
import os
import random
import re
import signal
import socket
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

from rdf_check import fail  # beside this file; rdflib is imported only by its commands

NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def sparql_csv(endpoint, graph, query, timeout=30):
    """Virtuoso's answer as CSV rows (header first). default-graph-uri keeps Virtuoso's
    own system graphs out of the default graph."""
    params = {"query": query}
    if graph:
        params["default-graph-uri"] = graph
    request = urllib.request.Request(endpoint, data=urllib.parse.urlencode(params).encode(),
                                     headers={"Accept": "text/csv"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return list(csv.reader(io.StringIO(response.read().decode("utf-8"), newline="")))


def normalise(cell):
    """Only the differences of representation in the two engines' SPARQL CSV: Virtuoso
    writes booleans as 1/0 (rasqal: true/false) and numbers in canonical form (1.5e2 as
    150.0, 01.50 as 1.5; rasqal keeps the lexical form). CSV carries no datatypes, so this
    is applied to every cell on both sides: it equates only texts that denote the same
    number or truth value. (Language tags and datatypes are absent from CSV in both.)"""
    if cell == "true":
        return "1"
    if cell == "false":
        return "0"
    if NUMBER.fullmatch(cell):
        d = decimal.Decimal(cell)
        return "0" if d == 0 else format(d.normalize(), "f")
    return cell


def same_rows(args):
    ours_path, endpoint, graph, query_path = args[:4]
    allow_empty, rest = False, args[4:]
    while rest:
        if rest[0] == "--allow-empty":
            allow_empty, rest = True, rest[1:]
        else:
            return fail([f"unknown option {rest[0]}"])
    with open(ours_path, encoding="utf-8", newline="") as f:
        ours = list(csv.reader(f))
    with open(query_path, encoding="utf-8") as f:
        query = f.read()
    try:
        theirs = sparql_csv(endpoint, graph, query)
    except urllib.error.HTTPError as e:
        return fail([f"Virtuoso: HTTP {e.code}: {e.read().decode('utf-8', 'replace')[:2000]}"])
    problems = []
    if theirs and theirs[0] == ["__ASK_RETVAL"]:
        # ASK: ildkg prints true or false alone; Virtuoso a column __ASK_RETVAL, with one
        # row 1 for true and no row for false.
        header = ["__ASK_RETVAL"]
        ours_rows = ours
        theirs_rows = [["true" if theirs[1:] == [["1"]] else "false"]]
    else:
        header = theirs[0] if theirs else None
        if not ours or ours[0] != header:
            problems.append(f"header: ildkg {ours[0] if ours else None}, Virtuoso {header}")
            return fail(problems)
        ours_rows, theirs_rows = ours[1:], theirs[1:]
    a = collections.Counter(tuple(normalise(c) for c in r) for r in ours_rows)
    b = collections.Counter(tuple(normalise(c) for c in r) for r in theirs_rows)
    problems += [f"only in ildkg ({n}x): {row}" for row, n in sorted((a - b).items())]
    problems += [f"only in Virtuoso ({n}x): {row}" for row, n in sorted((b - a).items())]
    if not problems and not ours_rows and not allow_empty:
        problems.append("empty answer in both: a shipped query should find something")
    return fail(problems)


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.reader(f))


def same_csv(args):
    """The same normalisation as same-rows: Virtuoso's values come back through --endpoint
    in its own canonical forms (1 for true, 90 for 90.0)."""
    local, remote = read_csv(args[0]), read_csv(args[1])
    if not local or not remote or local[0] != remote[0]:
        return fail([f"header: local {local[:1]}, --endpoint {remote[:1]}"])
    a = collections.Counter(tuple(normalise(c) for c in r) for r in local[1:])
    b = collections.Counter(tuple(normalise(c) for c in r) for r in remote[1:])
    problems = [f"only local ({n}x): {row}" for row, n in sorted((a - b).items())]
    problems += [f"only through --endpoint ({n}x): {row}" for row, n in sorted((b - a).items())]
    if not problems and not local[1:]:
        problems.append("empty answer in both: a shipped query should find something")
    return fail(problems)


def free(port):
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def ports(args):
    """Two ports free now, drawn at random below Linux's ephemeral range (32768-60999),
    so that outgoing connections are unlikely to take them before Virtuoso does."""
    rng = random.SystemRandom()
    found = []
    for _ in range(200):
        p = rng.randrange(20000, 32700)
        if p not in found and free(p):
            found.append(p)
            if len(found) == 2:
                print(*found)
                return 0
    return fail(["no two free loopback ports found in 200 tries"])


def alive(pid):
    """True while PID runs: a zombie (exited, not yet reaped by the shell) is not alive."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
    except OSError:
        pass
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def wait(args):
    endpoint, pid, seconds = args[0], int(args[1]), float(args[2])
    deadline = time.monotonic() + seconds
    last = "no answer yet"
    while time.monotonic() < deadline:
        if not alive(pid):
            return fail([f"virtuoso-t (pid {pid}) exited before it answered at {endpoint}"]) + 1
        try:
            rows = sparql_csv(endpoint, None, "ASK {}", timeout=5)
            if rows:
                return 0
        except (urllib.error.URLError, OSError, ValueError) as e:
            last = str(e)
        time.sleep(0.25)
    return fail([f"{endpoint} did not answer within {seconds:g} s (last: {last})"])


def stop(args):
    pid = int(args[0])
    if not alive(pid):
        return 0
    os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + 10
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.1)
    if alive(pid):
        os.kill(pid, signal.SIGKILL)
        while alive(pid):
            time.sleep(0.1)
    return 0


if __name__ == "__main__":
    commands = {"ports": ports, "wait": wait, "stop": stop, "same-rows": same_rows,
                "same-csv": same_csv}
    if len(sys.argv) < 2 or sys.argv[1] not in commands:
        print(__doc__, file=sys.stderr)
        sys.exit(64)
    sys.exit(commands[sys.argv[1]](sys.argv[2:]))
