#!/usr/bin/env bash
# End-to-end validation benchmark: `opgv validate --format json` on two generated 1 GB CSV files,
# against `wc -l` on the same file (the I/O + newline floor) and against tableschema-js (npm
# package `tableschema`) on a 20 MB slice of each file. See docs/performance.md, section
# "Validierung".
#
# Files (made by build/bench/opgv_bench_validate_gen, deterministic by seed):
#   sozialraum-de  Sozialraum-Indikatoren, long form, German notation (UTF-8 with BOM, `;`, CRLF,
#                  1.234,56, 31.12.2024); schema bench/data/validate/sozialraum-de.json;
#                  primary key (gebiet_id, stichtag, indikator).
#   mixed-20       20 columns of all common types with constraints, international notation;
#                  schema bench/data/validate/mixed-20.json; primary key id.
# tableschema-js cannot read German numbers (see bench/tableschema-js-validate.mjs), so for
# sozialraum-de it gets the same rows in international notation (sozialraum-intl.json);
# opgv is timed on both slices.
#
# Builds nothing. Build first (Release):
#   cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
#   cmake --build build --target opgv opgv_bench_validate_gen
#   npm ci                                   # for the tableschema-js comparison
#
# Usage: bench/validate.sh
# Environment:
#   BUILD_DIR                   build directory (default build): $BUILD_DIR/opgv and
#                               $BUILD_DIR/bench/opgv_bench_validate_gen
#   OPGV_BIN, GEN_BIN           binaries to use instead
#   VALIDATE_BENCH_BYTES        size of each generated file in bytes (default 1000000000 = 1 GB)
#   VALIDATE_BENCH_SLICE_BYTES  size of the slice for the tableschema-js comparison (default 20000000)
#   VALIDATE_BENCH_KINDS        files to measure (default "sozialraum-de mixed-20")
#   VALIDATE_BENCH_SEED         generator seed (default 20261128)
#   VALIDATE_BENCH_TABLESCHEMA  0: skip tableschema-js (default 1)
#   VALIDATE_BENCH_KEEP         1: keep the temp directory with files and outputs (default 0)
#   TMPDIR                      where the files go (default /tmp); needs about size + 3 × slice + 5 %
#                               (one file at a time; all of them with VALIDATE_BENCH_KEEP=1)
#
# Peak RSS comes from /usr/bin/time -v (Debian package `time`); without it the script measures
# times only and says so. Exit status: 0 when everything was measured (targets met or not),
# 1 on errors (missing binary, not enough disk space, a tool failed), 2 on bad settings.
set -euo pipefail
# C locale: $EPOCHREALTIME and awk must use a decimal point (a German locale would write a comma).
# opgv sets no locale itself, so this does not change what it does.
export LC_ALL=C

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD_DIR=${BUILD_DIR:-build}
case $BUILD_DIR in /*) ;; *) BUILD_DIR=$ROOT/$BUILD_DIR ;; esac
OPGV=${OPGV_BIN:-$BUILD_DIR/opgv}
# Key state of 18 M primary keys is about 1 GB; the default limit (1024 MB) is for servers.
KEY_MB=${VALIDATE_BENCH_KEY_MB:-4096}
GEN=${GEN_BIN:-$BUILD_DIR/bench/opgv_bench_validate_gen}
BYTES=${VALIDATE_BENCH_BYTES:-1000000000}
SLICE_BYTES=${VALIDATE_BENCH_SLICE_BYTES:-20000000}
KINDS=${VALIDATE_BENCH_KINDS:-sozialraum-de mixed-20}
SEED=${VALIDATE_BENCH_SEED:-20261128}
WITH_TSJS=${VALIDATE_BENCH_TABLESCHEMA:-1}
KEEP=${VALIDATE_BENCH_KEEP:-0}
SCHEMAS=$ROOT/bench/data/validate
TSJS_SCRIPT=$ROOT/bench/tableschema-js-validate.mjs
TMPBASE=${TMPDIR:-/tmp}

# Reference figures quoted from elsewhere (not measured here).
FRICTIONLESS_PY_ROWS_S=55000   # frictionless-py, published figure (rows/s)
# Targets (reported, never fail the script).
TARGET_WC_RATIO=0.40           # opgv MB/s ≥ 40 % of wc -l MB/s, one core
TARGET_TSJS_RATIO=100          # opgv rows/s ≥ 100 × tableschema-js rows/s
TARGET_RSS_MB=100              # peak RSS < 100 MB (10^6 bytes) without the key state

die() { echo "bench/validate.sh: error: $*" >&2; exit 1; }
bad() { echo "bench/validate.sh: $*" >&2; exit 2; }

if ! [[ $BYTES =~ ^[0-9]+$ ]] || [ "$BYTES" -eq 0 ]; then bad "VALIDATE_BENCH_BYTES must be a positive number of bytes (got '$BYTES')"; fi
if ! [[ $SLICE_BYTES =~ ^[0-9]+$ ]] || [ "$SLICE_BYTES" -eq 0 ]; then bad "VALIDATE_BENCH_SLICE_BYTES must be a positive number (got '$SLICE_BYTES')"; fi
[[ $SEED =~ ^[0-9]+$ ]] || bad "VALIDATE_BENCH_SEED must be a number (got '$SEED')"
for kind in $KINDS; do
  case $kind in sozialraum-de | mixed-20) ;; *) bad "unknown kind '$kind' in VALIDATE_BENCH_KINDS (sozialraum-de, mixed-20)" ;; esac
done
[ -x "$OPGV" ] || die "$OPGV not found. Build it first:
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release && cmake --build build --target opgv opgv_bench_validate_gen"
[ -x "$GEN" ] || die "$GEN not found. Build it first:
  cmake --build ${BUILD_DIR#"$ROOT"/} --target opgv_bench_validate_gen"
if [ "$SLICE_BYTES" -gt "$BYTES" ]; then SLICE_BYTES=$BYTES; fi

# --- tools ---------------------------------------------------------------------------------------
TIME_BIN=""
if [ -x /usr/bin/time ] && /usr/bin/time -v true >/dev/null 2>&1; then
  TIME_BIN=/usr/bin/time
else
  echo "NOTE: /usr/bin/time (GNU time, Debian package 'time') is missing: measuring without peak RSS." >&2
  echo "      Install it with 'apt-get install time' to get the memory figures." >&2
fi
TSJS_REASON=""
if [ "$WITH_TSJS" = 0 ]; then
  TSJS_REASON="skipped (VALIDATE_BENCH_TABLESCHEMA=0)"
elif ! command -v node >/dev/null; then
  TSJS_REASON="skipped: node is not installed"
elif [ ! -f "$ROOT/node_modules/tableschema/package.json" ]; then
  TSJS_REASON="skipped: node_modules/tableschema is missing (run 'npm ci' in $ROOT)"
fi
if [ -n "$TSJS_REASON" ]; then echo "NOTE: tableschema-js comparison $TSJS_REASON." >&2; fi

# --- disk space ----------------------------------------------------------------------------------
mkdir -p "$TMPBASE"
# Each file is removed once measured, so one file at a time plus its slices (the German slice,
# the international copy of its rows, the partial cut: 3 × slice) and 5 % + 50 MB slack; with
# VALIDATE_BENCH_KEEP=1 all files stay.
nfiles=1
if [ "$KEEP" = 1 ]; then nfiles=$(wc -w <<<"$KINDS"); fi
need_bytes=$(awk -v b="$BYTES" -v s="$SLICE_BYTES" -v k="$nfiles" 'BEGIN { printf "%.0f", k * (b + 3 * s) * 1.05 + 50e6 }')
avail_kb=$(df -Pk "$TMPBASE" | awk 'NR == 2 { print $4 }')
avail_bytes=$((avail_kb * 1024))
if [ "$avail_bytes" -lt "$need_bytes" ]; then
  die "not enough free disk space in $TMPBASE: need about $(awk -v n="$need_bytes" 'BEGIN { printf "%.2f GB", n / 1e9 }'), \
have $(awk -v n="$avail_bytes" 'BEGIN { printf "%.2f GB", n / 1e9 }'). Set TMPDIR to a larger disk or VALIDATE_BENCH_BYTES lower."
fi

WORK=$(mktemp -d "$TMPBASE/opgv-bench-validate.XXXXXX")
cleanup() {
  if [ "$KEEP" = 1 ]; then
    echo "Kept $WORK (VALIDATE_BENCH_KEEP=1)." >&2
  else
    rm -rf "$WORK"
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- helpers -------------------------------------------------------------------------------------
cpu_model() {
  local m=""
  if command -v lscpu >/dev/null; then m=$(lscpu 2>/dev/null | awk -F': *' '/^Model name/ { print $2; exit }' || true); fi
  if [ -z "$m" ]; then m=$(awk -F': *' '/^model name/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true); fi
  echo "${m:-unknown}"
}
fmt() { awk -v x="$1" -v d="${2:-1}" 'BEGIN { if (x == "" || x == "n/a") print "n/a"; else printf "%.*f", d, x }'; }
# Integer with thousands separators (12,345,678).
grp() {
  awk -v x="$1" 'BEGIN {
    if (x == "" || x == "n/a") { print "n/a"; exit }
    s = sprintf("%.0f", x); neg = (substr(s, 1, 1) == "-"); if (neg) s = substr(s, 2)
    out = ""; n = length(s)
    for (i = 1; i <= n; i++) { out = out substr(s, i, 1); if ((n - i) % 3 == 0 && i < n) out = out "," }
    print (neg ? "-" : "") out }'
}
div() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || a == "n/a" || b == "n/a" || b + 0 == 0) print "n/a"; else printf "%.6f", a / b }'; }
# PASS/MISS for value OP limit.
verdict() {
  awk -v v="$1" -v op="$2" -v l="$3" 'BEGIN {
    if (v == "n/a" || v == "") { print "n/a"; exit }
    ok = (op == ">=") ? (v + 0 >= l + 0) : (v + 0 < l + 0); print ok ? "PASS" : "MISS" }'
}

# run NAME CMD...: runs CMD with stdout to $WORK/NAME.out and stderr to $WORK/NAME.err, measures
# wall time (bash clock) and, with GNU time, peak RSS. Sets R_WALL (s), R_RSS_KB, R_RC.
run() {
  local name=$1
  shift
  local t0 t1
  R_RC=0
  t0=$EPOCHREALTIME
  if [ -n "$TIME_BIN" ]; then
    "$TIME_BIN" -v -o "$WORK/$name.time" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || R_RC=$?
  else
    "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || R_RC=$?
  fi
  t1=$EPOCHREALTIME
  R_WALL=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.6f", b - a }')
  R_RSS_KB=n/a
  if [ -n "$TIME_BIN" ] && [ -f "$WORK/$name.time" ]; then
    R_RSS_KB=$(awk -F': *' '/Maximum resident set size/ { print $2 }' "$WORK/$name.time")
    [ -n "$R_RSS_KB" ] || R_RSS_KB=n/a
  fi
}
unit() { if [ "$1" = n/a ] || [ -z "$1" ]; then echo n/a; else echo "$1$2"; fi; }
rss_mb() { if [ "$1" = n/a ]; then echo n/a; else awk -v k="$1" 'BEGIN { printf "%.1f", k * 1024 / 1e6 }'; fi; }
# A number from the "stats" object of an opgv JSON report.
stat_of() { sed -n '/^  "stats": {/,/^  }/p' "$1" | awk -F': *' -v k="\"$2\"" '$1 ~ k { gsub(/[ ,]/, "", $2); print $2; exit }'; }
# Top-level "valid".
valid_of() { awk -F': *' '/^  "valid":/ { gsub(/[ ,]/, "", $2); print $2; exit }' "$1"; }
# errorCounts as "code: n, code: n".
counts_of() {
  awk '/^  "errorCounts": \{\}/ { exit }
       /^  "errorCounts": \{/ { on = 1; next }
       on && /^  \}/ { exit }
       on { gsub(/[",]/, ""); gsub(/^ +/, ""); printf "%s%s", sep, $0; sep = ", " }' "$1"
}
# A number from the one-line JSON of tableschema-js-validate.mjs.
json1() { sed -n "s/.*\"$2\":\([-0-9.eE+]*\).*/\1/p" "$1" | head -n1; }

