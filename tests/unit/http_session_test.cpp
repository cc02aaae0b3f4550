// The session on Beast's in-memory test stream: ordering, limits and error bodies without
// sockets, and every I/O operation made to fail in turn (fail_count), as Beast tests itself.
#include "http/session.hpp"

#include <proeventa/http/json_io.hpp>
#include <proeventa/http/pipeline.hpp>
#include <proeventa/http/router.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/beast/_experimental/test/stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/json/parse.hpp>

#include <catch2/catch.hpp>

#include <cstdio>
#include <exception>
#include <string>
#include <vector>

using namespace proeventa;
namespace test = boost::beast::test;

namespace {

using test_session = http_detail::http_session<test::stream>;

router make_routes() {
    router r;
    r.add(http::verb::get, {"/items/{id}"}, [](request_context& ctx) -> awaitable<response> {
        co_return json_response(ctx, http::status::ok, json::object{{"id", ctx.param("id")}});
    });
    r.add(http::verb::post, {"/echo"}, [](request_context& ctx) -> awaitable<response> {
        co_return json_response(ctx, http::status::ok, json::object{{"body", ctx.req().body()}});
    });
    return r;
}

struct fixture {
    net::io_context ioc;
    router routes = make_routes();
    request_pipeline pipeline{routes, {}};
    http_limits limits;

    /// Feeds `input` to a new session, runs it to its end; returns what the session wrote and
    /// whether it ended by an exception.
    struct outcome {
        std::string written;
        bool threw = false;
    };
    outcome serve(const std::string& input, test::fail_count* faults = nullptr) {
        test::stream server_end = faults ? test::stream(ioc, *faults) : test::stream(ioc);
        test::stream client_end(ioc);
        server_end.connect(client_end);
        server_end.append(input);
        server_end.close_remote();  // the client sends nothing more: EOF after `input`
        auto session = std::make_shared<test_session>(std::move(server_end), limits, pipeline, "192.0.2.1");
        outcome out;
        net::co_spawn(ioc, test_session::run(session), [&out](std::exception_ptr e) { out.threw = e != nullptr; });
        ioc.restart();
        ioc.run();
        out.written = std::string(client_end.str());
        return out;
    }
};

/// Parses every response in `wire`, in order.
std::vector<response> responses(const std::string& wire) {
    std::vector<response> out;
    net::io_context ioc;
    beast::flat_buffer buffer;
    test::stream in(ioc, wire);
    in.close_remote();
    for (;;) {
        response res;
        boost::system::error_code ec;
        http::read(in, buffer, res, ec);
        if (ec) break;
        out.push_back(std::move(res));
    }
    return out;
}

json::object body_of(const response& res) { return json::parse(res.body()).as_object(); }

}  // namespace

TEST_CASE("session answers pipelined requests in order and keeps the connection", "[http][session]") {
    fixture f;
    const auto out = f.serve(
        "GET /items/1 HTTP/1.1\r\nHost: x\r\n\r\n"
        "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\nhi"
        "GET /items/3 HTTP/1.1\r\nHost: x\r\n\r\n");
    CHECK_FALSE(out.threw);
    const auto rs = responses(out.written);
    REQUIRE(rs.size() == 3);
    CHECK(body_of(rs[0]).at("id").as_int64() == 1);
    CHECK(body_of(rs[1]).at("body").as_string() == "hi");
    CHECK(body_of(rs[2]).at("id").as_int64() == 3);
    for (const auto& r : rs) CHECK(r.keep_alive());
}

