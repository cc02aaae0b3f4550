// Readiness and health at the edges a load balancer cares about: past the connection cap
// (its probe is connection N+1), while draining, and while the primary is down. Also the
// default cap, derived from the open-file limit so that N+1 still gets a descriptor.
#include "raw_connection.hpp"
#include "test_support.hpp"

#include <proeventa/config.hpp>
#include <proeventa/db/local_cluster.hpp>

#include <boost/asio.hpp>

#include <filesystem>
#include <optional>
#include <vector>

#include <signal.h>
#include <sys/resource.h>

using namespace proeventa::test;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

// One request on a fresh connection (or none, with an empty target), answer read until the
// server closes.
std::string one_shot(unsigned short port, const std::string& target) {
    raw_connection c(port);
    if (!target.empty()) c.send("GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n");
    return c.read_all();
}

std::string status_line(const std::string& response) { return response.substr(0, response.find("\r\n")); }

// A keep-alive connection the server has admitted and counts (see server_test: a place freed
// by a client that just left is taken back only once the server has read its end).
client admitted(const server_process& server) {
    std::optional<client> in;
    const bool got_in = eventually(
        [&] {
            try {
                client c(server.port());
                if (c.get("/health").status != 200) return false;
                in.emplace(std::move(c));
                return true;
            } catch (const std::exception&) {
                return false;
            }
        },
        std::chrono::milliseconds(5000), std::chrono::milliseconds(50));
    REQUIRE(got_in);
    return std::move(*in);
}

// Fills the server's cap with idle keep-alive connections, then checks the over-cap path.
void check_over_cap(const server_process& server, std::size_t cap, std::vector<client>& idle) {
    for (std::size_t i = 0; i < cap; ++i) idle.push_back(admitted(server));
    // The next ordinary request is refused; the place is really full.
    const auto refused = one_shot(server.port(), "/events/events");
    CHECK(status_line(refused) == "HTTP/1.1 503 Service Unavailable");
    CHECK(refused.find("too_many_connections") != std::string::npos);

    const auto health = one_shot(server.port(), "/health");
    CHECK(status_line(health) == "HTTP/1.1 200 OK");
    CHECK(health.find("\"database\":\"ok\"") != std::string::npos);
    CHECK(health.find("Connection: close") != std::string::npos);
    const auto ready = one_shot(server.port(), "/ready");
    CHECK(status_line(ready) == "HTTP/1.1 200 OK");
    CHECK(ready.find("\"status\":\"ready\"") != std::string::npos);
    // A client that sends nothing still gets its 503, after a short wait.
    CHECK(status_line(one_shot(server.port(), "")) == "HTTP/1.1 503 Service Unavailable");
    // The idle connections were never disturbed.
    CHECK(idle.front().get("/events/events").status == 200);
}

}  // namespace

TEST_CASE("past the connection cap /health and /ready are still answered, anything else gets 503") {
    auto db = fresh_database("ops_cap_probe");
    server_process server({db, {"--max-connections", "3"}});
    std::vector<client> idle;
    check_over_cap(server, 3, idle);
}

TEST_CASE("the default connection cap leaves room under the open-file limit") {
    CHECK(proeventa::derived_connection_cap(65536, 12) == 65536 - 12 - 64 - 64);
    CHECK(proeventa::derived_connection_cap(100, 12) == 50);  // too small for the headroom: half

    // The server inherits a soft limit of 400 descriptors; ours is restored right after.
    rlimit saved{};
    REQUIRE(::getrlimit(RLIMIT_NOFILE, &saved) == 0);
    rlimit low = saved;
    low.rlim_cur = 400;
    REQUIRE(::setrlimit(RLIMIT_NOFILE, &low) == 0);
    auto db = fresh_database("ops_cap_default");
    std::optional<server_process> server;
    try {
        server.emplace(server_process::options{db});
    } catch (...) {
        ::setrlimit(RLIMIT_NOFILE, &saved);
        throw;
    }
    REQUIRE(::setrlimit(RLIMIT_NOFILE, &saved) == 0);

    // --threads 2 and the default pool of 12: 400 - (12 + 64 + 64) = 260 connections.
    const std::size_t cap = proeventa::derived_connection_cap(400, 12);
    REQUIRE(cap == 260);
    CHECK(server->log_containing("\"max_connections\":260").find("\"max_connections\":260") != std::string::npos);
    // With the cap at the descriptor limit instead, connection 261 would find no descriptor
    // left and never be answered.
    std::vector<client> idle;
    check_over_cap(*server, cap, idle);
}

TEST_CASE("/ready answers 503 while draining, /health does not change meaning") {
    auto db = fresh_database("ops_ready_drain");
    server_process server({db});
    client c(server.port());
    auto ready = c.get("/ready");
    CHECK(ready.status == 200);
    CHECK(ready.json().at("status") == "ready");

    // A request is in flight when SIGTERM arrives: draining waits for it. `Expect: 100-continue`
    // makes the server say when it has read the header, so the signal cannot overtake the bytes.
    raw_connection in_flight(server.port());
    in_flight.send("GET /ready HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nExpect: 100-continue\r\n\r\n");
    CHECK(in_flight.read_until("\r\n\r\n").rfind("HTTP/1.1 100", 0) == 0);
    ::kill(server.pid(), SIGTERM);
    CHECK(eventually([&] {
        try {
            client late(server.port());
            late.get("/health");
            return false;
        } catch (const std::exception&) {
            return true;  // no longer accepting: draining has begun
        }
    }));
    in_flight.send("x");
    const auto answer = in_flight.read_all();
    CHECK(status_line(answer) == "HTTP/1.1 503 Service Unavailable");
    CHECK(answer.find("\"code\":\"draining\"") != std::string::npos);
    CHECK(answer.find("\"status_code\":503") != std::string::npos);
    CHECK(server.stop(SIGTERM) == 0);
}

TEST_CASE("/ready answers 503 while the primary is unreachable, 200 once it is back") {
    auto dir = std::filesystem::temp_directory_path() / ("proeventa-ready-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    auto cluster = proeventa::db::local_cluster::start(dir);
    {
        server_process server({cluster.conninfo()});
        client c(server.port());
        REQUIRE(c.get("/ready").status == 200);
        cluster.stop_server();
        auto down = c.get("/ready");
        CHECK(down.status == 503);
        CHECK(down.json().at("code") == "database_unavailable");
        CHECK(down.json().at("status_code") == 503);
        cluster.start_server();
        CHECK(eventually([&] { return c.get("/ready").status == 200; }, std::chrono::seconds(15),
                         std::chrono::milliseconds(100)));
    }
    cluster.stop();
    std::filesystem::remove_all(dir);
}