# Cuts the first SLICE_BYTES of FILE at a line boundary (the header stays). Sets SLICE_ROWS.
cut_slice() {
  local file=$1 out=$2 lines
  head -c "$SLICE_BYTES" "$file" >"$out.part"
  lines=$(wc -l <"$out.part")
  head -n "$lines" "$out.part" >"$out"
  rm -f "$out.part"
  SLICE_ROWS=$((lines - 1))
}

validate_json() {  # NAME SCHEMA FILE
  run "$1" "$OPGV" validate --schema "$2" --format json --max-key-memory "$KEY_MB" "$3"
  if [ "$R_RC" -ne 0 ] && [ "$R_RC" -ne 1 ]; then
    sed -n 1,20p "$WORK/$1.err" >&2
    die "opgv validate failed with exit status $R_RC on $3"
  fi
}

# --- machine -------------------------------------------------------------------------------------
NPROC=$(nproc)
CPU=$(cpu_model)
MEM=$(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || echo "?")
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "?")
if [ -n "$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null || true)" ]; then COMMIT="$COMMIT+dirty"; fi
STARTED=$(date '+%Y-%m-%d %H:%M:%S %Z')
LOAD=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
OPGV_VERSION=$("$OPGV" version 2>/dev/null | head -n1 || echo "?")
NODE_VERSION=$(command -v node >/dev/null && node --version || echo "-")
TSJS_VERSION=$(sed -n 's/^ *"version": *"\([^"]*\)".*/\1/p' "$ROOT/node_modules/tableschema/package.json" 2>/dev/null | head -n1 || true)
WC_VERSION=$(wc --version 2>/dev/null | head -n1 || echo "wc")

