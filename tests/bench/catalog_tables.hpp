// The constant tables behind Catalog: programs, file paths and application signatures.
#pragma once

#include <vector>

#include "tests/bench/catalog.hpp"

namespace eql::bench {

const std::vector<ProgramTemplate>& WindowsPrograms();
const std::vector<ProgramTemplate>& LinuxPrograms();
const std::vector<const char*>& WindowsFilePaths();
const std::vector<const char*>& LinuxFilePaths();

// Application signatures of background FortiGate traffic. None of them is SOCKS4 or SOCKS5:
// those two come only from the planted sequences.
const std::vector<Application>& Applications();
const Application& Socks4Application();
const Application& Socks5Application();

}  // namespace eql::bench
