#!/bin/sh
# Runs every fuzz target for a set time and prints what it reached (`make fuzz`).
#
#   [FUZZ_TARGETS="csv toml"] [FUZZ_SEED=N] sh tests/fuzz/run.sh FUZZ_BUILD SECONDS [COVERAGE_BUILD]
#
# FUZZ_BUILD holds the libFuzzer binaries (CONSULT_FUZZ=ON). Each target starts
# from its checked-in seeds (tests/fuzz/corpus/TARGET), grows its corpus in FUZZ_BUILD/corpus/TARGET (kept between runs), and
# writes what crashes it to FUZZ_BUILD/crashes/. With COVERAGE_BUILD (a
# consult_fuzz_replay built with CONSULT_COVERAGE=ON), the grown corpus is
# replayed there and llvm-cov reports the lines reached in the sources that
# target reads with.
#
# Exit 1 if any target found a crash: copy the input into
# tests/fuzz/regressions/TARGET/ (named after what it found), fix the cause,
# and `make test` replays it from then on.
set -eu
build=$1
seconds=$2
cov=${3:-}
src=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$src/../.." && pwd)
seed=${FUZZ_SEED:-20261122}
mkdir -p "$build/crashes" "$build/logs"

# The sources each target is there to exercise (for the coverage figure).
sources_of() {
  case $1 in
  csv) echo "$top/lib/intake.cpp" ;;
  xlsx | xlsx-parts) echo "$top/lib/xlsx.cpp" ;;
  toml) echo "$top/lib/config.cpp" ;;
  date) echo "$top/lib/dates.cpp" ;;
  profile) echo "$top/lib/rules.cpp $top/lib/config.cpp" ;;
  esac
}

found=0
summary="$build/fuzz-summary.txt"
printf '%-11s %10s %8s %7s %7s %6s %8s  %s\n' target executions exec/s edges features corpus rss_mb \
  lines > "$summary"
for t in ${FUZZ_TARGETS:-csv xlsx xlsx-parts toml date profile}; do
  bin="$build/tests/fuzz/consult_fuzz_$t"
  work="$build/corpus/$t"
  mkdir -p "$work"
  # The regressions are not seeds: replayed by every `make test`, they would
  # only pull the fuzzer back to what is fixed (and some are slow on purpose).
  set -- "$work" "$src/corpus/$t"
  dict=""
  [ -f "$src/$t.dict" ] && dict="-dict=$src/$t.dict"
  log="$build/logs/$t.log"
  echo "fuzz: $t for ${seconds}s" >&2
  status=0
  # shellcheck disable=SC2086
  "$bin" -max_total_time="$seconds" -seed="$seed" -timeout=20 -rss_limit_mb=2048 \
    -max_len=65536 -print_final_stats=1 -artifact_prefix="$build/crashes/$t-" $dict \
    "$@" > "$log" 2>&1 || status=$?
  execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  speed=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
  rss=$(sed -n 's/^stat::peak_rss_mb: *//p' "$log" | tail -1)
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  edges=$(echo "$last" | sed -n 's/.* cov: \([0-9]*\).*/\1/p')
  feats=$(echo "$last" | sed -n 's/.* ft: \([0-9]*\).*/\1/p')
  corp=$(echo "$last" | sed -n 's/.* corp: \([0-9]*\).*/\1/p')
  lines="-"
  if [ -n "$cov" ] && [ "$status" -eq 0 ]; then
    prof="$build/logs/$t.profraw"
    # The grown corpus replayed in a debug build (toml++'s own checks on).
    # shellcheck disable=SC2068
    if LLVM_PROFILE_FILE="$prof" "$cov/tests/fuzz/consult_fuzz_replay" "$t" $@ \
      > "$build/logs/$t.replay.log" 2>&1; then
      llvm-profdata merge -sparse "$prof" -o "$build/logs/$t.profdata"
      # shellcheck disable=SC2046
      lines=$(llvm-cov report "$cov/tests/fuzz/consult_fuzz_replay" \
        -instr-profile="$build/logs/$t.profdata" $(sources_of "$t") |
        awk '$1 != "TOTAL" && $1 ~ /\.cpp$/ { n = split($1, p, "/"); printf "%s%s %s", sep, p[n], $10; sep = ", " }')
    else
      lines="replay FAILED"
      status=1
      echo "fuzz: replaying $t's corpus failed; its log: $build/logs/$t.replay.log" >&2
      tail -3 "$build/logs/$t.replay.log" >&2
    fi
  fi
  printf '%-11s %10s %8s %7s %7s %6s %8s  %s\n' "$t" "${execs:-?}" "${speed:-?}" "${edges:-?}" \
    "${feats:-?}" "${corp:-?}" "${rss:-?}" "$lines" >> "$summary"
  if [ "$status" -ne 0 ]; then
    found=1
    echo "fuzz: $t FAILED (exit $status); its log: $log" >&2
    grep -E 'ERROR|fuzz target|Test unit written|SUMMARY' "$log" | head -5 >&2 || true
  fi
done
cat "$summary"
if [ "$found" -ne 0 ]; then
  echo "fuzz: crashes in $build/crashes/ — copy each into tests/fuzz/regressions/TARGET/ and fix it" >&2
  exit 1
fi