echo "# bench/validate.sh"
echo "date:     $STARTED"
echo "commit:   $COMMIT ($OPGV_VERSION)"
echo "machine:  nproc=$NPROC, CPU: $CPU, RAM $MEM, $(uname -srm)"
echo "load:     $LOAD (1/5/15 min) at start"
echo "tools:    $WC_VERSION; node $NODE_VERSION; tableschema ${TSJS_VERSION:-not installed}; GNU time: ${TIME_BIN:-missing (no RSS)}"
echo "settings: VALIDATE_BENCH_BYTES=$BYTES VALIDATE_BENCH_SLICE_BYTES=$SLICE_BYTES VALIDATE_BENCH_SEED=$SEED kinds: $KINDS"
echo "temp:     $WORK (free: $(awk -v n="$avail_bytes" 'BEGIN { printf "%.1f GB", n / 1e9 }'), need about $(awk -v n="$need_bytes" 'BEGIN { printf "%.1f GB", n / 1e9 }'))"
echo "opgv:     $OPGV"
echo "Single-threaded: opgv validate, wc -l and node each use one core. Timings are wall clock of one run;"
echo "on a shared machine they are noisy (see load)."
echo

declare -A T  # results: T[kind,key]
for kind in $KINDS; do
  schema=$SCHEMAS/$kind.json
  [ -f "$schema" ] || die "schema $schema is missing"
  file=$WORK/$kind.csv
  echo "## $kind ($(awk -v n="$BYTES" 'BEGIN { printf "%.2f GB", n / 1e9 }'), schema ${schema#"$ROOT"/})"

  echo "\$ $GEN $kind $BYTES $file --seed=$SEED"
  run "gen-$kind" "$GEN" "$kind" "$BYTES" "$file" --seed="$SEED"
  [ "$R_RC" -eq 0 ] || { cat "$WORK/gen-$kind.err" >&2; die "generator failed for $kind"; }
  size=$(stat -c %s "$file")
  echo "  generated $(grp "$size") bytes, $(sed -n 's/^rows=\([0-9]*\).*/\1/p' "$WORK/gen-$kind.err") data rows in $(fmt "$R_WALL" 1) s"
  cat "$file" >/dev/null  # into the page cache before anything is timed

  echo "\$ wc -l $file"
  run "wc-$kind" wc -l "$file"
  [ "$R_RC" -eq 0 ] || die "wc -l failed"
  wc_lines=$(awk '{ print $1 }' "$WORK/wc-$kind.out")
  wc_mbs=$(div "$size" "$(awk -v w="$R_WALL" 'BEGIN { print w * 1e6 }')")
  echo "  $(grp "$wc_lines") lines in $(fmt "$R_WALL" 3) s = $(fmt "$wc_mbs" 0) MB/s"

  echo "\$ $OPGV validate --schema ${schema#"$ROOT"/} --format json --max-key-memory $KEY_MB $file"
  validate_json "opgv-$kind" "$schema" "$file"
  rep=$WORK/opgv-$kind.out
  rows=$(stat_of "$rep" rows)
  errs=$(stat_of "$rep" errors)
  keys=$(stat_of "$rep" keys)
  keybytes=$(stat_of "$rep" keyBytes)
  inner=$(stat_of "$rep" seconds)
  valid=$(valid_of "$rep")
  mbs=$(div "$size" "$(awk -v w="$R_WALL" 'BEGIN { print w * 1e6 }')")
  rps=$(div "$rows" "$R_WALL")
  rss=$(rss_mb "$R_RSS_KB")
  bpk=$(div "$keybytes" "$keys")
  wc_ratio=$(div "$mbs" "$wc_mbs")
  echo "  exit $R_RC, valid=$valid, rows $(grp "$rows"), errors $(grp "$errs")${errs:+$([ "$errs" != 0 ] && echo " ($(counts_of "$rep"))")}"
  echo "  wall $(fmt "$R_WALL" 2) s (report: $(fmt "$inner" 2) s) = $(fmt "$mbs" 1) MB/s, $(grp "$rps") rows/s, peak RSS $(unit "$rss" " MB")"
  echo "  key state: $(grp "$keys") keys, $(grp "$keybytes") bytes (peak) = $(fmt "$bpk" 1) bytes/key"
  if [ "$valid" != true ]; then
    echo "  first errors:"
    sed -n 's/^ *"message": "\(.*\)",\{0,1\}$/    \1/p' "$rep" | head -n 3
  fi
  echo "  opgv : wc -l = $(fmt "$(awk -v r="$wc_ratio" 'BEGIN { print r * 100 }')" 1) % (target ≥ $(awk -v t=$TARGET_WC_RATIO 'BEGIN { print t * 100 }') %)"
  T[$kind,size]=$size; T[$kind,rows]=$rows; T[$kind,valid]=$valid; T[$kind,errors]=$errs
  T[$kind,wall]=$R_WALL; T[$kind,mbs]=$mbs; T[$kind,rps]=$rps; T[$kind,rss]=$rss
  T[$kind,keys]=$keys; T[$kind,keybytes]=$keybytes; T[$kind,bpk]=$bpk
  # The issue's memory target excludes the primary- and unique-key state (reported in bytes/key).
  T[$kind,rssnokeys]=$(awk -v r="$rss" -v k="$keybytes" 'BEGIN { if (r == "n/a" || k == "") print "n/a"; else printf "%.1f", r - k / 1e6 }')
  T[$kind,wcmbs]=$wc_mbs; T[$kind,wcratio]=$wc_ratio; T[$kind,counts]=$(counts_of "$rep")

  # --- 20 MB slice: opgv and tableschema-js ---
  slice=$WORK/$kind.slice.csv
  cut_slice "$file" "$slice"
  slice_size=$(stat -c %s "$slice")
  echo "  slice: first $(grp "$slice_size") bytes cut at a line boundary, $(grp "$SLICE_ROWS") data rows + header"
  echo "\$ $OPGV validate --schema ${schema#"$ROOT"/} --format json --max-key-memory $KEY_MB $slice"
  validate_json "opgv-slice-$kind" "$schema" "$slice"
  s_rows=$(stat_of "$WORK/opgv-slice-$kind.out" rows)
  s_rps=$(div "$s_rows" "$R_WALL")
  s_keys=$(stat_of "$WORK/opgv-slice-$kind.out" keys)
  s_keybytes=$(stat_of "$WORK/opgv-slice-$kind.out" keyBytes)
  echo "  exit $R_RC, valid=$(valid_of "$WORK/opgv-slice-$kind.out"), rows $(grp "$s_rows"), wall $(fmt "$R_WALL" 3) s = $(grp "$s_rps") rows/s, peak RSS $(unit "$(rss_mb "$R_RSS_KB")" " MB")"
  echo "  key state: $(grp "$s_keys") keys, $(grp "$s_keybytes") bytes = $(fmt "$(div "$s_keybytes" "$s_keys")" 1) bytes/key"
  T[$kind,slicerows]=$s_rows; T[$kind,slicerps]=$s_rps; T[$kind,slicebytes]=$slice_size
  T[$kind,slicebpk]=$(div "$s_keybytes" "$s_keys"); T[$kind,slicerss]=$(rss_mb "$R_RSS_KB")

  # What tableschema-js reads: the same slice, or the same rows in international notation.
  ts_file=$slice ts_schema=$schema ts_delim=, ts_note="same file"
  if [ "$kind" = sozialraum-de ]; then
    ts_file=$WORK/sozialraum-intl.slice.csv
    ts_schema=$SCHEMAS/sozialraum-intl.json
    ts_note="same rows, international notation"
    echo "\$ $GEN sozialraum-intl 0 $ts_file --seed=$SEED --rows=$SLICE_ROWS"
    run "gen-intl" "$GEN" sozialraum-intl 0 "$ts_file" --seed="$SEED" --rows="$SLICE_ROWS"
    [ "$R_RC" -eq 0 ] || { cat "$WORK/gen-intl.err" >&2; die "generator failed for sozialraum-intl"; }
    echo "\$ $OPGV validate --schema ${ts_schema#"$ROOT"/} --format json --max-key-memory $KEY_MB $ts_file"
    validate_json "opgv-intl" "$ts_schema" "$ts_file"
    i_rows=$(stat_of "$WORK/opgv-intl.out" rows)
    T[$kind,intlrps]=$(div "$i_rows" "$R_WALL")
    echo "  exit $R_RC, valid=$(valid_of "$WORK/opgv-intl.out"), rows $(grp "$i_rows"), $(grp "$(stat -c %s "$ts_file")") bytes, wall $(fmt "$R_WALL" 3) s = $(grp "${T[$kind,intlrps]}") rows/s"
  else
    T[$kind,intlrps]=$s_rps
  fi
  T[$kind,tsnote]=$ts_note

  if [ -z "$TSJS_REASON" ]; then
    echo "\$ node ${TSJS_SCRIPT#"$ROOT"/} --schema ${ts_schema#"$ROOT"/} --delimiter $ts_delim $ts_file"
    run "tsjs-$kind" node "$TSJS_SCRIPT" --schema "$ts_schema" --delimiter "$ts_delim" "$ts_file"
    [ "$R_RC" -eq 0 ] || { sed -n 1,20p "$WORK/tsjs-$kind.err" >&2; die "tableschema-js failed with exit status $R_RC"; }
    t_rows=$(json1 "$WORK/tsjs-$kind.out" rows)
    t_errs=$(json1 "$WORK/tsjs-$kind.out" errors)
    t_inner=$(json1 "$WORK/tsjs-$kind.out" seconds)
    t_rps=$(div "$t_rows" "$R_WALL")
    t_rss=$(rss_mb "$R_RSS_KB")
    echo "  rows $(grp "$t_rows"), errors $(grp "$t_errs"), wall $(fmt "$R_WALL" 2) s (in script: $(fmt "$t_inner" 2) s) = $(grp "$t_rps") rows/s, peak RSS $(unit "$t_rss" " MB")"
    if [ "$t_errs" != 0 ]; then sed -n 's/.*"firstErrors":\(.*\)}$/  first errors: \1/p' "$WORK/tsjs-$kind.out"; fi
    T[$kind,tsrps]=$t_rps; T[$kind,tsrows]=$t_rows; T[$kind,tserrs]=$t_errs; T[$kind,tsrss]=$t_rss
  else
    echo "  tableschema-js: $TSJS_REASON"
    T[$kind,tsrps]=n/a; T[$kind,tsrows]=n/a; T[$kind,tserrs]=n/a; T[$kind,tsrss]=n/a
  fi
  T[$kind,tsratio]=$(div "${T[$kind,intlrps]}" "${T[$kind,tsrps]}")
  T[$kind,tsratio_de]=$(div "$s_rps" "${T[$kind,tsrps]}")
  T[$kind,fpratio]=$(div "$rps" "$FRICTIONLESS_PY_ROWS_S")
  echo "  opgv : tableschema-js (rows/s on the slice tableschema-js read) = $(fmt "${T[$kind,tsratio]}" 1) × (target ≥ $TARGET_TSJS_RATIO ×)"
  if [ "$KEEP" != 1 ]; then rm -f "$file"; fi  # free the space before the next file
  echo
