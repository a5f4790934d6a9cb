#!/usr/bin/env bash
# Builds http_decoding_fuzzer with clang (libFuzzer, ASan, UBSan) in build-fuzz and runs it for
# FUZZ_SECONDS (default 30) on a temporary copy of fuzz/corpus/http_decoding, so the repository
# corpus does not grow. Exits non-zero on a crash, sanitizer report or violated property; the
# reproducer is kept in build-fuzz/artifacts/ (replay: build-fuzz/http_decoding_fuzzer <file>).
#   FUZZ_SECONDS=300 bash fuzz/run.sh     FUZZ_BUILD_DIR=/tmp/bf bash fuzz/run.sh
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${FUZZ_BUILD_DIR:-$root/build-fuzz}
seconds=${FUZZ_SECONDS:-30}

if ! command -v clang >/dev/null 2>&1 || ! command -v clang++ >/dev/null 2>&1; then
  echo "fuzz/run.sh: clang/clang++ nicht gefunden. libFuzzer braucht clang (Debian: apt-get install clang)." >&2
  exit 2
fi

if [ -f "$build/CMakeCache.txt" ] && ! grep -q '^CMAKE_CXX_COMPILER:[A-Z]*=.*clang++' "$build/CMakeCache.txt"; then
  echo "fuzz/run.sh: $build wurde nicht mit clang++ konfiguriert; bitte löschen oder FUZZ_BUILD_DIR setzen." >&2
  exit 2
fi
if [ ! -f "$build/build.ninja" ]; then
  CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DOPGV_BUILD_FUZZERS=ON -DOPGV_BUILD_TESTS=OFF >/dev/null
fi
cmake --build "$build" --target http_decoding_fuzzer

work=$(mktemp -d "${TMPDIR:-/tmp}/opgv-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
cp -R "$root/fuzz/corpus/http_decoding" "$work/corpus"
mkdir -p "$build/artifacts"

echo "http_decoding_fuzzer: ${seconds} s auf einer Kopie von $(ls "$work/corpus" | wc -l) Korpusdateien"
"$build/http_decoding_fuzzer" "$work/corpus" \
  -max_total_time="$seconds" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
  -artifact_prefix="$build/artifacts/" -print_final_stats=1
