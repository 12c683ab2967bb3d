#!/usr/bin/env bash
# Streaming replay end to end. Shuffled input gives the hits of sorted input: within the reorder
# window, past it through a second pass, and from standard input. One and two parse threads
# give the same bytes, and --stats accounts for every line. A rule without maxspan is warned
# about, and no progress line is drawn when stderr is not a terminal.
# Usage: replay_streaming_test.sh EQLITE SOURCE_DIR SHARED_DIR
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/test_lib.sh"
eqlite="$1"

make_work

# 20000 events 10 ms apart (epoch milliseconds, printed with %.0f since awk's %d may be 32-bit),
# over 50 hosts: process starts of "a" or "b", network events to port 443 or 80, and events
# without a category. Each process start is followed by a network event of its host.
awk 'BEGIN {
    for (i = 0; i < 20000; i++) {
        host = "h" (int(i / 3) % 50)
        ts = 1700000000000 + i * 10
        if (i % 3 == 0) {
            name = (i % 2 == 0) ? "a" : "b"
            printf "{\"@timestamp\":%.0f,\"id\":%d,\"event\":{\"category\":[\"process\"]},\"host\":{\"id\":\"%s\"},\"process\":{\"name\":\"%s\"}}\n", ts, i, host, name
        } else if (i % 3 == 1) {
            port = (i % 4 == 1) ? 443 : 80
            printf "{\"@timestamp\":%.0f,\"id\":%d,\"event\":{\"category\":\"network\"},\"host\":{\"id\":\"%s\"},\"destination\":{\"port\":%d}}\n", ts, i, host, port
        } else {
            printf "{\"@timestamp\":%.0f,\"id\":%d,\"host\":{\"id\":\"%s\"},\"message\":\"noise\"}\n", ts, i, host
        }
    }
}' >"$work/sorted.ndjson"
shuf --random-source=<(yes) "$work/sorted.ndjson" >"$work/shuffled.ndjson"
# Local disorder only: each block of 8 lines reversed.
awk '{ block[NR % 8] = $0 } NR % 8 == 0 { for (i = 7; i >= 0; i--) print block[i] }' \
    "$work/sorted.ndjson" >"$work/local.ndjson"

mkdir "$work/rules"
cat >"$work/rules/sequence.eql" <<'EOF'
sequence by host.id with maxspan=2s
  [process where process.name == "a"]
  [network where destination.port == 443]
EOF
cat >"$work/rules/events.eql" <<'EOF'
network where destination.port == 80
EOF

# Hits without _index and _id, which name the input line.
normalize() { sed 's/"_index":"[^"]*","_id":"[^"]*",//g' "$1"; }

"$eqlite" replay -q -r "$work/rules" -o "$work/sorted.hits" --stats "$work/sorted.json" \
    "$work/sorted.ndjson" || fail "replay of sorted input exited with $?"
hits="$(grep -c . "$work/sorted.hits")"
[ "$hits" -gt 1000 ] || fail "sorted input gave only $hits hits"
grep -q '"join_keys"' "$work/sorted.hits" || fail "sorted input gave no sequence hit"
jq -e '.passes == 1 and .sorted_clocks == []' "$work/sorted.json" >/dev/null ||
    fail "sorted input was not one streaming pass: $(cat "$work/sorted.json")"

# Local disorder stays within the window: one pass, same hits.
"$eqlite" replay -q -r "$work/rules" --reorder-window 16 -o "$work/local.hits" \
    --stats "$work/local.json" "$work/local.ndjson" || fail "replay of local disorder failed"
[ "$(normalize "$work/local.hits")" == "$(normalize "$work/sorted.hits")" ] ||
    fail "local disorder changed the hits"
jq -e '.passes == 1' "$work/local.json" >/dev/null || fail "local disorder needed a second pass"

# Full disorder with a small window: a second pass with the clock sorted, same hits.
"$eqlite" replay -r "$work/rules" --reorder-window 16 -o "$work/shuffled.hits" \
    --stats "$work/shuffled.json" "$work/shuffled.ndjson" 2>"$work/shuffled.err" ||
    fail "replay of shuffled input failed"
[ "$(normalize "$work/shuffled.hits")" == "$(normalize "$work/sorted.hits")" ] ||
    fail "shuffled input changed the hits"
jq -e '.passes == 2 and .sorted_clocks == [0]' "$work/shuffled.json" >/dev/null ||
    fail "shuffled input did not fall back once: $(cat "$work/shuffled.json")"
grep -q "^note: events on the '@timestamp' clock are out of order beyond the reorder window of 16 events; reading the input again with that clock sorted in memory$" \
    "$work/shuffled.err" || fail "no fallback note: $(cat "$work/shuffled.err")"
