// Where alerts go: standard output, or a file written through a temporary name and renamed
// into place on success, so an interrupted run never leaves a half-written alert file.
#pragma once

#include <cstdio>
#include <string>

namespace eql::cli {

class OutputFile {
public:
    OutputFile() = default;
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;
    // Removes the temporary file when Commit was not reached.
    ~OutputFile();

    // Opens `path` for writing, or standard output when `path` is empty or "-".
    // Returns false with *error set when the temporary file cannot be created.
    bool Open(const std::string& path, std::string* error);
    std::FILE* stream() const { return stream_; }
    // Flushes, closes and renames the temporary file to its final name.
    bool Commit(std::string* error);

private:
    std::FILE* stream_ = nullptr;
    std::string final_path_;
    std::string temporary_path_;
};

}  // namespace eql::cli
