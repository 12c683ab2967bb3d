#!/usr/bin/env bash
# Checks the benchmark tools end to end on a small file: the generator is deterministic for a
# seed and changes with it, eqlite-check-planted recounts exactly the planted matches and
# rejects a file where one planted match was broken, and the parse ceiling reads every line.
# Usage: generate_test.sh GENERATOR CHECKER CEILING WORK_DIR
set -euo pipefail

generate=$1
check=$2
ceiling=$3
work=$4
mkdir -p "$work"
cd "$work"
failures=0

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

"$generate" --events 20000 --seed 11 --planted 120 --out a.ndjson 2>/dev/null
"$generate" --events 20000 --seed 11 --planted 120 --out b.ndjson 2>/dev/null
"$generate" --events 20000 --seed 12 --planted 120 --out c.ndjson 2>/dev/null

# Same seed, same bytes; another seed, other bytes.
[[ $(sha256sum < a.ndjson) == $(sha256sum < b.ndjson) ]] || fail "seed 11 gave two different files"
[[ $(sha256sum < a.ndjson.expected.json) == $(sha256sum < b.ndjson.expected.json) ]] ||
    fail "seed 11 gave two different sidecars"
[[ $(sha256sum < a.ndjson) != $(sha256sum < c.ndjson) ]] || fail "seeds 11 and 12 gave one file"

lines=$(wc -l < a.ndjson)
[[ $lines -eq 20000 ]] || fail "expected 20000 lines, found $lines"
grep -q '"planted_matches": 120,' a.ndjson.expected.json || fail "sidecar lacks planted_matches"

# Standard output gives the same stream as --out.
"$generate" --events 20000 --seed 11 --planted 120 2>/dev/null | cmp -s - a.ndjson ||
    fail "standard output differs from --out"

# The independent recount agrees with the sidecar for both seeds.
"$check" a.ndjson > check-a.txt || fail "check of seed 11: $(tail -1 check-a.txt)"
"$check" c.ndjson > check-c.txt || fail "check of seed 12: $(tail -1 check-c.txt)"
grep -qx 'matches          120 (expected 120)' check-a.txt || fail "recount is not 120"

# Renaming the application of the first listed match's signature must make the check fail
# with exactly that match missing.
first=$(grep -m1 -o '"lines":\[[0-9]*,[0-9]*' a.ndjson.expected.json | grep -o '[0-9]*,[0-9]*')
sed "${first%,*}s/\"application\":\"SOCKS[45]\"/\"application\":\"SOCKS6\"/" a.ndjson \
    > broken.ndjson
if "$check" broken.ndjson a.ndjson.expected.json > check-broken.txt; then
    fail "check accepted a file with a broken planted match"
fi
grep -qx "missing match: lines ${first%,*} and ${first#*,}" check-broken.txt ||
    fail "check did not report the broken match at lines $first"

# Too few events for the planted scenarios is a usage error.
if "$generate" --events 10 --planted 100 --out small.ndjson 2>small.txt; then
    fail "generator accepted 10 events for 100 planted matches"
fi
grep -q 'too small' small.txt || fail "no 'too small' message: $(cat small.txt)"

# Every mode of the parse ceiling reads all lines and visits the same number of values.
values=""
for mode in dom ondemand stream; do
    "$ceiling" --mode=$mode a.ndjson > ceiling.txt || fail "parse ceiling ($mode) failed"
    grep -qx 'lines    20000' ceiling.txt || fail "parse ceiling ($mode) did not read 20000 lines"
    found=$(grep '^values' ceiling.txt)
    [[ -z $values || $found == "$values" ]] || fail "parse ceiling ($mode): $found, not $values"
    values=$found
done

rm -f a.ndjson b.ndjson c.ndjson broken.ndjson
if [[ $failures -gt 0 ]]; then
    exit 1
fi
echo "generate_test: all checks passed"
