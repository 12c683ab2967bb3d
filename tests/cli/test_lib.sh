# Sourced by the command-line tests (tests/cli/*_test.sh): a failure counter and fail(), which
# prints one FAIL line and counts it, and make_work, which creates the scratch folder $work and
# removes it when the script exits. A test ends with `exit $((failures > 0))`.
failures=0

fail() {
    echo "FAIL: $*"
    failures=$((failures + 1))
}

make_work() {
    work="$(mktemp -d)"
    trap 'rm -rf "$work"' EXIT
}
