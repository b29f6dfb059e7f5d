#!/bin/sh
# The exports are one set: a fault injected before each file operation of a build, as a
# failure (ILDKG_FAULT_AT) or as a kill (ILDKG_FAULT_KILL), leaves --out holding exactly the
# previous set or exactly the new one, and the next build clears what a killed one left.
. "${srcdir:?}/tests/cli/lib.sh"

parent="$scratch/p"
out="$parent/set"
mkdir -p "$parent"
# Two sets that differ in every file: the previous (another --base) and the new.
"$ILDKG" build --out "$scratch/old" --base https://old.example.org/kg/ >/dev/null &&
  "$ILDKG" build --out "$scratch/new" >/dev/null || { not_ok "reference builds"; done_testing; }
listing() { (cd "$1" && ls -A && cksum -- *) 2>&1; }
listing "$scratch/old" >"$scratch/old.list"
listing "$scratch/new" >"$scratch/new.list"
reset_previous() { rm -rf "$out" "$parent/.set.ildkg-staging" && cp -R "$scratch/old" "$out"; }

# holds_which: prints old, new or mixed for the current --out.
holds_which() {
  listing "$out" >"$scratch/now.list"
  if cmp -s "$scratch/now.list" "$scratch/old.list"; then echo old
  elif cmp -s "$scratch/now.list" "$scratch/new.list"; then echo new
  else echo mixed; fi
}

for mode in fail kill; do
  step=1 wrong=0 steps=0
  while [ "$step" -le 200 ]; do
    reset_previous
    if [ "$mode" = kill ]; then
      ILDKG_FAULT_AT=$step ILDKG_FAULT_KILL=1 "$ILDKG" build --out "$out" >/dev/null 2>"$scratch/err"
    else
      ILDKG_FAULT_AT=$step "$ILDKG" build --out "$out" >/dev/null 2>"$scratch/err"
    fi
    rc=$?
    grep -q "injected fault at step $step" "$scratch/err" || break
    steps=$step
    held=$(holds_which)
    case "$mode/$rc/$held" in
      fail/0/new | kill/137/old | kill/137/new) ;;
      fail/0/*) wrong=1; echo "# step $step: exit 0 but --out holds the $held set" ;;
      fail/*/old)
        grep -q "$out still holds the previous export set, unchanged" "$scratch/err" || {
          wrong=1; echo "# step $step: the message does not say the previous set is kept"; } ;;
      *) wrong=1; echo "# step $step ($mode): exit $rc, --out holds the $held set"; sed 's/^/# /' "$scratch/err" ;;
    esac
    if [ "$mode" = kill ]; then
      # The next build recognises what the killed one left and ends with the new set.
      if ! "$ILDKG" build --out "$out" >/dev/null 2>"$scratch/err2" || [ "$(holds_which)" != new ] ||
        [ -e "$parent/.set.ildkg-staging" ]; then
        wrong=1; echo "# step $step: the build after the kill did not recover"; sed 's/^/# /' "$scratch/err2"
      fi
    elif [ -e "$parent/.set.ildkg-staging" ] && [ "$rc" != 0 ]; then
      echo "# step $step: a failed build left its staging directory (allowed: the next clears it)"
    fi
    step=$((step + 1))
  done
  [ "$steps" -ge 10 ] && ok "$mode: faults were injected at all $steps file operations" ||
    not_ok "$mode: faults were injected at all $steps file operations" "expected at least 10"
  [ "$wrong" = 0 ] && ok "$mode: after each, --out held exactly the previous or the new set" ||
    not_ok "$mode: after each, --out held exactly the previous or the new set"
done

# Into a directory that does not exist yet: a fault leaves no directory or the whole set.
step=1 wrong=0
while [ "$step" -le 200 ]; do
  rm -rf "$out" "$parent/.set.ildkg-staging"
  ILDKG_FAULT_AT=$step "$ILDKG" build --out "$out" >/dev/null 2>"$scratch/err"
  rc=$?
  grep -q "injected fault at step $step" "$scratch/err" || break
  if [ -e "$out" ] && [ "$(holds_which)" != new ]; then wrong=1; echo "# step $step: a partial new directory"; fi
  if [ "$rc" != 0 ] && ! grep -q "no export was written" "$scratch/err"; then wrong=1; echo "# step $step: message"; fi
  step=$((step + 1))
done
[ "$wrong" = 0 ] && ok "a new --out appears whole or not at all" ||
  not_ok "a new --out appears whole or not at all"
# The new set keeps the permissions of the directory it replaces.
rm -rf "$out" "$parent/.set.ildkg-staging"
mkdir "$out" && chmod 750 "$out"
expect_status "build into a directory of mode 750 exits 0" 0 "$ILDKG" build --out "$out"
[ "$(stat -c %a "$out")" = 750 ] && ok "... and the new set has mode 750" ||
  not_ok "... and the new set has mode 750" "mode $(stat -c %a "$out")"
# --out whose parents do not exist yet: they are created, as mkdir -p would.
expect_status "build --out NEW/a/b (missing parents) exits 0" 0 "$ILDKG" build --format turtle --out "$scratch/new/a/b"
[ -s "$scratch/new/a/b/cop-ctd-ild.ttl" ] && ok "... and writes the export there" ||
  not_ok "... and writes the export there" "$(ls -R "$scratch/new" 2>&1)"
: >"$scratch/plainfile"
expect_status "build --out FILE/x (a parent is a file): 73" 73 "$ILDKG" build --out "$scratch/plainfile/x"
done_testing