TEST_CASE("session stops after a request that asks to close", "[http][session]") {
    fixture f;
    const auto out = f.serve(
        "GET /items/1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        "GET /items/2 HTTP/1.1\r\nHost: x\r\n\r\n");
    const auto rs = responses(out.written);
    REQUIRE(rs.size() == 1);
    CHECK_FALSE(rs[0].keep_alive());
}

TEST_CASE("session answers HEAD with the GET's headers and no body", "[http][session]") {
    fixture f;
    const auto out = f.serve("HEAD /items/7 HTTP/1.1\r\nHost: x\r\n\r\n");
    CHECK(out.written.find("\r\n\r\n") == out.written.size() - 4);  // nothing after the headers
    CHECK(out.written.find("Content-Length: 8\r\n") != std::string::npos);  // {"id":7}
}

TEST_CASE("session turns parser failures into JSON errors and closes", "[http][session]") {
    fixture f;
    f.limits.body_limit = 16;
    struct example {
        std::string input;
        unsigned status;
        std::string code;
    };
    const std::vector<example> examples{
        {"NOT A REQUEST\r\n\r\n", 400, "bad_request"},
        {"GET items HTTP/1.1\r\nHost: x\r\n\r\n", 400, "bad_request"},
        {"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 17\r\n\r\n", 413, "payload_too_large"},
        {"POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n20\r\n" + std::string(32, 'a') +
             "\r\n0\r\n\r\n",
         413, "payload_too_large"},
        {"GET /items/1 HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(17 * 1024, 'a') + "\r\n\r\n", 431,
         "headers_too_large"},
    };
    for (const auto& e : examples) {
        INFO(e.input.substr(0, 60));
        const auto out = f.serve(e.input + "GET /items/1 HTTP/1.1\r\nHost: x\r\n\r\n");
        const auto rs = responses(out.written);
        REQUIRE(rs.size() == 1);  // nothing after a broken request is trusted
        CHECK(rs[0].result_int() == e.status);
        CHECK_FALSE(rs[0].keep_alive());
        const auto body = body_of(rs[0]);
        CHECK(body.at("status_code").as_int64() == e.status);
        CHECK(body.at("code").as_string() == e.code);
        CHECK(body.at("error").is_string());
    }
}

TEST_CASE("session answers Expect: 100-continue before reading the body", "[http][session]") {
    fixture f;
    const auto out = f.serve(
        "POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok");
    const auto rs = responses(out.written);
    REQUIRE(rs.size() == 2);
    CHECK(rs[0].result() == http::status::continue_);
    CHECK(body_of(rs[1]).at("body").as_string() == "ok");
}

TEST_CASE("session ends quietly whichever read or write fails", "[http][session]") {
    // Fail the 1st, 2nd, ... stream operation until a run needs no more than that: every
    // failure point must end the session without an exception, and never with a partial or
    // out-of-order answer.
    const std::string input =
        "GET /items/1 HTTP/1.1\r\nHost: x\r\n\r\n"
        "POST /echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nhi"
        "GET /items/3 HTTP/1.1\r\nHost: x\r\n\r\n";
    std::size_t n = 0;
    for (; n < 100; ++n) {
        fixture f;
        test::fail_count faults(n);
        const auto out = f.serve(input, &faults);
        INFO("failing operation " << n);
        CHECK_FALSE(out.threw);
        const auto rs = responses(out.written);
        // Whatever got through is a prefix of the full answer: ids 1, (100, echo), 3.
        std::vector<std::string> seen;
        for (const auto& r : rs) seen.push_back(r.result_int() == 100 ? "continue" : std::string(r.body()));
        const std::vector<std::string> full{R"({"id":1})", "continue", R"({"body":"hi"})", R"({"id":3})"};
        REQUIRE(seen.size() <= full.size());
        for (std::size_t i = 0; i < seen.size(); ++i) CHECK(seen[i] == full[i]);
        if (seen.size() == full.size()) break;  // this run needed fewer operations than n
    }
    CHECK(n > 3);  // the faults really landed on several operations before a clean run
    CHECK(n < 100);
}

TEST_CASE("closing an idle session ends it; a busy one only when forced", "[http][session]") {
    fixture f;
    test::stream server_end(f.ioc), client_end(f.ioc);
    server_end.connect(client_end);
    auto session = std::make_shared<test_session>(std::move(server_end), f.limits, f.pipeline, "192.0.2.1");
    bool ended = false;
    net::co_spawn(f.ioc, test_session::run(session), [&ended](std::exception_ptr) { ended = true; });
    f.ioc.poll();
    REQUIRE_FALSE(ended);  // waiting for a first request that never comes
    session->close(false);
    f.ioc.poll();
    CHECK(ended);

    // Half a request: the session is reading it, not idle, so a polite close leaves it be.
    fixture g;
    test::stream s2(g.ioc), c2(g.ioc);
    s2.connect(c2);
    s2.append("GET /items/1 HTTP/1.1\r\nHo");
    auto busy = std::make_shared<test_session>(std::move(s2), g.limits, g.pipeline, "192.0.2.1");
    bool busy_ended = false;
    net::co_spawn(g.ioc, test_session::run(busy), [&busy_ended](std::exception_ptr) { busy_ended = true; });
    g.ioc.poll();
    busy->close(false);
    g.ioc.poll();
    CHECK_FALSE(busy_ended);
    busy->close(true);
    g.ioc.poll();
    CHECK(busy_ended);
}

TEST_CASE("session refuses any Transfer-Encoding but exactly chunked, so nothing is smuggled",
          "[http][session]") {
    // Behind a front end that frames by another rule, the "body" below would be a second request.
    const std::string smuggled = "GET /items/666 HTTP/1.1\r\nHost: x\r\n\r\n";
    const auto chunk = [&] {
        char size[16];
        std::snprintf(size, sizeof size, "%zx", smuggled.size());
        return std::string(size) + "\r\n" + smuggled + "\r\n0\r\n\r\n";
    }();
    for (const std::string coding :
         {"gzip", "chunked, gzip", "gzip, chunked", "identity", "chunked\r\nTransfer-Encoding: chunked",
          "chunked\r\nContent-Length: 5", "chunkedx"}) {
        CAPTURE(coding);
        fixture f;
        const auto out = f.serve("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                 "Transfer-Encoding: " + coding + "\r\n\r\n" + smuggled +
                                 "GET /items/2 HTTP/1.1\r\nHost: x\r\n\r\n");
        const auto rs = responses(out.written);
        REQUIRE(rs.size() == 1);  // the 400, and the connection closed: nothing after it is read
        CHECK(rs[0].result() == http::status::bad_request);
        CHECK_FALSE(rs[0].keep_alive());
        CHECK(out.written.find("666") == std::string::npos);
    }
    SECTION("exactly chunked is read as a body") {
        fixture f;
        const auto out = f.serve("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                                 "Transfer-Encoding:  Chunked \r\n\r\n" + chunk);
        const auto rs = responses(out.written);
        REQUIRE(rs.size() == 1);
        CHECK(rs[0].result() == http::status::ok);
        CHECK(body_of(rs[0]).at("body").as_string() == smuggled);
    }
}
