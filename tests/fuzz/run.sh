#!/usr/bin/env bash
# Builds one libFuzzer target with clang, AddressSanitizer and UndefinedBehaviorSanitizer, runs
# it for a set time from the seed corpus, then prints the executions and the findings.
# Usage: tests/fuzz/run.sh query|events SECONDS
# Environment: FUZZ_BUILD_DIR (default build-fuzz in the repository), FUZZ_JOBS (build jobs,
# default 2). New corpus entries go to FUZZ_BUILD_DIR/corpus-TARGET, never to the seeds, and
# crashing, leaking or slow inputs to FUZZ_BUILD_DIR/findings-TARGET.
set -euo pipefail

if [[ $# -ne 2 || ! "$1" =~ ^(query|events)$ || ! "$2" =~ ^[0-9]+$ ]]; then
    echo "usage: $0 query|events SECONDS" >&2
    exit 2
fi
target=$1
seconds=$2

repo="$(cd "$(dirname "$0")/../.." && pwd)"
build="${FUZZ_BUILD_DIR:-$repo/build-fuzz}"
fuzzer="${target}_fuzz"

cmake -S "$repo" -B "$build" -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
    -DEQLITE_FUZZ=ON -DEQLITE_SANITIZE=ON >/dev/null
cmake --build "$build" --target "$fuzzer" -j "${FUZZ_JOBS:-2}"

corpus="$build/corpus-$target"
findings="$build/findings-$target"
mkdir -p "$corpus" "$findings"
options=(-max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -jobs=1
         -artifact_prefix="$findings/" -print_final_stats=1)
if [[ $target == query ]]; then
    options+=(-dict="$repo/tests/fuzz/query.dict" -max_len=4096)
else
    options+=(-max_len=16384)
fi

# With -jobs the fuzzer runs in a child process that logs to fuzz-0.log in the current folder.
cd "$build"
rm -f fuzz-0.log
export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1"
export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1"
status=0
"$build/tests/fuzz/$fuzzer" "${options[@]}" "$corpus" "$repo/tests/fuzz/corpus/$target" || status=$?

echo "== $fuzzer: ${seconds} s, exit status $status"
grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' fuzz-0.log || true
grep -E 'ERROR: |SUMMARY: |runtime error: |Test unit written' fuzz-0.log || true
echo "corpus entries: $(find "$corpus" -type f | wc -l)"
echo "findings (all runs so far):"
find "$findings" -type f | sort
exit "$status"
