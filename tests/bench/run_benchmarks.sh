#!/usr/bin/env bash
# Throughput and memory of `eqlite replay` on generated ECS events, side by side with the raw
# simdjson parse rate of the same file. Builds the tools in BUILD_DIR and generates the event
# files into SCRATCH_DIR, where they stay with their sidecars for later runs. The first file is
# also split into its FortiGate and its endpoint events, two files each in time order, which
# replay reads side by side. Every case then runs once per round, so that all cases share the
# machine's load. One table shows the medians over the rounds, followed by each target as met
# or missed.
#
# Usage: tests/bench/run_benchmarks.sh BUILD_DIR SCRATCH_DIR [--runs N] [--threads N]
#                                      [--sizes "1000000 10000000"]
#   BUILD_DIR    a configured build tree, e.g. from
#                `cmake -S . -B build -DCMAKE_BUILD_TYPE=Release`
#   SCRATCH_DIR  where the event files go (about 741 bytes per event: 7.4 GB for 10M events);
#                it must lie outside the source tree
#   --runs N     rounds; the table shows medians (default 3)
#   --threads N  eqlite's --threads (default 0: one per core)
#   --sizes S    event counts of the seed-rule files (default "1000000 10000000"); the first
#                size is also used for the parse ceiling and the rule corpus
# The rule corpus is read from $EQLITE_SHARED_DIR/rules/detection-rules/rules (default: the
# `shared` folder beside the source tree); without it that case is skipped.
# Exit status: 1 when a seed-rule run does not give exactly the planted alerts, the merged
# corpus run gives other alerts than the one-file run, or a file fails its recount; 2 on a
# usage error; else 0.
set -euo pipefail

usage() {
    echo "usage: $0 BUILD_DIR SCRATCH_DIR [--runs N] [--threads N] [--sizes \"N ...\"]" >&2
    exit 2
}

[ $# -ge 2 ] || usage
build_dir="$(cd "$1" && pwd)" || usage
mkdir -p "$2"
scratch_dir="$(cd "$2" && pwd)"
shift 2
runs=3
threads=0
sizes="1000000 10000000"
while [ $# -gt 0 ]; do
    case "$1" in
        --runs) runs="$2"; shift 2 ;;
        --threads) threads="$2"; shift 2 ;;
        --sizes) sizes="$2"; shift 2 ;;
        *) usage ;;
    esac
done

