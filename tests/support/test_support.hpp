#pragma once
// What integration tests share: a fresh database on the run's throwaway cluster, the real
// proeventa binary started against it, and a small blocking HTTP client (tests may block).
#include "eventually.hpp"

#include <catch2/catch.hpp>

#include <boost/json.hpp>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace proeventa::test {

/// libpq conninfo of the shared test cluster (its `postgres` database).
std::string cluster_conninfo();
/// Creates an empty database on the shared cluster and returns a conninfo for it.
std::string fresh_database(const std::string& name_hint);
/// Runs SQL directly (setup and assertions on the database's state); returns rows as text.
std::vector<std::vector<std::string>> sql(const std::string& conninfo, const std::string& query);

struct http_result {
    int status = 0;
    std::string body;
    std::map<std::string, std::string> headers;  // lower-cased names
    boost::json::value json() const;             // parses body; fails the test if not JSON
    std::string header(const std::string& name) const;
};

/// One keep-alive connection to a server on 127.0.0.1.
class client {
public:
    explicit client(unsigned short port);
    ~client();
    client(client&&) noexcept;
    http_result request(const std::string& method, const std::string& target,
                        const std::string& body = {},
                        const std::map<std::string, std::string>& headers = {});
    /// JSON helpers; `token` adds `Authorization: Bearer`.
    http_result get(const std::string& target, const std::string& token = {});
    http_result post(const std::string& target, const boost::json::value& body,
                     const std::string& token = {});
    http_result put(const std::string& target, const boost::json::value& body,
                    const std::string& token = {});
    http_result patch(const std::string& target, const boost::json::value& body,
                      const std::string& token = {});
    http_result del(const std::string& target, const std::string& token = {});

private:
    struct impl;
    // Owned through unique_ptr so a constructor that throws (server not listening yet)
    // does not leak what it had already allocated.
    std::unique_ptr<impl> impl_;
};

/// The real binary, started with `--database-url` on a free port; stopped (SIGTERM) when
/// destroyed. Waits until /health answers 200 before returning.
class server_process {
public:
    struct options {
        // Default member initializers keep `{db}` clean under -Wmissing-field-initializers
        // (the debug preset builds with -Werror).
        std::string database_url;                      // required
        std::vector<std::string> extra_args = {};      // e.g. {"--threads", "2"}
        std::map<std::string, std::string> env = {};   // extra environment variables
    };
    explicit server_process(options opts);
    ~server_process();
    server_process(const server_process&) = delete;

    unsigned short port() const { return port_; }
    int pid() const { return pid_; }
    /// Sends `signal` and waits for exit; returns the exit status (or 128+signal).
    int stop(int signal = 15, std::chrono::seconds timeout = std::chrono::seconds(30));
    /// Everything the server wrote to stderr so far.
    std::string log() const;
    /// The log once it contains `needle`, or as it is after `timeout`. The server writes its log
    /// from a background thread, so a line can land just after the response it describes.
    std::string log_containing(const std::string& needle,
                               std::chrono::seconds timeout = std::chrono::seconds(10)) const;

private:
    int pid_ = -1;
    unsigned short port_ = 0;
    std::string log_path_;
};

/// Signs up a user (role customer), optionally promotes them via SQL, logs in; returns token
/// and id. The common setup step of most integration tests.
struct test_user {
    std::int64_t id = 0;
    std::string email;
    std::string token;
};
test_user make_user(client& c, const std::string& conninfo, const std::string& email,
                    const std::string& role = "customer");

}  // namespace proeventa::test
