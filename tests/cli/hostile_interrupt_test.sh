#!/usr/bin/env bash
# Ctrl-C end to end: SIGINT stops `eqlite replay` and `eqlite query` while they read, over a
# large file and over standard input that stays open. Each run exits with status 130 and
# leaves neither its -o file, nor its temporary file, nor its --stats file. It prints a note
# that names the files not written and the summary of what it read, whose counts add up.
# Usage: hostile_interrupt_test.sh EQLITE SOURCE_DIR SHARED_DIR
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/test_lib.sh"
# Job control, so that background runs take SIGINT instead of ignoring it.
set -m
eqlite="$1"

work="$(mktemp -d)"
writer=""
cleanup() {
    [ -n "$writer" ] && kill "$writer" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT
cd "$work" || exit 1

# 200,000 events with one timestamp, so that the file named 30 times over stays in order and
# is read in one pass: 6 million lines, far more than a run reads before the signal comes.
awk 'BEGIN {
    for (i = 0; i < 200000; i++) {
        printf "{\"@timestamp\":1700000000000,\"id\":%d,\"event\":{\"category\":\"%s\"},", i,
            (i % 2 ? "network" : "process")
        printf "\"host\":{\"id\":\"h%d\"},\"process\":{\"name\":\"%s\"}}\n", i % 97,
            (i % 3 ? "a" : "b")
    }
}' >events.ndjson
printf 'not json\n' >>events.ndjson
inputs=()
for _ in $(seq 30); do
    inputs+=(events.ndjson)
done
total_lines=$((30 * 200001))

mkdir rules
echo 'process where process.name == "b"' >rules/events.eql
printf 'sequence by host.id with maxspan=1s\n  [process where process.name == "a"]\n' \
    >rules/sequence.eql
printf '  [network where true]\n' >>rules/sequence.eql

# Waits up to 20 s for FILE to contain TEXT.
wait_for_text() {
    for _ in $(seq 200); do
        grep -qF "$2" "$1" 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}

# check_interrupted NAME STATUS STDERR_FILE UNWRITTEN: the run stopped by the signal, its
# summary adds up, and none of the files in UNWRITTEN exists.
check_interrupted() {
    local name="$1" status="$2" err="$3"
    shift 3
    [ "$status" == 130 ] || fail "$name exited with $status, not 130: $(cat "$err")"
    local quoted=""
    for path in "$@"; do
        [ ! -e "$path" ] || fail "$name left '$path'"
        ls "$path".tmp.* >/dev/null 2>&1 && fail "$name left a temporary file of '$path'"
        quoted+="${quoted:+ and }'$path'"
    done
    grep -qxF "interrupted: stopped reading; $quoted not written" "$err" ||
        fail "$name did not report the interruption: $(cat "$err")"

    # "read N lines: E events, S skipped (...)", with N = E + S and N short of the input.
    local summary
    summary="$(grep -E '^read [0-9]+ lines: [0-9]+ events, [0-9]+ skipped' "$err")"
    [ -n "$summary" ] || fail "$name printed no summary: $(cat "$err")"
    read -r lines events skipped < <(echo "$summary" |
        sed -E 's/^read ([0-9]+) lines: ([0-9]+) events, ([0-9]+) skipped.*/\1 \2 \3/')
    [ "${lines:-x}" == $((${events:-0} + ${skipped:-0})) ] ||
        fail "$name summary does not add up: $summary"
    [ "${lines:-0}" -lt "$total_lines" ] || fail "$name read the whole input: $summary"
}

# Replay of a large file, interrupted once it has started reading.
"$eqlite" replay -r rules -o replay.hits --stats replay.json "${inputs[@]}" 2>replay.err &
pid=$!
wait_for_text replay.err "loaded 2 EQL rules" || fail "replay did not start: $(cat replay.err)"
sleep 0.5
kill -INT "$pid"
wait "$pid"
check_interrupted "replay of a file" $? replay.err replay.hits replay.json
grep -qE '^[0-9]+ alerts from 2 rules$' replay.err || fail "replay printed no alert total"

# Standard input that stays open: the reader is waiting for bytes when the signal comes, on
# one thread and on two.
mkfifo events.fifo
for threads in 1 2; do
    rm -f written
    { cat events.ndjson; touch written; exec sleep 120; } >events.fifo &
    writer=$!
    "$eqlite" query --threads "$threads" -o "query$threads.hits" \
        'process where process.name == "b"' - <events.fifo 2>"query$threads.err" &
    pid=$!
    # Once cat is done, what is left in the pipe's buffer takes well under a second to read.
    for _ in $(seq 600); do
        [ -e written ] && break
        sleep 0.1
    done
    [ -e written ] || fail "query on $threads threads read too slowly to take the whole input"
    sleep 1
    kill -INT "$pid"
    signalled=$SECONDS
    wait "$pid"
    check_interrupted "query from stdin on $threads threads" $? "query$threads.err" \
        "query$threads.hits"
    [ $((SECONDS - signalled)) -lt 10 ] ||
        fail "query from stdin on $threads threads took $((SECONDS - signalled)) s to stop"
    # On one thread, every line that arrived before the signal is counted. Several threads
    # drop the batch of lines they had not yet handed on.
    if [ "$threads" == 1 ]; then
        grep -qxF "read 200001 lines: 200000 events, 1 skipped (prefiltered: 1)" \
            query1.err || fail "query on one thread lost lines: $(cat query1.err)"
    fi
    kill "$writer" 2>/dev/null
    wait "$writer" 2>/dev/null
    writer=""
done

exit $((failures > 0))
