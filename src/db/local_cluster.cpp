// The embedded PostgreSQL: initdb/pg_ctl from the installed server packages, a cluster under
// the data folder, reachable only through a Unix socket there. Start-up code: it runs child
// processes and waits for them.
#include <proeventa/db/local_cluster.hpp>

#include "db/sqlstate.hpp"

#include <libpq-fe.h>

#include <fcntl.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <utility>
#include <vector>

extern char** environ;

namespace proeventa::db {

namespace fs = std::filesystem;

namespace {

// Fixed rather than inherited from PGPORT: with no TCP listener the port only names the socket
// file, and client and server must agree on it.
constexpr const char* cluster_port = "5432";
constexpr const char* app_database = "proeventa";

struct os_user {
    std::string name;
    uid_t uid = 0;
    gid_t gid = 0;
    std::string home;
};

std::optional<os_user> user_named(const std::string& name) {
    passwd pw{};
    passwd* found = nullptr;
    std::vector<char> buffer(16384);
    if (getpwnam_r(name.c_str(), &pw, buffer.data(), buffer.size(), &found) != 0 || !found)
        return std::nullopt;
    return os_user{pw.pw_name, pw.pw_uid, pw.pw_gid, pw.pw_dir ? pw.pw_dir : "/"};
}

std::string current_user_name() {
    passwd pw{};
    passwd* found = nullptr;
    std::vector<char> buffer(16384);
    if (getpwuid_r(geteuid(), &pw, buffer.data(), buffer.size(), &found) != 0 || !found)
        throw std::runtime_error("cannot find the name of the current user (uid " +
                                 std::to_string(geteuid()) + ")");
    return pw.pw_name;
}

/// PostgreSQL refuses to run as root, so a root process hands the cluster to a system user.
std::optional<os_user> cluster_runner() {
    if (geteuid() != 0) return std::nullopt;
    if (auto u = user_named("postgres")) return u;
    if (auto u = user_named("nobody")) return u;
    throw std::runtime_error(
        "running as root, but neither a 'postgres' nor a 'nobody' user exists to run the "
        "embedded PostgreSQL cluster");
}

struct layout {
    fs::path root, data, run, log_dir, log_file;
};

layout layout_of(const fs::path& data_dir) {
    layout l;
    l.root = fs::weakly_canonical(fs::absolute(data_dir)) / "pg";
    l.data = l.root / "data";
    l.run = l.root / "run";
    l.log_dir = l.root / "log";
    l.log_file = l.log_dir / "postgresql.log";
    return l;
}

// --- child processes ----------------------------------------------------------------------------

struct run_output {
    int status = -1;  // exit code, or 128 + signal
    std::string output;  // stdout and stderr, interleaved
};

/// fork + exec with an argument vector (no shell), optionally as another user. Everything the
/// child needs is prepared before fork: a multithreaded parent's child may only make
/// async-signal-safe calls.
run_output run(const fs::path& exe, const std::vector<std::string>& args,
               const std::optional<os_user>& as, const fs::path& cwd) {
    std::vector<std::string> arg_strings{exe.string()};
    arg_strings.insert(arg_strings.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : arg_strings) argv.push_back(a.data());
    argv.push_back(nullptr);

    // PG* variables (PGPORT, PGDATA, PGHOST, ...) would silently redirect the tools.
    std::vector<std::string> env_strings;
    for (char** e = environ; e && *e; ++e) {
        const std::string_view v(*e);
        if (v.starts_with("PG")) continue;
        if (as && (v.starts_with("HOME=") || v.starts_with("USER=") || v.starts_with("LOGNAME=")))
            continue;
        env_strings.emplace_back(v);
    }
    if (as) {
        env_strings.push_back("HOME=" + as->home);
        env_strings.push_back("USER=" + as->name);
        env_strings.push_back("LOGNAME=" + as->name);
    }
    std::vector<char*> envp;
    for (auto& e : env_strings) envp.push_back(e.data());
    envp.push_back(nullptr);
    const std::string cwd_string = cwd.string();

    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0)
        throw std::runtime_error(std::string("pipe failed: ") + std::strerror(errno));
    const pid_t pid = fork();
    if (pid < 0) {
        const int e = errno;
        close(fds[0]);
        close(fds[1]);
        throw std::runtime_error(std::string("fork failed: ") + std::strerror(e));
    }
    if (pid == 0) {
        auto die = [](const char* message) {
            (void)!write(2, message, std::strlen(message));
            _exit(126);
        };
        // Its own session: a Ctrl-C meant for the server must not reach the postmaster, which
        // is shut down in order by our own stop().
        setsid();
        const int null_fd = open("/dev/null", O_RDONLY);
        if (null_fd >= 0) dup2(null_fd, 0);
        dup2(fds[1], 1);
        dup2(fds[1], 2);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, nullptr);
        signal(SIGPIPE, SIG_DFL);
        if (as) {
            if (setgroups(1, &as->gid) != 0) die("setgroups failed\n");
            if (setgid(as->gid) != 0) die("setgid failed\n");
            if (setuid(as->uid) != 0) die("setuid failed\n");
        }
        if (chdir(cwd_string.c_str()) != 0) die("chdir failed\n");
        // The postmaster outlives us: it must not inherit our listening sockets and files.
        close_range(3, ~0U, 0);
        execve(argv[0], argv.data(), envp.data());
        die("exec failed\n");
    }
    close(fds[1]);
    run_output out;
    char buffer[4096];
    for (;;) {
        const ssize_t n = read(fds[0], buffer, sizeof buffer);
        if (n > 0) {
            out.output.append(buffer, static_cast<std::size_t>(n));
        } else if (n == 0 || errno != EINTR) {
            break;
        }
    }
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) throw std::runtime_error("waitpid failed");
    }
    out.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return out;
}