if grep -q $'\r' "$work/shuffled.err"; then
    fail "a progress line was drawn although stderr is a file"
fi

# On a terminal, a progress line with the share read and the time left is drawn on stderr, for
# gzip input too, and -q turns it off. script(1) gives the command a terminal.
if command -v script >/dev/null; then
    gzip -c "$work/sorted.ndjson" >"$work/sorted.ndjson.gz"
    on_terminal() { script -qfec "$*" /dev/null </dev/null | tr '\r' '\n'; }
    on_terminal "$eqlite" replay -r "$work/rules" -o /dev/null "$work/sorted.ndjson.gz" \
        >"$work/terminal.out"
    grep -aqE '^\[=* *\] +[0-9]+%  [0-9.]+/[0-9.]+ MB  [0-9]+ lines/s  ETA [0-9]+:[0-9]{2}' \
        "$work/terminal.out" || fail "no progress line on a terminal: $(cat "$work/terminal.out")"
    on_terminal "$eqlite" replay -q -r "$work/rules" -o /dev/null "$work/sorted.ndjson.gz" \
        >"$work/quiet.out"
    if grep -aq 'ETA' "$work/quiet.out"; then
        fail "-q drew a progress line: $(cat "$work/quiet.out")"
    fi
else
    echo "skipped the progress line test: script(1) is not installed"
fi

# Standard input cannot be read twice, so it sorts from the start.
"$eqlite" replay -q -r "$work/rules" --stats "$work/stdin.json" - <"$work/shuffled.ndjson" \
    >"$work/stdin.hits" || fail "replay from stdin failed"
[ "$(normalize "$work/stdin.hits")" == "$(normalize "$work/sorted.hits")" ] ||
    fail "shuffled stdin changed the hits"
jq -e '.passes == 1 and .sorted_clocks == [0]' "$work/stdin.json" >/dev/null ||
    fail "stdin did not sort from the start: $(cat "$work/stdin.json")"

# Two files, each in time order: read side by side and merged, they stream in one pass even
# with a window of 16 events, with the hits of the sorted file. --strict reads the files one
# after another, so there the second file's events fall out of order and need a second pass.
grep '"process"' "$work/sorted.ndjson" >"$work/process.ndjson"
grep -v '"process"' "$work/sorted.ndjson" >"$work/other.ndjson"
"$eqlite" replay -q -r "$work/rules" --reorder-window 16 -o "$work/merged.hits" \
    --stats "$work/merged.json" "$work/process.ndjson" "$work/other.ndjson" ||
    fail "replay of two files failed"
[ "$(normalize "$work/merged.hits")" == "$(normalize "$work/sorted.hits")" ] ||
    fail "merging two files changed the hits"
jq -e '.passes == 1 and .lines == 20000' "$work/merged.json" >/dev/null ||
    fail "two files in time order were not merged in one pass: $(cat "$work/merged.json")"
"$eqlite" replay -q --strict -r "$work/rules" --reorder-window 16 -o "$work/in_turn.hits" \
    --stats "$work/in_turn.json" "$work/process.ndjson" "$work/other.ndjson" \
    2>"$work/in_turn.err" ||
    fail "replay of two files with --strict failed"
[ "$(normalize "$work/in_turn.hits")" == "$(normalize "$work/sorted.hits")" ] ||
    fail "reading two files in turn changed the hits"
jq -e '.passes == 2' "$work/in_turn.json" >/dev/null ||
    fail "--strict did not read the files in turn: $(cat "$work/in_turn.json")"

# A pipe among the files cannot be read twice, so every clock sorts in memory from the start.
"$eqlite" replay -q -r "$work/rules" --reorder-window 16 -o "$work/piped.hits" \
    --stats "$work/piped.json" "$work/process.ndjson" <(cat "$work/other.ndjson") ||
    fail "replay with a pipe among the files failed"
[ "$(normalize "$work/piped.hits")" == "$(normalize "$work/sorted.hits")" ] ||
    fail "a pipe among the files changed the hits"
jq -e '.passes == 1 and .sorted_clocks == [0] and .lines == 20000' "$work/piped.json" \
    >/dev/null || fail "a pipe among the files was read twice: $(cat "$work/piped.json")"

# A file that cannot be opened is an error, and the files after it are still read.
"$eqlite" replay -r "$work/rules" -o "$work/missing.hits" \
    "$work/no-such-file.ndjson" "$work/process.ndjson" "$work/other.ndjson" \
    2>"$work/missing.err"
