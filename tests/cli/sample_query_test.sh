#!/usr/bin/env bash
# Sample queries through the binary: one sample per key by default, more with
# --max-samples-per-key, and a clear usage error for a count below 1.
# Usage: sample_query_test.sh EQLITE SOURCE_DIR SHARED_DIR
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/test_lib.sh"
eqlite="$1"

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

# Three logins and three file events on one host, one of each on another.
events="$scratch/events.ndjson"
for i in 1 2 3; do
    echo "{\"@timestamp\":\"2024-01-01T00:00:0${i}Z\",\"event\":{\"category\":\"authentication\"},\"host\":{\"name\":\"a\"},\"n\":$i}"
    echo "{\"@timestamp\":\"2024-01-01T00:01:0${i}Z\",\"event\":{\"category\":\"file\"},\"host\":{\"name\":\"a\"},\"n\":$((i + 10))}"
done >"$events"
echo '{"@timestamp":"2024-01-01T00:02:00Z","event":{"category":"authentication"},"host":{"name":"b"},"n":4}' >>"$events"
echo '{"@timestamp":"2024-01-01T00:02:01Z","event":{"category":"file"},"host":{"name":"b"},"n":14}' >>"$events"

query='sample by host.name [authentication where true] [file where true]'

# Default: one sample for each host.
output="$("$eqlite" query -q "$query" "$events")" || fail "query exited with $?"
[ "$(grep -c . <<<"$output")" == 2 ] || fail "default: expected 2 samples, got: $output"
[ "$(grep -c '"join_keys":\["a"\]' <<<"$output")" == 1 ] || fail "default: host a: $output"
[ "$(grep -c '"join_keys":\["b"\]' <<<"$output")" == 1 ] || fail "default: host b: $output"

# Three samples per key: host a has three of each kind, host b one.
output="$("$eqlite" query -q --max-samples-per-key 3 "$query" "$events")" ||
    fail "query --max-samples-per-key 3 exited with $?"
[ "$(grep -c '"join_keys":\["a"\]' <<<"$output")" == 3 ] ||
    fail "--max-samples-per-key 3: expected 3 samples for host a, got: $output"
[ "$(grep -c '"join_keys":\["b"\]' <<<"$output")" == 1 ] ||
    fail "--max-samples-per-key 3: expected 1 sample for host b, got: $output"

# A count of 0 is a usage error with exit status 2.
message="$("$eqlite" query -q --max-samples-per-key 0 "$query" "$events" 2>&1)"
status=$?
[ "$status" == 2 ] || fail "--max-samples-per-key 0: exit status $status, expected 2"
grep -q -- "--max-samples-per-key" <<<"$message" || fail "--max-samples-per-key 0: message: $message"

[ "$failures" == 0 ] && echo "sample query tests passed"
exit $((failures > 0))
