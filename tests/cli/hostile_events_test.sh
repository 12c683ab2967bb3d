#!/usr/bin/env bash
# Bad event lines end to end. A file mixes good events with every kind of line the reader
# skips, and a gzip file breaks off in the middle of a line. Replayed together, they give
# exactly the hits of the good events alone, each skip is reported with FILE:LINE and its exact
# message (the first five per reason), and the summary and --stats add up. --strict stops at
# the first bad line with exit status 2, and prefiltered lines are counted and noted.
# Usage: hostile_events_test.sh EQLITE SOURCE_DIR SHARED_DIR
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/test_lib.sh"
eqlite="$1"

make_work
cd "$work" || exit 1

timestamp() { printf '2024-01-01T00:00:%02dZ' "$1"; }

# good ID SECOND CATEGORY HOST PROCESS_NAME: one event, without a line end.
good() {
    printf '{"@timestamp":"%s","id":%d,"event":{"category":"%s"},"host":{"id":"%s"},' \
        "$(timestamp "$2")" "$1" "$3" "$4"
    printf '"process":{"name":"%s"}}' "$5"
}

# The good events of the plain file, in order. The first starts with a byte-order mark, two
# end in CRLF and the last has no final newline, which are all normal input.
{
    printf '\xEF\xBB\xBF'; good 1 0 process h1 a; printf '\r\n'
    good 2 1 network h1 x; printf '\n'
    good 3 4 process h2 a; printf '\r\n'
    good 4 7 network h2 x; printf '\n'
    good 5 9 process h1 b
} >good.ndjson

# The same events with bad lines between them. Line numbers matter: the messages name them.
{
    printf '\xEF\xBB\xBF'; good 1 0 process h1 a; printf '\r\n'                     # 1
    echo 'this is not json'                                                         # 2
    good 2 1 network h1 x; printf '\n'                                              # 3
    echo '["@timestamp",1]'                                                         # 4
    printf '{"@timestamp":"%s","id":90,"x":"\xff"}\n' "$(timestamp 2)"              # 5
    echo '   '                                                                      # 6
    printf '{"@timestamp":"%s","id":91,"x":%s1%s}\n' "$(timestamp 3)" \
        "$(printf '[%.0s' $(seq 200))" "$(printf ']%.0s' $(seq 200))"               # 7
    good 3 4 process h2 a; printf '\r\n'                                            # 8
    printf '{"@timestamp":"%s","id":92,"pad":"' "$(timestamp 5)"
    head -c 16777216 /dev/zero | tr '\0' x; echo '"}'                               # 9
    echo '{"id":93}'                                                                # 10
    echo '{"@timestamp":"yesterday","id":94}'                                       # 11
    printf '{"@timestamp":"%s","id":95,"x":1e999}\n' "$(timestamp 6)"               # 12
    good 4 7 network h2 x; printf '\n'                                              # 13
    echo                                                                            # 14
    for i in 1 2 3 4 5 6; do                                                        # 15-20
        printf '{"@timestamp":"%s","id":%d,\n' "$(timestamp 8)" $((95 + i))
    done
    good 5 9 process h1 b                                                           # 21
} >mixed.ndjson

# Two complete events in one gzip member, then a second member cut in half. Its only line is
# 100,000 bytes long, so the stream breaks inside line 3 whatever bytes zlib writes.
{ good 6 10 process h3 a; printf '\n'; good 7 11 network h3 x; printf '\n'; } |
    gzip -n -c >good.ndjson.gz
{ printf '{"@timestamp":"%s","id":8,"pad":"' "$(timestamp 12)"; head -c 100000 /dev/zero |
    tr '\0' y; echo '"}'; } | gzip -n -c >tail.gz
{ cat good.ndjson.gz; head -c $(($(stat -c %s tail.gz) / 2)) tail.gz; } >cut.ndjson.gz

mkdir rules
echo 'any where true' >rules/all.eql
printf 'sequence by host.id with maxspan=1m\n  [process where process.name == "a"]\n' \
    >rules/seq.eql
printf '  [network where true]\n' >>rules/seq.eql

# Hits without _index and _id, which name the input file and line.
normalize() { sed 's/"_index":"[^"]*","_id":"[^"]*",//g' "$1"; }

"$eqlite" replay -r rules -o good.hits good.ndjson good.ndjson.gz 2>good.err ||
    fail "replay of the good events exited with $?"
[ "$(grep -c . good.hits)" == 10 ] || fail "expected 10 hits of the good events: $(cat good.hits)"
[ "$(grep -c '"join_keys"' good.hits)" == 3 ] || fail "expected 3 sequence hits: $(cat good.hits)"

