// The HTTP core against the real binary and a real PostgreSQL: routing errors, limits,
// timeouts, pipelining, graceful shutdown, and a database outage.
#include "raw_connection.hpp"
#include "test_support.hpp"

#include <proeventa/db/local_cluster.hpp>

#include <boost/asio.hpp>

#include <filesystem>
#include <memory>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

#include <signal.h>

using namespace proeventa::test;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

std::string body_of(const std::string& response) {
    auto pos = response.find("\r\n\r\n");
    return pos == std::string::npos ? std::string{} : response.substr(pos + 4);
}

void check_error_body(const http_result& r, int status) {
    INFO(r.body);
    CHECK(r.status == status);
    auto body = r.json().as_object();
    CHECK(body.at("status_code").as_int64() == status);
    CHECK(body.at("error").is_string());
    CHECK(body.at("code").is_string());
}

}  // namespace

TEST_CASE("health, routing errors and the error body") {
    auto db = fresh_database("server_basics");
    server_process server({db});
    client c(server.port());

    auto health = c.get("/health");
    CHECK(health.status == 200);
    CHECK(health.json().at("status") == "ok");
    CHECK(health.json().at("database") == "ok");
    CHECK_FALSE(health.header("x-request-id").empty());
    CHECK(health.header("x-content-type-options") == "nosniff");
    CHECK(health.header("content-security-policy").find("frame-ancestors 'none'") != std::string::npos);

    check_error_body(c.get("/events/events/99999"), 404);
    check_error_body(c.get("/events/events/not-a-number"), 404);
    check_error_body(c.get("/api/v1/no-such-route"), 404);
    auto wrong_method = c.request("PATCH", "/health");
    check_error_body(wrong_method, 405);
    CHECK(wrong_method.header("allow").find("GET") != std::string::npos);

    auto echoed = c.request("GET", "/health", {}, {{"X-Request-Id", "trace-abc-123"}});
    CHECK(echoed.header("x-request-id") == "trace-abc-123");
    auto refused = c.request("GET", "/health", {}, {{"X-Request-Id", "bad id with spaces"}});
    CHECK(refused.header("x-request-id") != "bad id with spaces");

    check_error_body(c.request("POST", "/auth/signup", "{\"email\":", {}), 400);
    check_error_body(c.request("POST", "/auth/signup", "email=a", {{"Content-Type", "text/plain"}}), 415);

    auto head = c.request("HEAD", "/health");
    CHECK(head.status == 200);
    CHECK(head.body.empty());

    auto openapi = c.get("/openapi.json");
    CHECK(openapi.status == 200);
    CHECK(openapi.json().at("paths").as_object().contains("/events/events/{id}"));
    CHECK(c.get("/metrics").body.find("proeventa_http_requests_total") != std::string::npos);

    // Access log: one JSON line per request with the documented fields.
    // The /metrics request is the last one: once its line is there, every earlier one is too.
    auto log = server.log_containing("\"path\":\"/metrics\"");
    CHECK(log.find("\"msg\":\"request\"") != std::string::npos);
    CHECK(log.find("\"duration_us\":") != std::string::npos);
    CHECK(log.find("\"request_id\":\"trace-abc-123\"") != std::string::npos);
}

TEST_CASE("CORS preflight is answered for allowed origins only") {
    auto db = fresh_database("server_cors");
    server_process server({db, {"--cors-origins", "https://tickets.example"}});
    client c(server.port());
    auto ok = c.request("OPTIONS", "/events/events", {},
                        {{"Origin", "https://tickets.example"}, {"Access-Control-Request-Method", "POST"}});
    CHECK(ok.status == 204);
    CHECK(ok.header("access-control-allow-origin") == "https://tickets.example");
    CHECK(ok.header("access-control-allow-headers").find("Authorization") != std::string::npos);
    auto other = c.request("OPTIONS", "/events/events", {}, {{"Origin", "https://evil.example"}});
    CHECK(other.header("access-control-allow-origin").empty());
}

