#!/usr/bin/env bash
# Times `eqlite check` over the detection-rules corpus: builds eqlite in Release when needed,
# runs the check N times, and prints the median wall and CPU time, rules per second, the
# machine and the command. With --baseline BINARY it also times another eqlite build, side by
# side.
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
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

arguments=(check "$corpus")
if [ "$schemas" == 1 ]; then
    arguments+=(--schema "$shared_dir/schemas/ecs-9.5.0-flat.json.gz"
                --schema "$shared_dir/schemas/non-ecs-schema.json")
fi
if [ -n "$threads" ]; then
    arguments+=(--threads "$threads")
fi

# Prints "WALL_MS CPU_MS": the medians over `runs` runs of BINARY with the arguments, of the
# wall time and of the CPU time (user plus system, all threads). On a busy machine the wall
# time grows while the CPU time stays close to what the work costs.
median_ms() {
    local binary="$1" samples="$work/samples"
    "$binary" "${arguments[@]}" >/dev/null 2>&1 || true  # warm-up: page cache, binary
    : >"$samples"
    local TIMEFORMAT='%R %U %S'
    for _ in $(seq "$runs"); do
        { time "$binary" "${arguments[@]}" >/dev/null 2>&1; } 2>>"$samples" || true
    done
    awk '{ print $1 * 1000, ($2 + $3) * 1000 }' "$samples" >"$samples.ms"
    local wall cpu
    wall="$(cut -d' ' -f1 "$samples.ms" | sort -n | awk '{ t[NR] = $1 } END {
        print (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }')"
    cpu="$(cut -d' ' -f2 "$samples.ms" | sort -n | awk '{ t[NR] = $1 } END {
        print (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }')"
    echo "$wall $cpu"
}

# The number of EQL rules checked, from the summary line.
rules="$("$eqlite" "${arguments[@]}" 2>&1 >/dev/null | sed -n 's/^checked \([0-9]*\) EQL rules.*/\1/p')"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')," \
     "load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "command: $eqlite ${arguments[*]}"
echo "corpus: $(find "$corpus" -name '*.toml' | wc -l) TOML files," \
     "$(du -sb "$corpus" | cut -f1) bytes; $rules EQL rules checked; $runs runs"

report() {
    local label="$1" wall="$2" cpu="$3"
    awk -v label="$label" -v wall="$wall" -v cpu="$cpu" -v rules="$rules" 'BEGIN {
        printf "%-9s median %8.1f ms wall, %9.0f rules/s; median CPU %8.1f ms\n",
               label, wall, rules / (wall / 1000), cpu }'
}

read -r current_wall current_cpu <<<"$(median_ms "$eqlite")"
report "eqlite" "$current_wall" "$current_cpu"
if [ -n "$baseline" ]; then
    read -r baseline_wall baseline_cpu <<<"$(median_ms "$baseline")"
    report "baseline" "$baseline_wall" "$baseline_cpu"
    awk -v a="$baseline_wall" -v b="$current_wall" -v c="$baseline_cpu" -v d="$current_cpu" \
        'BEGIN { printf "speed-up: %.1fx wall, %.1fx CPU\n", a / b, c / d }'
fi

# The Python reference, detection-rules' own validator, needs its `eql` package.
if command -v python3 >/dev/null && python3 -c 'import eql' 2>/dev/null; then
    echo "python reference: the eql package is installed, but this script does not drive" \
         "detection-rules; time 'python -m detection_rules test' in a detection-rules clone"
else
    echo "python reference: not measured here (python3 with the eql package is not available)"
fi
