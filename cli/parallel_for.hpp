// A small pool of threads over an index range, for commands that do independent work per file
// and keep the results in input order.
#pragma once

#include <cstddef>
#include <functional>

namespace eql::cli {

// Returns the number of threads to use by default: the machine's hardware threads, at least 1.
unsigned DefaultThreadCount();

// Calls `task(i)` once for every i in [0, count), on up to `threads` threads (the calling
// thread is one of them), and returns when all calls have returned. Indices are handed out in
// increasing order, one at a time, so a slow task does not hold up a fixed share of the work.
// `task` must be safe to call concurrently for different indices. If a call throws, the
// remaining indices are skipped and the first exception is rethrown here.
void ParallelFor(size_t count, unsigned threads, const std::function<void(size_t)>& task);

}  // namespace eql::cli
