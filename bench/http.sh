#!/usr/bin/env bash
# HTTP benchmark: opgv's dynamic start page and /healthz against nginx serving the very
# same start page as a static file. See docs/performance.md.
#
# Usage: bench/http.sh
# Environment:
#   BENCH_DURATION   wrk duration per target (default 10s)
#   BENCH_WARMUP     wrk warm-up per target, not measured (default 2s, 0 = none)
#   OPGV_BIN         binary to test (default build/opgv)
#   NGINX_BIN        nginx binary (default: nginx from PATH or /usr/sbin/nginx)
#   BENCH_KEEP_TMP   1 = keep the temp dir (logs, configs, raw wrk output) for inspection
#   BENCH_STARTUP_TIMEOUT  seconds to wait for opgv /healthz and nginx (default 30)
#   OPGV_THREADS, OPGV_LOG_LEVEL, ... are passed through to opgv; OPGV_DB is ignored
#   (the benchmark always uses a fresh SQLite database in a temp data dir).
#
# Exit status: 0 when the benchmark ran (targets met or not), non-zero on errors.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OPGV_BIN=${OPGV_BIN:-$ROOT/build/opgv}
NGINX_BIN=${NGINX_BIN:-$(command -v nginx || echo /usr/sbin/nginx)}
TEMPLATE=$ROOT/bench/nginx-static.conf.template
DURATION=${BENCH_DURATION:-10s}
WARMUP=${BENCH_WARMUP:-2s}
WRK_THREADS=2
WRK_CONNECTIONS=64
STARTUP_TIMEOUT=${BENCH_STARTUP_TIMEOUT:-30} # seconds until /healthz must answer 200
INVOCATION="$0${*:+ $*}"

die() { echo "bench/http.sh: error: $*" >&2; exit 1; }

# ---------------------------------------------------------------- prerequisites
if [ ! -x "$OPGV_BIN" ]; then
  die "$OPGV_BIN not found or not executable. Build it first:
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release && cmake --build build"
fi
command -v wrk >/dev/null || die "wrk not found (apt-get install wrk, or scripts/install-deps.sh)"
command -v curl >/dev/null || die "curl not found (apt-get install curl)"
[ -x "$NGINX_BIN" ] || die "nginx not found (apt-get install nginx-light, or set NGINX_BIN)"
[ -f "$TEMPLATE" ] || die "$TEMPLATE missing"
[[ $DURATION =~ ^[0-9]+[smh]?$ ]] || die "BENCH_DURATION must look like 10s, 1m (got '$DURATION')"
[[ $WARMUP =~ ^[0-9]+[smh]?$ ]] || die "BENCH_WARMUP must look like 2s or 0 (got '$WARMUP')"

# ---------------------------------------------------------------- temp dir + cleanup
TMP=$(mktemp -d "${TMPDIR:-/tmp}/opgv-bench.XXXXXX")
# nginx workers drop privileges (to nobody) when started as root: they must be able to read the docroot.
chmod 0755 "$TMP"
mkdir -p "$TMP/data" "$TMP/www" "$TMP/nginx" "$TMP/wrk"
OPGV_PID=""
NGINX_PID=""
WRK_PID=""

stop_pid() { # pid name
  local pid=$1 _
  [ -n "$pid" ] || return 0
  kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
  kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 1 100); do # up to 10 s for a graceful stop
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "bench/http.sh: $2 (pid $pid) did not stop after SIGTERM, sending SIGKILL" >&2
    kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  local rc=$?
  set +e
  trap - EXIT INT TERM
  stop_pid "$WRK_PID" wrk
  stop_pid "$NGINX_PID" nginx
  stop_pid "$OPGV_PID" opgv
  if [ "$rc" -ne 0 ] && [ "$rc" -lt 128 ]; then # errors, not Ctrl-C/SIGTERM
    for log in "$TMP/opgv.log" "$TMP/nginx/error.log"; do
      if [ -s "$log" ]; then
        echo "--- last lines of $log:" >&2
        tail -n 20 "$log" >&2
      fi
    done
  fi
  if [ "${BENCH_KEEP_TMP:-0}" = 1 ]; then
    echo "bench/http.sh: kept $TMP" >&2
  else
    rm -rf "$TMP"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- helpers
