// ProgressLine: one status line redrawn in place with a carriage return. Its byte counts are of
// the files as stored, so a gzip file counts its compressed bytes and gets an ETA too.
#include "cli/progress.hpp"

#include <cstdio>
#include <sys/stat.h>

#include <fmt/format.h>

namespace eql::cli {

namespace {

constexpr auto kRedrawInterval = std::chrono::milliseconds(100);

std::string Minutes(double seconds) {
    auto whole = static_cast<uint64_t>(seconds + 0.5);
    return fmt::format("{}:{:02}", whole / 60, whole % 60);
}

}  // namespace

uint64_t KnownInputBytes(const std::vector<std::string>& files) {
    uint64_t total = 0;
    for (const std::string& file : files) {
        struct stat info {};
        if (file == "-" || stat(file.c_str(), &info) != 0 || !S_ISREG(info.st_mode)) {
            return 0;
        }
        total += static_cast<uint64_t>(info.st_size);
    }
    return total;
}

ProgressLine::ProgressLine(bool enabled, uint64_t total_bytes)
    : enabled_(enabled),
      total_bytes_(total_bytes),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_ - kRedrawInterval) {}  // so the first update draws

ProgressLine::~ProgressLine() { Clear(); }

void ProgressLine::Update(uint64_t records, uint64_t bytes) {
    if (!enabled_) {
        return;
    }
    auto now = std::chrono::steady_clock::now();
    if (now - last_draw_ < kRedrawInterval) {
        return;
    }
    last_draw_ = now;
    double seconds = std::chrono::duration<double>(now - start_).count();
    std::string line = Format(records, bytes, seconds);
    fmt::print(stderr, "\r{}\033[K", line);
    std::fflush(stderr);
    drawn_ = true;
}

void ProgressLine::Clear() {
    if (drawn_) {
        fmt::print(stderr, "\r\033[K");
        std::fflush(stderr);
        drawn_ = false;
    }
}

std::string ProgressLine::Format(uint64_t records, uint64_t bytes, double seconds) const {
    double rate = seconds > 0 ? static_cast<double>(records) / seconds : 0;
    double megabytes = static_cast<double>(bytes) / 1e6;
    if (total_bytes_ == 0) {
        return fmt::format("{:.1f} MB read  {:.0f} lines/s", megabytes, rate);
    }

    double share = std::min(1.0, static_cast<double>(bytes) / static_cast<double>(total_bytes_));
    constexpr int kWidth = 30;
    int filled = static_cast<int>(share * kWidth);
    std::string bar = std::string(filled, '=') + std::string(kWidth - filled, ' ');
    double left = share > 0 ? seconds * (1 - share) / share : 0;
    return fmt::format("[{}] {:3.0f}%  {:.1f}/{:.1f} MB  {:.0f} lines/s  ETA {}", bar,
                       share * 100, megabytes, static_cast<double>(total_bytes_) / 1e6, rate,
                       Minutes(left));
}

}  // namespace eql::cli
