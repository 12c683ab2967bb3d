// The progress line `replay` and `query` draw on stderr while they read: bytes read of the
// total, events per second and the time left.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

namespace eql::cli {

// Returns the summed size of `files` as stored (compressed for gzip) when every one is a regular
// file, else 0, because the size of standard input or a pipe is not known ahead.
uint64_t KnownInputBytes(const std::vector<std::string>& files);

class ProgressLine {
public:
    // `total_bytes` 0 means unknown: the line then shows no share and no time left.
    ProgressLine(bool enabled, uint64_t total_bytes);
    ~ProgressLine();

    // Redraws the line, at most ten times a second.
    void Update(uint64_t records, uint64_t bytes);
    // Erases the line.
    void Clear();

private:
    std::string Format(uint64_t records, uint64_t bytes, double seconds) const;

    bool enabled_;
    uint64_t total_bytes_;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point last_draw_;
    bool drawn_ = false;
};

}  // namespace eql::cli
