#!/usr/bin/env bash
# `eqlite check` through the binary: exit codes, the text of findings in TOML files (file
# lines and columns), invalid TOML, -e, the JSON and SARIF formats, --warnings-as-errors, one
# case per schema finding, output order across thread counts, and the detection-rules corpus.
# Usage: check_test.sh EQLITE SOURCE_DIR SHARED_DIR
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/test_lib.sh"
eqlite="$1"
shared_dir="$3"

make_work
cd "$work"

# Runs `eqlite check ARGS...`, leaving stdout in $out, stderr in $err and the status in $status.
check() {
    out="$("$eqlite" check "$@" 2>"$work/stderr")"
    status=$?
    err="$(cat "$work/stderr")"
}

expect_status() {
    [ "$status" == "$1" ] || fail "$2: exit status $status, expected $1; stderr: $err"
}

expect_text() {
    [ "$1" == "$2" ] || fail "$3: got
$1
expected
$2"
}

# Writes a rule file named $1 whose query is $2 (a TOML literal string).
write_rule() {
    mkdir -p "$(dirname "$1")"
    cat >"$1" <<EOF
[metadata]
maturity = "production"

[rule]
name = "Test rule"
rule_id = "test-rule"
language = "eql"
index = ["logs-*"]
query = '''
$2
'''
EOF
}

# A mapping for the schema cases.
cat >mapping.json <<'EOF'
{"mappings": {"properties": {
  "@timestamp": {"type": "date"},
  "event": {"properties": {"category": {"type": "keyword"}}},
  "process": {"properties": {"name": {"type": "keyword"}, "pid": {"type": "long"},
              "entity_id": {"type": "keyword"}}},
  "source": {"properties": {"ip": {"type": "ip"}}},
  "message": {"type": "text"},
  "threat": {"properties": {"enrichments": {"type": "nested",
             "properties": {"indicator": {"type": "keyword"}}}}}
}}}
EOF

# --- Exit codes -------------------------------------------------------------------------

write_rule clean/rule.toml 'process where process.name == "cmd.exe"'
printf '[rule]\nlanguage = "kuery"\nquery = "process.name: x"\n' >clean/kql.toml
check clean
expect_status 0 "a clean rule"
expect_text "$out" "" "a clean rule prints no findings"
expect_text "$err" "checked 1 EQL rules, skipped 1 other files: 0 errors, 0 warnings" \
    "summary of a clean directory"

check clean/absent.toml
expect_status 2 "a missing path"
expect_text "$err" "clean/absent.toml: error: no such file or directory
checked 0 EQL rules, skipped 0 other files: 0 errors, 0 warnings" "message for a missing path"

check
expect_status 2 "no paths and no -e"
expect_text "$err" "error: name rule files or directories, or give a query with -e" \
    "message for no paths"

check clean --format yaml
expect_status 2 "an unknown format"

check clean --threads 0
expect_status 2 "--threads 0"

echo '{' >bad-schema.json
check clean --schema bad-schema.json
expect_status 2 "an unreadable schema"

# --- A syntax error in a TOML file: file lines and columns, source line, caret ---------

write_rule syntax/broken.toml 'process where
  process.name == "a" and and'
check syntax
expect_status 1 "a syntax error"
expect_text "$out" "syntax/broken.toml:11:27: error: expected a condition after 'and'
    11 |   process.name == \"a\" and and
       |                           ^~~