done

# --- summary -------------------------------------------------------------------------------------
ENDED=$(date '+%H:%M:%S')
LOAD_END=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
echo "## Summary ($STARTED – $ENDED, load at end $LOAD_END)"
printf '%-14s %9s %11s %9s %11s %9s %9s %9s %8s %11s %9s %9s\n' \
  file size_MB rows opgv_MB/s opgv_rows/s RSS_MB wc_MB/s opgv:wc B/key* tsjs_rows/s opgv:tsjs opgv:f-py
for kind in $KINDS; do
  printf '%-14s %9s %11s %9s %11s %9s %9s %9s %8s %11s %9s %9s\n' "$kind" \
    "$(fmt "$(awk -v s="${T[$kind,size]}" 'BEGIN { print s / 1e6 }')" 0)" "${T[$kind,rows]}" "$(fmt "${T[$kind,mbs]}" 1)" \
    "$(fmt "${T[$kind,rps]}" 0)" "${T[$kind,rss]}" "$(fmt "${T[$kind,wcmbs]}" 0)" \
    "$(unit "$(fmt "$(awk -v r="${T[$kind,wcratio]}" 'BEGIN { if (r == "n/a") print "n/a"; else print r * 100 }')" 1)" %)" \
    "$(fmt "${T[$kind,slicebpk]}" 1)" "$(fmt "${T[$kind,tsrps]}" 0)" "$(unit "$(fmt "${T[$kind,tsratio]}" 1)" x)" "$(unit "$(fmt "${T[$kind,fpratio]}" 1)" x)"
