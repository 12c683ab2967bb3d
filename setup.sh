#!/usr/bin/env bash
# Installs what eqlite needs (Debian 12 packages, as root), builds it, and then either runs the
# main job or the whole test suite.
#   ./setup.sh run    replay the rules in rules/ over the events in corpus/
#   ./setup.sh test   run every test: unit, command line, rule fixtures, conformance, and the
#                     same suite again under AddressSanitizer and UndefinedBehaviorSanitizer
set -euo pipefail

here="$(cd "$(dirname "$0")" && pwd)"
cd "$here"
jobs="$(nproc)"

packages=(cmake g++ make pkg-config tao-pegtl-dev nlohmann-json3-dev libfmt-dev libre2-dev
          doctest-dev libsimdjson-dev libtomlplusplus-dev libcli11-dev zlib1g-dev jq)

install_missing_packages() {
    local missing=()
    for package in "${packages[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$package")
        fi
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        echo "installing: ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -q
        apt-get install -y -q --no-install-recommends "${missing[@]}"
    fi
}

build() {
    local dir="$1"
    shift
    cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
    cmake --build "$dir" -j "$jobs"
}

case "${1:-}" in
    run)
        install_missing_packages
        build build
        ./build/eqlite replay -r rules corpus/seed-rule/*.ndjson -o build/alerts.ndjson
        echo "alerts written to build/alerts.ndjson"
        ;;
    test)
        install_missing_packages
        build build
        ctest --test-dir build --output-on-failure -j "$jobs"
        build build-sanitize -DEQLITE_SANITIZE=ON -DCMAKE_BUILD_TYPE=RelWithDebInfo
        ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
            ctest --test-dir build-sanitize --output-on-failure -j "$jobs"
        ;;
    *)
        echo "usage: $0 run|test" >&2
        exit 2
        ;;
esac
