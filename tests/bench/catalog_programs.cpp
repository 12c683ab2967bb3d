// The programs, file paths and FortiGate application signatures that the generated events
// name. The values imitate what Elastic Defend and FortiGate report on ordinary networks, but
// none is taken from a capture, and the FortiGuard application ids are made up.
#include "tests/bench/catalog_tables.hpp"

namespace eql::bench {

const std::vector<ProgramTemplate>& WindowsPrograms() {
    static const std::vector<ProgramTemplate> programs = {
        {"svchost.exe", R"(C:\Windows\System32\svchost.exe)",
         R"(C:\Windows\System32\svchost.exe|-k|netsvcs|-p|-s|Schedule)", "services.exe",
         R"(C:\Windows\System32\services.exe)", true, true},
        {"svchost.exe", R"(C:\Windows\System32\svchost.exe)",
         R"(C:\Windows\System32\svchost.exe|-k|NetworkService|-p|-s|Dnscache)", "services.exe",
         R"(C:\Windows\System32\services.exe)", true, true},
        {"conhost.exe", R"(C:\Windows\System32\conhost.exe)",
         R"(\??\C:\Windows\system32\conhost.exe|0xffffffff|-ForceV1)", "cmd.exe",
         R"(C:\Windows\System32\cmd.exe)", false, false},
        {"cmd.exe", R"(C:\Windows\System32\cmd.exe)",
         R"(C:\Windows\system32\cmd.exe|/c|whoami /groups)", "explorer.exe",
         R"(C:\Windows\explorer.exe)", false, false},
        {"powershell.exe", R"(C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe)",
         R"(powershell.exe|-NoProfile|-ExecutionPolicy|Bypass|-File|)"
         R"(C:\ProgramData\ops\inventory-{n}.ps1)",
         "svchost.exe", R"(C:\Windows\System32\svchost.exe)", true, true},
        {"powershell.exe", R"(C:\Windows\System32\WindowsPowerShell\v1.0\powershell.exe)",
         R"(powershell.exe|-NoLogo|-Command|Get-ChildItem C:\Users\{user}\Documents -Recurse)",
         "explorer.exe", R"(C:\Windows\explorer.exe)", false, false},
        {"chrome.exe", R"(C:\Program Files\Google\Chrome\Application\chrome.exe)",
         R"(C:\Program Files\Google\Chrome\Application\chrome.exe|--type=renderer|--lang=en-US|)"
         R"(--renderer-client-id={n}|/prefetch:1)",
         "chrome.exe", R"(C:\Program Files\Google\Chrome\Application\chrome.exe)", false, true},
        {"msedge.exe", R"(C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe)",
         R"(C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe|--type=utility|)"
         R"(--utility-sub-type=network.mojom.NetworkService|--lang=en-US)",
         "msedge.exe", R"(C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe)", false,
         true},
        {"OneDrive.exe", R"(C:\Users\{user}\AppData\Local\Microsoft\OneDrive\OneDrive.exe)",
         R"(C:\Users\{user}\AppData\Local\Microsoft\OneDrive\OneDrive.exe|/background)",
         "explorer.exe", R"(C:\Windows\explorer.exe)", false, true},
        {"ms-teams.exe",
         R"(C:\Program Files\WindowsApps\MSTeams_24102.2223.2870.9480_x64__8wekyb3d8bbwe\)"
         R"(ms-teams.exe)",
         R"(ms-teams.exe|msteams:system-initiated)", "explorer.exe", R"(C:\Windows\explorer.exe)",
         false, true},
        {"WmiPrvSE.exe", R"(C:\Windows\System32\wbem\WmiPrvSE.exe)",
         R"(C:\Windows\system32\wbem\wmiprvse.exe|-secured|-Embedding)", "svchost.exe",
         R"(C:\Windows\System32\svchost.exe)", true, false},
        {"rundll32.exe", R"(C:\Windows\System32\rundll32.exe)",
         R"(C:\Windows\system32\rundll32.exe|)"
         R"(C:\Windows\system32\shell32.dll,SHCreateLocalServerRunDll|{guid}|-Embedding)",
         "svchost.exe", R"(C:\Windows\System32\svchost.exe)", false, false},
        {"taskhostw.exe", R"(C:\Windows\System32\taskhostw.exe)",
         R"(taskhostw.exe|{guid})", "svchost.exe", R"(C:\Windows\System32\svchost.exe)", false,
         false},
        {"backgroundTaskHost.exe", R"(C:\Windows\System32\backgroundTaskHost.exe)",
         R"(C:\Windows\system32\backgroundTaskHost.exe|)"
         R"(-ServerName:BackgroundTaskHost.WebAccountProvider)",
         "svchost.exe", R"(C:\Windows\System32\svchost.exe)", false, true},
        {"git.exe", R"(C:\Program Files\Git\cmd\git.exe)",
         R"(C:\Program Files\Git\cmd\git.exe|-c|core.quotepath=false|fetch|--prune|origin)",
         "Code.exe", R"(C:\Users\{user}\AppData\Local\Programs\Microsoft VS Code\Code.exe)", false,
         true},
        {"python.exe", R"(C:\Users\{user}\AppData\Local\Programs\Python\Python312\python.exe)",
         R"(python.exe|C:\Users\{user}\projects\etl\load_{n}.py|--dry-run)", "cmd.exe",
         R"(C:\Windows\System32\cmd.exe)", false, true},
        {"msiexec.exe", R"(C:\Windows\System32\msiexec.exe)",
         R"(C:\Windows\system32\msiexec.exe|/V)",
         "services.exe", R"(C:\Windows\System32\services.exe)", true, false},
        {"MpCmdRun.exe",
         R"(C:\ProgramData\Microsoft\Windows Defender\Platform\4.18.24030.9-0\MpCmdRun.exe)",
         R"(MpCmdRun.exe|-SignatureUpdate|-MMPC)", "MsMpEng.exe",
         R"(C:\ProgramData\Microsoft\Windows Defender\Platform\4.18.24030.9-0\MsMpEng.exe)", true,
         true},
        {"net.exe", R"(C:\Windows\System32\net.exe)", R"(net|user|{user}|/domain)", "cmd.exe",
         R"(C:\Windows\System32\cmd.exe)", false, false},
        {"reg.exe", R"(C:\Windows\System32\reg.exe)",
         R"(reg|query|HKLM\Software\Microsoft\Windows\CurrentVersion\Run)", "cmd.exe",
         R"(C:\Windows\System32\cmd.exe)", false, false},
        {"schtasks.exe", R"(C:\Windows\System32\schtasks.exe)",
         R"(schtasks|/query|/fo|LIST|/v)", "cmd.exe", R"(C:\Windows\System32\cmd.exe)", false,
         false},
        {"notepad.exe", R"(C:\Windows\System32\notepad.exe)",
         R"(C:\Windows\system32\NOTEPAD.EXE|C:\Users\{user}\Documents\notes {n}.txt)",
         "explorer.exe", R"(C:\Windows\explorer.exe)", false, false},
        {"certutil.exe", R"(C:\Windows\System32\certutil.exe)",
         R"(certutil|-urlcache|-split|-f|http://files.example.net/tools/{hex}.bin|)"
         R"(C:\Users\Public\{hex}.bin)",
         "cmd.exe", R"(C:\Windows\System32\cmd.exe)", false, true},
        {"putty.exe", R"(C:\Program Files\PuTTY\putty.exe)",
         R"(C:\Program Files\PuTTY\putty.exe|-ssh|-D|1080|{user}@bastion-01)", "explorer.exe",
         R"(C:\Windows\explorer.exe)", false, true},
        {"curl.exe", R"(C:\Windows\System32\curl.exe)",
         R"(curl.exe|-s|--socks5-hostname|127.0.0.1:1080|https://ifconfig.example.org/)", "cmd.exe",
         R"(C:\Windows\System32\cmd.exe)", false, true},
    };
    return programs;
}

const std::vector<ProgramTemplate>& LinuxPrograms() {
    static const std::vector<ProgramTemplate> programs = {
        {"sshd", "/usr/sbin/sshd", "sshd: {user} [priv]", "sshd", "/usr/sbin/sshd", true, true},
        {"bash", "/usr/bin/bash", "-bash", "sshd", "/usr/sbin/sshd", false, false},
        {"sudo", "/usr/bin/sudo", "sudo|apt-get|update", "bash", "/usr/bin/bash", false, false},
        {"curl", "/usr/bin/curl",
         "curl|-sS|-o|/dev/null|-w|%{http_code}|https://api.internal.example/health", "bash",
         "/usr/bin/bash", false, true},
        {"python3", "/usr/bin/python3.10", "/usr/bin/python3|/opt/app/worker.py|--queue|jobs-{n}",
         "systemd", "/usr/lib/systemd/systemd", true, true},
        {"containerd-shim", "/usr/bin/containerd-shim-runc-v2",
         "/usr/bin/containerd-shim-runc-v2|-namespace|moby|-id|{hex}{hex}|"
         "-address|/run/containerd/containerd.sock",
         "systemd", "/usr/lib/systemd/systemd", true, false},
        {"sh", "/usr/bin/dash", "/bin/sh|-c|cd / && run-parts --report /etc/cron.hourly", "cron",
         "/usr/sbin/cron", true, false},
        {"ps", "/usr/bin/ps", "ps|aux", "bash", "/usr/bin/bash", false, false},
        {"grep", "/usr/bin/grep", "grep|-r|ERROR|/var/log/app/", "bash", "/usr/bin/bash", false,
         false},
        {"docker", "/usr/bin/docker", "docker|ps|--format|{{.Names}}", "bash", "/usr/bin/bash",
         false, true},
        {"git", "/usr/bin/git", "git|pull|--ff-only", "bash", "/usr/bin/bash", false, true},
        {"java", "/usr/lib/jvm/java-17-openjdk-amd64/bin/java",
         "/usr/bin/java|-Xms512m|-Xmx2g|-jar|/opt/svc/billing-{n}.jar", "systemd",
         "/usr/lib/systemd/systemd", true, true},
        {"nginx", "/usr/sbin/nginx", "nginx: worker process", "nginx", "/usr/sbin/nginx", true,
         true},
        {"ssh", "/usr/bin/ssh", "ssh|-N|-D|1080|{user}@203.0.113.{n}", "bash", "/usr/bin/bash",
         false, true},
        {"wget", "/usr/bin/wget", "wget|-q|https://files.example.net/pkg/{hex}.tar.gz", "bash",
         "/usr/bin/bash", false, true},
    };
    return programs;
}

const std::vector<const char*>& WindowsFilePaths() {
    static const std::vector<const char*> paths = {
        R"(C:\Users\{user}\AppData\Local\Temp\{hex}.tmp)",
        R"(C:\Users\{user}\Downloads\invoice_{n}.pdf)",
        R"(C:\Users\{user}\Documents\Q{n} forecast.xlsx)",
        R"(C:\Users\{user}\AppData\Roaming\Microsoft\Windows\Recent\{hex}.lnk)",
        R"(C:\Windows\Prefetch\SVCHOST.EXE-{hex}.pf)",
        R"(C:\Windows\Temp\MpCmdRun-{n}.log)",
        R"(C:\ProgramData\ops\inventory-{n}.ps1)",
        R"(C:\Users\{user}\AppData\Local\Google\Chrome\User Data\Default\Cache\Cache_Data\f_{hex})",
        R"(C:\Windows\System32\Tasks\Microsoft\Windows\UpdateOrchestrator\Schedule Scan)",
        R"(C:\Users\Public\{hex}.bin)",
    };
    return paths;
}

const std::vector<const char*>& LinuxFilePaths() {
    static const std::vector<const char*> paths = {
        "/tmp/tmp{hex}",
        "/var/log/app/worker-{n}.log",
        "/home/{user}/.bash_history",
        "/home/{user}/.ssh/known_hosts",
        "/etc/cron.d/backup-{n}",
        "/var/lib/docker/overlay2/{hex}/diff/etc/hosts",
        "/opt/app/cache/{hex}.json",
        "/var/tmp/.{hex}",
    };
    return paths;
}

const std::vector<Application>& Applications() {
    static const std::vector<Application> applications = {
        {"HTTPS.BROWSER", "Web.Client", 40568, "medium", "https", "tcp", 443, "151.101", ""},
        {"HTTP.BROWSER_Chrome", "Web.Client", 34039, "elevated", "https", "tcp", 443, "142.250",
         "www.google.com"},
        {"HTTP.BROWSER_Edge", "Web.Client", 40469, "elevated", "https", "tcp", 443, "13.107",
         "www.bing.com"},
        {"HTTP.BROWSER_Firefox", "Web.Client", 34040, "elevated", "https", "tcp", 443, "104.16",
         "www.mozilla.org"},
        {"Google.Services", "General.Interest", 42533, "elevated", "https", "tcp", 443, "142.250",
         "clients4.google.com"},
        {"Microsoft.Office.365.Portal", "Collaboration", 41469, "low", "https", "tcp", 443, "52.96",
         "outlook.office365.com"},
        {"Microsoft.Teams", "Collaboration", 43541, "low", "https", "tcp", 443, "52.113",
         "teams.microsoft.com"},
        {"Microsoft.Windows.Update", "Update", 16430, "low", "https", "tcp", 443, "13.107",
         "download.windowsupdate.com"},
        {"Microsoft.OneDrive", "Storage.Backup", 40175, "medium", "https", "tcp", 443, "13.107",
         "onedrive.live.com"},
        {"Dropbox", "Storage.Backup", 15873, "medium", "https", "tcp", 443, "162.125",
         "www.dropbox.com"},
        {"Slack", "Collaboration", 36209, "low", "https", "tcp", 443, "3.33", "app.slack.com"},
        {"Zoom", "Video/Audio", 38003, "low", "https", "tcp", 443, "170.114", "zoom.us"},
        {"YouTube", "Video/Audio", 31077, "medium", "https", "tcp", 443, "142.250",
         "www.youtube.com"},
        {"Netflix", "Video/Audio", 26122, "medium", "https", "tcp", 443, "54.230",
         "www.netflix.com"},
        {"Facebook", "Social.Media", 15832, "medium", "https", "tcp", 443, "31.13",
         "www.facebook.com"},
        {"LinkedIn", "Social.Media", 16086, "low", "https", "tcp", 443, "13.107",
         "www.linkedin.com"},
        {"Amazon.AWS", "Cloud.IT", 36988, "low", "https", "tcp", 443, "3.5", ""},
        {"Microsoft.Azure", "Cloud.IT", 36779, "low", "https", "tcp", 443, "20.190", ""},
        {"GitHub", "Collaboration", 36446, "low", "https", "tcp", 443, "140.82", "github.com"},
        {"SSL", "Network.Service", 15895, "low", "ssl", "tcp", 443, "104.18", ""},
        {"DNS", "Network.Service", 16195, "low", "dns", "udp", 53, "", ""},
        {"NTP", "Network.Service", 16264, "low", "ntp", "udp", 123, "", ""},
        {"SSH", "Remote.Access", 16060, "elevated", "ssh", "tcp", 22, "", ""},
        {"RDP", "Remote.Access", 15896, "elevated", "rdp", "tcp", 3389, "", ""},
        {"TeamViewer", "Remote.Access", 16093, "high", "teamviewer", "tcp", 5938, "217.146", ""},
        {"AnyDesk", "Remote.Access", 38682, "high", "anydesk", "tcp", 7070, "195.181", ""},
        {"SMB", "Network.Service", 16224, "low", "smb", "tcp", 445, "", ""},
        {"LDAP", "Network.Service", 16146, "low", "ldap", "tcp", 389, "", ""},
        {"Kerberos", "Network.Service", 16114, "low", "kerberos", "udp", 88, "", ""},
        {"Tor", "Proxy", 15947, "critical", "tor", "tcp", 9001, "185.220", ""},
        {"Psiphon", "Proxy", 16300, "critical", "https", "tcp", 443, "45.33", ""},
        {"X-VPN", "Proxy", 41226, "critical", "https", "tcp", 443, "45.79", ""},
        {"HTTP.Tunnel", "Proxy", 16012, "high", "http", "tcp", 8080, "91.198", ""},
        {"Ultrasurf", "Proxy", 15926, "critical", "https", "tcp", 443, "65.49", ""},
        {"BitTorrent", "P2P", 15824, "critical", "bittorrent", "tcp", 6881, "82.165", ""},
        {"Spotify", "Video/Audio", 16307, "low", "https", "tcp", 443, "35.186", "open.spotify.com"},
        {"WhatsApp", "Social.Media", 16315, "medium", "https", "tcp", 443, "157.240",
         "web.whatsapp.com"},
        {"Telegram", "Social.Media", 16277, "elevated", "https", "tcp", 443, "149.154",
         "web.telegram.org"},
        {"Salesforce", "Business", 16245, "low", "https", "tcp", 443, "136.147",
         "login.salesforce.com"},
        {"Okta", "Business", 38532, "low", "https", "tcp", 443, "44.224", "corp.okta.com"},
        {"Adobe.Update", "Update", 16376, "low", "https", "tcp", 443, "23.45",
         "ardownload2.adobe.com"},
        {"Apple.Update", "Update", 16380, "low", "https", "tcp", 443, "17.253",
         "swdist.apple.com"},
    };
    return applications;
}

const Application& Socks4Application() {
    static const Application socks4 = {"SOCKS4", "Proxy", 15977, "high", "socks", "tcp", 1080,
                                       "198.18", ""};
    return socks4;
}

const Application& Socks5Application() {
    static const Application socks5 = {"SOCKS5", "Proxy", 15978, "high", "socks", "tcp", 1080,
                                       "198.18", ""};
    return socks5;
}

}  // namespace eql::bench
