#include <proeventa/config.hpp>

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <map>
#include <thread>

namespace proeventa {
namespace {

// One option: its flag, its environment variable, and how to apply a value.
struct option_spec {
    const char* flag;
    const char* env;
    bool takes_value;
    void (*apply)(config&, const std::string& value);
};

template <class T>
T parse_number(const std::string& name, const std::string& v, T min, T max) {
    T out{};
    auto [p, ec] = std::from_chars(v.data(), v.data() + v.size(), out);
    if (v.empty() || ec != std::errc{} || p != v.data() + v.size() || out < min || out > max)
        throw config_error(name + ": expected a number between " + std::to_string(min) + " and " +
                           std::to_string(max) + ", got '" + v + "'");
    return out;
}

std::chrono::milliseconds parse_ms(const std::string& name, const std::string& v) {
    return std::chrono::milliseconds(parse_number<long>(name, v, 1, 86'400'000));
}

bool parse_bool(const std::string& name, const std::string& v) {
    if (v == "1" || v == "true" || v == "yes" || v == "on") return true;
    if (v == "0" || v == "false" || v == "no" || v == "off" || v.empty()) return false;
    throw config_error(name + ": expected true or false, got '" + v + "'");
}

std::vector<std::string> split_list(const std::string& v) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start <= v.size()) {
        auto end = v.find(',', start);
        if (end == std::string::npos) end = v.size();
        auto item = v.substr(start, end - start);
        while (!item.empty() && item.front() == ' ') item.erase(0, 1);
        while (!item.empty() && item.back() == ' ') item.pop_back();
        if (!item.empty()) out.push_back(item);
        start = end + 1;
    }
    return out;
}

network_list parse_proxies(const std::string& v) {
    try {
        return network_list::parse(v);
    } catch (const std::invalid_argument& e) {
        throw config_error(std::string("--trusted-proxies: ") + e.what());
    }
}