status=$?
[ "$status" == 2 ] || fail "a missing file gave exit status $status, expected 2"
grep -q "no-such-file.ndjson: error: failed to open" "$work/missing.err" ||
    fail "the missing file is not named: $(cat "$work/missing.err")"
grep -q "^read 20000 lines: " "$work/missing.err" ||
    fail "the files after a missing one were not read: $(cat "$work/missing.err")"

# One thread and two give the same bytes, on a file with bad lines too.
cp "$work/shuffled.ndjson" "$work/mixed.ndjson"
# Bad lines that hold a stage's category are parsed and skipped; the other two are prefiltered.
printf '{"c":"network",\nnot json "process"\n[1]\n{"id":1}\n' >>"$work/mixed.ndjson"
for threads in 1 2; do
    "$eqlite" replay -q --threads "$threads" -r "$work/rules" -o "$work/threads$threads.hits" \
        --stats "$work/threads$threads.json" "$work/mixed.ndjson" ||
        fail "replay with $threads threads failed"
done
cmp -s "$work/threads1.hits" "$work/threads2.hits" || fail "two threads changed the hits"
cmp -s "$work/threads1.json" "$work/threads2.json" || fail "two threads changed the statistics"

# Every line is an event or skipped for a reason.
jq -e '.lines == 20004 and .lines == .events + ([.skipped[]] | add)' "$work/threads2.json" \
    >/dev/null || fail "lines do not add up: $(cat "$work/threads2.json")"
jq -e '.skipped.prefiltered > 0 and .skipped["invalid-json"] == 2' "$work/threads2.json" \
    >/dev/null || fail "skip reasons are wrong: $(cat "$work/threads2.json")"
jq -e '[.rules[] | .alerts] | add > 1000' "$work/threads2.json" >/dev/null ||
    fail "no alerts in the statistics"

# A second pass does not print the skipped lines again. The bad lines come first, so that the
# first pass reads them before it finds the disorder.
printf '{"c":"network",\nnot json "process"\n' | cat - "$work/shuffled.ndjson" >"$work/again.ndjson"
"$eqlite" replay -r "$work/rules" --reorder-window 16 -o /dev/null --stats "$work/again.json" \
    "$work/again.ndjson" 2>"$work/again.err" || fail "replay of bad lines in two passes failed"
jq -e '.passes == 2' "$work/again.json" >/dev/null ||
    fail "bad lines and shuffled events were read in one pass: $(cat "$work/again.json")"
[ "$(grep -c ': skipped: ' "$work/again.err")" == 2 ] ||
    fail "expected each of the 2 invalid lines once: $(cat "$work/again.err")"

# Events per stage: the stages of a sequence in order, with its until stage counted apart, and
# the one stage of an event query. The sorted events have 3334 starts of "a" and 3333 of "b",
# 1667 network events to port 443 and 5000 to port 80.
mkdir "$work/until_rules"
cat >"$work/until_rules/until.eql" <<'EOF'
sequence by host.id with maxspan=2s
  [process where process.name == "a"]
  [network where destination.port == 443]
until [process where process.name == "b"]
EOF
cp "$work/rules/events.eql" "$work/until_rules/"
"$eqlite" replay -q -r "$work/until_rules" -o /dev/null --stats "$work/until.json" \
    "$work/sorted.ndjson" || fail "replay with an until rule failed"
rule_stats() { jq -e ".rules[] | select(.id == \"$1\") | $2" "$work/until.json" >/dev/null; }
rule_stats until '.stage_events == [3334, 1667]' ||
    fail "wrong stage_events for the until rule: $(cat "$work/until.json")"
rule_stats until '.until_events == 3333' || fail "wrong until_events: $(cat "$work/until.json")"
rule_stats events '.stage_events == [5000]' ||
    fail "wrong stage_events for the event query: $(cat "$work/until.json")"
rule_stats events 'has("until_events") | not' ||
    fail "an event query has until_events: $(cat "$work/until.json")"

# A sequence without maxspan is named in a warning.
cat >"$work/rules/unbounded.eql" <<'EOF'
sequence by host.id [process where true] [network where true]
EOF
"$eqlite" replay -q -r "$work/rules" -o "$work/unbounded.hits" "$work/sorted.ndjson" \
    2>"$work/unbounded.err" || fail "replay with an unbounded rule failed"
[ "$(grep -c 'warning: rule' "$work/unbounded.err")" == 1 ] ||
    fail "expected one warning: $(cat "$work/unbounded.err")"
grep -q "unbounded.eql: warning: rule 'unbounded' keeps state that grows with the input" \
    "$work/unbounded.err" || fail "the warning does not name the rule: $(cat "$work/unbounded.err")"

exit $((failures > 0))
