#include <proeventa/db/errors.hpp>
#include <proeventa/http/api_error.hpp>
#include <proeventa/http/pipeline.hpp>

#include <boost/json.hpp>
#include <catch2/catch.hpp>

using namespace proeventa;

namespace {
template <class E>
response map(E error) {
    request req{http::verb::get, "/", 11};
    return error_response(req, std::make_exception_ptr(std::move(error)), "rid");
}
boost::json::object body_of(const response& res) { return boost::json::parse(res.body()).as_object(); }
}  // namespace

TEST_CASE("api_error becomes the JSON error body with its status and code", "[errors]") {
    auto res = map(errors::conflict("seat_taken", "seat 3 is taken", {{"seat_ids", boost::json::array{3}}}));
    CHECK(res.result() == http::status::conflict);
    auto body = body_of(res);
    CHECK(body.at("error") == "seat 3 is taken");
    CHECK(body.at("status_code") == 409);
    CHECK(body.at("code") == "seat_taken");
    CHECK(body.at("details").at("seat_ids").as_array().size() == 1);
    CHECK(res[http::field::content_type] == "application/json");
}

TEST_CASE("extra headers travel with the error", "[errors]") {
    auto res = map(errors::too_many_requests(30));
    CHECK(res.result() == http::status::too_many_requests);
    CHECK(res[http::field::retry_after] == "30");
    CHECK(body_of(res).at("code") == "rate_limited");
}

TEST_CASE("database failures map without leaking their text", "[errors]") {
    auto down = map(db::unavailable("could not connect to server at /secret/path"));
    CHECK(down.result() == http::status::service_unavailable);
    CHECK(body_of(down).at("code") == "database_unavailable");
    CHECK(down.body().find("secret") == std::string::npos);

    auto range = map(db::query_error("22003", "integer out of range in relation users"));
    CHECK(range.result() == http::status::bad_request);
    CHECK(range.body().find("users") == std::string::npos);

    auto timeout = map(db::query_error("57014", "canceling statement due to statement timeout"));
    CHECK(timeout.result() == http::status::service_unavailable);

    auto other = map(db::query_error("42P01", "relation \"users\" does not exist"));
    CHECK(other.result() == http::status::internal_server_error);
    CHECK(other.body().find("users") == std::string::npos);
}

TEST_CASE("unknown exceptions are a bare 500", "[errors]") {
    auto res = map(std::runtime_error("pointer 0xdeadbeef"));
    CHECK(res.result() == http::status::internal_server_error);
    CHECK(body_of(res).at("code") == "internal_error");
    CHECK(res.body().find("deadbeef") == std::string::npos);
}

TEST_CASE("integrity constraint violations are never a 500", "[errors]") {
    for (const char* state : {"23502", "23514"}) {
        auto res = map(db::query_error(state, "new row for relation \"venues\" violates check constraint"));
        CHECK(res.result() == http::status::bad_request);
        CHECK(body_of(res).at("code") == "invalid_value");
        CHECK(res.body().find("venues") == std::string::npos);
    }
    for (const char* state : {"23503", "23P01", "23001"}) {
        auto res = map(db::query_error(state, "violates foreign key constraint \"events_venue_id_fkey\""));
        CHECK(res.result() == http::status::conflict);
        CHECK(body_of(res).at("code") == "conflict");
        CHECK(res.body().find("fkey") == std::string::npos);
    }
    auto too_big = map(db::query_error("54000", "index row size exceeds btree maximum"));
    CHECK(too_big.result() == http::status::bad_request);
}