# A free loopback port below the ephemeral range (32768+), so wrk's own client ports never collide.
pick_port() {
  local p _
  for _ in $(seq 1 200); do
    p=$((20000 + RANDOM % 12000))
    # Connection refused => nobody listens there.
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
      echo "$p"
      return 0
    fi
  done
  die "no free port found in 20000-31999"
}

# wait_http URL PID NAME: poll until URL answers at all (any HTTP status) and print that status;
# fail if PID dies or nothing answers within STARTUP_TIMEOUT. With WANT_STATUS set, keep
# polling until exactly that status comes back (e.g. /healthz while the app still starts up).
wait_http() {
  local url=$1 pid=$2 name=$3 deadline=$((SECONDS + STARTUP_TIMEOUT)) code
  while :; do
    code=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 1 "$url" 2>/dev/null || true)
    if [ -n "$code" ] && [ "$code" != 000 ]; then
      if [ -z "${WANT_STATUS:-}" ] || [ "$code" = "$WANT_STATUS" ]; then
        echo "$code"
        return 0
      fi
    fi
    if ! kill -0 "$pid" 2>/dev/null; then
      local rc=0
      wait "$pid" || rc=$?
      die "$name exited during startup (exit status $rc)"
    fi
    [ "$SECONDS" -lt "$deadline" ] ||
      die "$name did not answer $url${WANT_STATUS:+ with HTTP $WANT_STATUS} within ${STARTUP_TIMEOUT}s (last status: ${code:-none})"
    sleep 0.1
  done
}

# wrk_bg ARGS...: run wrk in the background and wait for it. A foreground wrk would swallow
# Ctrl-C (it just ends the run early and exits 0); `wait` is interrupted, so the INT trap fires.
wrk_bg() {
  local rc=0
  wrk "$@" &
  WRK_PID=$!
  wait "$WRK_PID" || rc=$?
  WRK_PID=""
  return "$rc"
}

# run_wrk NAME URL: warm-up, measured run; output saved to $TMP/wrk/NAME.txt
run_wrk() {
  local name=$1 url=$2 out="$TMP/wrk/$1.txt"
  echo "  $name: $url" >&2
  if [[ ! $WARMUP =~ ^0+[smh]?$ ]]; then
    wrk_bg -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"$WARMUP" "$url" >/dev/null ||
      die "wrk warm-up failed for $url"
  fi
  wrk_bg -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" -d"$DURATION" --latency "$url" >"$out" ||
    die "wrk failed for $url (output: $(tr '\n' ' ' <"$out"))"
}

# parse_wrk FILE -> "req_per_s p50_ms p99_ms errors" (errors = socket errors + non-2xx/3xx)
parse_wrk() {
  awk '
    function ms(v,   n, u) {
      n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
      if (u == "us") return n / 1000
      if (u == "ms") return n
      if (u == "s")  return n * 1000
      if (u == "m")  return n * 60000
      if (u == "h")  return n * 3600000
      return -1
    }
    /^[ \t]*50%/             { p50 = ms($2) }
    /^[ \t]*99%/             { p99 = ms($2) }
    /^Requests\/sec:/        { rps = $2 }
    /Non-2xx or 3xx/         { err += $NF }
    /Socket errors:/         { for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) err += $i + 0 }
    END {
      if (rps == "" || p50 == "" || p99 == "" || p50 < 0 || p99 < 0) exit 1
      printf "%s %.3f %.3f %d\n", rps, p50, p99, err
    }' "$1" || die "could not parse wrk output $1:
$(cat "$1")"
}

# calc EXPR (awk arithmetic on numbers) / check COND (awk boolean)
calc() { awk "BEGIN { printf \"%.3f\", $1 }"; }
check() { awk "BEGIN { exit !($1) }"; }

cpu_model() {
  local m
  m=$(awk -F': *' '/^(model name|Hardware|Processor|cpu model)[ \t]*:/ { print $2; exit }' /proc/cpuinfo 2>/dev/null || true)
  if [ -z "$m" ] && command -v lscpu >/dev/null; then
    m=$(lscpu 2>/dev/null | awk -F': *' '/^Model name/ { print $2; exit }' || true)
  fi
  echo "${m:-unknown}"
}