done
echo "* B/key: key state bytes per key on the slice (on the full file the limit of 1 GiB may stop the key checks)."
echo
echo "Targets (reported, not enforced):"
for kind in $KINDS; do
  pct=$(awk -v r="${T[$kind,wcratio]}" 'BEGIN { if (r == "n/a") print "n/a"; else print r * 100 }')
  echo "  $kind: opgv ≥ 40 % of wc -l: $(verdict "${T[$kind,wcratio]}" '>=' $TARGET_WC_RATIO) ($(fmt "$pct" 1) %);" \
    "≥ 100 × tableschema-js: $(verdict "${T[$kind,tsratio]}" '>=' $TARGET_TSJS_RATIO) ($(unit "$(fmt "${T[$kind,tsratio]}" 1)" " ×"));" \
    "peak RSS without key state < 100 MB: $(verdict "${T[$kind,rssnokeys]}" '<' $TARGET_RSS_MB) ($(unit "${T[$kind,rss]}" " MB") − $(fmt "$(awk -v k="${T[$kind,keybytes]}" 'BEGIN { print k / 1e6 }')" 1) MB keys = $(unit "${T[$kind,rssnokeys]}" " MB"));" \
    "report valid: ${T[$kind,valid]}${T[$kind,counts]:+ (${T[$kind,counts]})}"
