# Shared by the CLI tests: TAP output, a scratch directory, the binary under test.
# Sourced with ILDKG (the binary) and srcdir (the source tree) set by `make check`.
set -u
LC_ALL=C
export LC_ALL
: "${ILDKG:?ILDKG must name the ildkg binary}"
: "${srcdir:?srcdir must name the source tree}"
PYTHON3=${PYTHON3:-/usr/bin/python3}
RAPPER=${RAPPER:-rapper}
# The release's IRI (default base): the dataset node, and the graph name of N-Quads and stores.
ILDKG_RELEASE_IRI="https://w3id.org/ildkg/cop-ctd-ild/release/$("$ILDKG" --version | sed 's/^ildkg //')"
export ILDKG_RELEASE_IRI

tap_count=0
tap_failed=0
scratch=$(mktemp -d "${TMPDIR:-/tmp}/ildkg-test.XXXXXX")
trap 'rm -rf "$scratch"' EXIT

ok() {
  tap_count=$((tap_count + 1))
  echo "ok $tap_count - $1"
}

not_ok() {
  tap_count=$((tap_count + 1))
  tap_failed=$((tap_failed + 1))
  echo "not ok $tap_count - $1"
  shift
  for line in "$@"; do echo "# $line"; done
}

# check DESCRIPTION COMMAND...: ok when COMMAND succeeds.
check() {
  desc=$1
  shift
  if out=$("$@" 2>&1); then ok "$desc"; else not_ok "$desc" "$out"; fi
}

# expect_status DESCRIPTION STATUS COMMAND...: ok when COMMAND exits with STATUS.
expect_status() {
  desc=$1 want=$2
  shift 2
  "$@" >"$scratch/out" 2>"$scratch/err"
  got=$?
  if [ "$got" = "$want" ]; then
    ok "$desc"
  else
    not_ok "$desc" "exit $got, expected $want" "$(head -5 "$scratch/err")"
  fi
}

# A copy of the shipped facts and ontology to break on purpose.
copy_inputs() {
  rm -rf "$1"
  mkdir -p "$1"
  cp -R "$srcdir/facts" "$srcdir/ontology" "$1/"
  chmod -R u+w "$1"
}

done_testing() {
  echo "1..$tap_count"
  [ "$tap_failed" = 0 ]
}

# ---- ildkg serve (serve.sh, browser.sh) ----
pcheck() { "$PYTHON3" "$srcdir/tests/cli/protocol_check.py" "$@"; }

server_pids=
# start_server NAME ARGS...: start `ildkg serve --port 0 ARGS`, wait until it listens, and
# set url to its root. Its stdout and stderr are $scratch/NAME.out and .err.
start_server() {
  name=$1
  shift
  "$ILDKG" serve --port 0 "$@" >"$scratch/$name.out" 2>"$scratch/$name.err" &
  pid=$!
  server_pids="$server_pids $pid"
  eval "${name}_pid=$pid"
  if url=$(pcheck wait "$scratch/$name.out" "$pid" 60 2>"$scratch/wait.err"); then
    return 0
  fi
  not_ok "ildkg serve $* listens" "$(cat "$scratch/wait.err")" "$(tail -5 "$scratch/$name.err")"
  return 1
}
stop_servers() {
  for p in $server_pids; do
    kill -TERM "$p" 2>/dev/null && wait "$p" 2>/dev/null
  done
  server_pids=
}
