// The HTTP session fed raw bytes on Beast's in-memory stream: request lines, headers, chunked
// bodies, pipelined requests and every limit, through the real pipeline (request id, CORS,
// X-Forwarded-For from a trusted peer, the one error mapping) and router. The routes stand in
// for the API's shapes (integer path parameters, a paged list, JSON bodies read by the real
// readers) without a database.
//
// Input: the first byte picks an I/O fault (high bit set: the (byte & 15)-th stream operation
// fails), the rest is what the client sends before closing its side.
//
// Properties: the session never ends by an exception; without injected faults what it wrote
// parses as a sequence of HTTP responses; no response is a 5xx (nothing here touches a
// database, so a 5xx can only be bad input turned into a server error); every error has the
// JSON body {"error","status_code","code"} with status_code equal to the status.
#include "fuzz_support.hpp"
#include "http/session.hpp"
#include "event_validation.hpp"
#include "reserve_request.hpp"

#include <proeventa/http/json_io.hpp>
#include <proeventa/http/pipeline.hpp>
#include <proeventa/http/router.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/beast/_experimental/test/stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/json/parse.hpp>

#include <cstddef>
#include <cstdio>
#include <cstdint>
#include <exception>
#include <memory>
#include <string>
#include <string_view>

using namespace proeventa;
namespace test = boost::beast::test;

namespace {

using fuzz_session = http_detail::http_session<test::stream>;

router make_routes() {
    router r;
    r.add(http::verb::get, {"/events/events", "/api/v1/events"}, [](request_context& ctx) -> awaitable<response> {
        query_reader q(ctx);
        auto text = q.string("q", 200);
        auto from = q.timestamp("from");
        auto status = q.one_of("status", {"draft", "published", "cancelled"});
        auto available = q.boolean("available");
        const page p = read_page(q);
        q.finish();
        json::object item{{"q", text.value_or("")}, {"from", from.value_or("")}, {"status", status.value_or("")},
                          {"available", available.value_or(false)}};
        co_return json_list_response(ctx, json::array{item}, p.limit + p.offset);
    });
    r.add(http::verb::get, {"/events/events/{id}", "/api/v1/events/{id}"},
          [](request_context& ctx) -> awaitable<response> {
              co_return json_response(ctx, http::status::ok, json::object{{"id", ctx.param("id")}});
          });
    r.add(http::verb::post, {"/events/events", "/api/v1/events"}, [](request_context& ctx) -> awaitable<response> {
        const auto body = parse_json_object(ctx);
        field_reader reader(body);
        const auto input = events::read_event_input(reader, true);
        reader.finish();
        co_return json_response(ctx, http::status::created, json::object{{"name", input.name.value_or("")}});
    });
    r.add(http::verb::post, {"/reservations/reservations/reserve", "/api/v1/reservations/reserve"},
          [](request_context& ctx) -> awaitable<response> {
              const auto req = reservations::parse_reserve_request(parse_json_object(ctx));
              co_return json_response(ctx, http::status::created, json::object{{"key", req.fingerprint()}});
          });
    r.add(http::verb::delete_, {"/reservations/reservations/{id}", "/api/v1/reservations/{id}"},
          [](request_context& ctx) -> awaitable<response> {
              co_return json_response(ctx, http::status::ok, json::object{{"id", ctx.param("id")}});
          });
    // The SPA's stand-in: any other GET that is not under an API prefix.
    r.set_fallback([](request_context& ctx) -> awaitable<response> {
        response res{http::status::ok, ctx.req().version()};
        res.set(http::field::content_type, "text/html");
        res.body() = "<!doctype html>";
        res.prepare_payload();
        co_return res;
    });
    return r;
}

pipeline_options make_options() {
    pipeline_options o;
    o.cors_origins = {"https://app.proeventa.test"};
    // The session's peer below is a trusted proxy, so X-Forwarded-For chains are parsed too.
    o.trusted_proxies = network_list::parse("192.0.2.0/24, 2001:db8::/32");
    return o;
}

struct server_side {
    net::io_context ioc;
    router routes = make_routes();
    request_pipeline pipeline{routes, make_options()};
    http_limits limits;
    server_side() {
        // Small limits, so short inputs reach every one of them.
        limits.header_limit = 1024;
        limits.body_limit = 512;
    }
};

void check_responses(std::string_view wire) {
    net::io_context ioc;
    test::stream in(ioc, wire);
    in.close_remote();
    beast::flat_buffer buffer;
    for (;;) {
        http::response_parser<http::string_body> parser;
        parser.body_limit(64 * 1024);
        boost::system::error_code ec;
        http::read(in, buffer, parser, ec);
        if (ec == http::error::end_of_stream) break;
        fuzz::require(!ec, "what the session writes parses as HTTP responses");
        const auto& res = parser.get();
        const unsigned status = res.result_int();
        fuzz::require(status < 500, "no 5xx for bad input");
        if (status < 400) continue;
        boost::system::error_code json_ec;
        const auto body = json::parse(res.body(), json_ec);
        if (json_ec) std::fprintf(stderr, "error body: %s\n", res.body().c_str());
        fuzz::require(!json_ec && body.is_object(), "an error body is a JSON object");
        const auto& o = body.as_object();
        fuzz::require(o.contains("error") && o.at("error").is_string(), "an error body has a message");
        fuzz::require(o.contains("code") && o.at("code").is_string(), "an error body has a code");
        fuzz::require(o.contains("status_code") && o.at("status_code").is_int64() &&
                          o.at("status_code").as_int64() == status,
                      "an error body's status_code is the status");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::quiet_logs();
    if (size == 0) return 0;
    static server_side server;
    const bool faulty = (data[0] & 0x80) != 0;
    const std::string_view wire(reinterpret_cast<const char*>(data + 1), size - 1);

    test::fail_count faults(faulty ? (data[0] & 0x0f) : 1000000);
    test::stream server_end(server.ioc, faults);
    test::stream client_end(server.ioc);
    server_end.connect(client_end);
    server_end.append(wire);
    server_end.close_remote();
    auto session = std::make_shared<fuzz_session>(std::move(server_end), server.limits, server.pipeline,
                                                  "192.0.2.1");
    bool threw = false;
    auto done = [&threw](std::exception_ptr e) { threw = e != nullptr; };
    net::co_spawn(server.ioc, fuzz_session::run(session), std::move(done));
    server.ioc.restart();
    server.ioc.run();
    fuzz::require(!threw, "a session ends without an exception");

    const std::string written(client_end.str());
    // A HEAD answer has headers only, which a reader of the wire alone cannot tell; and after an
    // injected fault the last answer may be cut short.
    if (!faulty && wire.find("HEAD") == std::string_view::npos) check_responses(written);
    return 0;
}