TEST_CASE("limits: oversized body, oversized headers, malformed request line") {
    auto db = fresh_database("server_limits");
    server_process server({db, {"--body-limit", "4096"}});

    {
        raw_connection conn(server.port());
        conn.send("POST /auth/signup HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  "Content-Length: 2000000\r\n\r\n");
        auto res = conn.read_all();
        CHECK(res.rfind("HTTP/1.1 413", 0) == 0);
        CHECK(body_of(res).find("\"status_code\":413") != std::string::npos);
    }
    {
        // Chunked bodies have no Content-Length up front: the limit still applies while reading.
        raw_connection conn(server.port());
        std::string chunk(3000, 'x');
        conn.send("POST /auth/signup HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                  "Transfer-Encoding: chunked\r\n\r\n");
        std::string hex = "bb8";
        conn.send(hex + "\r\n" + chunk + "\r\n" + hex + "\r\n" + chunk + "\r\n0\r\n\r\n");
        auto res = conn.read_all();
        CHECK(res.rfind("HTTP/1.1 413", 0) == 0);
    }
    {
        raw_connection conn(server.port());
        conn.send("GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n");
        auto res = conn.read_all();
        CHECK(res.rfind("HTTP/1.1 431", 0) == 0);
        CHECK(body_of(res).find("\"status_code\":431") != std::string::npos);
    }
    {
        raw_connection conn(server.port());
        conn.send("THIS IS NOT HTTP\r\n\r\n");
        auto res = conn.read_all();
        CHECK(res.rfind("HTTP/1.1 400", 0) == 0);
        CHECK(body_of(res).find("\"status_code\":400") != std::string::npos);
    }
    // The server is still fine afterwards.
    client c(server.port());
    CHECK(c.get("/health").status == 200);
}

TEST_CASE("pipelined requests are answered in order") {
    auto db = fresh_database("server_pipeline");
    server_process server({db});
    raw_connection conn(server.port());
    std::string batch;
    for (int i = 1; i <= 5; ++i) {
        const char* target = i % 2 ? "/health" : "/no/such/api/events/x";
        batch += std::string("GET ") + target + " HTTP/1.1\r\nHost: x\r\nX-Request-Id: req-" + std::to_string(i) +
                 (i == 5 ? "\r\nConnection: close" : "") + "\r\n\r\n";
    }
    conn.send(batch);
    auto all = conn.read_all();
    std::size_t pos = 0;
    for (int i = 1; i <= 5; ++i) {
        auto at = all.find("X-Request-Id: req-" + std::to_string(i), pos);
        INFO("response " << i);
        REQUIRE(at != std::string::npos);
        pos = at;
    }
}

TEST_CASE("a client trickling bytes is cut off by the request timeout") {
    auto db = fresh_database("server_slowloris");
    server_process server({db, {"--request-timeout-ms", "1500", "--keepalive-timeout-ms", "1500"}});
    raw_connection conn(server.port());
    const std::string request = "GET /health HTTP/1.1\r\nHost: x\r\nX-Padding: " + std::string(60, 'p') + "\r\n\r\n";
    // One byte every 200 ms: each arrives well inside any per-read timeout, so only a deadline
    // over the whole request can stop it. Sending it all would take about 17 s.
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(6);
    for (char ch : request) {
        boost::system::error_code ec;
        net::write(conn.socket, net::buffer(&ch, 1), ec);
        if (ec || std::chrono::steady_clock::now() > give_up) break;
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    auto rest = conn.read_all();
    CHECK(conn.closed_by_server);
    CHECK(rest.find("200 OK") == std::string::npos);

    // An idle keep-alive connection is closed too.
    raw_connection idle(server.port());
    CHECK(idle.read_all().empty());
    CHECK(idle.closed_by_server);
    client c(server.port());
    CHECK(c.get("/health").status == 200);
}

TEST_CASE("past the connection cap a new connection gets 503, and a freed place is reused") {
    auto db = fresh_database("server_conn_cap");
    server_process server({db, {"--max-connections", "2"}});
    // A connection whose client has just left (the start-up health probe) holds its place until
    // the server has read its end, so a first attempt may still be refused: `admitted` retries
    // for up to 2.5 s. A request on each makes sure the server has accepted, and counts, it:
    // not /health, which is answered past the cap too (then the connection closes).
    auto admitted = [&server] {
        std::optional<client> in;
        const bool got_in = eventually(
            [&] {
                try {
                    client c(server.port());
                    if (c.get("/events/events?limit=1").status != 200) return false;
                    in.emplace(std::move(c));
                    return true;
                } catch (const std::exception&) {
                    return false;  // refused and closed before the request was read
                }
            },
            std::chrono::milliseconds(2500), std::chrono::milliseconds(50));
        REQUIRE(got_in);
        return std::move(*in);
    };
    std::optional<client> first(admitted());
    client second = admitted();

    // The third is answered without being read: 503, Retry-After, the JSON error, then closed.
    raw_connection third(server.port());
    const auto refused = third.read_all();
    CHECK(third.closed_by_server);
    CHECK(refused.rfind("HTTP/1.1 503", 0) == 0);
    CHECK(refused.find("Retry-After: 1") != std::string::npos);
    auto body = boost::json::parse(body_of(refused)).as_object();
    CHECK(body.at("code").as_string() == "too_many_connections");
    CHECK(body.at("status_code").as_int64() == 503);

    // Closing one connection frees its place (once the server has read its end); the one still
    // open was never disturbed.
    first.reset();
    client replacement = admitted();
    CHECK(second.get("/health").status == 200);
}

TEST_CASE("after a burst of connections has closed, freed memory is handed back") {
    auto db = fresh_database("server_burst");
    server_process server({db});
    {
        // A request answered on each: the server has accepted and counted every one.
        std::vector<std::unique_ptr<raw_connection>> burst;
        for (int i = 0; i < 300; ++i) {
            burst.push_back(std::make_unique<raw_connection>(server.port()));
            burst.back()->send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
            REQUIRE(burst.back()->read_until("\r\n\r\n").rfind("HTTP/1.1 200", 0) == 0);
        }
    }
    const auto log = server.log_containing("returning freed memory");
    const auto at = log.find("returning freed memory");
    REQUIRE(at != std::string::npos);
    const auto begin = log.rfind('\n', at) + 1;  // npos + 1 == 0: the log's first line
    const auto line = boost::json::parse(log.substr(begin, log.find('\n', at) - begin)).as_object();
    CHECK(line.at("peak").as_int64() >= 300);
    CHECK(line.at("open").as_int64() < 10);  // after the fall, not halfway down
    CHECK(client(server.port()).get("/health").status == 200);
}

TEST_CASE("SIGTERM lets the request in flight finish, then exits 0") {
    auto db = fresh_database("server_drain");
    server_process server({db});
    raw_connection conn(server.port());
    const std::string body = R"({"email":"drain@example.com","password":"long-enough-pw","full_name":"Drain"})";
    // `Expect: 100-continue` makes the server say when it has read the header: from then on the
    // request is in flight.
    conn.send("POST /auth/signup HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " +
              std::to_string(body.size()) + "\r\nExpect: 100-continue\r\n\r\n");
    CHECK(conn.read_until("\r\n\r\n").rfind("HTTP/1.1 100", 0) == 0);
    conn.send(body.substr(0, 10));
    ::kill(server.pid(), SIGTERM);
    // New connections are no longer accepted, once the server has acted on the signal.
    CHECK(eventually([&] {
        try {
            client late(server.port());
            late.get("/health");
            return false;
        } catch (const std::exception&) {
            return true;
        }
    }));
    conn.send(body.substr(10));
    auto res = conn.read_all();
    CHECK(res.rfind("HTTP/1.1 201", 0) == 0);
    CHECK(res.find("Connection: close") != std::string::npos);
    CHECK(server.stop(SIGTERM) == 0);
}

TEST_CASE("PostgreSQL stopped and started under a running server: 503, then 200 again") {
    auto dir = std::filesystem::temp_directory_path() / ("proeventa-outage-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    auto cluster = proeventa::db::local_cluster::start(dir);
    server_process server({cluster.conninfo()});
    client c(server.port());
    REQUIRE(c.get("/health").status == 200);
    REQUIRE(c.get("/events/events").status == 200);

    cluster.stop_server();
    auto down = c.get("/health");
    CHECK(down.status == 503);
    CHECK(down.json().at("database") == "unavailable");
    // A filter not asked before: the plain list could be answered from the list cache for a second.
    auto list = c.get("/events/events?q=outage");
    check_error_body(list, 503);
    CHECK(list.json().at("code") == "database_unavailable");

    cluster.start_server();
    // The pool reconnects on its own: once the health check reaches the database again, so do
    // requests that need it. (Not the plain list: its cached page can answer before that.)
    CHECK(eventually([&] { return c.get("/health").status == 200; }, std::chrono::seconds(10),
                     std::chrono::milliseconds(100)));
    CHECK(c.get("/events/events?q=outage").status == 200);
    server.stop();
    cluster.stop();
    std::filesystem::remove_all(dir);
}
