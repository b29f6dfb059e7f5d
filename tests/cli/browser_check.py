#!/usr/bin/env python3
"""Load the query page of `ildkg serve` in headless Chromium and check what it shows.

Usage: browser_check.py URL TOPIC EXPECTED.csv SCREENSHOT.png

URL is the server root (http://127.0.0.1:PORT/). Chromium (/usr/bin/chromium, or
$CHROMIUM) opens URL?topic=TOPIC&run=1 twice: once dumping the DOM with the console
logged to stderr, once taking a screenshot of 1280x900. Checks: Chromium exits 0 both
times; the body's data-state is "done"; #errors is empty; the table #results has the
header and rows of EXPECTED.csv (a SPARQL 1.1 CSV result of the same query, e.g. from
`ildkg query -f csv`; rows compared as a multiset, each cell by its data-value: the IRI
or the literal's lexical form, '' for unbound); the page wrote nothing to the console
(no console message, no uncaught error); SCREENSHOT.png is a PNG.
Prints what it checked; exit 0 when all hold, else the problems on stderr and exit 1.
Standard library only.
"""
import collections
import csv
import html.parser
import os
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
import urllib.parse

TIMEOUT = 60
# --virtual-time-budget: the page's clock runs virtually and Chromium waits until the
# budget is spent before dumping or shooting; pending network fetches pause virtual
# time, so the answers of /topics and /sparql arrive first, however slow the server.
FLAGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
    "--no-first-run", "--no-default-browser-check", "--disable-extensions",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--mute-audio", "--virtual-time-budget=30000",
]
# Console messages (any level: Chromium logs console.log and console.error alike as
# INFO:CONSOLE) and uncaught errors, as --enable-logging=stderr --v=0 writes them:
# [pid:tid:date/time.us:INFO:CONSOLE:LINE] "message", source: URL (LINE)
# (older Chromium: INFO:CONSOLE(LINE)). Other lines are Chromium's own (dbus, gpu, ...).
CONSOLE = re.compile(r":CONSOLE[:(]|\bUncaught\b")
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