std::optional<fs::path> find_in_path(std::string_view name) {
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path ? path : "/usr/local/bin:/usr/bin:/bin");
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
        if (dir.empty()) continue;
        const fs::path candidate = fs::path(dir) / name;
        if (access(candidate.c_str(), X_OK) == 0) return candidate;
    }
    return std::nullopt;
}

bool has_server_tools(const fs::path& dir) {
    return access((dir / "initdb").c_str(), X_OK) == 0 && access((dir / "pg_ctl").c_str(), X_OK) == 0;
}

fs::path find_bin_dir() {
    if (auto pg_config = find_in_path("pg_config")) {
        auto out = run(*pg_config, {"--bindir"}, std::nullopt, "/");
        std::string dir = out.output;
        while (!dir.empty() && (dir.back() == '\n' || dir.back() == ' ')) dir.pop_back();
        if (out.status == 0 && !dir.empty() && has_server_tools(dir)) return dir;
    }
    if (auto initdb = find_in_path("initdb")) {
        // Follow the symlink (/usr/local/bin/initdb -> /usr/lib/postgresql/15/bin/initdb) to
        // the directory that also holds pg_ctl and postgres.
        std::error_code ec;
        const auto real = fs::canonical(*initdb, ec);
        if (!ec && has_server_tools(real.parent_path())) return real.parent_path();
        if (has_server_tools(initdb->parent_path())) return initdb->parent_path();
    }
    std::vector<std::pair<int, fs::path>> versions;
    std::error_code ec;
    for (const auto& entry : fs::directory_iterator("/usr/lib/postgresql", ec)) {
        const auto name = entry.path().filename().string();
        int version = 0;
        try {
            version = std::stoi(name);
        } catch (...) {
            continue;
        }
        if (has_server_tools(entry.path() / "bin")) versions.emplace_back(version, entry.path() / "bin");
    }
    if (!versions.empty()) return std::max_element(versions.begin(), versions.end())->second;
    throw std::runtime_error(
        "PostgreSQL server programs (initdb, pg_ctl) were not found: install the PostgreSQL "
        "server (Debian: apt install postgresql) or point DATABASE_URL at an existing server");
}