expected_err() {
    local improper="not valid JSON: the JSON document has an improper structure: missing or"
    improper+=" superfluous commas, braces, missing keys, etc"
    cat <<EOF
loaded 2 EQL rules; skipped 0 files of other languages; 0 with errors
mixed.ndjson:2: skipped: not valid JSON: problem while parsing an atom starting with the letter 't'
mixed.ndjson:4: skipped: expected a JSON object, found an array
mixed.ndjson:5: skipped: invalid UTF-8 at byte 51 of the line
mixed.ndjson:7: skipped: JSON nesting is deeper than the limit of 128 levels
mixed.ndjson:9: skipped: line is 16777270 bytes long, over the limit of 16777216 bytes
mixed.ndjson:10: skipped: missing timestamp field '@timestamp'
mixed.ndjson:11: skipped: invalid timestamp "yesterday" in field '@timestamp' (expected an ISO-8601 date or epoch milliseconds)
mixed.ndjson:12: skipped: number 1e999 is out of range
mixed.ndjson:15: skipped: $improper
mixed.ndjson:16: skipped: $improper
mixed.ndjson:17: skipped: $improper
mixed.ndjson:18: skipped: $improper
note: further 'invalid-json' lines are counted, not shown
cut.ndjson.gz:3: skipped: gzip stream is truncated: unexpected end of file
read 22 lines: 7 events, 15 skipped (invalid-json: 7, invalid-timestamp: 1, invalid-utf8: 1, line-too-long: 1, missing-timestamp: 1, not-an-object: 1, number-out-of-range: 1, too-deep: 1, truncated-gzip: 1)
  alerts  events per stage  rule
       7  7                 all  all
       3  3 / 3             seq  seq
10 alerts from 2 rules
EOF
}

# One parse thread and two report the same, and both give the hits of the good events.
for threads in 1 2; do
    "$eqlite" replay --threads "$threads" -r rules -o "mixed$threads.hits" \
        --stats "mixed$threads.json" mixed.ndjson cut.ndjson.gz 2>"mixed$threads.err" ||
        fail "replay of the mixed input on $threads threads exited with $?"
    diff <(expected_err) "mixed$threads.err" >"mixed$threads.diff" ||
        fail "stderr on $threads threads differs from the expected text: $(cat "mixed$threads.diff")"
    [ "$(normalize "mixed$threads.hits")" == "$(normalize good.hits)" ] ||
        fail "the mixed input on $threads threads changed the hits"
done
cmp -s mixed1.json mixed2.json || fail "two threads changed the statistics"

jq -e '.lines == 22 and .events == 7 and .lines == .events + ([.skipped[]] | add)' mixed1.json \
    >/dev/null || fail "lines do not add up: $(cat mixed1.json)"
expected_skipped='{"invalid-json":7,"invalid-timestamp":1,"invalid-utf8":1,"line-too-long":1,'
expected_skipped+='"missing-timestamp":1,"not-an-object":1,"number-out-of-range":1,'
expected_skipped+='"too-deep":1,"truncated-gzip":1}'
[ "$(jq -c .skipped mixed1.json)" == "$expected_skipped" ] ||
    fail "skip counts are wrong: $(jq -c .skipped mixed1.json)"

# --strict: the first bad line is an error, with exit status 2 and no output file.
"$eqlite" replay --strict -r rules -o strict.hits mixed.ndjson 2>strict.err
status=$?
[ "$status" == 2 ] || fail "--strict exited with $status, not 2"
[ ! -e strict.hits ] || fail "--strict left an output file"
ls strict.hits.tmp.* >/dev/null 2>&1 && fail "--strict left a temporary output file"
grep -qxF "mixed.ndjson:2: error: not valid JSON: problem while parsing an atom starting with \
the letter 't'" strict.err || fail "--strict did not name the first bad line: $(cat strict.err)"
grep -qxF "read 2 lines: 1 events, 1 skipped (invalid-json: 1)" strict.err ||
    fail "--strict summary is wrong: $(cat strict.err)"

# A query whose stage requires a string: lines without it are prefiltered, not parsed, and the
# summary says so. Standard input is named <stdin>.
"$eqlite" query --stats query.json 'process where process.name == "a"' - cut.ndjson.gz \
    <mixed.ndjson >query.hits 2>query.err || fail "query over the mixed input exited with $?"
[ "$(grep -c '"_source"' query.hits)" == 3 ] || fail "query hits are wrong: $(cat query.hits)"
[ "$(grep -o '"id":[0-9][0-9]*' query.hits | tr '\n' ' ')" == '"id":1 "id":3 "id":6 ' ] ||
    fail "query matched the wrong events: $(cat query.hits)"
expected_query_err="<stdin>:9: skipped: line is 16777270 bytes long, over the limit of 16777216 bytes
cut.ndjson.gz:3: skipped: gzip stream is truncated: unexpected end of file
read 22 lines: 7 events, 15 skipped (line-too-long: 1, prefiltered: 13, truncated-gzip: 1)
note: 13 prefiltered lines lack a string that every rule requires, so they were counted without \
being parsed or checked; --strict checks every line
3 matches"
[ "$(cat query.err)" == "$expected_query_err" ] ||
    fail "query stderr differs: $(diff <(echo "$expected_query_err") query.err)"
jq -e '.lines == .events + ([.skipped[]] | add) and .skipped.prefiltered == 13' query.json \
    >/dev/null || fail "query statistics do not add up: $(cat query.json)"

exit $((failures > 0))