note: 'and' is a reserved keyword; write \`and\` in backquotes to use it as a field name" \
    "syntax error text"
expect_text "$err" "checked 1 EQL rules, skipped 0 other files: 1 errors, 0 warnings" \
    "summary after a syntax error"

# A one-line basic string: the column counts from the start of the file's line.
mkdir -p oneline
printf '[rule]\nlanguage = "eql"\nquery = "process where process.name == "\n' >oneline/r.toml
check oneline
expect_status 1 "a syntax error in a one-line query"
expect_text "$out" "oneline/r.toml:3:39: error: expected a value after '=='
    3 | query = \"process where process.name == \"
      |                                       ^" "one-line query error text"

# --- Invalid TOML is a finding -----------------------------------------------------------

mkdir -p toml
printf '[rule]\nname = "x"\nname = "y"\n' >toml/duplicate.toml
check toml
expect_status 1 "invalid TOML"
expect_text "$out" "toml/duplicate.toml:3:8: error: invalid TOML: Error while parsing key-value \
pair: cannot redefine existing string 'name'
    3 | name = \"y\"
      |        ^" "invalid TOML text"

printf '[rule]\nlanguage = "eql"\nquery = """\nprocess where true\n' >toml/unterminated.toml
check toml/unterminated.toml --format json
expect_status 1 "an unterminated string"
grep -q '"code": "invalid-rule-file"' <<<"$out" || fail "unterminated string: $out"

# --- -e QUERY -----------------------------------------------------------------------------

check -e 'process where process.name == "a" and'
expect_status 1 "-e with a syntax error"
expect_text "$out" "<query>:1:38: error: expected a condition after 'and'
    1 | process where process.name == \"a\" and
      |                                      ^" "-e error text"

check -e 'process where true'
expect_status 0 "-e with a valid query"
expect_text "$err" "checked 1 EQL rules, skipped 0 other files: 0 errors, 0 warnings" "-e summary"

# --- --warnings-as-errors -----------------------------------------------------------------

write_rule warn/unknown.toml 'process where process.nmae == "a"'
check warn --schema mapping.json
expect_status 0 "a warning alone"
check warn --schema mapping.json --warnings-as-errors
expect_status 1 "a warning with --warnings-as-errors"

# --- One case per schema finding ----------------------------------------------------------

# Checks rule $1 (query $2) against the mapping; expects finding code $3 with text $4 among
# the findings, and exit status $5.
expect_schema_finding() {
    rm -rf schema && write_rule "schema/$1.toml" "$2"
    check schema --schema mapping.json "${@:6}"
    expect_status "$5" "$1"
    grep -qF -- "$4" <<<"$out" || fail "$1: expected
$4
in
$out"
    check schema --schema mapping.json --format json "${@:6}"
    grep -q "\"code\": \"$3\"" <<<"$out" || fail "$1: no $3 finding in $out"
}

expect_schema_finding unknown-field 'process where process.nmae == "a"' unknown-field \
"schema/unknown-field.toml:10:15: warning: unknown field 'process.nmae'
    10 | process where process.nmae == \"a\"
       |               ^~~~~~~~~~~~
note: did you mean 'process.name'?" 0

expect_schema_finding non-string-field 'process where (process.pid) : "1*"' non-string-field \
"schema/non-string-field.toml:10:16: error: ':' needs a string field, but 'process.pid' has \
type long
    10 | process where (process.pid) : \"1*\"
       |                ^~~~~~~~~~~
note: use '==' instead" 1

expect_schema_finding non-ip-field 'process where cidrMatch(process.name, "10.0.0.0/8")' \
    non-ip-field \
"schema/non-ip-field.toml:10:25: error: cidrMatch() needs an ip field, but 'process.name' has \
type keyword
    10 | process where cidrMatch(process.name, \"10.0.0.0/8\")
       |                         ^~~~~~~~~~~~
note: Elasticsearch matches CIDR blocks only on fields mapped as ip" 1

expect_schema_finding in-type-mismatch 'process where process.pid in (1, 2, "abc")' \
    in-type-mismatch \
"schema/in-type-mismatch.toml:10:37: error: 'in' list value \"abc\" is a string, but field \
'process.pid' has type long" 1

expect_schema_finding comparison-type-mismatch 'process where process.pid == "abc"' \
    comparison-type-mismatch \
"schema/comparison-type-mismatch.toml:10:30: warning: invalid comparison of string to \
number: field 'process.pid' has type long" 0

expect_schema_finding strict-comparison 'process where process.pid == "abc"' \
    comparison-type-mismatch \
"schema/strict-comparison.toml:10:30: error: invalid comparison of string to number: field \
'process.pid' has type long" 1 --strict-comparisons

expect_schema_finding join-key-type \
    'sequence [process where true] by process.pid [process where true] by process.name' \
    join-key-type \
"schema/join-key-type.toml:10:70: error: Sequence key [process.name] type [keyword] is \
incompatible with key [process.pid] type [long]" 1

expect_schema_finding text-field 'process where message == "x"' text-field \
"schema/text-field.toml:10:15: error: field 'message' is text without a keyword sub-field
    10 | process where message == \"x\"
       |               ^~~~~~~
note: EQL matches exact values only; it needs a keyword field or sub-field" 1

expect_schema_finding object-field 'process where process == "x"' object-field \
"schema/object-field.toml:10:15: error: field 'process' is an object, not a value" 1

expect_schema_finding nested-field 'process where threat.enrichments.indicator == "x"' \
    nested-field \
"schema/nested-field.toml:10:15: error: field 'threat.enrichments.indicator' is inside the \
nested field 'threat.enrichments', which EQL cannot search" 1

# --- JSON ------------------------------------------------------------------------------

mkdir -p mixed
write_rule mixed/a_syntax.toml 'process where and'
write_rule mixed/b_unknown.toml 'process where process.nmae == "a"'
printf '[rule]\nlanguage = "esql"\nquery = "from logs-*"\n' >mixed/c_esql.toml
if command -v jq >/dev/null; then
    check mixed --schema mapping.json --format json
    expect_status 1 "json run"
    expect_text "$(jq -c '[.checked, .skipped, (.findings | length)]' <<<"$out")" "[2,1,2]" \
        "json counts"
    expect_text "$(jq -c '.findings[0]' <<<"$out")" \
        '{"path":"mixed/a_syntax.toml","line":10,"column":15,"severity":"error","code":"syntax","message":"expected a condition after '"'"'where'"'"'"}' \
        "json syntax finding"
    expect_text "$(jq -c '.findings[1] | [.path, .line, .column, .severity, .code, .message]' \
        <<<"$out")" \
        '["mixed/b_unknown.toml",10,15,"warning","unknown-field","unknown field '"'"'process.nmae'"'"'"]' \
        "json schema finding"

    # --- SARIF ---------------------------------------------------------------------------
    check mixed --schema mapping.json --format sarif
    expect_status 1 "sarif run"
    expect_text "$(jq -r '.version' <<<"$out")" "2.1.0" "sarif version"
    expect_text "$(jq -r '.runs | length' <<<"$out")" "1" "sarif runs"
    expect_text "$(jq -r '.runs[0].tool.driver.name' <<<"$out")" "eqlite" "sarif tool name"
    expect_text "$(jq -c '[.runs[0].tool.driver.rules[].id]' <<<"$out")" \
        '["syntax","unknown-field"]' "sarif rule ids"
    expect_text "$(jq -c '[.runs[0].results[] | [.ruleId, .level,
        .locations[0].physicalLocation.artifactLocation.uri,
        .locations[0].physicalLocation.region.startLine,
        .locations[0].physicalLocation.region.startColumn, (.message.text | length > 0)]]' \
        <<<"$out")" \
        '[["syntax","error","mixed/a_syntax.toml",10,15,true],["unknown-field","warning","mixed/b_unknown.toml",10,15,true]]' \
        "sarif results"
    expect_text "$(jq -r '.runs[0].columnKind' <<<"$out")" "unicodeCodePoints" "sarif columns"
    # An absolute path becomes a file URI, with bytes outside the unreserved set encoded.
    write_rule "$work/with space/r.toml" 'process where and'
    check "$work/with space/r.toml" --format sarif
    expect_text "$(jq -r '.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri' \
        <<<"$out")" "file://$work/with%20space/r.toml" "sarif absolute uri"
    check mixed --schema mapping.json --format sarif
    # Every result's rule is listed in the driver's rules.
    expect_text "$(jq '[.runs[0].results[].ruleId] - [.runs[0].tool.driver.rules[].id] | length' \
        <<<"$out")" "0" "sarif results name listed rules"
else
    echo "skipped the JSON and SARIF structure checks: jq is not installed"
fi

# --- Output order does not depend on the number of threads --------------------------------

for i in $(seq 10 40); do
    write_rule "many/r$i.toml" "process where process.nmae == \"$i\""
done
check many --schema mapping.json --threads 1
one_thread="$out"
check many --schema mapping.json --threads 4
expect_text "$out" "$one_thread" "findings with 4 threads against 1 thread"
expect_text "$(grep -c 'warning: unknown field' <<<"$out")" "31" "findings over many files"

# --- The detection-rules corpus -----------------------------------------------------------

corpus="$shared_dir/rules/detection-rules"
ecs="$shared_dir/schemas/ecs-9.5.0-flat.json.gz"
non_ecs="$shared_dir/schemas/non-ecs-schema.json"
if [ ! -d "$corpus" ] || [ ! -f "$ecs" ] || [ ! -f "$non_ecs" ]; then
    echo "skipped the corpus checks: $corpus or its schemas are absent"
else
    check "$corpus"
    expect_status 0 "the corpus"
    expect_text "$err" "checked 954 EQL rules, skipped 986 other files: 0 errors, 0 warnings" \
        "corpus summary"
    check "$corpus" --schema "$ecs" --schema "$non_ecs"
    expect_status 0 "the corpus with schemas"
    expect_text "$err" "checked 954 EQL rules, skipped 986 other files: 0 errors, 222 warnings" \
        "corpus summary with schemas"
    expect_text "$(grep -c ': warning: unknown field ' <<<"$out")" "222" \
        "corpus warnings are unknown-field"
    check "$corpus" --schema "$ecs" --schema "$non_ecs" --threads 1
    single="$out"
    check "$corpus" --schema "$ecs" --schema "$non_ecs" --threads 2
    expect_text "$out" "$single" "corpus findings with 2 threads against 1 thread"
fi

echo "check_test: $failures failures"
exit $((failures > 0))
