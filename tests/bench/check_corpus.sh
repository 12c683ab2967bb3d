#!/usr/bin/env bash
# Times `eqlite check` over the detection-rules corpus: builds eqlite in Release when needed,
# runs the check N times without schemas and N times with the ECS and non-ECS schemas, and
# prints for each the median wall and CPU time and rules per second, with the machine, its load
# and the commands. With --baseline BINARY it also times another eqlite build, side by side.
# When EQLITE_PYTHON_EQL names a folder that contains the Python `eql` package (the reference
# parser of detection-rules), it also times eql.parse_query over the same queries.
#
# Usage: tests/bench/check_corpus.sh [--runs N] [--threads N] [--baseline BINARY]
#   --runs N            timed runs per configuration after one warm-up run (default 11)
#   --threads N         passed to eqlite check (default: eqlite's own, the core count)
#   --baseline BINARY   an older eqlite to time the same way, for a before/after figure
# Environment: EQLITE_BUILD (default build-release beside the sources), EQLITE_SHARED_DIR
# (default ../shared beside the sources), EQLITE_PYTHON_EQL (default: no Python figure),
# EQLITE_PYTHON (default python3).
set -euo pipefail

source_dir="$(cd "$(dirname "$0")/../.." && pwd)"
build_dir="${EQLITE_BUILD:-$source_dir/build-release}"
shared_dir="${EQLITE_SHARED_DIR:-$source_dir/../shared}"
python="${EQLITE_PYTHON:-python3}"
runs=11
threads=""
baseline=""
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --threads) threads="$2"; shift 2 ;;
        --baseline) baseline="$2"; shift 2 ;;
        # Both configurations are always timed; the option is accepted for older callers.
        --schemas) shift ;;
        *) echo "error: unknown option: $1" >&2; exit 2 ;;
    esac
done

corpus="$shared_dir/rules/detection-rules"
if [ ! -d "$corpus" ]; then
    echo "error: the corpus $corpus is absent; set EQLITE_SHARED_DIR" >&2
    exit 2
fi
schema_files=("$shared_dir/schemas/ecs-9.5.0-flat.json.gz" "$shared_dir/schemas/non-ecs-schema.json")

# Build Release unless the build folder already holds a Release eqlite.
if ! grep -qs '^CMAKE_BUILD_TYPE:STRING=Release$' "$build_dir/CMakeCache.txt"; then
    cmake -S "$source_dir" -B "$build_dir" -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
cmake --build "$build_dir" --target eqlite -j "$(nproc)" >/dev/null
eqlite="$build_dir/eqlite"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

plain_arguments=(check "$corpus")
if [ -n "$threads" ]; then
    plain_arguments+=(--threads "$threads")
fi
schema_arguments=("${plain_arguments[@]}")
for schema in "${schema_files[@]}"; do
    schema_arguments+=(--schema "$schema")
done

# Prints the median of the numbers in FILE, one a line.
median() {
    sort -n "$1" | awk '{ t[NR] = $1 } END {
        print (NR % 2) ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2 }'
}

# Prints "WALL_MS CPU_MS": the medians over `runs` runs of BINARY with the remaining arguments,
# of the wall time and of the CPU time (user plus system, all threads). On a busy machine the
# wall time grows while the CPU time stays close to what the work costs.
median_ms() {
    local binary="$1" samples="$work/samples"
    shift
    "$binary" "$@" >/dev/null 2>&1 || true  # warm-up: page cache, binary
    : >"$samples"
    local TIMEFORMAT='%R %U %S'
    for _ in $(seq "$runs"); do
        { time "$binary" "$@" >/dev/null 2>&1; } 2>>"$samples" || true
    done
    awk '{ print $1 * 1000 }' "$samples" >"$samples.wall"
    awk '{ print ($2 + $3) * 1000 }' "$samples" >"$samples.cpu"
    echo "$(median "$samples.wall") $(median "$samples.cpu")"
}

# The number of EQL rules checked, from the summary line.
rules="$("$eqlite" "${plain_arguments[@]}" 2>&1 >/dev/null |
         sed -n 's/^checked \([0-9]*\) EQL rules.*/\1/p')"

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')," \
     "load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "command: $eqlite ${plain_arguments[*]}"
