// The cast of the generated events: hosts and their users, the programs they run, the files
// they touch, the firewalls and the applications that FortiGate recognises. Catalog is built
// once per seed, so host names and users change with the seed but the kinds of values do not.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "tests/bench/random.hpp"

namespace eql::bench {

struct OperatingSystem {
    const char* name;  // host.os.name
    const char* type;  // host.os.type: "windows" or "linux"
};

struct User {
    std::string name;
    std::string domain;  // empty for Linux accounts
    std::string id;      // a SID on Windows, a uid on Linux
};

// One program as Elastic Defend reports it. `args` contains the arguments separated by '|', with
// placeholders that FillPlaceholders expands per event.
struct ProgramTemplate {
    const char* name;
    const char* executable;
    const char* args;
    const char* parent_name;
    const char* parent_executable;
    bool runs_as_service;  // true: a system account starts it, false: the host's user
    bool uses_network;     // true: it may appear in endpoint network events
};

struct Host {
    std::string name;
    std::string ip;
    const OperatingSystem* os = nullptr;
    bool windows = true;
    const User* user = nullptr;          // the interactive user of a workstation or login host
    const User* service_user = nullptr;  // SYSTEM or root
    int64_t next_sequence = 0;           // event.sequence, a per-host counter
};

// An application signature of FortiGate application control.
struct Application {
    const char* name;      // network.application
    const char* category;  // FortiGate appcat, e.g. "Web.Client"
    int app_id;
    const char* risk;         // apprisk
    const char* protocol;     // network.protocol
    const char* transport;    // network.transport
    int port;                 // usual destination port
    const char* destination;  // first two octets of the usual destination addresses, or "" for
                              // the internal server range
    const char* domain;       // url.domain or "" when the signature has no URL
};

// A FortiGate firewall: observer.name and the virtual domain (fortinet.firewall.vd).
struct Observer {
    const char* name;
    const char* vdom;
};

// A firewall policy: rule.id and rule.name.
struct FirewallPolicy {
    const char* id;
    const char* name;
};

class Catalog {
public:
    explicit Catalog(uint64_t seed);

    const std::vector<Host>& hosts() const { return hosts_; }
    Host& host(size_t index) { return hosts_[index]; }
    // Returns the index of a random host, a Windows one about four times in five.
    size_t RandomHostIndex(Rng& rng) const;
    Host& RandomHost(Rng& rng) { return hosts_[RandomHostIndex(rng)]; }

    const std::vector<ProgramTemplate>& programs(bool windows) const;
    const ProgramTemplate& RandomProgram(Rng& rng, bool windows) const;
    const ProgramTemplate& RandomNetworkProgram(Rng& rng, bool windows) const;
    const std::vector<const char*>& file_paths(bool windows) const;

    const std::vector<Application>& applications() const { return applications_; }
    const Application& socks4() const { return socks4_; }
    const Application& socks5() const { return socks5_; }
    const std::vector<Observer>& observers() const { return observers_; }
    const std::vector<FirewallPolicy>& policies() const { return policies_; }

    // Returns the next FortiGate session id, a counter shared by all observers.
    int64_t NextSessionId() { return next_session_id_++; }

private:
    void AddUsers(Rng& rng);
    void AddHosts(Rng& rng);

    std::vector<User> users_;
    std::vector<User> service_users_;
    std::vector<Host> hosts_;
    std::vector<ProgramTemplate> windows_programs_;
    std::vector<ProgramTemplate> linux_programs_;
    std::vector<size_t> windows_network_programs_;
    std::vector<size_t> linux_network_programs_;
    std::vector<const char*> windows_paths_;
    std::vector<const char*> linux_paths_;
    std::vector<Application> applications_;
    Application socks4_;
    Application socks5_;
    std::vector<Observer> observers_;
    std::vector<FirewallPolicy> policies_;
    int64_t next_session_id_ = 1'460'000'000;
};

// Expands the placeholders of a template text: {n} a number below 10000, {hex} eight hex
// digits, {guid} an upper-case GUID in braces, {user} the user name.
std::string FillPlaceholders(const char* text, Rng& rng, const User& user);

// Appends an IPv4 address under a two-octet prefix ("142.250"), or a private server address
// when the prefix is empty.
void AppendAddress(std::string& out, Rng& rng, const char* prefix);

}  // namespace eql::bench
