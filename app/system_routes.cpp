#include "system_routes.hpp"

#include <proeventa/config.hpp>
#include <proeventa/http/json_io.hpp>

#include <boost/json.hpp>

namespace proeventa::app {
namespace {

response text_response(const request_context& ctx, std::string content_type, std::string body) {
    response res{http::status::ok, ctx.req().version()};
    res.set(http::field::content_type, std::move(content_type));
    res.set(http::field::cache_control, "no-store");
    res.body() = std::move(body);
    res.prepare_payload();
    return res;
}

// An OpenAPI document derived from the live route table, so it can never list a route that
// does not exist; docs/api.md carries the prose.
json::object openapi_document(const router& r) {
    json::object paths;
    for (const auto& route : r.routes()) {
        json::object ops;
        for (auto m : route.methods) {
            std::string verb(http::to_string(m));
            for (auto& c : verb) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            json::object op;
            op["summary"] = std::string(http::to_string(m)) + " " + route.pattern;
            op["responses"] = json::object{{"default", json::object{{"description", "see docs/api.md"}}}};
            ops[verb] = std::move(op);
        }
        paths[route.pattern] = std::move(ops);
    }
    return json::object{
        {"openapi", "3.0.3"},
        {"info", json::object{{"title", "ProEventa API"}, {"version", version_string}}},
        {"paths", std::move(paths)},
    };
}

}  // namespace

metric_source replica_metrics(db::read_router& reads) {
    return [&reads] {
        const auto s = reads.statistics();
        return std::vector<metric_sample>{
            {"proeventa_db_replica_configured", "gauge", "1 when --database-read-url is set", s.configured},
            {"proeventa_db_replica_up", "gauge", "1 while the replica serves public reads", s.in_service},
            {"proeventa_db_replica_lag_milliseconds", "gauge",
             "age of the oldest primary position the replica has not replayed", s.lag_ms},
            {"proeventa_db_replica_reads_total", "counter", "public reads answered by the replica", s.replica_reads},
            {"proeventa_db_replica_primary_reads_total", "counter",
             "public reads the primary answered (no replica, out of service, or not past a change)", s.primary_reads},
            {"proeventa_db_replica_failures_total", "counter", "replica reads that failed and went to the primary",
             s.replica_failures},
            {"proeventa_db_replica_fills_held_back_total", "counter",
             "cache fills sent to the primary because the replica had not replayed the last change", s.fills_held_back}};
    };
}

void register_system_routes(router& r, db::pool& db, const request_pipeline& pipeline,
                            std::vector<metric_source> sources) {
    r.add(http::verb::get, {"/health", "/api/v1/health"},
          [&db](request_context& ctx) -> awaitable<response> {
              const bool up = co_await db.ping();
              json::object body{{"status", up ? "ok" : "degraded"},
                                {"database", up ? "ok" : "unavailable"},
                                {"version", version_string}};
              co_return json_response(ctx, up ? http::status::ok : http::status::service_unavailable, body);
          });

    // Readiness, for load balancers: 503 while draining (so traffic moves before connections
    // close) or while the primary is unreachable. /health stays the liveness check.
    r.add(http::verb::get, {"/ready", "/api/v1/ready"},
          [&db, &pipeline](request_context& ctx) -> awaitable<response> {
              if (pipeline.draining()) {
                  json::object body{{"error", "the server is shutting down"}, {"status_code", 503},
                                    {"code", "draining"}, {"status", "draining"}};
                  co_return json_response(ctx, http::status::service_unavailable, body);
              }
              if (!co_await db.ping()) {
                  json::object body{{"error", "the primary database is unreachable"}, {"status_code", 503},
                                    {"code", "database_unavailable"}, {"status", "unavailable"}};
                  co_return json_response(ctx, http::status::service_unavailable, body);
              }
              co_return json_response(ctx, http::status::ok, json::object{{"status", "ready"}});
          });

    r.add(http::verb::get, {"/metrics"}, [&db, &pipeline, sources = std::move(sources)](
                                             request_context& ctx) -> awaitable<response> {
        const auto& c = pipeline.stats();
        const auto pool = db.statistics();
        std::string out;
        auto metric = [&out](const char* name, const char* type, const char* help, auto value) {
            out += std::string("# HELP ") + name + " " + help + "\n# TYPE " + name + " " + type + "\n" +
                   name + " " + std::to_string(value) + "\n";
        };
        metric("proeventa_http_requests_total", "counter", "HTTP requests answered.", c.requests.load());
        metric("proeventa_http_client_errors_total", "counter", "Responses with a 4xx status.", c.errors_4xx.load());
        metric("proeventa_http_server_errors_total", "counter", "Responses with a 5xx status.", c.errors_5xx.load());
        metric("proeventa_http_request_duration_microseconds_total", "counter",
               "Time spent answering requests.", c.duration_us_total.load());
        metric("proeventa_db_connections_open", "gauge", "Open PostgreSQL connections.", pool.open);
        metric("proeventa_db_connections_idle", "gauge", "Idle PostgreSQL connections.", pool.idle);
        metric("proeventa_db_waiters", "gauge", "Requests waiting for a connection.", pool.waiting);
        for (const auto& source : sources)
            for (const auto& s : source()) metric(s.name.c_str(), s.type.c_str(), s.help.c_str(), s.value);
        co_return text_response(ctx, "text/plain; version=0.0.4", std::move(out));
    });

    r.add(http::verb::get, {"/openapi.json"}, [&r](request_context& ctx) -> awaitable<response> {
        co_return json_response(ctx, http::status::ok, openapi_document(r));
    });

    r.add(http::verb::get, {"/docs"}, [](request_context& ctx) -> awaitable<response> {
        co_return text_response(ctx, "text/html; charset=utf-8",
                                "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                                "<title>ProEventa API</title></head><body><h1>ProEventa API</h1>"
                                "<p>The machine-readable description is at "
                                "<a href=\"/openapi.json\">/openapi.json</a>.</p></body></html>");
    });
}

}  // namespace proeventa::app
