// The one place an exception becomes an HTTP response.
#include <proeventa/db/errors.hpp>
#include <proeventa/http/api_error.hpp>
#include <proeventa/http/pipeline.hpp>
#include <proeventa/log.hpp>
#include <proeventa/text.hpp>

#include <boost/json/serialize.hpp>

namespace proeventa {

response make_error_response(unsigned version, http::status status, std::string_view code,
                             std::string_view message, const json::object* details) {
    json::object body;
    // A message may quote the request (an unknown path); bytes that are not UTF-8 there would
    // make the body invalid JSON, so such a message gives way to the status's own words.
    body["error"] = text::valid_utf8(message) ? message : std::string_view(http::obsolete_reason(status));
    body["status_code"] = static_cast<int>(status);
    body["code"] = code;
    if (details && !details->empty()) body["details"] = *details;
    response res{status, version};
    res.set(http::field::content_type, "application/json");
    res.set(http::field::cache_control, "no-store");
    res.body() = json::serialize(body);
    res.prepare_payload();
    return res;
}

response error_response(const request& req, const std::exception_ptr& error,
                        const std::string& request_id) {
    const auto v = req.version();
    try {
        std::rethrow_exception(error);
    } catch (const api_error& e) {
        auto res = make_error_response(v, e.status(), e.code(), e.what(), &e.details());
        for (const auto& [name, value] : e.headers()) res.set(name, value);
        return res;
    } catch (const db::unavailable& e) {
        log::warn("database unavailable", {{"request_id", request_id}, {"detail", e.what()}});
        auto res = make_error_response(v, http::status::service_unavailable, "database_unavailable",
                                       "the database is unavailable; please retry shortly");
        res.set(http::field::retry_after, "1");
        return res;
    } catch (const db::query_error& e) {
        const auto& state = e.sqlstate();
        log::warn("query failed", {{"request_id", request_id}, {"sqlstate", state}, {"detail", e.what()}});
        if (state.rfind("22", 0) == 0)  // data exception: a value the client sent was out of range
            return make_error_response(v, http::status::bad_request, "invalid_value",
                                       "a value in the request is out of range");
        if (state == "23505")
            return make_error_response(v, http::status::conflict, "conflict",
                                       "the resource already exists");
        // Integrity constraints: a value a check or NOT NULL refuses is the client's (400); a
        // reference or exclusion clash is a conflict with the current state (409). Validation
        // should have caught these first; reaching here must still never be a 500.
        if (state == "23502" || state == "23514")
            return make_error_response(v, http::status::bad_request, "invalid_value",
                                       "a value in the request is not allowed");
        if (state.rfind("23", 0) == 0)
            return make_error_response(v, http::status::conflict, "conflict",
                                       "the request conflicts with the current state of the resource");
        // Program limits (54): e.g. a value too large to index.
        if (state.rfind("54", 0) == 0)
            return make_error_response(v, http::status::bad_request, "invalid_value",
                                       "a value in the request is too large");
        if (state == "57014" || state.rfind("08", 0) == 0 || state == "53300" || state == "57P01")
            return make_error_response(v, http::status::service_unavailable, "database_unavailable",
                                       "the database is unavailable; please retry shortly");
        return make_error_response(v, http::status::internal_server_error, "internal_error",
                                   "internal error");
    } catch (const std::exception& e) {
        log::error("unhandled error", {{"request_id", request_id}, {"detail", e.what()}});
    } catch (...) {
        log::error("unhandled non-standard exception", {{"request_id", request_id}});
    }
    return make_error_response(v, http::status::internal_server_error, "internal_error",
                               "internal error");
}

}  // namespace proeventa
