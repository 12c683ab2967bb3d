// RunIsolated: fork, run the spec in the child, send the result back over a pipe. The parent
// waits with a deadline and turns signals, silent exits and timeouts into failed results.
#include "tests/conformance/isolate.hpp"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include <fmt/format.h>

namespace eql::conformance {
namespace {

void WriteAll(int fd, std::string_view data) {
    while (!data.empty()) {
        ssize_t written = write(fd, data.data(), data.size());
        if (written < 0 && errno == EINTR) {
            continue;
        }
        if (written <= 0) {
            return;
        }
        data.remove_prefix(static_cast<size_t>(written));
    }
}

[[noreturn]] void RunChild(const std::function<SpecResult()>& run, int fd) {
    SpecResult result = run();
    std::string message(1, static_cast<char>('0' + static_cast<int>(result.outcome)));
    message += result.detail;
    WriteAll(fd, message);
    close(fd);
    _exit(0);
}

// Reads what the child sends until it closes the pipe. Returns false when the deadline
// passes first or poll fails.
bool ReadUntilClosed(int fd, std::chrono::steady_clock::time_point deadline,
                     std::string& message) {
    char buffer[4096];
    while (true) {
        auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
            deadline - std::chrono::steady_clock::now());
        if (left.count() <= 0) {
            return false;
        }
        pollfd poll_fd{fd, POLLIN, 0};
        int ready = poll(&poll_fd, 1, static_cast<int>(left.count()));
        if (ready < 0 && errno == EINTR) {
            continue;
        }
        if (ready <= 0) {
            return false;
        }
        ssize_t count = read(fd, buffer, sizeof(buffer));
        if (count < 0 && errno == EINTR) {
            continue;
        }
        if (count <= 0) {
            return true;
        }
        message.append(buffer, static_cast<size_t>(count));
    }
}

SpecResult DescribeChildEnd(int status, const std::string& message) {
    if (WIFSIGNALED(status)) {
        int signal_number = WTERMSIG(status);
        return {Outcome::kFailed, fmt::format("the engine crashed with signal {} ({})",
                                              signal_number, strsignal(signal_number))};
    }
    if (message.empty() || message[0] < '0' || message[0] > '2') {
        return {Outcome::kFailed,
                fmt::format("the run ended without a result (exit status {})",
                            WIFEXITED(status) ? WEXITSTATUS(status) : -1)};
    }
    return {static_cast<Outcome>(message[0] - '0'), message.substr(1)};
}

}  // namespace

SpecResult RunIsolated(const std::function<SpecResult()>& run, std::chrono::seconds timeout) {
    std::fflush(stdout);
    std::fflush(stderr);
    int fds[2];
    if (pipe(fds) != 0) {
        return {Outcome::kFailed, fmt::format("pipe failed: {}", std::strerror(errno))};
    }
    pid_t child = fork();
    if (child < 0) {
        close(fds[0]);
        close(fds[1]);
        return {Outcome::kFailed, fmt::format("fork failed: {}", std::strerror(errno))};
    }
    if (child == 0) {
        close(fds[0]);
        RunChild(run, fds[1]);
    }

    close(fds[1]);
    std::string message;
    bool finished = ReadUntilClosed(fds[0], std::chrono::steady_clock::now() + timeout, message);
    close(fds[0]);
    if (!finished) {
        kill(child, SIGKILL);
    }
    int status = 0;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    if (!finished) {
        return {Outcome::kFailed, fmt::format("timed out after {} s", timeout.count())};
    }
    return DescribeChildEnd(status, message);
}

}  // namespace eql::conformance
