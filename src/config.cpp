#include <proeventa/config.hpp>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <thread>

#include <sys/resource.h>

namespace proeventa {
namespace {

using setting_values::integer;

// The core's settings: where it listens and stores, how it talks HTTP and to PostgreSQL.
setting_group core_settings(config& c) {
    setting_group group{"Server and database", {}};
    auto& s = group.settings;
    s.push_back(text_setting("--host", "PROEVENTA_HOST", "ADDR", "listen address", c.host));
    s.push_back(number_setting("--port", "PROEVENTA_PORT", "N", "listen port", c.port, 0, 65535));
    s.push_back(make_setting("--data-dir", "PROEVENTA_DATA_DIR", "DIR",
                             "embedded PostgreSQL and generated secrets", c.data_dir.string(),
                             [&c](const std::string& v) { c.data_dir = v; }));
    s.push_back(make_setting("--database-url", "DATABASE_URL", "URL",
                             "external PostgreSQL; unset: the embedded cluster", {},
                             [&c](const std::string& v) {
                                 if (!v.empty()) c.database_url = v;
                             }));
    s.push_back(make_setting(
        "--env", "PROEVENTA_ENV", "MODE", "development | production", c.env, [&c](const std::string& v) {
            if (v != "development" && v != "production")
                throw config_error("--env: expected development or production, got '" + v + "'");
            c.env = v;
        }));
    s.push_back(make_setting(
        "--threads", "PROEVENTA_THREADS", "N", "I/O threads", "number of cores",
        [&c](const std::string& v) { c.threads = static_cast<unsigned>(integer("--threads", v, 1, 256)); }));
    s.push_back(switch_setting("--demo", "PROEVENTA_DEMO", "load demo data at start", c.demo));
    s.push_back(make_setting("--web-root", "PROEVENTA_WEB_ROOT", "DIR",
                             "serve the SPA from DIR instead of the embedded copy", {},
                             [&c](const std::string& v) { c.web_root = v; }));
    s.push_back(make_setting("--cors-origins", "PROEVENTA_CORS_ORIGINS", "LIST",
                             "comma-separated allowed origins, or *", {},
                             [&c](const std::string& v) { c.cors_origins = setting_values::list(v); }));
    s.push_back(make_setting("--trusted-proxies", "PROEVENTA_TRUSTED_PROXIES", "LIST",
                             "comma-separated CIDRs or addresses of reverse proxies whose X-Forwarded-For "
                             "names the client, e.g. 127.0.0.1/32,10.0.0.0/8",
                             "none: X-Forwarded-For is ignored", [&c](const std::string& v) {
                                 try {
                                     c.trusted_proxies = network_list::parse(v);
                                 } catch (const std::invalid_argument& e) {
                                     throw config_error(std::string("--trusted-proxies: ") + e.what());
                                 }
                             }));
    s.push_back(number_setting("--body-limit", "PROEVENTA_BODY_LIMIT", "BYTES", "request body limit",
                               c.limits.body_limit, 1024, 64u << 20));
    s.push_back(number_setting("--header-limit", "PROEVENTA_HEADER_LIMIT", "BYTES", "request header limit",
                               c.limits.header_limit, 1024, 1u << 20));
    s.push_back(duration_setting("--request-timeout-ms", "PROEVENTA_REQUEST_TIMEOUT_MS", "MS",
                                 "time to receive one request", c.limits.request_timeout, 1, 86'400'000));
    s.push_back(duration_setting("--keepalive-timeout-ms", "PROEVENTA_KEEPALIVE_TIMEOUT_MS", "MS",
                                 "idle time between requests", c.limits.keepalive_timeout, 1, 86'400'000));
    s.push_back(make_setting("--max-connections", "PROEVENTA_MAX_CONNECTIONS", "N",
                             "concurrent connections; past it /health and /ready are still answered, "
                             "anything else gets 503",
                             "the open-file limit minus room for the database pools and logs",
                             [&c](const std::string& v) {
                                 c.limits.max_connections =
                                     static_cast<std::size_t>(integer("--max-connections", v, 1, 1'000'000));
                             }));
    s.push_back(duration_setting("--shutdown-grace-ms", "PROEVENTA_SHUTDOWN_GRACE_MS", "MS",
                                 "drain time on SIGTERM", c.limits.shutdown_grace, 1, 86'400'000));
    s.push_back(number_setting("--db-pool-size", "PROEVENTA_DB_POOL_SIZE", "N", "PostgreSQL connections",
                               c.db_pool_size, 1, 500));
    s.push_back(duration_setting("--db-query-timeout-ms", "PROEVENTA_DB_QUERY_TIMEOUT_MS", "MS",
                                 "per-query deadline", c.db_query_timeout, 1, 86'400'000));
    s.push_back(make_setting("--tls-cert", "PROEVENTA_TLS_CERT", "FILE",
                             "PEM certificate chain: serve HTTPS (with --tls-key)", {},
                             [&c](const std::string& v) {
                                 if (!v.empty()) c.tls_cert = v;
                             }));
    s.push_back(make_setting("--tls-key", "PROEVENTA_TLS_KEY", "FILE", "PEM private key for --tls-cert", {},
                             [&c](const std::string& v) {
                                 if (!v.empty()) c.tls_key = v;
                             }));
    s.push_back(make_setting("--database-read-url", "DATABASE_READ_URL", "URL",
                             "a streaming replica for public reads (docs/scale-out.md)", {},
                             [&c](const std::string& v) {
                                 if (!v.empty()) c.database_read_url = v;
                             }));
    s.push_back(duration_setting("--max-replica-lag-ms", "PROEVENTA_MAX_REPLICA_LAG_MS", "MS",
                                 "a replica further behind the primary serves no reads", c.max_replica_lag, 1,
                                 86'400'000));
    return group;
}

// Every setting of the run, core first; a flag or variable declared twice is a wiring mistake
// that would silently feed one of them.
std::vector<const setting*> all_settings(const setting_group& core, std::span<const setting_group> modules) {
    std::vector<const setting*> all;
    for (const auto& s : core.settings) all.push_back(&s);
    for (const auto& group : modules)
        for (const auto& s : group.settings) all.push_back(&s);
    std::set<std::string> seen;
    for (const auto* s : all)
        for (const auto& name : {s->flag, s->env})
            if (!name.empty() && !seen.insert(name).second)
                throw config_error("setting " + name + " is declared twice");
    return all;
}

// KEY=VALUE lines, '#' comments, optional quotes: the systemd EnvironmentFile shape.
std::map<std::string, std::string> read_env_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) throw config_error("--env-file: cannot read '" + path + "'");
    std::map<std::string, std::string> out;
    std::string line;
    while (std::getline(in, line)) {
        auto start = line.find_first_not_of(" \t");
        if (start == std::string::npos || line[start] == '#') continue;
        auto eq = line.find('=', start);
        if (eq == std::string::npos) continue;
        auto key = line.substr(start, eq - start);
        while (!key.empty() && key.back() == ' ') key.pop_back();
        auto value = line.substr(eq + 1);
        if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
            value.back() == value.front())
            value = value.substr(1, value.size() - 2);
        out[key] = value;
    }
    return out;
}

}  // namespace

