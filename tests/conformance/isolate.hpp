// Runs a spec in a child process, so that a crash or a hang in the engine fails that spec
// alone instead of ending the whole run.
#pragma once

#include <chrono>
#include <functional>

#include "tests/conformance/run.hpp"

namespace eql::conformance {

// Runs `run` in a forked child and returns its result. A child that dies from a signal, exits
// without a result or runs longer than `timeout` (it is then killed) gives a failed result
// saying so. Flushes stdout first, so that buffered output is not written twice.
SpecResult RunIsolated(const std::function<SpecResult()>& run, std::chrono::seconds timeout);

}  // namespace eql::conformance
