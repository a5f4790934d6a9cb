#!/usr/bin/env bash
# Use-case library benchmark: search, facets and full reindex with 10,000 and 100,000 synthetic
# use cases, on SQLite and on PostgreSQL (throw-away cluster from scripts/with-postgres.sh).
# See docs/performance.md, section "Use-Case-Bibliothek (bench/library)".
#
# Builds nothing. Build first:
#   cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release && cmake --build build --target opgv_bench_library
# or simply `make bench-library` (builds the target, then runs this script).
#
# Usage: bench/library.sh
# Environment:
#   BUILD_DIR        build directory (default build); the binary is $BUILD_DIR/bench/opgv_bench_library
#   BENCH_BIN        binary to run instead
#   BENCH_SIZES      numbers of use cases (default "10000 100000")
#   BENCH_ENGINES    "sqlite postgres" (default), or one of them
#   BENCH_QUERIES    queries per measured set (default 300), plus 20 warm-up queries
#   BENCH_BUDGET     seconds per query set; once used up, the rest of the set is skipped and the
#                    output says how many were measured (default 900)
#   BENCH_SEED       seed for data and queries (default: the binary's)
#   BENCH_LOG_DIR    also write each run's full output to this directory (default: none)
# When TEST_PG_ADMIN_URL is already set, PostgreSQL runs against that server instead of a
# throw-away cluster.
#
# Exit status: 0 when every run finished (targets met or not), non-zero on errors.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-build}
case $BUILD_DIR in /*) ;; *) BUILD_DIR=$ROOT/$BUILD_DIR ;; esac
BIN=${BENCH_BIN:-$BUILD_DIR/bench/opgv_bench_library}
SIZES=${BENCH_SIZES:-10000 100000}
ENGINES=${BENCH_ENGINES:-sqlite postgres}
QUERIES=${BENCH_QUERIES:-300}
BUDGET=${BENCH_BUDGET:-900}
LOG_DIR=${BENCH_LOG_DIR:-}

die() { echo "bench/library.sh: error: $*" >&2; exit 1; }

[ -x "$BIN" ] || die "$BIN not found. Build it first:
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release && cmake --build build --target opgv_bench_library"
for n in $SIZES; do [[ $n =~ ^[0-9]+$ ]] || die "BENCH_SIZES must be numbers (got '$n')"; done
[[ $QUERIES =~ ^[0-9]+$ ]] || die "BENCH_QUERIES must be a number (got '$QUERIES')"
[[ $BUDGET =~ ^[0-9]+$ ]] || die "BENCH_BUDGET must be a number of seconds (got '$BUDGET')"
if [ -n "$LOG_DIR" ]; then mkdir -p "$LOG_DIR"; fi

args=(--queries="$QUERIES" --budget="$BUDGET" --source="$ROOT")
if [ -n "${BENCH_SEED:-}" ]; then args+=(--seed="$BENCH_SEED"); fi

rows=()
run() {  # engine n [wrapper...]
  local engine=$1 n=$2
  shift 2
  local out
  out=$(mktemp "${TMPDIR:-/tmp}/opgv-bench-library-out.XXXXXX")
  echo "### $engine, N=$n"
  # tee shows progress while the run is going; the row is picked from the saved output.
  if ! "$@" "$BIN" --engine="$engine" --n="$n" "${args[@]}" 2>&1 | tee "$out"; then
    rm -f "$out"
    die "run $engine N=$n failed"
  fi
  if [ -n "$LOG_DIR" ]; then cp "$out" "$LOG_DIR/library-$engine-$n.txt"; fi
  rows+=("$(grep -A1 '^Row for docs/performance.md' "$out" | tail -n1)")
  rm -f "$out"
  echo
}

for engine in $ENGINES; do
  case $engine in
    sqlite)
      for n in $SIZES; do run sqlite "$n"; done
      ;;
    postgres)
      for n in $SIZES; do
        if [ -n "${TEST_PG_ADMIN_URL:-}" ]; then
          run postgres "$n"
        else
          # A fresh throw-away cluster per size, so that one run's data cannot warm the next.
          run postgres "$n" bash "$ROOT/scripts/with-postgres.sh"
        fi
      done
      ;;
    *) die "unknown engine '$engine' in BENCH_ENGINES (sqlite, postgres)" ;;
  esac
done

echo "Rows for docs/performance.md (Engine | N | search p50/p95/p99 ms | facets p50/p95/p99 ms | reindex s | targets search/facets/reindex | search p95 : CKAN 200 ms):"
printf '%s\n' "${rows[@]}"