std::optional<std::string> process_env(const char* name) {
    const char* v = std::getenv(name);
    return v ? std::optional<std::string>(v) : std::nullopt;
}

parse_outcome parse_config(int argc, const char* const* argv, env_lookup env,
                           std::span<const setting_group> modules) {
    parse_outcome out;
    auto& cfg = out.cfg;
    const auto core = core_settings(cfg);
    const auto all = all_settings(core, modules);
    const auto by_flag = [&all](const std::string& flag) -> const setting* {
        for (const auto* s : all)
            if (!s->flag.empty() && s->flag == flag) return s;
        return nullptr;
    };

    // Pass 1: flags (collected, applied last so they win), subcommand and its arguments.
    std::vector<std::pair<const setting*, std::string>> flags;
    std::optional<std::string> env_file = env("PROEVENTA_ENV_FILE");
    bool have_command = false;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (have_command && cfg.command == "user") {
            // Global options keep working after `user`; everything else belongs to it.
            const auto name = arg.substr(0, arg.find('='));
            if (name != "--env-file" && !by_flag(name)) {
                cfg.command_args.push_back(arg);
                continue;
            }
        }
        if (arg == "--help" || arg == "-h") {
            out.show_help = true;
            continue;
        }
        if (arg == "--version") {
            out.show_version = true;
            continue;
        }
        if (arg.rfind("--", 0) == 0) {
            std::string value;
            bool inline_value = false;
            if (auto eq = arg.find('='); eq != std::string::npos) {
                value = arg.substr(eq + 1);
                arg = arg.substr(0, eq);
                inline_value = true;
            }
            if (arg == "--env-file") {
                if (!inline_value) {
                    if (i + 1 >= argc) throw config_error("--env-file needs a value");
                    value = argv[++i];
                }
                env_file = value;
                continue;
            }
            const setting* spec = by_flag(arg);
            if (!spec) throw config_error("unknown option " + arg + " (see --help)");
            const bool takes_value = !spec->argument.empty();
            if (takes_value && !inline_value) {
                if (i + 1 >= argc) throw config_error(arg + " needs a value");
                value = argv[++i];
            } else if (!takes_value && !inline_value) {
                value = "1";
            }
            flags.emplace_back(spec, value);
            continue;
        }
        if (!have_command) {
            if (arg != "serve" && arg != "migrate" && arg != "demo" && arg != "user")
                throw config_error("unknown command '" + arg + "' (see --help)");
            cfg.command = arg;
            have_command = true;
            continue;
        }
        throw config_error("unexpected argument '" + arg + "'");
    }

    // Pass 2: env file, then environment, then flags: later sources win.
    if (env_file) {
        for (const auto& [key, value] : read_env_file(*env_file))
            for (const auto* s : all)
                if (key == s->env) s->apply(value);
    }
    for (const auto* s : all)
        if (auto v = env(s->env.c_str())) s->apply(*v);
    for (const auto& [spec, value] : flags) spec->apply(value);

    if (cfg.threads == 0) cfg.threads = std::max(1u, std::thread::hardware_concurrency());
    if (cfg.tls_cert.has_value() != cfg.tls_key.has_value())
        throw config_error("--tls-cert and --tls-key go together");
    if (cfg.limits.max_connections == 0) {
        const std::size_t pools = cfg.database_read_url ? 2 : 1;
        cfg.limits.max_connections = derived_connection_cap(open_file_limit(), pools * cfg.db_pool_size);
    }
    return out;
}

