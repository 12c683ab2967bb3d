#!/usr/bin/env bash
# `eqlite test` through the binary: the shipped rules pass their fixtures, a changed value in
# the seed rule's query makes its fixtures fail, --coverage names a rule without fixtures and
# an `in` value no case uses, and --junit writes well-formed JUnit XML.
# Usage: rule_fixtures_test.sh EQLITE SOURCE_DIR SHARED_DIR
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/test_lib.sh"
eqlite="$1"
source_dir="$2"
cd "$source_dir"

make_work

# The shipped rules: every case passes and every rule has at least one case.
output="$("$eqlite" test rules --junit "$work/junit.xml")"
status=$?
[ "$status" == 0 ] || fail "eqlite test rules exited with $status: $output"
grep -Eq '^[1-9][0-9]* passed, 0 failed$' <<<"$output" || fail "unexpected summary: $output"
for rule in $(find rules -name '*.toml' ! -name '*.test.toml' -o -name '*.eql'); do
    fixture="${rule%.*}.test.toml"
    [ -f "$fixture" ] || fail "$rule has no fixture file $fixture"
    grep -q '^\[\[case\]\]' "$fixture" || fail "$fixture has no case"
done

# The JUnit file is well-formed XML with one testcase per case.
cases="$(grep -c '^\[\[case\]\]' $(find rules -name '*.test.toml'))"
cases="$(awk -F: '{ total += $NF } END { print total }' <<<"$cases")"
testcases="$(grep -c '<testcase ' "$work/junit.xml")"
[ "$testcases" == "$cases" ] || fail "junit has $testcases testcases, fixtures have $cases cases"
if command -v python3 >/dev/null; then
    python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "$work/junit.xml" ||
        fail "junit.xml is not well-formed XML"
elif command -v xmllint >/dev/null; then
    xmllint --noout "$work/junit.xml" || fail "junit.xml is not well-formed XML"
else
    echo "note: no XML parser found, checked the JUnit file by its testcase count only"
fi

# A changed value in the seed rule's query makes its fixtures fail.
cp -r rules corpus "$work/"
seed="$work/rules/network/fortigate_socks_traffic_from_endpoint_process.toml"
sed -i 's/"SOCKS5"/"SOCKS6"/' "$seed"
output="$(cd "$work" && "$eqlite" test rules/network)"
status=$?
[ "$status" == 1 ] || fail "changed seed rule: exit status $status, expected 1"
grep -q "^FAIL rules/network/fortigate_socks_traffic_from_endpoint_process.toml: case 'SOCKS5 then a Defend connection attempt 12 s later'" <<<"$output" ||
    fail "changed seed rule: the SOCKS5 case did not fail: $output"
grep -q '^  expected: \[\[1, 2\]\]$' <<<"$output" || fail "no expected line: $output"
grep -q '^  actual:   \[\]$' <<<"$output" || fail "no actual line: $output"

# Coverage: a rule without fixtures, and an `in` value that no case uses.
mkdir -p "$work/cover"
cat >"$work/cover/untested.eql" <<'RULE'
process where process.name == "whoami.exe"
RULE
cat >"$work/cover/dns.eql" <<'RULE'
dns where dns.question.type in ("TXT", "NULL")
RULE
cat >"$work/cover/dns.test.toml" <<'FIXTURE'
[[case]]
name = "a TXT query"
events = '''
{"@timestamp": "2026-01-01T00:00:00Z", "event": {"category": "dns"}, "dns": {"question": {"type": "TXT"}}}
'''
expect = [[1]]
FIXTURE
output="$(cd "$work" && "$eqlite" test cover --coverage)"
status=$?
[ "$status" == 0 ] || fail "coverage run exited with $status: $output"
grep -qF 'cover/untested.eql: warning: the rule has no fixtures (cover/untested.test.toml not found)' <<<"$output" ||
    fail "coverage does not name the rule without fixtures: $output"
grep -qF "cover/dns.eql:1:40: warning: value \"NULL\" of 'dns.question.type in (\"TXT\", \"NULL\")' is never what made stage 1 match" <<<"$output" ||
    fail "coverage does not name the unused in value: $output"
if grep -qF 'value "TXT"' <<<"$output"; then
    fail "coverage names the used value TXT: $output"
fi

exit $((failures > 0))
