#!/usr/bin/env bash
# The seed rule end to end through the binary: each corpus case gives exactly its expected
# hits through both `replay` and `query`, the labelled real pair gives one alert, and the
# unedited real captures give none.
# Usage: seed_rule_test.sh EQLITE SOURCE_DIR SHARED_DIR
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/test_lib.sh"
eqlite="$1"
source_dir="$2"
shared_dir="$3"
cd "$source_dir"

rule=rules/network/fortigate_socks_traffic_from_endpoint_process.toml
query="$(sed -n "/^query = '''$/,/^'''$/p" "$rule" | sed '1d;$d')"
[ -n "$query" ] || fail "could not read the query from $rule"

# Every case: replay output equals the expected file byte for byte; query output equals it
# without the "rule" member.
for events in corpus/seed-rule/*.ndjson; do
    expected="corpus/seed-rule/expected/$(basename "$events")"
    actual="$("$eqlite" replay -q -r rules "$events")" || fail "replay exited with $? on $events"
    [ "$actual" == "$(cat "$expected")" ] || fail "replay output differs on $events:
$actual"
    without_rule="$(sed 's/^{"rule":{"id":"[^"]*","name":"[^"]*"},/{/' "$expected")"
    actual="$("$eqlite" query -q "$query" "$events")" || fail "query exited with $? on $events"
    [ "$actual" == "$without_rule" ] || fail "query output differs on $events:
$actual"
done

# All cases in one run give the union of the expected hits, in time order.
all_expected="$(cat corpus/seed-rule/expected/*.ndjson | grep -c .)"
all_actual="$("$eqlite" replay -q -r rules corpus/seed-rule/*.ndjson | grep -c .)"
[ "$all_actual" == "$all_expected" ] || fail "all cases together: $all_actual hits, expected $all_expected"

if [ ! -d "$shared_dir/corpus/seed-rule-pair" ]; then
    echo "skipped the real captures: $shared_dir/corpus is absent"
    exit $((failures > 0))
fi

# The labelled real pair: one alert, FortiGate event first, with the connection's join keys.
pair="$shared_dir/corpus/seed-rule-pair"
for run in replay query; do
    if [ "$run" == replay ]; then
        output="$("$eqlite" replay -q -r rules "$pair/endpoint.ndjson" "$pair/fortigate.ndjson")"
    else
        output="$("$eqlite" query -q "$query" "$pair/endpoint.ndjson" "$pair/fortigate.ndjson")"
    fi
    [ "$(grep -c . <<<"$output")" == 1 ] || fail "$run on the labelled pair: expected 1 alert, got: $output"
    grep -q '"join_keys":\[54924,"10.201.0.32","64.233.191.95"\]' <<<"$output" ||
        fail "$run on the labelled pair: wrong join keys: $output"
    grep -q "\"_id\":\"$pair/fortigate.ndjson:1\".*\"_id\":\"$pair/endpoint.ndjson:1\"" <<<"$output" ||
        fail "$run on the labelled pair: wrong events or order: $output"
done

# The unedited captures: no alert, and the summary says what was read and skipped.
captures=("$shared_dir"/corpus/elastic-integrations-fortinet_fortigate/*.ndjson
          "$shared_dir"/corpus/elastic-endpoint-package/*.ndjson)
summary="$(mktemp)"
trap 'rm -f "$summary"' EXIT
output="$("$eqlite" replay -r rules "${captures[@]}" 2>"$summary")" ||
    fail "replay over the unedited captures exited with $?"
[ -z "$output" ] || fail "unedited captures gave alerts: $output"
grep -Eq '^read [0-9]+ lines: [0-9]+ events, [0-9]+ skipped' "$summary" ||
    fail "no read summary on the unedited captures: $(cat "$summary")"
grep -Eq '^0 alerts from [0-9]+ rules$' "$summary" || fail "no alert summary: $(cat "$summary")"

exit $((failures > 0))