const std::vector<option_spec>& specs() {
    static const std::vector<option_spec> all = {
        {"--host", "PROEVENTA_HOST", true, [](config& c, const std::string& v) { c.host = v; }},
        {"--port", "PROEVENTA_PORT", true,
         [](config& c, const std::string& v) { c.port = parse_number<std::uint16_t>("--port", v, 0, 65535); }},
        {"--data-dir", "PROEVENTA_DATA_DIR", true, [](config& c, const std::string& v) { c.data_dir = v; }},
        {"--database-url", "DATABASE_URL", true,
         [](config& c, const std::string& v) { if (!v.empty()) c.database_url = v; }},
        {"--jwt-secret-file", "PROEVENTA_JWT_SECRET_FILE", true,
         [](config& c, const std::string& v) { c.jwt_secret_file = v; }},
        {nullptr, "PROEVENTA_JWT_SECRET", true,
         [](config& c, const std::string& v) { if (!v.empty()) c.jwt_secret = v; }},
        {nullptr, "PROEVENTA_JWT_PREVIOUS_SECRET", true,
         [](config& c, const std::string& v) { if (!v.empty()) c.jwt_previous_secret = v; }},
        {"--jwt-ttl", "PROEVENTA_JWT_TTL", true,
         [](config& c, const std::string& v) { c.jwt_ttl = std::chrono::seconds(parse_number<long>("--jwt-ttl", v, 60, 2'592'000)); }},
        {"--env", "PROEVENTA_ENV", true,
         [](config& c, const std::string& v) {
             if (v != "development" && v != "production")
                 throw config_error("--env: expected development or production, got '" + v + "'");
             c.env = v;
         }},
        {"--threads", "PROEVENTA_THREADS", true,
         [](config& c, const std::string& v) { c.threads = parse_number<unsigned>("--threads", v, 1, 256); }},
        {"--demo", "PROEVENTA_DEMO", false,
         [](config& c, const std::string& v) { c.demo = parse_bool("--demo", v); }},
        {"--web-root", "PROEVENTA_WEB_ROOT", true, [](config& c, const std::string& v) { c.web_root = v; }},
        {"--cors-origins", "PROEVENTA_CORS_ORIGINS", true,
         [](config& c, const std::string& v) { c.cors_origins = split_list(v); }},
        {"--body-limit", "PROEVENTA_BODY_LIMIT", true,
         [](config& c, const std::string& v) { c.limits.body_limit = parse_number<std::size_t>("--body-limit", v, 1024, 64u << 20); }},
        {"--header-limit", "PROEVENTA_HEADER_LIMIT", true,
         [](config& c, const std::string& v) { c.limits.header_limit = parse_number<std::size_t>("--header-limit", v, 1024, 1u << 20); }},
        {"--request-timeout-ms", "PROEVENTA_REQUEST_TIMEOUT_MS", true,
         [](config& c, const std::string& v) { c.limits.request_timeout = parse_ms("--request-timeout-ms", v); }},
        {"--keepalive-timeout-ms", "PROEVENTA_KEEPALIVE_TIMEOUT_MS", true,
         [](config& c, const std::string& v) { c.limits.keepalive_timeout = parse_ms("--keepalive-timeout-ms", v); }},
        {"--max-connections", "PROEVENTA_MAX_CONNECTIONS", true,
         [](config& c, const std::string& v) { c.limits.max_connections = parse_number<std::size_t>("--max-connections", v, 1, 1'000'000); }},
        {"--shutdown-grace-ms", "PROEVENTA_SHUTDOWN_GRACE_MS", true,
         [](config& c, const std::string& v) { c.limits.shutdown_grace = parse_ms("--shutdown-grace-ms", v); }},
        {"--db-pool-size", "PROEVENTA_DB_POOL_SIZE", true,
         [](config& c, const std::string& v) { c.db_pool_size = parse_number<std::size_t>("--db-pool-size", v, 1, 500); }},
        {"--db-query-timeout-ms", "PROEVENTA_DB_QUERY_TIMEOUT_MS", true,
         [](config& c, const std::string& v) { c.db_query_timeout = parse_ms("--db-query-timeout-ms", v); }},
        {"--hold-ttl", "PROEVENTA_HOLD_TTL", true,
         [](config& c, const std::string& v) { c.hold_ttl = std::chrono::seconds(parse_number<long>("--hold-ttl", v, 1, 86'400)); }},
        {"--login-failures", "PROEVENTA_LOGIN_FAILURES", true,
         [](config& c, const std::string& v) { c.login_failures_allowed = parse_number<std::size_t>("--login-failures", v, 1, 1000); }},
        {"--login-address-failures", "PROEVENTA_LOGIN_ADDRESS_FAILURES", true,
         [](config& c, const std::string& v) { c.login_address_failures_allowed = parse_number<std::size_t>("--login-address-failures", v, 1, 1'000'000); }},
        {"--trusted-proxies", "PROEVENTA_TRUSTED_PROXIES", true,
         [](config& c, const std::string& v) { c.trusted_proxies = parse_proxies(v); }},
        {"--signups-per-hour", "PROEVENTA_SIGNUPS_PER_HOUR", true,
         [](config& c, const std::string& v) { c.signups_per_hour_per_address = parse_number<std::size_t>("--signups-per-hour", v, 1, 1'000'000); }},
        {"--hash-threads", "PROEVENTA_HASH_THREADS", true,
         [](config& c, const std::string& v) { c.hash_threads = parse_number<std::size_t>("--hash-threads", v, 1, 64); }},
        {"--list-cache-ms", "PROEVENTA_LIST_CACHE_MS", true,
         [](config& c, const std::string& v) { c.list_cache_ttl = std::chrono::milliseconds(parse_number<long>("--list-cache-ms", v, 0, 60'000)); }},
        {"--max-pending-hashes", "PROEVENTA_MAX_PENDING_HASHES", true,
         [](config& c, const std::string& v) { c.max_pending_hashes = parse_number<std::size_t>("--max-pending-hashes", v, 1, 100'000); }},
    };
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
        if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front())
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

parse_outcome parse_config(int argc, const char* const* argv, env_lookup env) {
    parse_outcome out;
    auto& cfg = out.cfg;

    // Pass 1: flags (collected, applied last so they win), subcommand and its arguments.
    std::vector<std::pair<const option_spec*, std::string>> flags;
    std::optional<std::string> env_file = env("PROEVENTA_ENV_FILE");
    bool have_command = false;
    for (int i = 1; i < argc; ++i) {
        std::string arg = argv[i];
        if (have_command && cfg.command == "user") {
            // Global options keep working after `user`; everything else belongs to it.
            const auto name = arg.substr(0, arg.find('='));
            bool global = name == "--env-file";
            for (const auto& s : specs())
                if (s.flag && name == s.flag) global = true;
            if (!global) {
                cfg.command_args.push_back(arg);
                continue;
            }
        }
        if (arg == "--help" || arg == "-h") { out.show_help = true; continue; }
        if (arg == "--version") { out.show_version = true; continue; }
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
            const option_spec* spec = nullptr;
            for (const auto& s : specs())
                if (s.flag && arg == s.flag) spec = &s;
            if (!spec) throw config_error("unknown option " + arg + " (see --help)");
            if (spec->takes_value && !inline_value) {
                if (i + 1 >= argc) throw config_error(arg + " needs a value");
                value = argv[++i];
            } else if (!spec->takes_value && !inline_value) {
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
            for (const auto& s : specs())
                if (key == s.env) s.apply(cfg, value);
    }
    for (const auto& s : specs())
        if (auto v = env(s.env)) s.apply(cfg, *v);
    for (const auto& [spec, value] : flags) spec->apply(cfg, value);

    if (cfg.threads == 0) cfg.threads = std::max(1u, std::thread::hardware_concurrency());
    return out;
}

std::string usage_text() {
    return R"(ProEventa — event ticketing server

Usage: proeventa [command] [options]

Commands:
  serve                 run the HTTP server (default)
  migrate               apply database migrations and exit
  demo                  load the demo organizer, venues and events and exit
  user add --email E --password P [--full-name N] --role customer|organizer|admin
  user set-role --email E --role R

Options (environment variable in brackets):
  --host ADDR               listen address [PROEVENTA_HOST] (127.0.0.1)
  --port N                  listen port [PROEVENTA_PORT] (8000)
  --data-dir DIR            embedded PostgreSQL and generated secrets [PROEVENTA_DATA_DIR] (./var)
  --database-url URL        external PostgreSQL; unset: embedded cluster [DATABASE_URL]
  --jwt-secret-file FILE    JWT signing secret [PROEVENTA_JWT_SECRET, PROEVENTA_JWT_SECRET_FILE]
                            (previous secret for rotation: PROEVENTA_JWT_PREVIOUS_SECRET)
  --jwt-ttl SECONDS         token lifetime [PROEVENTA_JWT_TTL] (3600)
  --env MODE                development | production [PROEVENTA_ENV] (development)
  --threads N               I/O threads [PROEVENTA_THREADS] (number of cores)
  --demo                    load demo data at start [PROEVENTA_DEMO=1]
  --web-root DIR            serve the SPA from DIR instead of the embedded copy [PROEVENTA_WEB_ROOT]
  --cors-origins LIST       comma-separated allowed origins, or * [PROEVENTA_CORS_ORIGINS]
  --trusted-proxies LIST    comma-separated CIDRs or addresses of reverse proxies whose
                            X-Forwarded-For names the client, e.g. 127.0.0.1/32,10.0.0.0/8
                            [PROEVENTA_TRUSTED_PROXIES] (none: X-Forwarded-For is ignored)
  --body-limit BYTES        request body limit [PROEVENTA_BODY_LIMIT] (1048576)
  --header-limit BYTES      request header limit [PROEVENTA_HEADER_LIMIT] (16384)
  --request-timeout-ms MS   time to receive one request [PROEVENTA_REQUEST_TIMEOUT_MS] (10000)
  --keepalive-timeout-ms MS idle time between requests [PROEVENTA_KEEPALIVE_TIMEOUT_MS] (30000)
  --max-connections N       concurrent connections [PROEVENTA_MAX_CONNECTIONS] (10000)
  --shutdown-grace-ms MS    drain time on SIGTERM [PROEVENTA_SHUTDOWN_GRACE_MS] (10000)
  --db-pool-size N          PostgreSQL connections [PROEVENTA_DB_POOL_SIZE] (12)
  --db-query-timeout-ms MS  per-query deadline [PROEVENTA_DB_QUERY_TIMEOUT_MS] (5000)
  --hold-ttl SECONDS        how long a seat hold lasts [PROEVENTA_HOLD_TTL] (600)
  --login-failures N        failed logins per account (email) per 15 min, then 429
                            [PROEVENTA_LOGIN_FAILURES] (5)
  --login-address-failures N
                            failed logins per client address per 15 min, then 429
                            [PROEVENTA_LOGIN_ADDRESS_FAILURES] (50)
  --signups-per-hour N      signups per client address per hour [PROEVENTA_SIGNUPS_PER_HOUR] (20)
  --hash-threads N          password hashing threads [PROEVENTA_HASH_THREADS] (2)
  --list-cache-ms MS        reuse anonymous event-list pages this long, 0 = off
                            [PROEVENTA_LIST_CACHE_MS] (1000)
  --max-pending-hashes N    hashes queued or running before sign-up/login answer 503
                            [PROEVENTA_MAX_PENDING_HASHES] (64)
  --env-file FILE           read KEY=VALUE settings from FILE [PROEVENTA_ENV_FILE]
  --help, --version
)";
}

}  // namespace proeventa