std::string log_tail(const layout& l) {
    std::ifstream in(l.log_file, std::ios::binary);
    if (!in) return {};
    in.seekg(0, std::ios::end);
    const auto size = static_cast<long long>(in.tellg());
    in.seekg(std::max(0LL, size - 4000));
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::vector<std::string> lines;
    std::stringstream ss(text);
    for (std::string line; std::getline(ss, line);) lines.push_back(line);
    const std::size_t keep = 20;
    std::string out;
    for (std::size_t i = lines.size() > keep ? lines.size() - keep : 0; i < lines.size(); ++i)
        out += "\n  " + lines[i];
    return out.empty() ? out : "\nlast lines of " + l.log_file.string() + ":" + out;
}

std::string describe(const run_output& out) {
    std::string text = out.output;
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return "exit status " + std::to_string(out.status) + (text.empty() ? "" : ": " + text);
}

// --- preparing the folder -----------------------------------------------------------------------

void require_plain_path(const fs::path& p) {
    // pg_ctl pastes the data directory into a /bin/sh command line (inside double quotes).
    const auto s = p.string();
    if (s.find_first_of("\"$`\\\n") != std::string::npos)
        throw std::runtime_error("the data folder path " + s +
                                 " contains a character PostgreSQL's pg_ctl cannot handle "
                                 "(\" $ ` \\ or a newline); choose another --data-dir");
}

void require_short_socket_path(const layout& l) {
    const auto socket = (l.run / (std::string(".s.PGSQL.") + cluster_port)).string();
    if (socket.size() >= sizeof(sockaddr_un{}.sun_path))
        throw std::runtime_error("the data folder path is too long for a Unix socket (" + socket +
                                 " has " + std::to_string(socket.size()) +
                                 " characters, at most " +
                                 std::to_string(sizeof(sockaddr_un{}.sun_path) - 1) +
                                 "); choose a shorter --data-dir");
}

void require_reachable(const layout& l, const os_user& u) {
    for (fs::path p = l.root.parent_path(); !p.empty(); p = p.parent_path()) {
        struct stat st {};
        if (::stat(p.c_str(), &st) == 0) {
            const bool ok = st.st_uid == u.uid   ? (st.st_mode & S_IXUSR) != 0
                            : st.st_gid == u.gid ? (st.st_mode & S_IXGRP) != 0
                                                 : (st.st_mode & S_IXOTH) != 0;
            if (!ok)
                throw std::runtime_error(
                    "the embedded PostgreSQL runs as user '" + u.name + "' (the server runs as "
                    "root), which cannot enter " + p.string() +
                    ": make it searchable (chmod o+x) or choose a --data-dir elsewhere");
        }
        if (p == p.root_path()) break;
    }
}

void give_to(const fs::path& p, const os_user& u) {
    if (lchown(p.c_str(), u.uid, u.gid) != 0)
        throw std::runtime_error("cannot hand " + p.string() + " to user " + u.name + ": " +
                                 std::strerror(errno));
}

void prepare_folders(const layout& l, const std::optional<os_user>& runner) {
    for (const auto& dir : {l.root, l.run, l.log_dir}) {
        fs::create_directories(dir);
        fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace);
    }
    if (!runner) return;
    for (const auto& dir : {l.root, l.run, l.log_dir}) give_to(dir, *runner);
    if (fs::exists(l.log_file)) give_to(l.log_file, *runner);
    struct stat st {};
    if (::stat(l.data.c_str(), &st) == 0 && st.st_uid != runner->uid) {
        // A cluster created by another user (a copied folder, an older run as someone else).
        give_to(l.data, *runner);
        for (const auto& entry : fs::recursive_directory_iterator(l.data)) give_to(entry.path(), *runner);
    }
}

std::string sql_string_literal(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') out += '\'';
        out += c;
    }
    return out + "'";
}

std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    return out + "'";
}

std::string conninfo_value(const std::string& v) {
    if (!v.empty() && v.find_first_of(" '\\\t\n") == std::string::npos) return v;
    std::string out = "'";
    for (char c : v) {
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
    }
    return out + "'";
}

