#pragma once
// Typed configuration from flags, PROEVENTA_* environment variables and an optional env file
// (flags win over the environment, the environment over the file). See DESIGN §8 and README.
// `config` holds the core's settings; each module declares its own (settings.hpp) and the
// composition root passes them to parse_config, so one command line and one --help cover all.
#include <proeventa/http/client_address.hpp>
#include <proeventa/settings.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace proeventa {

struct http_limits {
    std::size_t header_limit = 16 * 1024;
    std::size_t body_limit = 1024 * 1024;
    std::chrono::milliseconds request_timeout{10'000};    // headers + body of one request
    std::chrono::milliseconds keepalive_timeout{30'000};  // idle between requests
    std::chrono::milliseconds write_timeout{30'000};
    /// 0 until parse_config derives it from the open-file limit (derived_connection_cap).
    std::size_t max_connections = 0;
    std::chrono::milliseconds shutdown_grace{10'000};
};

struct config {
    std::string command = "serve";          // serve | migrate | demo | user
    std::vector<std::string> command_args;  // the rest, for `user add|set-role ...`

    std::string host = "127.0.0.1";
    std::uint16_t port = 8000;
    std::filesystem::path data_dir = "./var";
    std::optional<std::string> database_url;
    std::string env = "development";  // development | production
    unsigned threads = 0;             // 0: number of cores
    bool demo = false;
    std::optional<std::filesystem::path> web_root;  // serve the SPA from disk (development)

    std::vector<std::string> cors_origins;  // PROEVENTA_CORS_ORIGINS, comma-separated
    network_list trusted_proxies;           // PROEVENTA_TRUSTED_PROXIES: CIDRs and addresses
    http_limits limits;

    std::size_t db_pool_size = 12;
    std::chrono::milliseconds db_query_timeout{5000};

    /// HTTPS on the listen port when both are set (PEM files, read once at start).
    std::optional<std::filesystem::path> tls_cert, tls_key;
    /// A streaming replica for public reads; left out while down or lagging past the limit.
    std::optional<std::string> database_read_url;
    std::chrono::milliseconds max_replica_lag{2000};

    bool production() const { return env == "production"; }
};

struct parse_outcome {
    config cfg;
    bool show_help = false;
    bool show_version = false;
};

/// `env` is looked up through `getenv` (a function, so tests can feed their own). `modules`
/// are the other parts' settings, applied to the options they were declared for; a flag that
/// neither they nor the core declare is an unknown option.
using env_lookup = std::optional<std::string> (*)(const char* name);
parse_outcome parse_config(int argc, const char* const* argv, env_lookup env,
                           std::span<const setting_group> modules = {});
std::optional<std::string> process_env(const char* name);

/// --help: the commands, then the core's settings and each group of `modules`, with their
/// variables and defaults.
std::string usage_text(std::span<const setting_group> modules = {});
inline constexpr const char* version_string = "0.1.0";

/// Over-cap connections read at once to answer /health and /ready (the rest get a plain 503).
inline constexpr std::size_t over_cap_probe_slots = 64;
/// The default connection cap: what the open-file limit leaves after the descriptors the
/// process needs besides connections (database pools, over-cap probes, listener, logs, pipes),
/// so connection N+1 still gets an answer instead of an accept() that fails for lack of a
/// descriptor. `db_connections` counts every pool. Half the limit when it is too small for that.
std::size_t derived_connection_cap(std::uint64_t open_file_limit, std::size_t db_connections);
/// The process's soft RLIMIT_NOFILE.
std::uint64_t open_file_limit();

}  // namespace proeventa