source_dir="$(cd "$(dirname "$0")/../.." && pwd)"
case "$scratch_dir/" in
    "$source_dir"/*)
        echo "error: SCRATCH_DIR $scratch_dir is inside the source tree; choose another folder" >&2
        exit 2 ;;
esac
shared_dir="${EQLITE_SHARED_DIR:-$source_dir/../shared}"
corpus="$shared_dir/rules/detection-rules/rules"
seed_rule="$source_dir/rules/network/fortigate_socks_traffic_from_endpoint_process.toml"
planted=1000
seed=42
# The quoted rate of the Python reference engine on the seed rule; this script does not
# measure it.
python_events_per_second=40000

# Build.
if [ ! -f "$build_dir/CMakeCache.txt" ]; then
    echo "error: $build_dir is not a configured build tree (no CMakeCache.txt)" >&2
    exit 2
fi
build_type="$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$build_dir/CMakeCache.txt")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "building eqlite and the benchmark tools in $build_dir ($build_type)" >&2
if ! nice cmake --build "$build_dir" -j2 --target eqlite eqlite-generate eqlite-check-planted \
        eqlite-parse-ceiling >"$work/build.log" 2>&1; then
    tail -40 "$work/build.log" >&2
    echo "error: the build failed" >&2
    exit 1
fi
eqlite="$build_dir/eqlite"
generate="$build_dir/tests/bench/eqlite-generate"
check_planted="$build_dir/tests/bench/eqlite-check-planted"
ceiling="$build_dir/tests/bench/eqlite-parse-ceiling"

free_bytes() { df --output=avail -B1 "$1" | tail -1 | tr -d ' '; }
sidecar_number() { grep -o "\"$2\": *[0-9]*" "$1.expected.json" | grep -o '[0-9]*$'; }

# Generates $scratch_dir/events-N.ndjson unless it exists with a sidecar for the same options,
# then recounts its planted matches once. Returns 1 when there is no room for it.
ensure_file() {
    local events="$1" file="$scratch_dir/events-$1.ndjson"
    if [ -s "$file" ] && [ -s "$file.expected.json" ] &&
       [ "$(sidecar_number "$file" seed)" = "$seed" ] &&
       [ "$(sidecar_number "$file" planted_matches)" = "$planted" ]; then
        :
    else
        local needed=$((events * 741 + 1000000000)) available
        available="$(free_bytes "$scratch_dir")"
        if [ "$available" -lt "$needed" ]; then
            echo "skipped $events events: $needed bytes needed in $scratch_dir," \
                 "$available free" >&2
            return 1
        fi
        echo "generating $file" >&2
        rm -f "$file.recounted"
        "$generate" --events "$events" --seed "$seed" --planted "$planted" --out "$file" >&2
    fi
    if [ ! -e "$file.recounted" ]; then
        echo "recounting the planted matches of $file" >&2
        if ! "$check_planted" "$file" >"$work/recount" 2>&1; then
            cat "$work/recount" >&2
            echo "FAILED: $file does not match its sidecar" >&2
            exit 1
        fi
        touch "$file.recounted"
    fi
}

# Runs one case once under /usr/bin/time and appends "CASE WALL_S RSS_KB CPU_S ALERTS" to
# $work/times. ALERTS is the line count of the -o file, or - for the parse ceiling.
time_case() {
    local name="$1" alerts_file="$work/alerts-$1.ndjson"
    shift
    rm -f "$alerts_file"
    local status=0
    /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" ||
        status=$?
    # replay exits 1 when some corpus rules do not compile; that is not a failure here.
    if [ "$status" -ne 0 ] && [ "$status" -ne 1 ]; then
        echo "failed (exit status $status): $*" >&2
        cat "$work/stderr" >&2
        exit 1
    fi
    local alerts="-"
    if [ -e "$alerts_file" ]; then
        alerts="$(wc -l <"$alerts_file")"
    fi
    tail -1 "$work/time" | awk -v name="$name" -v alerts="$alerts" \
        '{print name, $1, $2, $3 + $4, alerts}' >>"$work/times"
}

median() { sort -g | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'; }
column_of() { awk -v name="$1" -v field="$2" '$1 == name {print $field}' "$work/times"; }

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)," \
     "$(free -g | awk '/Mem:/ {print $2}') GB RAM"
# The commit of the tree the build was configured from, which need not hold this script.
built_from="$(sed -n 's/^CMAKE_HOME_DIRECTORY:INTERNAL=//p' "$build_dir/CMakeCache.txt")"
commit="$(git -C "$built_from" rev-parse --short HEAD 2>/dev/null || echo "of unknown commit")"
echo "eqlite $commit ($built_from), $build_type build, --threads $threads (0: one per core);" \
     "$runs rounds, medians"
echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

# The event files, in the order --sizes lists them.
read -r -a size_list <<<"$sizes"
files=()
for events in "${size_list[@]}"; do
    if ensure_file "$events"; then
        files+=("$scratch_dir/events-$events.ndjson")
    fi
done
if [ ${#files[@]} -eq 0 ]; then
    echo "error: no event file could be made" >&2
    exit 1
fi
first="${files[0]}"

# The first file split by source, as captures often come: one file per data stream.
split_fortigate="${first%.ndjson}.fortigate.ndjson"
split_endpoint="${first%.ndjson}.endpoint.ndjson"
if [ ! -s "$split_endpoint" ] || [ "$split_endpoint" -ot "$first" ]; then
    echo "splitting $first by source" >&2
    grep -F '"fortinet_fortigate.log"' "$first" >"$split_fortigate"
    grep -vF '"fortinet_fortigate.log"' "$first" >"$split_endpoint"
fi
rule_count=0
if [ -d "$corpus" ]; then
    : >"$work/empty.ndjson"
    "$eqlite" replay -q -r "$corpus" --stats "$work/corpus-stats.json" -o /dev/null \
        "$work/empty.ndjson" >/dev/null 2>&1 || true
    rule_count="$(grep -c '"alerts"' "$work/corpus-stats.json" || true)"
else
    echo "skipped the rule corpus: $corpus is absent" >&2
fi

# Rounds: every case once per round.
replay=("$eqlite" replay -q --threads "$threads")
for ((round = 1; round <= runs; round++)); do
    echo "round $round of $runs" >&2
    time_case ceiling "$ceiling" --mode=dom "$first"
    for file in "${files[@]}"; do
        name="seed-$(sidecar_number "$file" events)"
        time_case "$name" "${replay[@]}" -r "$seed_rule" -o "$work/alerts-$name.ndjson" "$file"
    done
    time_case seed-split "${replay[@]}" -r "$seed_rule" -o "$work/alerts-seed-split.ndjson" \
        "$split_fortigate" "$split_endpoint"
    if [ "$rule_count" -gt 0 ]; then
        time_case corpus "${replay[@]}" -r "$corpus" -o "$work/alerts-corpus.ndjson" "$first"
        time_case corpus-split "${replay[@]}" -r "$corpus" -o "$work/alerts-corpus-split.ndjson" \
            "$split_fortigate" "$split_endpoint"
    fi
done

# The table.
status=0
printf "%-32s %10s %7s %7s %10s %7s %7s %7s %8s\n" case events MB wall_s events/s MB/s \
    cpu_s RSS_MB alerts
row() {
    local name="$1" label="$2" file="$3" expected="$4" events bytes seconds rss cpu alerts
    events="$(sidecar_number "$file" events)"
    bytes="$(stat -L -c %s "$file")"
    seconds="$(column_of "$name" 2 | median)"
    rss="$(column_of "$name" 3 | median)"
    cpu="$(column_of "$name" 4 | median)"
    alerts="$(column_of "$name" 5 | sort -u | paste -sd/)"
    awk -v label="$label" -v events="$events" -v bytes="$bytes" -v s="$seconds" -v rss="$rss" \
        -v cpu="$cpu" -v alerts="$alerts" \
        'BEGIN { printf "%-32s %10d %7.0f %7.2f %10.0f %7.1f %7.2f %7.1f %8s\n", label,
                 events, bytes / 1e6, s, events / s, bytes / 1e6 / s, cpu, rss / 1024, alerts }'
    if [ -n "$expected" ] && [ "$alerts" != "$expected" ]; then
        echo "FAILED: $label gave $alerts alerts, expected $expected" >&2
        status=1
    fi
}
row ceiling "parse ceiling (simdjson dom)" "$first" ""
for file in "${files[@]}"; do
    events="$(sidecar_number "$file" events)"
    planted_here="$(sidecar_number "$file" planted_matches)"
    row "seed-$events" "seed rule (FortiGate SOCKS)" "$file" "$planted_here"
done
row seed-split "seed rule, 2 files merged" "$first" "$(sidecar_number "$first" planted_matches)"
if [ "$rule_count" -gt 0 ]; then
    row corpus "all $rule_count corpus EQL rules" "$first" ""
    row corpus-split "all corpus rules, 2 files merged" "$first" \
        "$(column_of corpus 5 | sort -u | paste -sd/)"
fi
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"

# Targets, from the medians.
median_of() { column_of "$1" "$2" | median; }
verdict() { if awk "BEGIN {exit !($1)}"; then echo met; else echo missed; fi; }
first_events="$(sidecar_number "$first" events)"
first_mb="$(awk -v b="$(stat -L -c %s "$first")" 'BEGIN {print b / 1e6}')"
seed_s="$(median_of "seed-$first_events" 2)"
ceiling_s="$(median_of ceiling 2)"
echo
echo "targets (seed rule over $first_events events):"
speedup="$(awk -v e="$first_events" -v s="$seed_s" -v p="$python_events_per_second" \
    'BEGIN {printf "%.1f", e / s / p}')"
echo "  >= 25x the Python engine's $python_events_per_second events/s: ${speedup}x," \
     "$(verdict "$speedup >= 25") (aim 100x: $(verdict "$speedup >= 100"))"
echo "  within 3x of the parse ceiling's time:" \
     "$(awk -v a="$seed_s" -v b="$ceiling_s" 'BEGIN {printf "%.2fx", a / b}')," \
     "$(verdict "$seed_s <= 3 * $ceiling_s")"
last="${files[${#files[@]}-1]}"
if [ "$last" != "$first" ]; then
    last_events="$(sidecar_number "$last" events)"
    rss_first="$(median_of "seed-$first_events" 3)"
    rss_last="$(median_of "seed-$last_events" 3)"
    echo "  peak RSS at $last_events events within 32 MB of $first_events:" \
         "$(awk -v a="$rss_last" -v b="$rss_first" 'BEGIN {printf "%+.1f MB", (a - b) / 1024}')," \
         "$(verdict "$rss_last - $rss_first <= 32 * 1024")"
fi
if [ "$rule_count" -gt 0 ]; then
    corpus_s="$(median_of corpus 2)"
    corpus_rate="$(awk -v mb="$first_mb" -v s="$corpus_s" 'BEGIN {printf "%.1f", mb / s}')"
    echo "  all corpus rules over $first_events events >= 50 MB/s: $corpus_rate MB/s," \
         "$(verdict "$corpus_rate >= 50")"
fi
exit "$status"