done
echo "  frictionless-py (published, not measured here): ~$(grp $FRICTIONLESS_PY_ROWS_S) rows/s; opgv:f-py above = opgv rows/s on the 1 GB file ÷ that figure."
echo

echo "Markdown for docs/performance.md:"
echo
echo "Run $(date '+%Y-%m-%d'), commit $COMMIT, \`bench/validate.sh\` (VALIDATE_BENCH_BYTES=$BYTES), \`nproc\`=$NPROC ($CPU), load $LOAD → $LOAD_END; one run each, wall clock."
echo
echo "| File | Size | Rows | opgv MB/s | opgv rows/s | Peak RSS | \`wc -l\` MB/s | opgv : \`wc -l\` | Keys (end) | Key bytes (peak) | Bytes/key (slice) | Report |"
echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
for kind in $KINDS; do
  pct=$(awk -v r="${T[$kind,wcratio]}" 'BEGIN { if (r == "n/a") print "n/a"; else print r * 100 }')
  echo "| $kind | $(fmt "$(awk -v s="${T[$kind,size]}" 'BEGIN { print s / 1e6 }')" 0) MB | $(grp "${T[$kind,rows]}") | $(fmt "${T[$kind,mbs]}" 1) | $(grp "${T[$kind,rps]}") | $(unit "${T[$kind,rss]}" " MB") | $(fmt "${T[$kind,wcmbs]}" 0) | $(fmt "$pct" 1) % | $(grp "${T[$kind,keys]}") | $(grp "${T[$kind,keybytes]}") | $(fmt "${T[$kind,slicebpk]}" 1) | $([ "${T[$kind,valid]}" = true ] && echo valid || echo "invalid: ${T[$kind,counts]}") |"
