// BlockPool: a free list under a mutex. A held buffer is a shared_ptr whose deleter puts the
// buffer back on the free list, so the last batch to drop it frees it for reuse.
#include "engine/io/block_pool.hpp"

#include <algorithm>

namespace eql::detail {

BlockPool::~BlockPool() {
    // Every other hold is gone by now (the pool outlives the batches), so these two releases
    // are the last, and they put the buffers on free_, which is destroyed after them.
    newest_.reset();
    previous_.reset();
}

char* BlockPool::Provide(size_t min_capacity, size_t* capacity) {
    previous_ = std::move(newest_);
    newest_ = Take(min_capacity);
    *capacity = newest_->capacity;
    return newest_->bytes.get();
}

size_t BlockPool::allocated() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return allocated_;
}

std::shared_ptr<BlockPool::Block> BlockPool::Take(size_t min_capacity) {
    std::unique_ptr<Block> block;
    {
        std::lock_guard<std::mutex> lock(mutex_);
        auto fits = std::find_if(free_.begin(), free_.end(), [&](const auto& candidate) {
            return candidate->capacity >= min_capacity;
        });
        if (fits != free_.end()) {
            block = std::move(*fits);
            free_.erase(fits);
        } else {
            ++allocated_;
        }
    }
    if (block == nullptr) {
        block = std::make_unique<Block>();
        block->capacity = std::max(min_capacity, block_bytes_);
        block->bytes.reset(new char[block->capacity + kRecordPadding]);
    }
    return std::shared_ptr<Block>(block.release(), [this](Block* released) { Release(released); });
}

void BlockPool::Release(Block* block) {
    std::lock_guard<std::mutex> lock(mutex_);
    free_.emplace_back(block);
}

}  // namespace eql::detail
