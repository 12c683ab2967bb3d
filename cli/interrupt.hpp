// Ctrl-C for `query` and `replay`: a SIGINT and SIGTERM handler sets a flag that the event
// reader checks (ReadOptions::cancel). An interrupted run then stops reading, writes no output
// file, reports what it read and exits with 128 + the signal number.
#pragma once

#include <atomic>

namespace eql::cli {

// Installs the handler for each of the two signals that is not ignored; later calls do
// nothing. The first signal sets the flag and restores the default action, so a second Ctrl-C
// ends the process at once.
void WatchForInterrupt();

// The flag the handler sets, for ReadOptions::cancel. It stays false until a signal comes.
const std::atomic<bool>* InterruptFlag();

// Whether a signal has come since WatchForInterrupt.
bool Interrupted();

// The exit status of an interrupted run: 130 after SIGINT, 143 after SIGTERM.
int InterruptExitStatus();

}  // namespace eql::cli