done
echo
echo "| File (slice) | Slice | Rows | opgv rows/s (same file as tableschema-js) | opgv rows/s (German slice) | tableschema-js rows/s | opgv : tableschema-js | Peak RSS opgv / tableschema-js | tableschema-js read |"
echo "|---|---|---|---|---|---|---|---|---|"
for kind in $KINDS; do
  echo "| $kind | $(fmt "$(awk -v s="${T[$kind,slicebytes]}" 'BEGIN { print s / 1e6 }')" 1) MB | $(grp "${T[$kind,slicerows]}") | $(grp "${T[$kind,intlrps]}") | $([ "$kind" = sozialraum-de ] && grp "${T[$kind,slicerps]}" || echo "–") | $(grp "${T[$kind,tsrps]}") | $(unit "$(fmt "${T[$kind,tsratio]}" 1)" " ×") | $(unit "${T[$kind,slicerss]}" " MB") / $(unit "${T[$kind,tsrss]}" " MB") | ${T[$kind,tsnote]} |"
done
echo
echo "Targets: opgv ≥ 40 % of \`wc -l\` | ≥ 100 × tableschema-js | peak RSS < 100 MB without the key state; frictionless-py (published) ~55,000 rows/s."
echo
echo "| File | ≥ 40 % of \`wc -l\` | ≥ 100 × tableschema-js | RSS without key state < 100 MB | opgv : frictionless-py |"
echo "|---|---|---|---|---|"
for kind in $KINDS; do
  echo "| $kind | $(verdict "${T[$kind,wcratio]}" '>=' $TARGET_WC_RATIO) | $(verdict "${T[$kind,tsratio]}" '>=' $TARGET_TSJS_RATIO) | $(verdict "${T[$kind,rssnokeys]}" '<' $TARGET_RSS_MB) ($(unit "${T[$kind,rssnokeys]}" " MB")) | $(unit "$(fmt "${T[$kind,fpratio]}" 1)" " ×") |"
done
