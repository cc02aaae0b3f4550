#pragma once
// Typed configuration from flags, PROEVENTA_* environment variables and an optional env file
// (flags win over the environment, the environment over the file). See DESIGN §8 and README.
#include <proeventa/http/client_address.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace proeventa {

/// A bad flag or value: main prints the one-line message and exits with status 2.
class config_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct http_limits {
    std::size_t header_limit = 16 * 1024;
    std::size_t body_limit = 1024 * 1024;
    std::chrono::milliseconds request_timeout{10'000};   // headers + body of one request
    std::chrono::milliseconds keepalive_timeout{30'000}; // idle between requests
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
    unsigned threads = 0;              // 0: number of cores
    bool demo = false;
    std::optional<std::filesystem::path> web_root;  // serve the SPA from disk (development)

    std::optional<std::string> jwt_secret;            // PROEVENTA_JWT_SECRET
    std::optional<std::filesystem::path> jwt_secret_file;
    std::optional<std::string> jwt_previous_secret;   // PROEVENTA_JWT_PREVIOUS_SECRET
    std::chrono::seconds jwt_ttl{3600};
    std::string jwt_issuer = "proeventa";

    std::vector<std::string> cors_origins;  // PROEVENTA_CORS_ORIGINS, comma-separated
    network_list trusted_proxies;           // PROEVENTA_TRUSTED_PROXIES: CIDRs and addresses
    http_limits limits;

    std::size_t db_pool_size = 12;
    std::chrono::milliseconds db_query_timeout{5000};
    std::chrono::seconds hold_ttl{600};
    std::size_t login_failures_allowed = 5;           // per email and window
    std::size_t login_address_failures_allowed = 50;  // per client address and window
    std::chrono::seconds login_failure_window{900};
    std::size_t signups_per_hour_per_address = 20;
    std::size_t hash_threads = 2;
    std::chrono::milliseconds list_cache_ttl{1000};  // anonymous event-list pages; 0 turns it off
    std::size_t max_pending_hashes = 64;  // queued or running; past it sign-up/login answer 503

    bool production() const { return env == "production"; }
};

struct parse_outcome {
    config cfg;
    bool show_help = false;
    bool show_version = false;
};

/// `env` is looked up through `getenv` (a function, so tests can feed their own).
using env_lookup = std::optional<std::string> (*)(const char* name);
parse_outcome parse_config(int argc, const char* const* argv, env_lookup env);
std::optional<std::string> process_env(const char* name);

std::string usage_text();
inline constexpr const char* version_string = "0.1.0";

}  // namespace proeventa
