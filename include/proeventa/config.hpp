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
    std::size_t max_connections = 10'000;
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

}  // namespace proeventa
