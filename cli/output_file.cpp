// OutputFile: standard output, or a temporary file renamed into place by Commit.
#include "cli/output_file.hpp"

#include <cerrno>
#include <cstring>
#include <unistd.h>

namespace eql::cli {

OutputFile::~OutputFile() {
    if (!temporary_path_.empty() && stream_ != nullptr) {
        std::fclose(stream_);
        std::remove(temporary_path_.c_str());
    }
}

bool OutputFile::Open(const std::string& path, std::string* error) {
    if (path.empty() || path == "-") {
        stream_ = stdout;
        return true;
    }
    final_path_ = path;
    temporary_path_ = path + ".tmp." + std::to_string(getpid());
    stream_ = std::fopen(temporary_path_.c_str(), "wb");
    if (stream_ == nullptr) {
        *error = "cannot create '" + temporary_path_ + "': " + std::strerror(errno);
        temporary_path_.clear();
        return false;
    }
    return true;
}

bool OutputFile::Commit(std::string* error) {
    if (temporary_path_.empty()) {
        std::fflush(stream_);
        return true;
    }
    bool written = std::fflush(stream_) == 0 && std::ferror(stream_) == 0;
    written = std::fclose(stream_) == 0 && written;
    stream_ = nullptr;
    if (!written) {
        *error = "failed to write '" + temporary_path_ + "'";
        std::remove(temporary_path_.c_str());
        temporary_path_.clear();
        return false;
    }
    if (std::rename(temporary_path_.c_str(), final_path_.c_str()) != 0) {
        *error = "cannot rename '" + temporary_path_ + "' to '" + final_path_ + "': " +
                 std::strerror(errno);
        std::remove(temporary_path_.c_str());
        temporary_path_.clear();
        return false;
    }
    temporary_path_.clear();
    return true;
}

}  // namespace eql::cli
