// Builds the per-seed cast of hosts, users, firewalls and policies (Catalog's constructor), and
// the text helpers that fill template placeholders and draw addresses.
#include "tests/bench/catalog.hpp"

#include <string_view>

#include "tests/bench/catalog_tables.hpp"

namespace eql::bench {
namespace {

const OperatingSystem kWindows = {"Windows", "windows"};
const OperatingSystem kUbuntu = {"Ubuntu", "linux"};
const OperatingSystem kRhel = {"Red Hat Enterprise Linux", "linux"};

constexpr const char* kFirstNames[] = {"anna", "ben",   "carla", "david", "elena", "farid", "grace",
                                       "hugo", "ines",  "jonas", "keiko", "liam",  "maria", "nils",
                                       "olga", "pavel", "quinn", "rosa",  "samir", "tara"};
constexpr const char* kLastNames[] = {"schmidt",   "okafor", "nguyen", "garcia",
                                      "kowalski",  "tanaka", "muller", "rossi",
                                      "johansson", "haddad", "silva",  "novak"};
constexpr const char* kDepartments[] = {"FIN", "HR", "ENG", "OPS", "MKT", "SAL", "IT", "LEG"};
constexpr const char* kServerRoles[] = {"DC", "SQL", "FS", "APP", "EXCH", "WSUS", "PRN", "CA"};
constexpr const char* kLinuxRoles[] = {"web-prod", "k8s-node", "db-replica", "ci-runner",
                                       "kafka",    "bastion",  "etl-worker", "monitoring"};

constexpr int kWorkstations = 160;
constexpr int kWindowsServers = 24;
constexpr int kLinuxHosts = 48;

std::string TwoDigits(int number) {
    return std::string(1, static_cast<char>('0' + number / 10 % 10)) +
           static_cast<char>('0' + number % 10);
}

}  // namespace

Catalog::Catalog(uint64_t seed)
    : windows_programs_(WindowsPrograms()),
      linux_programs_(LinuxPrograms()),
      windows_paths_(WindowsFilePaths()),
      linux_paths_(LinuxFilePaths()),
      applications_(Applications()),
      socks4_(Socks4Application()),
      socks5_(Socks5Application()) {
    Rng rng(seed ^ 0x6361746c6f67ULL);
    AddUsers(rng);
    AddHosts(rng);

    for (size_t i = 0; i < windows_programs_.size(); ++i) {
        if (windows_programs_[i].uses_network) {
            windows_network_programs_.push_back(i);
        }
    }
    for (size_t i = 0; i < linux_programs_.size(); ++i) {
        if (linux_programs_[i].uses_network) {
            linux_network_programs_.push_back(i);
        }
    }

    observers_ = {{"FGT-HQ-01", "root"}, {"FGT-DC-01", "datacenter"}, {"FGT-BR-03", "root"}};
    policies_ = {{"12", "LAN-to-Internet"}, {"14", "Servers-Outbound"}, {"31", "Guest-WiFi"}};
}

void Catalog::AddUsers(Rng& rng) {
    // Windows domain users first, then the Linux login accounts with their uids.
    for (int i = 0; i < 40; ++i) {
        std::string name = std::string(kFirstNames[rng.Below(std::size(kFirstNames))]) + "." +
                           kLastNames[rng.Below(std::size(kLastNames))];
        users_.push_back(
            {name, "CORP", "S-1-5-21-1004336348-1177238915-682003330-" + std::to_string(1104 + i)});
    }
    for (int i = 0; i < 12; ++i) {
        users_.push_back({kFirstNames[i], "", std::to_string(1001 + i)});
    }
    service_users_ = {
        {"SYSTEM", "NT AUTHORITY", "S-1-5-18"},
        {"root", "", "0"},
    };
}

void Catalog::AddHosts(Rng& rng) {
    auto add = [&](std::string name, std::string ip, const OperatingSystem* os, bool windows,
                   const User* user) {
        Host host;
        host.name = std::move(name);
        host.ip = std::move(ip);
        host.os = os;
        host.windows = windows;
        host.user = user;
        host.service_user = windows ? &service_users_[0] : &service_users_[1];
        host.next_sequence = rng.Range(1000, 900000);
        hosts_.push_back(std::move(host));
    };

    for (int i = 0; i < kWorkstations; ++i) {
        std::string name = std::string("WKS-") + kDepartments[i % std::size(kDepartments)] + "-" +
                           std::to_string(1000 + rng.Below(9000));
        std::string ip = "10.20." + std::to_string(i / 200) + "." + std::to_string(20 + i % 200);
        add(name, ip, &kWindows, true, &users_[i % 40]);
    }
    for (int i = 0; i < kWindowsServers; ++i) {
        std::string name = std::string("SRV-") + kServerRoles[i % std::size(kServerRoles)] +
                           TwoDigits(i / static_cast<int>(std::size(kServerRoles)) + 1);
        add(name, "10.10.1." + std::to_string(10 + i), &kWindows, true, &users_[i % 8]);
    }
    for (int i = 0; i < kLinuxHosts; ++i) {
        std::string name = std::string(kLinuxRoles[i % std::size(kLinuxRoles)]) + "-" +
                           TwoDigits(i / static_cast<int>(std::size(kLinuxRoles)) + 1);
        add(name, "10.30." + std::to_string(i % 4) + "." + std::to_string(10 + i),
            i % 3 == 0 ? &kRhel : &kUbuntu, false, &users_[40 + i % 12]);
    }
}

size_t Catalog::RandomHostIndex(Rng& rng) const {
    if (rng.Chance(4, 5)) {
        return rng.Below(kWorkstations + kWindowsServers);
    }
    return kWorkstations + kWindowsServers + rng.Below(kLinuxHosts);
}

const std::vector<ProgramTemplate>& Catalog::programs(bool windows) const {
    return windows ? windows_programs_ : linux_programs_;
}

const ProgramTemplate& Catalog::RandomProgram(Rng& rng, bool windows) const {
    return rng.Pick(programs(windows));
}

const ProgramTemplate& Catalog::RandomNetworkProgram(Rng& rng, bool windows) const {
    const auto& indexes = windows ? windows_network_programs_ : linux_network_programs_;
    return programs(windows)[rng.Pick(indexes)];
}

const std::vector<const char*>& Catalog::file_paths(bool windows) const {
    return windows ? windows_paths_ : linux_paths_;
}

std::string FillPlaceholders(const char* text, Rng& rng, const User& user) {
    std::string out;
    std::string_view rest(text);
    while (!rest.empty()) {
        size_t open = rest.find('{');
        size_t close = open == std::string_view::npos ? open : rest.find('}', open);
        if (close == std::string_view::npos) {
            out.append(rest);
            break;
        }
        out.append(rest.substr(0, open));
        std::string_view name = rest.substr(open + 1, close - open - 1);
        if (name == "n") {
            out += std::to_string(rng.Below(10000));
        } else if (name == "hex") {
            rng.AppendHex(out, 8);
        } else if (name == "user") {
            out += user.name;
        } else if (name == "guid") {
            std::string guid = rng.Uuid();
            for (char& c : guid) {
                c = static_cast<char>(c >= 'a' && c <= 'f' ? c - 'a' + 'A' : c);
            }
            out += "{" + guid + "}";
        } else {
            out.append(rest.substr(open, close - open + 1));  // not a placeholder: keep as is
        }
        rest.remove_prefix(close + 1);
    }
    return out;
}

void AppendAddress(std::string& out, Rng& rng, const char* prefix) {
    if (*prefix == '\0') {
        out += "10.10.";
        out += std::to_string(rng.Range(1, 4));
    } else {
        out += prefix;
        out.push_back('.');
        out += std::to_string(rng.Below(256));
    }
    out.push_back('.');
    out += std::to_string(rng.Range(1, 254));
}

}  // namespace eql::bench
