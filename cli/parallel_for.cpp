// ParallelFor: worker threads that take the next index from a shared counter until the range
// is done. The calling thread works too, so `threads == 1` runs everything in place.
#include "cli/parallel_for.hpp"

#include <algorithm>
#include <atomic>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace eql::cli {

unsigned DefaultThreadCount() {
    return std::max(1u, std::thread::hardware_concurrency());
}

void ParallelFor(size_t count, unsigned threads, const std::function<void(size_t)>& task) {
    std::atomic<size_t> next{0};
    std::exception_ptr failure;
    std::mutex failure_mutex;

    auto work = [&] {
        for (size_t index = next.fetch_add(1); index < count; index = next.fetch_add(1)) {
            try {
                task(index);
            } catch (...) {
                std::lock_guard<std::mutex> lock(failure_mutex);
                if (!failure) {
                    failure = std::current_exception();
                }
                next.store(count);
            }
        }
    };

    size_t helpers = std::min<size_t>(std::max(threads, 1u), std::max<size_t>(count, 1)) - 1;
    std::vector<std::thread> pool;
    pool.reserve(helpers);
    for (size_t i = 0; i < helpers; ++i) {
        pool.emplace_back(work);
    }
    work();
    for (std::thread& thread : pool) {
        thread.join();
    }
    if (failure) {
        std::rethrow_exception(failure);
    }
}

}  // namespace eql::cli
