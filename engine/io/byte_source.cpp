// ByteSource: reads a file, standard input or memory, and inflates gzip input with zlib.
// Gzip is recognised by its magic bytes (1f 8b), never by the file name. Concatenated gzip
// members are read one after another, as gzip(1) does.
#include "engine/io/byte_source.hpp"

#include <cerrno>
#include <cstring>

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

namespace eql::detail {

namespace {

constexpr size_t kRawBlockBytes = size_t{1} << 20;
constexpr int kCancelPollMilliseconds = 100;

bool HasGzipMagic(const char* begin, const char* end) {
    return end - begin >= 2 && static_cast<unsigned char>(begin[0]) == 0x1f &&
           static_cast<unsigned char>(begin[1]) == 0x8b;
}

}  // namespace

ByteSource::ByteSource() = default;

ByteSource::~ByteSource() {
    if (zstream_ready_) {
        inflateEnd(&zstream_);
    }
    if (owns_fd_ && fd_ >= 0) {
        close(fd_);
    }
}

bool ByteSource::OpenFile(const std::string& path, std::string* error) {
    if (path == "-") {
        fd_ = STDIN_FILENO;
    } else {
        fd_ = open(path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd_ < 0) {
            *error = "failed to open '" + path + "': " + std::strerror(errno);
            return false;
        }
        owns_fd_ = true;
        posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
    }
    struct stat status = {};
    regular_file_ = fstat(fd_, &status) == 0 && S_ISREG(status.st_mode);
    raw_.resize(kRawBlockBytes);
    raw_begin_ = raw_.data();
    raw_end_ = raw_.data();
    state_ = State::kReading;

    // Two bytes decide the format; a pipe may deliver them one at a time.
    while (raw_end_ - raw_begin_ < 2 && RefillRaw()) {
    }
    if (state_ == State::kIoError) {
        *error = "failed to read '" + path + "': " + failure_;
        return false;
    }
    return DetectFormat(error);
}

void ByteSource::OpenMemory(std::string_view text) {
    memory_ = text;
    input_bytes_read_.store(text.size(), std::memory_order_relaxed);
    raw_begin_ = text.data();
    raw_end_ = text.data() + text.size();
    raw_at_end_ = true;
    state_ = State::kReading;
    std::string unused;
    DetectFormat(&unused);
}

bool ByteSource::DetectFormat(std::string* error) {
    is_gzip_ = HasGzipMagic(raw_begin_, raw_end_);
    if (!is_gzip_) {
        return true;
    }
    // 16 + MAX_WBITS: a gzip header and trailer, not a bare zlib stream.
    if (inflateInit2(&zstream_, 16 + MAX_WBITS) != Z_OK) {
        *error = "failed to start gzip decompression";
        state_ = State::kIoError;
        return false;
    }
    zstream_ready_ = true;
    inflating_ = true;
    return true;
}

bool ByteSource::RefillRaw() {
    if (raw_at_end_) {
        return false;
    }

    // Keep the bytes not yet used at the front, then read after them.
    size_t kept = static_cast<size_t>(raw_end_ - raw_begin_);
    std::memmove(raw_.data(), raw_begin_, kept);
    raw_begin_ = raw_.data();
    raw_end_ = raw_.data() + kept;

    ssize_t got = ReadRetrying(raw_.data() + kept, raw_.size() - kept);
    if (got < 0 && cancelled()) {
        raw_at_end_ = true;
        state_ = State::kEnd;
        return false;
    }
    if (got < 0) {
        Fail(State::kIoError, std::strerror(errno));
        return false;
    }
    if (got == 0) {
        raw_at_end_ = true;
        return false;
    }
    raw_end_ += got;
    return true;
}

// Waits until fd_ has bytes or its end to read, looking at the cancel flag every 100 ms: a
// signal may reach another thread than the one blocked here. Returns false when cancelled.
bool ByteSource::WaitUntilReadable() {
    if (cancel_ == nullptr || regular_file_) {
        return true;
    }
    pollfd entry = {.fd = fd_, .events = POLLIN, .revents = 0};
    while (!cancelled()) {
        int ready = poll(&entry, 1, kCancelPollMilliseconds);
        // An error other than EINTR is left for read(2) to report.
        if (ready > 0 || (ready < 0 && errno != EINTR)) {
            return true;
        }
    }
    return false;
}

// read(2), again after a signal unless the read is cancelled, which returns -1.
ssize_t ByteSource::ReadRetrying(char* out, size_t capacity) {
    ssize_t got;
    do {
        if (!WaitUntilReadable()) {
            return -1;
        }
        got = read(fd_, out, capacity);
    } while (got < 0 && errno == EINTR && !cancelled());
    if (got > 0) {
        input_bytes_read_.fetch_add(static_cast<uint64_t>(got), std::memory_order_relaxed);
    }
    return got;
}

size_t ByteSource::Read(char* out, size_t capacity) {
    if (state_ == State::kReading && cancelled()) {
        state_ = State::kEnd;
    }
    if (state_ != State::kReading || capacity == 0) {
        return 0;
    }
    return is_gzip_ ? ReadGzip(out, capacity) : ReadPlain(out, capacity);
}

size_t ByteSource::ReadPlain(char* out, size_t capacity) {
    // Bytes read ahead while detecting the format come first.
    if (raw_begin_ != raw_end_) {
        size_t count = std::min(capacity, static_cast<size_t>(raw_end_ - raw_begin_));
        std::memcpy(out, raw_begin_, count);
        raw_begin_ += count;
        return count;
    }
    if (raw_at_end_) {
        state_ = State::kEnd;
        return 0;
    }

    // Then large reads straight into the caller's buffer.
    ssize_t got = ReadRetrying(out, capacity);
    if (got < 0 && cancelled()) {
        state_ = State::kEnd;
        return 0;
    }
    if (got < 0) {
        Fail(State::kIoError, std::strerror(errno));
        return 0;
    }
    if (got == 0) {
        state_ = State::kEnd;
        return 0;
    }
    return static_cast<size_t>(got);
}

size_t ByteSource::ReadGzip(char* out, size_t capacity) {
    zstream_.next_out = reinterpret_cast<Bytef*>(out);
    zstream_.avail_out = static_cast<uInt>(std::min<size_t>(capacity, UINT32_MAX));
    uInt requested = zstream_.avail_out;

    while (zstream_.avail_out > 0) {
        if (!inflating_ && !StartNextMember()) {
            break;
        }
        if (raw_begin_ == raw_end_ && !RefillRaw()) {
            if (state_ == State::kReading) {
                Fail(State::kTruncatedGzip, "unexpected end of file");
            }
            break;
        }

        zstream_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(raw_begin_));
        zstream_.avail_in = static_cast<uInt>(raw_end_ - raw_begin_);
        int status = inflate(&zstream_, Z_NO_FLUSH);
        raw_begin_ = raw_end_ - zstream_.avail_in;
        if (status == Z_STREAM_END) {
            inflating_ = false;
        } else if (status != Z_OK && status != Z_BUF_ERROR) {
            // Z_BUF_ERROR only means that inflate needs more input, which the loop brings.
            Fail(State::kCorruptGzip, zstream_.msg != nullptr ? zstream_.msg : "inflate failed");
            break;
        }
    }
    return requested - zstream_.avail_out;
}

bool ByteSource::StartNextMember() {
    while (raw_end_ - raw_begin_ < 2 && RefillRaw()) {
    }
    if (state_ != State::kReading) {
        return false;
    }
    if (raw_begin_ == raw_end_) {
        state_ = State::kEnd;
        return false;
    }
    if (!HasGzipMagic(raw_begin_, raw_end_)) {
        Fail(State::kCorruptGzip, "unexpected data after the end of the gzip stream");
        return false;
    }
    inflateReset(&zstream_);
    inflating_ = true;
    return true;
}

void ByteSource::Fail(State state, std::string failure) {
    state_ = state;
    failure_ = std::move(failure);
}

}  // namespace eql::detail