void init_cluster(const fs::path& bin, const layout& l, const std::optional<os_user>& runner) {
    // Trust authentication is acceptable only because nothing listens on TCP and the socket
    // lives in a 0700 folder: whoever can reach it can read the data files anyway.
    auto attempt = [&](const char* locale) {
        return run(bin / "initdb",
                   {"-D", l.data.string(), "--auth=trust", "--encoding=UTF8",
                    std::string("--locale=") + locale},
                   runner, l.root);
    };
    auto out = attempt("C.UTF-8");
    if (out.status != 0) out = attempt("C");  // systems without the C.UTF-8 locale
    if (out.status != 0)
        throw std::runtime_error("initdb failed for " + l.data.string() + " (" + describe(out) + ")");

    std::ofstream conf(l.data / "postgresql.conf", std::ios::app);
    conf << "\n# Added by ProEventa: reachable only through the Unix socket in its data folder.\n"
         << "listen_addresses = ''\n"
         << "port = " << cluster_port << "\n"
         << "unix_socket_directories = " << sql_string_literal(l.run.string()) << "\n"
         << "unix_socket_permissions = 0700\n";
    if (!conf) throw std::runtime_error("cannot write " + (l.data / "postgresql.conf").string());
}

bool server_running(const fs::path& bin, const layout& l, const std::optional<os_user>& runner) {
    // 0: running; 3: not running; 4: no usable data directory.
    return run(bin / "pg_ctl", {"status", "-D", l.data.string()}, runner, l.root).status == 0;
}

void start_postmaster(const fs::path& bin, const layout& l, const std::optional<os_user>& runner) {
    if (server_running(bin, l, runner)) return;
    // The config file already says the same; repeating it on the command line keeps a cluster
    // whose config was edited by hand off TCP. pg_ctl hands -o to /bin/sh, hence the quoting.
    const std::string server_options =
        "-k " + shell_quote(l.run.string()) + " -c listen_addresses='' -p " + cluster_port;
    auto out = run(bin / "pg_ctl",
                   {"start", "-w", "-t", "60", "-D", l.data.string(), "-l", l.log_file.string(),
                    "-o", server_options},
                   runner, l.root);
    if (out.status == 0) return;
    // Another process may have started it between our status check and our start.
    if (server_running(bin, l, runner)) return;
    throw std::runtime_error("PostgreSQL did not start (pg_ctl " + describe(out) + ")" + log_tail(l));
}

void stop_postmaster(const fs::path& bin, const layout& l, const std::optional<os_user>& runner) {
    if (!server_running(bin, l, runner)) return;
    auto out = run(bin / "pg_ctl", {"stop", "-D", l.data.string(), "-m", "fast", "-w", "-t", "60"},
                   runner, l.root);
    if (out.status != 0 && server_running(bin, l, runner))
        throw std::runtime_error("PostgreSQL did not stop (pg_ctl " + describe(out) + ")" + log_tail(l));
}

void ensure_database(const std::string& admin_conninfo, const layout& l) {
    // A server we attached to may still be starting up; give it the same minute pg_ctl would.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    std::unique_ptr<PGconn, decltype(&PQfinish)> conn(nullptr, PQfinish);
    for (;;) {
        conn.reset(PQconnectdb(admin_conninfo.c_str()));
        if (conn && PQstatus(conn.get()) == CONNECTION_OK) break;
        if (std::chrono::steady_clock::now() > deadline)
            throw std::runtime_error("cannot connect to the embedded PostgreSQL: " +
                                     std::string(conn ? PQerrorMessage(conn.get()) : "out of memory") +
                                     log_tail(l));
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    auto exec = [&](const std::string& sql) {
        return std::unique_ptr<PGresult, decltype(&PQclear)>(PQexec(conn.get(), sql.c_str()), PQclear);
    };
    auto exists = exec(std::string("SELECT 1 FROM pg_database WHERE datname = ") +
                       sql_string_literal(app_database));
    if (PQresultStatus(exists.get()) != PGRES_TUPLES_OK)
        throw std::runtime_error(std::string("cannot list databases: ") +
                                 PQresultErrorMessage(exists.get()));
    if (PQntuples(exists.get()) > 0) return;
    auto created = exec(std::string("CREATE DATABASE ") + app_database);
    if (PQresultStatus(created.get()) == PGRES_COMMAND_OK) return;
    const char* state = PQresultErrorField(created.get(), PG_DIAG_SQLSTATE);
    if (state && std::string_view(state) == sqlstate::duplicate_database) return;  // a racing start
    throw std::runtime_error(std::string("cannot create database ") + app_database + ": " +
                             PQresultErrorMessage(created.get()));
}

}  // namespace

