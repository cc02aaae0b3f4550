#include "pg_ctl.hpp"

#include "quoting.hpp"

#include <proeventa/os/process.hpp>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <utility>
#include <vector>

namespace proeventa::db::embedded_pg {
namespace fs = std::filesystem;

namespace {

bool has_server_tools(const fs::path& dir) {
    return os::executable(dir / "initdb") && os::executable(dir / "pg_ctl");
}

os::run_output run(const cluster_programs& pg, const char* program, const std::vector<std::string>& args) {
    // PG* variables (PGPORT, PGDATA, PGHOST, ...) would silently redirect the tools.
    return os::run(pg.bin / program, args, {pg.runner, pg.files.root, {"PG"}});
}

}  // namespace

fs::path find_bin_dir() {
    if (auto pg_config = os::find_in_path("pg_config")) {
        auto out = os::run(*pg_config, {"--bindir"}, {std::nullopt, "/", {"PG"}});
        std::string dir = out.output;
        while (!dir.empty() && (dir.back() == '\n' || dir.back() == ' ')) dir.pop_back();
        if (out.status == 0 && !dir.empty() && has_server_tools(dir)) return dir;
    }
    if (auto initdb = os::find_in_path("initdb")) {
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

void init_cluster(const cluster_programs& pg) {
    const auto& l = pg.files;
    // Trust authentication is acceptable only because nothing listens on TCP and the socket
    // lives in a 0700 folder: whoever can reach it can read the data files anyway.
    auto attempt = [&](const char* locale) {
        return run(
            pg, "initdb",
            {"-D", l.data.string(), "--auth=trust", "--encoding=UTF8", std::string("--locale=") + locale});
    };
    auto out = attempt("C.UTF-8");
    if (out.status != 0) out = attempt("C");  // systems without the C.UTF-8 locale
    if (out.status != 0)
        throw std::runtime_error("initdb failed for " + l.data.string() + " (" + out.describe() + ")");

    std::ofstream conf(l.data / "postgresql.conf", std::ios::app);
    conf << "\n# Added by ProEventa: reachable only through the Unix socket in its data folder.\n"
         << "listen_addresses = ''\n"
         << "port = " << cluster_port << "\n"
         << "unix_socket_directories = " << sql_string_literal(l.run.string()) << "\n"
         << "unix_socket_permissions = 0700\n";
    if (!conf) throw std::runtime_error("cannot write " + (l.data / "postgresql.conf").string());
}

bool server_running(const cluster_programs& pg) {
    // 0: running; 3: not running; 4: no usable data directory.
    return run(pg, "pg_ctl", {"status", "-D", pg.files.data.string()}).status == 0;
}

void start_postmaster(const cluster_programs& pg) {
    if (server_running(pg)) return;
    const auto& l = pg.files;
    // The config file already says the same; repeating it on the command line keeps a cluster
    // whose config was edited by hand off TCP. pg_ctl hands -o to /bin/sh, hence the quoting.
    const std::string server_options =
        "-k " + shell_quote(l.run.string()) + " -c listen_addresses='' -p " + cluster_port;
    auto out = run(
        pg, "pg_ctl",
        {"start", "-w", "-t", "60", "-D", l.data.string(), "-l", l.log_file.string(), "-o", server_options});
    if (out.status == 0) return;
    // Another process may have started it between our status check and our start.
    if (server_running(pg)) return;
    throw std::runtime_error("PostgreSQL did not start (pg_ctl " + out.describe() + ")" + log_tail(l));
}

void stop_postmaster(const cluster_programs& pg, stop_mode mode) {
    if (!server_running(pg)) return;
    const char* how = mode == stop_mode::immediate ? "immediate" : "fast";
    auto out = run(pg, "pg_ctl", {"stop", "-D", pg.files.data.string(), "-m", how, "-w", "-t", "60"});
    if (out.status != 0 && server_running(pg))
        throw std::runtime_error("PostgreSQL did not stop (pg_ctl " + out.describe() + ")" +
                                 log_tail(pg.files));
}

}  // namespace proeventa::db::embedded_pg
