#!/bin/sh
# The query page of `ildkg serve` in a real browser: Debian's Chromium, headless, opens
# /?topic=T&run=1 for a few topics; tests/cli/browser_check.py checks that the page ran
# the topic without a console message or an uncaught error and shows exactly the rows of
# `ildkg query` for it, and takes a screenshot (kept beside this test's log as
# browser-TOPIC.png, its path and size in the log). Skipped when chromium is absent.
. "$srcdir/tests/cli/lib.sh"

chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ]; then
  echo "1..0 # SKIP $chromium not installed (Debian package chromium)"
  exit 0
fi
trap 'stop_servers; rm -rf "$scratch"' EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

if ! start_server page; then
  done_testing
  exit 1
fi
ok "ildkg serve listens at $url"
for topic in summary only-cop references; do
  if ! "$ILDKG" query -f csv "$srcdir/ontology/queries/$topic.rq" >"$scratch/$topic.csv" 2>"$scratch/err"; then
    not_ok "$topic: ildkg query runs it" "$(cat "$scratch/err")"
    continue
  fi
  shot="$(pwd)/tests/cli/browser-$topic.png"
  [ -d tests/cli ] || shot="$scratch/browser-$topic.png"
  if CHROMIUM=$chromium "$PYTHON3" "$srcdir/tests/cli/browser_check.py" "$url" "$topic" \
    "$scratch/$topic.csv" "$shot" >"$scratch/browser.out" 2>&1; then
    ok "$topic: Chromium runs it on the page and shows ildkg query's $(($(wc -l <"$scratch/$topic.csv") - 1)) rows, no console message; screenshot $shot ($(wc -c <"$shot") bytes)"
  else
    not_ok "$topic: Chromium runs it on the page and shows ildkg query's rows" "$(cat "$scratch/browser.out")"
  fi
done
done_testing
