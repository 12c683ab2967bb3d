// The splitter's buffer pool: buffer sizes, reuse only once no hold is left, and the pool's
// own holds on its two newest buffers.
#include <doctest/doctest.h>

#include <memory>

#include "engine/io/block_pool.hpp"

using eql::detail::BlockPool;

TEST_SUITE("block_pool") {

TEST_CASE("buffers have at least the size asked") {
    BlockPool pool(1000);
    size_t capacity = 0;
    char* small = pool.Provide(10, &capacity);
    CHECK(small != nullptr);
    CHECK(capacity == 1000);
    char* large = pool.Provide(5000, &capacity);
    CHECK(large != small);
    CHECK(capacity == 5000);
    CHECK(pool.allocated() == 2);
}

TEST_CASE("held buffer is not reused") {
    BlockPool pool(100);
    size_t capacity = 0;
    char* first = pool.Provide(100, &capacity);
    std::shared_ptr<const void> hold = pool.Newest();
    CHECK(hold.get() == pool.newest_address());
    for (int i = 0; i < 10; ++i) {
        CHECK(pool.Provide(100, &capacity) != first);
    }
    CHECK(pool.allocated() == 3);

    // Once the last hold is dropped, the buffer is free again.
    hold.reset();
    bool reused = false;
    for (int i = 0; i < 3; ++i) {
        reused = reused || pool.Provide(100, &capacity) == first;
    }
    CHECK(reused);
    CHECK(pool.allocated() == 3);
}

TEST_CASE("pool holds its two newest buffers") {
    BlockPool pool(100);
    size_t capacity = 0;
    char* first = pool.Provide(100, &capacity);
    char* second = pool.Provide(100, &capacity);
    CHECK(second != first);
    // The third call lets go of `first` before it takes a buffer, so it reuses `first`.
    char* third = pool.Provide(100, &capacity);
    CHECK(third == first);
    char* fourth = pool.Provide(100, &capacity);
    CHECK(fourth == second);
    CHECK(pool.allocated() == 2);
}

TEST_CASE("free buffer too small is not reused") {
    BlockPool pool(100);
    size_t capacity = 0;
    pool.Provide(100, &capacity);
    pool.Provide(100, &capacity);
    pool.Provide(300, &capacity);  // the first buffer, of 100 bytes, is free but too small
    CHECK(capacity == 300);
    CHECK(pool.allocated() == 3);
}

}  // TEST_SUITE
