#!/usr/bin/env bash
# Times `eqlite check` over the detection-rules corpus: builds eqlite in Release when needed,
# runs the check N times, and prints the median wall time, rules per second, the machine and
# the command. With --baseline BINARY it also times another eqlite build, side by side.
#
# Usage: tests/bench/check_corpus.sh [--runs N] [--schemas] [--threads N] [--baseline BINARY]
#   --runs N            timed runs after one warm-up run (default 11)
#   --schemas           also pass the ECS and non-ECS schemas, as a CI run would
#   --threads N         passed to eqlite check (default: eqlite's own, the core count)
#   --baseline BINARY   an older eqlite to time the same way, for a before/after figure
# Environment: EQLITE_BUILD (default build-release beside the sources), EQLITE_SHARED_DIR
# (default ../shared beside the sources).
set -euo pipefail

source_dir="$(cd "$(dirname "$0")/../.." && pwd)"
build_dir="${EQLITE_BUILD:-$source_dir/build-release}"
shared_dir="${EQLITE_SHARED_DIR:-$source_dir/../shared}"
runs=11
schemas=0
threads=""
baseline=""
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --schemas) schemas=1; shift ;;
        --threads) threads="$2"; shift 2 ;;
        --baseline) baseline="$2"; shift 2 ;;
        *) echo "unknown option: $1" >&2; exit 2 ;;
    esac
done

corpus="$shared_dir/rules/detection-rules"
if [ ! -d "$corpus" ]; then
    echo "error: the corpus $corpus is absent; set EQLITE_SHARED_DIR" >&2
    exit 2
fi

# Build Release unless the build folder already holds a Release eqlite.
if ! grep -qs '^CMAKE_BUILD_TYPE:STRING=Release$' "$build_dir/CMakeCache.txt"; then
    cmake -S "$source_dir" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build_dir" --target eqlite -j "$(nproc)" >/dev/null
eqlite="$build_dir/eqlite"

arguments=(check "$corpus")
if [ "$schemas" == 1 ]; then
    arguments+=(--schema "$shared_dir/schemas/ecs-9.5.0-flat.json.gz"
                --schema "$shared_dir/schemas/non-ecs-schema.json")
fi
if [ -n "$threads" ]; then
    arguments+=(--threads "$threads")
fi

# Prints the median wall time in milliseconds of `runs` runs of BINARY with the arguments.
median_ms() {
    local binary="$1"
    "$binary" "${arguments[@]}" >/dev/null 2>&1 || true  # warm-up: page cache, binary
    local times=()
    for _ in $(seq "$runs"); do
        local start end
        start="$(date +%s%N)"
        "$binary" "${arguments[@]}" >/dev/null 2>&1 || true
        end="$(date +%s%N)"
        times+=($(((end - start) / 1000)))
    done
    printf '%s\n' "${times[@]}" | sort -n | awk '{ t[NR] = $1 } END {
        m = (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2; printf "%.1f", m / 1000 }'
}

# The number of EQL rules checked, from the summary line.
rules="$("$eqlite" "${arguments[@]}" 2>&1 >/dev/null | sed -n 's/^checked \([0-9]*\) EQL rules.*/\1/p')"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')," \
     "load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "command: $eqlite ${arguments[*]}"
echo "corpus: $(find "$corpus" -name '*.toml' | wc -l) TOML files," \
     "$(du -sb "$corpus" | cut -f1) bytes; $rules EQL rules checked; $runs runs"

report() {
    local label="$1" ms="$2"
    awk -v label="$label" -v ms="$ms" -v rules="$rules" \
        'BEGIN { printf "%-9s median %8.1f ms wall, %9.0f rules/s\n", label, ms, rules / (ms / 1000) }'
}

current_ms="$(median_ms "$eqlite")"
report "eqlite" "$current_ms"
if [ -n "$baseline" ]; then
    baseline_ms="$(median_ms "$baseline")"
    report "baseline" "$baseline_ms"
    awk -v a="$baseline_ms" -v b="$current_ms" 'BEGIN { printf "speed-up: %.1fx\n", a / b }'
fi

# The Python reference, detection-rules' own validator, needs its `eql` package.
if command -v python3 >/dev/null && python3 -c 'import eql' 2>/dev/null; then
    echo "python reference: the eql package is installed, but this script does not drive" \
         "detection-rules; time 'python -m detection_rules test' in a detection-rules clone"
else
    echo "python reference: not measured here (python3 with the eql package is not available)"
fi
