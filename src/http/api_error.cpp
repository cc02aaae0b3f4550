#include <proeventa/http/api_error.hpp>

namespace proeventa::errors {

api_error bad_request(std::string message, std::string code) {
    return {http::status::bad_request, std::move(code), std::move(message)};
}
api_error validation(json::object details, std::string message) {
    return {http::status::bad_request, "validation_failed", std::move(message), std::move(details)};
}
api_error unauthorized(std::string message, std::string code) {
    return api_error{http::status::unauthorized, std::move(code), std::move(message)}
        .with_header("WWW-Authenticate", "Bearer");
}
api_error forbidden(std::string message) {
    return {http::status::forbidden, "forbidden", std::move(message)};
}
api_error not_found(std::string message) {
    return {http::status::not_found, "not_found", std::move(message)};
}
api_error conflict(std::string code, std::string message, json::object details) {
    return {http::status::conflict, std::move(code), std::move(message), std::move(details)};
}
api_error unprocessable(std::string code, std::string message) {
    return {http::status::unprocessable_entity, std::move(code), std::move(message)};
}
api_error too_many_requests(long retry_after_seconds, std::string message) {
    return api_error{http::status::too_many_requests, "rate_limited", std::move(message)}
        .with_header("Retry-After", std::to_string(retry_after_seconds < 1 ? 1 : retry_after_seconds));
}
api_error unavailable(std::string code, std::string message) {
    return {http::status::service_unavailable, std::move(code), std::move(message)};
}

}  // namespace proeventa::errors
