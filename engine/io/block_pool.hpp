// Buffers that the record splitter reads into when records outlive their callback, as in the
// parallel pipeline. A batch of records keeps a reference to the buffer its texts are in, and
// the buffer returns to the pool for reuse once no batch refers to it.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

#include "engine/io/record_splitter.hpp"

namespace eql::detail {

class BlockPool final : public BufferProvider {
public:
    // Buffers are `block_bytes` large, or larger when the splitter needs more for one record.
    explicit BlockPool(size_t block_bytes) : block_bytes_(block_bytes) {}
    ~BlockPool() override;
    BlockPool(const BlockPool&) = delete;
    BlockPool& operator=(const BlockPool&) = delete;

    // Called by the splitter's thread only. Reuses a free buffer of at least `min_capacity`
    // bytes, or allocates one. The pool keeps the buffer it returns, and the one it returned
    // before (whose unfinished record the splitter copies after this call), until the next
    // call, which lets go of the older one before it takes a buffer.
    char* Provide(size_t min_capacity, size_t* capacity) override;

    // Returns a hold on the buffer that the last Provide returned (null before the first),
    // which keeps its bytes from being reused. A hold may be dropped on any thread.
    std::shared_ptr<const void> Newest() const { return newest_; }
    // Returns the address that Newest().get() returns, without taking a hold.
    const void* newest_address() const { return newest_.get(); }

    // Buffers allocated so far, free or held.
    size_t allocated() const;

private:
    struct Block {
        std::unique_ptr<char[]> bytes;  // capacity bytes, then kRecordPadding more
        size_t capacity = 0;
    };

    std::shared_ptr<Block> Take(size_t min_capacity);
    void Release(Block* block);

    size_t block_bytes_;
    mutable std::mutex mutex_;  // guards free_ and allocated_
    std::vector<std::unique_ptr<Block>> free_;
    size_t allocated_ = 0;
    // Declared last, so that they are released before the members that Release uses go.
    std::shared_ptr<Block> previous_;
    std::shared_ptr<Block> newest_;
};

}  // namespace eql::detail