local_cluster local_cluster::start(const fs::path& data_dir) {
    local_cluster c;
    c.data_dir_ = fs::weakly_canonical(fs::absolute(data_dir));
    const auto l = layout_of(c.data_dir_);
    require_plain_path(l.root);
    require_short_socket_path(l);
    c.bin_dir_ = find_bin_dir();
    const auto runner = cluster_runner();
    if (runner) {
        require_reachable(l, *runner);
        c.run_as_ = runner->name;
        c.db_user_ = runner->name;
    } else {
        c.db_user_ = current_user_name();
    }
    prepare_folders(l, runner);
    if (!fs::exists(l.data / "PG_VERSION")) init_cluster(c.bin_dir_, l, runner);
    c.conninfo_ = c.conninfo_for(app_database);

    if (server_running(c.bin_dir_, l, runner)) {
        c.owned_ = false;  // someone else's (another instance, a subcommand): leave it running
    } else {
        start_postmaster(c.bin_dir_, l, runner);
        c.owned_ = true;
    }
    ensure_database(c.conninfo_for("postgres"), l);  // on failure `c` stops what it started
    return c;
}

bool local_cluster::stop_existing(const fs::path& data_dir) {
    const auto l = layout_of(data_dir);
    if (!fs::exists(l.data / "PG_VERSION")) return false;
    const auto bin = find_bin_dir();
    const auto runner = cluster_runner();
    if (!server_running(bin, l, runner)) return false;
    stop_postmaster(bin, l, runner);
    return true;
}

std::string local_cluster::conninfo_for(std::string_view dbname) const {
    const auto l = layout_of(data_dir_);
    return "host=" + conninfo_value(l.run.string()) + " port=" + cluster_port +
           " dbname=" + conninfo_value(std::string(dbname)) + " user=" + conninfo_value(db_user_);
}

local_cluster::local_cluster(local_cluster&& other) noexcept
    : data_dir_(std::move(other.data_dir_)),
      bin_dir_(std::move(other.bin_dir_)),
      conninfo_(std::move(other.conninfo_)),
      run_as_(std::move(other.run_as_)),
      db_user_(std::move(other.db_user_)),
      owned_(std::exchange(other.owned_, false)) {}

local_cluster& local_cluster::operator=(local_cluster&& other) noexcept {
    if (this != &other) {
        try {
            stop();
        } catch (...) {
        }
        data_dir_ = std::move(other.data_dir_);
        bin_dir_ = std::move(other.bin_dir_);
        conninfo_ = std::move(other.conninfo_);
        run_as_ = std::move(other.run_as_);
        db_user_ = std::move(other.db_user_);
        owned_ = std::exchange(other.owned_, false);
    }
    return *this;
}

local_cluster::~local_cluster() {
    try {
        stop();
    } catch (...) {
        // Nothing sensible to do at exit; the next start attaches or recovers.
    }
}

void local_cluster::stop() {
    if (!owned_) return;
    owned_ = false;
    stop_server();
}

void local_cluster::stop_server() {
    const auto runner = run_as_ ? user_named(*run_as_) : std::nullopt;
    stop_postmaster(bin_dir_, layout_of(data_dir_), runner);
}

void local_cluster::start_server() {
    const auto runner = run_as_ ? user_named(*run_as_) : std::nullopt;
    start_postmaster(bin_dir_, layout_of(data_dir_), runner);
}

}  // namespace proeventa::db