echo "with schemas: $eqlite ${schema_arguments[*]}"
echo "corpus: $(find "$corpus" -name '*.toml' | wc -l) TOML files," \
     "$(du -sb "$corpus" | cut -f1) bytes; $rules EQL rules checked; $runs runs each"

report() {
    local label="$1" wall="$2" cpu="$3"
    awk -v label="$label" -v wall="$wall" -v cpu="$cpu" -v rules="$rules" 'BEGIN {
        printf "%-17s median %8.1f ms wall, %9.0f rules/s; median CPU %8.1f ms\n",
               label, wall, rules / (wall / 1000), cpu }'
}

speed_up() {
    awk -v a="$1" -v b="$2" -v c="$3" -v d="$4" -v label="$5" \
        'BEGIN { printf "speed-up %s: %.1fx wall, %.1fx CPU\n", label, a / b, c / d }'
}

read -r plain_wall plain_cpu <<<"$(median_ms "$eqlite" "${plain_arguments[@]}")"
report "eqlite" "$plain_wall" "$plain_cpu"
read -r schema_wall schema_cpu <<<"$(median_ms "$eqlite" "${schema_arguments[@]}")"
report "eqlite, schemas" "$schema_wall" "$schema_cpu"
if [ -n "$baseline" ]; then
    read -r base_plain_wall base_plain_cpu <<<"$(median_ms "$baseline" "${plain_arguments[@]}")"
    report "baseline" "$base_plain_wall" "$base_plain_cpu"
    read -r base_schema_wall base_schema_cpu <<<"$(median_ms "$baseline" "${schema_arguments[@]}")"
    report "baseline, schemas" "$base_schema_wall" "$base_schema_cpu"
    speed_up "$base_plain_wall" "$plain_wall" "$base_plain_cpu" "$plain_cpu" "without schemas"
    speed_up "$base_schema_wall" "$schema_wall" "$base_schema_cpu" "$schema_cpu" "with schemas"
fi

# The Python reference: eql.parse_query over the EQL queries of the same files, in one
# process, with the parser's elasticsearch_syntax and ignore_missing_functions settings where
# the package has them. Its time is the median of `runs` passes, without the interpreter's
# start-up or the reading of the files, so the figure favours Python.
if [ -z "${EQLITE_PYTHON_EQL:-}" ]; then
    echo "python reference: skipped (set EQLITE_PYTHON_EQL to a folder that contains the" \
         "eql package)"
    exit 0
fi
if [ ! -d "$EQLITE_PYTHON_EQL/eql" ]; then
    echo "error: EQLITE_PYTHON_EQL=$EQLITE_PYTHON_EQL has no eql package folder" >&2
    exit 2
fi
# NOTE: this branch was run only against a stand-in eql module. Check its figure before
# quoting it.
python_ms="$(PYTHONPATH="$EQLITE_PYTHON_EQL" "$python" - "$corpus" "$runs" <<'PYTHON'
import contextlib, pathlib, statistics, sys, time, tomllib
import eql

corpus, runs = pathlib.Path(sys.argv[1]), int(sys.argv[2])
queries = []
for path in sorted(corpus.rglob("*.toml")):
    try:
        rule = tomllib.loads(path.read_text(encoding="utf-8")).get("rule", {})
    except (tomllib.TOMLDecodeError, UnicodeDecodeError):
        continue
    if rule.get("language") == "eql" and isinstance(rule.get("query"), str):
        queries.append(rule["query"])

settings = [getattr(eql.parser, name) for name in ("elasticsearch_syntax",
            "ignore_missing_functions") if hasattr(eql.parser, name)]
passes = []
for _ in range(runs):
    start = time.perf_counter()
    for query in queries:
        with contextlib.ExitStack() as stack:
            for setting in settings:
                stack.enter_context(setting)
            try:
                eql.parse_query(query)
            except eql.EqlError:
                pass
    passes.append((time.perf_counter() - start) * 1000)
print(f"{statistics.median(passes):.1f} {len(queries)}")
PYTHON
)"
read -r python_wall python_queries <<<"$python_ms"
awk -v ms="$python_wall" -v n="$python_queries" -v eq="$plain_wall" 'BEGIN {
    printf "python reference median %8.1f ms for %d queries, %9.0f queries/s;" \
           " eqlite is %.1fx faster (wall, without schemas)\n", ms, n, n / (ms / 1000), ms / eq }'