class Page(html.parser.HTMLParser):
    """What the dumped DOM shows: body's data-state, #status and #errors text, and the
    #results table (header names, rows of td data-value)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.state = None
        self.text = {"status": [], "errors": []}
        self.header, self.rows = [], []
        self.stack = []  # (tag, id) of the open elements
        self.in_table = False
        self.section = None  # thead / tbody inside #results

    def inside(self, ident):
        return any(i == ident for _, i in self.stack)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "body":
            self.state = a.get("data-state")
        if tag in ("meta", "link", "br", "img", "input", "hr", "col", "wbr", "source"):
            return
        self.stack.append((tag, a.get("id")))
        if tag == "table" and a.get("id") == "results":
            self.in_table = True
        elif self.in_table and tag in ("thead", "tbody"):
            self.section = tag
        elif self.in_table and tag == "tr":
            if self.section == "tbody":
                self.rows.append([])
        elif self.in_table and tag == "th" and self.section == "thead":
            self.header.append("")
        elif self.in_table and tag == "td" and self.section == "tbody" and self.rows:
            self.rows[-1].append(a.get("data-value"))

    def handle_endtag(self, tag):
        if tag not in [t for t, _ in self.stack]:
            return
        while self.stack:
            t, ident = self.stack.pop()
            if ident == "results":
                self.in_table = False
            if t in ("thead", "tbody") and self.in_table:
                self.section = None
            if t == tag:
                break

    def handle_data(self, data):
        for ident in self.text:
            if self.inside(ident):
                self.text[ident].append(data)
        if self.in_table and self.section == "thead" and self.stack and self.stack[-1][0] == "th":
            self.header[-1] += data


def chromium(args, profile):
    """Run Chromium with ARGS in its own process group; (exit status, stdout, stderr).
    A run longer than TIMEOUT is killed, the whole group with it."""
    exe = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    env = dict(os.environ, XDG_CONFIG_HOME=os.path.join(profile, "config"),
               XDG_CACHE_HOME=os.path.join(profile, "cache"))
    cmd = [exe] + FLAGS + ["--user-data-dir=" + os.path.join(profile, "data")] + args
    print("run: " + shlex.join(cmd))
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            stdin=subprocess.DEVNULL, env=env, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        return None, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")
    finally:
        try:  # children left behind (zygote, renderer) go too
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return proc.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


def page_url(root, topic):
    parts = urllib.parse.urlsplit(root)
    query = urllib.parse.urlencode({"topic": topic, "run": "1"})
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path or "/", query, ""))


def read_csv(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    if not rows:
        return None, []
    return rows[0], rows[1:]


def show(row):
    return ",".join(repr(c) for c in row)


def main(argv):
    if len(argv) != 5:
        sys.stderr.write(__doc__.split("\n\n")[1] + "\n")
        return 64
    root, topic, expected_csv, screenshot = argv[1:]
    screenshot = os.path.abspath(screenshot)
    url = page_url(root, topic)
    problems = []
    want_header, want_rows = read_csv(expected_csv)
    if want_header is None:
        problems.append("%s is empty (no header line)" % expected_csv)

    tmp = tempfile.mkdtemp(prefix="ildkg-chromium.")
    try:
        status, dom, err = chromium(["--enable-logging=stderr", "--v=0", "--dump-dom", url],
                                    os.path.join(tmp, "dom"))
        if status != 0:
            problems.append("chromium --dump-dom: %s" % ("timed out after %d s" % TIMEOUT
                            if status is None else "exit %d" % status))
        console = [l for l in err.splitlines() if CONSOLE.search(l)]
        print("checked: chromium --dump-dom exit %s; %d stderr lines, %d of the page's console"
              % (status, len(err.splitlines()), len(console)))
        for line in console:
            problems.append("console: " + line)
        if status is None or not dom.strip():
            # A page that never finished loading: nothing more to check (and a
            # screenshot would wait as long).
            if not dom.strip():
                problems.append("chromium --dump-dom wrote no DOM")
            return report(topic, url, expected_csv, problems)

        page = Page()
        page.feed(dom)
        page.close()
        status_text = " ".join("".join(page.text["status"]).split())
        errors_text = " ".join("".join(page.text["errors"]).split())
        print("checked: body data-state=%r, #status %r, #errors %r"
              % (page.state, status_text, errors_text))
        if page.state != "done":
            problems.append("body data-state is %r, not 'done' (#status: %s)" % (page.state, status_text))
        if errors_text:
            problems.append("#errors is not empty: " + errors_text)

        if want_header is not None:
            header = [" ".join(h.split()) for h in page.header]
            if header != want_header:
                problems.append("#results header %s, expected %s" % (show(header), show(want_header)))
            bad = [r for r in page.rows if any(v is None for v in r)]
            if bad:
                problems.append("%d rows have a td without data-value, e.g. %r" % (len(bad), bad[0]))
            got = collections.Counter(tuple("" if v is None else v for v in r) for r in page.rows)
            want = collections.Counter(tuple(r) for r in want_rows)
            missing, extra = want - got, got - want
            print("checked: #results %d columns, %d rows; %s %d rows (multiset)"
                  % (len(header), len(page.rows), os.path.basename(expected_csv), len(want_rows)))
            for row, n in list(missing.items())[:5]:
                problems.append("row missing from #results (x%d): %s" % (n, show(row)))
            for row, n in list(extra.items())[:5]:
                problems.append("row in #results not in %s (x%d): %s" % (expected_csv, n, show(row)))
            if len(missing) + len(extra) > 10:
                problems.append("... %d rows missing and %d extra in all"
                                % (sum(missing.values()), sum(extra.values())))

        if os.path.exists(screenshot):
            os.remove(screenshot)
        status, _, err = chromium(["--window-size=1280,900", "--screenshot=" + screenshot, url],
                                  os.path.join(tmp, "shot"))
        if status != 0:
            problems.append("chromium --screenshot: %s" % ("timed out after %d s" % TIMEOUT
                            if status is None else "exit %d" % status))
        try:
            with open(screenshot, "rb") as f:
                head = f.read(24)
            if head[:8] != PNG_SIGNATURE or head[12:16] != b"IHDR":
                problems.append("%s is not a PNG" % screenshot)
            else:
                print("checked: %s is a PNG of %dx%d" % (screenshot, int.from_bytes(head[16:20], "big"),
                                                         int.from_bytes(head[20:24], "big")))
        except OSError as e:
            problems.append("no screenshot: %s" % e)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return report(topic, url, expected_csv, problems)


def report(topic, url, expected_csv, problems):
    if problems:
        for p in problems:
            sys.stderr.write("browser_check: %s: %s\n" % (topic, p))
        return 1
    print("ok: %s shows topic %s as %s" % (url, topic, expected_csv))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