# ---------------------------------------------------------------- start opgv
unset OPGV_DB # never benchmark against (or write into) a configured real database
OPGV_PORT=$(pick_port)
OPGV_URL="http://127.0.0.1:$OPGV_PORT"
echo "Starting opgv on $OPGV_URL (data dir $TMP/data)" >&2
"$OPGV_BIN" serve --listen "127.0.0.1:$OPGV_PORT" --data-dir "$TMP/data" >"$TMP/opgv.log" 2>&1 &
OPGV_PID=$!
WANT_STATUS=200 wait_http "$OPGV_URL/healthz" "$OPGV_PID" opgv >/dev/null

# ---------------------------------------------------------------- start page -> static file
status=$(curl -sS --max-time 10 -o "$TMP/www/index.html" -w '%{http_code}' "$OPGV_URL/") ||
  die "GET $OPGV_URL/ failed"
[ "$status" = 200 ] || die "GET $OPGV_URL/ returned HTTP $status, expected 200"
[ -s "$TMP/www/index.html" ] || die "GET $OPGV_URL/ returned an empty body"
chmod 0755 "$TMP/www"
chmod 0644 "$TMP/www/index.html"
PAGE_BYTES=$(wc -c <"$TMP/www/index.html")

# ---------------------------------------------------------------- start nginx
NGINX_PORT=$(pick_port)
NGINX_URL="http://127.0.0.1:$NGINX_PORT"
sed -e "s|@PREFIX@|$TMP/nginx|g" -e "s|@ROOT@|$TMP/www|g" -e "s|@PORT@|$NGINX_PORT|g" \
  "$TEMPLATE" >"$TMP/nginx/nginx.conf"
"$NGINX_BIN" -t -q -p "$TMP/nginx/" -c "$TMP/nginx/nginx.conf" -e "$TMP/nginx/error.log" ||
  die "nginx config test failed ($TMP/nginx/nginx.conf)"
echo "Starting nginx on $NGINX_URL" >&2
"$NGINX_BIN" -p "$TMP/nginx/" -c "$TMP/nginx/nginx.conf" -e "$TMP/nginx/error.log" \
  -g 'daemon off;' >"$TMP/nginx/stdout.log" 2>&1 &
NGINX_PID=$!
wait_http "$NGINX_URL/index.html" "$NGINX_PID" nginx >/dev/null
status=$(curl -sS --max-time 5 -o "$TMP/nginx/check.html" -w '%{http_code}' "$NGINX_URL/index.html") ||
  die "nginx does not serve $NGINX_URL/index.html"
[ "$status" = 200 ] ||
  die "nginx answered HTTP $status for /index.html (docroot $TMP/www not readable by the nginx workers? set TMPDIR to a world-readable dir)"
cmp -s "$TMP/nginx/check.html" "$TMP/www/index.html" ||
  die "nginx serves different bytes than the saved start page"

# ---------------------------------------------------------------- measure
echo "Running wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d$DURATION --latency (warm-up $WARMUP) ..." >&2
run_wrk opgv_root "$OPGV_URL/"
run_wrk opgv_healthz "$OPGV_URL/healthz"
run_wrk nginx_static "$NGINX_URL/index.html"

# Assignments (not `read < <(...)`) so that a parse error stops the script under set -e.
res_root=$(parse_wrk "$TMP/wrk/opgv_root.txt")
res_healthz=$(parse_wrk "$TMP/wrk/opgv_healthz.txt")
res_nginx=$(parse_wrk "$TMP/wrk/nginx_static.txt")
read -r R_RPS R_P50 R_P99 R_ERR <<<"$res_root"
read -r H_RPS H_P50 H_P99 H_ERR <<<"$res_healthz"
read -r N_RPS N_P50 N_P99 N_ERR <<<"$res_nginx"
check "$N_RPS > 0" || die "nginx throughput is 0, cannot compute ratios"

RATIO_ROOT=$(calc "$R_RPS / $N_RPS")
RATIO_HEALTHZ=$(calc "$H_RPS / $N_RPS")

