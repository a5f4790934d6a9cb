#!/usr/bin/env bash
# Builds the libFuzzer targets with clang (libFuzzer, ASan, UBSan) in build-fuzz and runs each of
# them on a temporary copy of its seed corpus (fuzz/corpus/<name>), so the repository corpus does
# not grow:
#   http_decoding_fuzzer  HTTP request heads, targets, cookies, forms, UTF-8
#   csv_parser_fuzzer     encoding detection, UTF-8 transcoder, dialect sniffer, CSV parser
#   schema_fuzzer         Table Schema / Data Package / Table Dialect JSON, mapHeader, readCell
#   cast_fuzzer           cast functions and readCell for every field type and format
# Before fuzzing, each fuzzer replays its reproducers in fuzz/regressions/<name>/ once, so fixed
# crashes stay fixed. Exits non-zero when any fuzzer or replay finds a crash, sanitizer report or
# violated property; the reproducer is kept in build-fuzz/artifacts/ (replay:
# build-fuzz/<fuzzer> <file>; please copy it to fuzz/regressions/<name>/).
#
# Seconds per fuzzer: FUZZ_SECONDS (default 15; with replays and start-up about 75 s for all
# four), or per fuzzer FUZZ_SECONDS_HTTP_DECODING, FUZZ_SECONDS_CSV_PARSER, FUZZ_SECONDS_SCHEMA,
# FUZZ_SECONDS_CAST, FUZZ_SECONDS_SPREADSHEET (0 skips the fuzzing, the replay still runs). FUZZERS="schema cast" runs only
# some of them. A summary line per fuzzer (runs, runs/s, coverage) ends the output; libFuzzer's own
# output is shown only when a fuzzer fails.
#   FUZZ_SECONDS=300 bash fuzz/run.sh     FUZZ_BUILD_DIR=/tmp/bf bash fuzz/run.sh
#   FUZZERS=csv_parser FUZZ_SECONDS_CSV_PARSER=600 bash fuzz/run.sh
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}
seconds=${FUZZ_SECONDS:-15}
all_fuzzers=(http_decoding csv_parser schema cast spreadsheet)
read -r -a fuzzers <<<"${FUZZERS:-${all_fuzzers[*]}}"

if ! command -v clang >/dev/null 2>&1 || ! command -v clang++ >/dev/null 2>&1; then
  echo "fuzz/run.sh: clang/clang++ nicht gefunden. libFuzzer braucht clang (Debian: apt-get install clang)." >&2
  exit 2
fi
for name in "${fuzzers[@]}"; do
  if [ ! -d "$root/fuzz/corpus/$name" ]; then
    echo "fuzz/run.sh: unbekannter Fuzzer „$name“ (möglich: ${all_fuzzers[*]})." >&2
    exit 2
  fi
done

if [ -f "$build/CMakeCache.txt" ] && ! grep -q '^CMAKE_CXX_COMPILER:[A-Z]*=.*clang++' "$build/CMakeCache.txt"; then
  echo "fuzz/run.sh: $build wurde nicht mit clang++ konfiguriert; bitte löschen oder FUZZ_BUILD_DIR setzen." >&2
  exit 2
fi
if [ ! -f "$build/build.ninja" ]; then
  CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DOPGV_BUILD_FUZZERS=ON -DOPGV_BUILD_TESTS=OFF >/dev/null
fi
targets=()
for name in "${fuzzers[@]}"; do targets+=("${name}_fuzzer"); done
cmake --build "$build" --target "${targets[@]}"

work=$(mktemp -d "${TMPDIR:-/tmp}/opgv-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$build/artifacts"

# statvalue LOG NAME: the value of libFuzzer's -print_final_stats line stat::NAME.
statvalue() { sed -n "s/^stat::$2: *//p" "$1" | tail -n 1; }

summary=()
failed=()
for name in "${fuzzers[@]}"; do
  fuzzer="$build/${name}_fuzzer"
  upper=$(printf '%s' "$name" | tr '[:lower:]' '[:upper:]')
  var="FUZZ_SECONDS_${upper}"
  secs=${!var:-$seconds}
  options=(-timeout=10 -rss_limit_mb=2048 -artifact_prefix="$build/artifacts/${name}-")
  dict="$root/fuzz/dictionaries/$name.dict"
  [ -f "$dict" ] && options+=(-dict="$dict")
  log="$work/$name.log"

  # Replay: every reproducer once (libFuzzer runs files given as arguments and exits).
  regressions=()
  if [ -d "$root/fuzz/regressions/$name" ]; then
    while IFS= read -r -d '' file; do regressions+=("$file"); done \
      < <(find "$root/fuzz/regressions/$name" -type f ! -name '*.md' -print0 | sort -z)
  fi
  if [ "${#regressions[@]}" -gt 0 ]; then
    echo "${name}_fuzzer: ${#regressions[@]} Reproduzierer aus fuzz/regressions/$name"
    # One process per file: libFuzzer stops at the first crash, and every reproducer should count.
    replay_failed=()
    for file in "${regressions[@]}"; do
      if ! "$fuzzer" "${options[@]}" "$file" >"$log.replay" 2>&1; then
        tail -n 30 "$log.replay" >&2
        replay_failed+=("$(basename "$file")")
      fi
    done
    if [ "${#replay_failed[@]}" -gt 0 ]; then
      echo "${name}_fuzzer: ${#replay_failed[@]} Reproduzierer aus fuzz/regressions/$name schlagen wieder fehl: ${replay_failed[*]}" >&2
      failed+=("$name (Reproduzierer: ${replay_failed[*]})")
      summary+=("${name}_fuzzer: ${#replay_failed[@]} von ${#regressions[@]} Reproduzierern schlagen fehl")
    fi
  fi

  if [ "$secs" -le 0 ]; then
    summary+=("${name}_fuzzer: nicht gefuzzt (0 s)")
    continue
  fi
  cp -R "$root/fuzz/corpus/$name" "$work/corpus-$name"
  echo "${name}_fuzzer: ${secs} s auf einer Kopie von $(ls "$work/corpus-$name" | wc -l) Korpusdateien"
  status=0
  "$fuzzer" "$work/corpus-$name" -max_total_time="$secs" -max_len=16384 -print_final_stats=1 "${options[@]}" \
    >"$log" 2>&1 || status=$?
  cov=$(grep -oE '(INITED|DONE|pulse|NEW|REDUCE) +cov: [0-9]+ ft: [0-9]+' "$log" | tail -n 1 |
    sed -E 's/.*cov: ([0-9]+) ft: ([0-9]+)/\1 Kanten, \2 Features/')
  line="${name}_fuzzer: $(statvalue "$log" number_of_executed_units) Läufe,"
  line+=" $(statvalue "$log" average_exec_per_sec)/s, Abdeckung ${cov:-?},"
  line+=" $(statvalue "$log" new_units_added) neue Eingaben, RSS $(statvalue "$log" peak_rss_mb) MB"
  if [ "$status" -ne 0 ]; then
    tail -n 60 "$log" >&2
    echo "${name}_fuzzer: Fehler gefunden (Exit $status), Reproduzierer in $build/artifacts/" >&2
    failed+=("$name")
    line+=" – FEHLER"
  fi
  summary+=("$line")
done

echo
echo "Zusammenfassung:"
printf '  %s\n' "${summary[@]}"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz/run.sh: fehlgeschlagen: ${failed[*]}" >&2
  exit 1
fi
