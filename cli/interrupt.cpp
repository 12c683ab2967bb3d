// The SIGINT and SIGTERM handler behind WatchForInterrupt. It only stores to two lock-free
// atomics, which is safe in a signal handler, and it leaves out SA_RESTART, so that a read(2)
// blocked on standard input returns with EINTR and the event reader sees the flag.
#include "cli/interrupt.hpp"

#include <csignal>

namespace eql::cli {
namespace {

std::atomic<bool> interrupted{false};
std::atomic<int> interrupt_signal{0};
std::atomic<bool> watching{false};

static_assert(std::atomic<bool>::is_always_lock_free);
static_assert(std::atomic<int>::is_always_lock_free);

extern "C" void OnInterrupt(int signal_number) {
    interrupt_signal.store(signal_number);
    interrupted.store(true);
}

}  // namespace

void WatchForInterrupt() {
    if (watching.exchange(true)) {
        return;
    }
    struct sigaction action = {};
    action.sa_handler = OnInterrupt;
    sigemptyset(&action.sa_mask);
    // SA_RESETHAND: the next signal takes the default action and ends the process.
    action.sa_flags = SA_RESETHAND;
    for (int signal_number : {SIGINT, SIGTERM}) {
        // A signal the parent ignores (nohup, a background job of a shell without job
        // control) stays ignored.
        struct sigaction previous = {};
        sigaction(signal_number, &action, &previous);
        if (previous.sa_handler == SIG_IGN) {
            sigaction(signal_number, &previous, nullptr);
        }
    }
}

const std::atomic<bool>* InterruptFlag() { return &interrupted; }

bool Interrupted() { return interrupted.load(); }

int InterruptExitStatus() {
    int signal_number = interrupt_signal.load();
    return 128 + (signal_number == 0 ? SIGINT : signal_number);
}

}  // namespace eql::cli