# A target only passes if the runs behind it had no errors (fast 503s are not throughput).
verdict() { if check "$1" && [ "$2" -eq 0 ]; then echo PASS; else echo MISS; fi; }
T_THROUGHPUT=$(verdict "$R_RPS >= 0.5 * $N_RPS" "$((R_ERR + N_ERR))")
T_P99_ROOT=$(verdict "$R_P99 < 10" "$R_ERR")
T_P99_HEALTHZ=$(verdict "$H_P99 < 10" "$H_ERR")

# ---------------------------------------------------------------- report
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "none")
if [ -n "$(git -C "$ROOT" status --porcelain 2>/dev/null | head -n 1)" ]; then COMMIT="$COMMIT+dirty"; fi
NPROC=$(nproc)
CPU=$(cpu_model)
KERNEL=$(uname -srm)
NOW=$(date -Iseconds)
NGINX_VERSION=$("$NGINX_BIN" -v 2>&1 | sed 's|^nginx version: ||')

row() { printf '%-26s %12s %10s %10s %8s\n' "$@"; }
fmt_rps() { awk -v v="$1" 'BEGIN { printf "%.0f", v }'; }
fmt_ms() { awk -v v="$1" 'BEGIN { printf "%.2f", v }'; }

echo
echo "OPGV HTTP benchmark"
echo "  date:     $NOW"
echo "  machine:  nproc=$NPROC, CPU: $CPU"
echo "  kernel:   $KERNEL"
echo "  command:  $INVOCATION"
echo "  wrk:      wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d$DURATION --latency <url> (warm-up: $([[ $WARMUP =~ ^0+[smh]?$ ]] && echo none || echo "$WARMUP"))"
echo "  opgv:     $OPGV_BIN (commit $COMMIT), threads=${OPGV_THREADS:-default}, log-level=${OPGV_LOG_LEVEL:-default}"
echo "  nginx:    $NGINX_VERSION, worker_processes auto, static copy of / ($PAGE_BYTES bytes)"
echo "  note:     wrk, opgv and nginx share the same $NPROC CPU(s)"
echo
row "target" "req/s" "p50 ms" "p99 ms" "errors"
row "opgv GET /" "$(fmt_rps "$R_RPS")" "$(fmt_ms "$R_P50")" "$(fmt_ms "$R_P99")" "$R_ERR"
row "opgv GET /healthz" "$(fmt_rps "$H_RPS")" "$(fmt_ms "$H_P50")" "$(fmt_ms "$H_P99")" "$H_ERR"
row "nginx static /index.html" "$(fmt_rps "$N_RPS")" "$(fmt_ms "$N_P50")" "$(fmt_ms "$N_P99")" "$N_ERR"
echo
echo "  ratio opgv GET /        : nginx static = $RATIO_ROOT"
echo "  ratio opgv GET /healthz : nginx static = $RATIO_HEALTHZ"
echo
echo "Targets"
echo "  [$T_THROUGHPUT] opgv GET / throughput >= 0.5 x nginx static   (ratio $RATIO_ROOT)"
echo "  [$T_P99_ROOT] opgv GET / p99 < 10 ms                        ($(fmt_ms "$R_P99") ms)"
echo "  [$T_P99_HEALTHZ] opgv GET /healthz p99 < 10 ms                 ($(fmt_ms "$H_P99") ms)"
if [ "$((R_ERR + H_ERR + N_ERR))" -gt 0 ]; then
  echo "  WARNING: socket errors or non-2xx/3xx responses occurred (raw output: BENCH_KEEP_TMP=1);"
  echo "           affected targets count as MISS, the numbers are not reliable."
fi
echo
echo "Row for docs/performance.md:"
echo "| ${NOW%%T*} | $COMMIT | $NPROC × $CPU | $(fmt_rps "$R_RPS") | $(fmt_ms "$R_P50") | $(fmt_ms "$R_P99") | $(fmt_rps "$H_RPS") | $(fmt_ms "$H_P99") | $(fmt_rps "$N_RPS") | $RATIO_ROOT | $RATIO_HEALTHZ | $T_THROUGHPUT / $T_P99_ROOT / $T_P99_HEALTHZ |"