std::size_t derived_connection_cap(std::uint64_t open_file_limit, std::size_t db_connections) {
    // 64 for what is not a connection: standard streams, epoll, timers, the listening socket,
    // log files, child-process pipes, the LISTEN connection, files served from disk.
    const std::uint64_t headroom = db_connections + over_cap_probe_slots + 64;
    const std::uint64_t cap = open_file_limit > 2 * headroom ? open_file_limit - headroom : open_file_limit / 2;
    return static_cast<std::size_t>(std::clamp<std::uint64_t>(cap, 1, 1'000'000));
}

std::uint64_t open_file_limit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0 || limit.rlim_cur == RLIM_INFINITY) return 1'048'576;
    return limit.rlim_cur;
}

namespace {

constexpr std::size_t help_width = 100;
constexpr std::size_t help_indent = 28;

// "  --flag ARG" in a 28-column margin, then the words wrapped at 100 columns; a flag too long
// for the margin gets a line of its own.
void describe(std::string& out, const std::string& left, const std::string& text) {
    out += "  " + left;
    if (text.empty()) {
        out += '\n';
        return;
    }
    std::size_t column = 2 + left.size();
    if (column + 1 > help_indent) {
        out += '\n';
        column = 0;
    }
    out.append(help_indent - column, ' ');
    column = help_indent;
    bool first = true;
    std::size_t start = 0;
    while (start < text.size()) {
        auto end = text.find(' ', start);
        if (end == std::string::npos) end = text.size();
        const auto word = text.substr(start, end - start);
        if (!first && column + 1 + word.size() > help_width) {
            out += '\n';
            out.append(help_indent, ' ');
            column = help_indent;
        } else if (!first) {
            out += ' ';
            ++column;
        }
        out += word;
        column += word.size();
        first = false;
        start = end + 1;
    }
    out += '\n';
}

void describe(std::string& out, const setting& s) {
    std::string left = s.flag.empty() ? s.env : s.flag;
    if (!s.flag.empty() && !s.argument.empty()) left += " " + s.argument;
    std::string text = s.help;
    if (!s.flag.empty()) text += " [" + s.env + (s.argument.empty() ? "=1]" : "]");
    if (!s.default_text.empty()) text += " (" + s.default_text + ")";
    describe(out, left, text);
}

}  // namespace

std::string usage_text(std::span<const setting_group> modules) {
    std::string out = R"(ProEventa — event ticketing server

Usage: proeventa [command] [options]

Commands:
  serve                 run the HTTP server (default)
  migrate               apply database migrations and exit
  demo                  load the demo organizer, venues and events and exit
  user add --email E --password P [--full-name N] --role customer|organizer|admin
  user set-role --email E --role R

Options: the environment variable in brackets, the default in parentheses. Flags win over the
environment, the environment over the env file.
)";
    config defaults;
    const auto core = core_settings(defaults);
    std::vector<const setting_group*> groups{&core};
    for (const auto& group : modules) groups.push_back(&group);
    for (const auto* group : groups) {
        out += "\n" + group->title + ":\n";
        for (const auto& s : group->settings) describe(out, s);
    }
    out += "\nGeneral:\n";
    describe(out, "--env-file FILE", "read KEY=VALUE settings from FILE [PROEVENTA_ENV_FILE]");
    describe(out, "--help, --version", "");
    return out;
}

}  // namespace proeventa
