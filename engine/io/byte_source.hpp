// The raw bytes of one event input: a file, standard input or text in memory, inflated on the
// fly when it is gzip-compressed. The record splitter reads from it in large blocks.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <sys/types.h>
#include <zlib.h>

namespace eql::detail {

class ByteSource {
public:
    enum class State { kReading, kEnd, kIoError, kTruncatedGzip, kCorruptGzip };

    ByteSource();
    ~ByteSource();
    ByteSource(const ByteSource&) = delete;
    ByteSource& operator=(const ByteSource&) = delete;

    // Opens `path`, or standard input for "-". Returns false with *error set when the file
    // cannot be opened or its first bytes cannot be read.
    bool OpenFile(const std::string& path, std::string* error);
    // Reads from `text`, which must outlive the source.
    void OpenMemory(std::string_view text);
    // Once `*cancel` is set, the source reads nothing more and ends as if the input ended
    // there. A pipe or terminal is polled, so a wait for its next bytes ends within 100 ms of
    // the flag being set, from any thread. Set it before opening.
    void SetCancel(const std::atomic<bool>* cancel) { cancel_ = cancel; }
    bool cancelled() const {
        return cancel_ != nullptr && cancel_->load(std::memory_order_relaxed);
    }

    // Copies up to `capacity` bytes of (inflated) input to `out` and returns how many. Returns 0
    // at the end of the input and after a failure, which state() then distinguishes. Bytes
    // inflated before a gzip failure are returned first.
    size_t Read(char* out, size_t capacity);

    State state() const { return state_; }
    // What failed, for kIoError, kTruncatedGzip and kCorruptGzip, without the file name.
    const std::string& failure() const { return failure_; }
    bool is_gzip() const { return is_gzip_; }
    // The size of plain text in memory, which Read returns whole; 0 for files and gzip input,
    // whose size is not known ahead.
    size_t known_size() const { return is_gzip_ || fd_ >= 0 ? 0 : memory_.size(); }
    // Bytes taken from the file, stream or memory so far, as stored: compressed bytes for gzip.
    // The reading thread adds to it, and any thread may read it.
    uint64_t input_bytes_read() const {
        return input_bytes_read_.load(std::memory_order_relaxed);
    }

private:
    bool DetectFormat(std::string* error);
    bool RefillRaw();
    bool WaitUntilReadable();
    ssize_t ReadRetrying(char* out, size_t capacity);
    size_t ReadPlain(char* out, size_t capacity);
    size_t ReadGzip(char* out, size_t capacity);
    bool StartNextMember();
    void Fail(State state, std::string failure);

    int fd_ = -1;
    bool owns_fd_ = false;
    bool regular_file_ = false;     // fd_ is a regular file, so a read never waits for a writer
    std::string_view memory_;       // the input, for OpenMemory
    std::vector<char> raw_;         // file bytes read ahead of their use
    const char* raw_begin_ = nullptr;
    const char* raw_end_ = nullptr;
    bool raw_at_end_ = false;       // no more bytes after raw_end_

    bool is_gzip_ = false;
    bool inflating_ = false;        // inside a gzip member
    z_stream zstream_{};
    bool zstream_ready_ = false;

    State state_ = State::kEnd;
    std::string failure_;
    const std::atomic<bool>* cancel_ = nullptr;
    std::atomic<uint64_t> input_bytes_read_{0};
};

}  // namespace eql::detail
