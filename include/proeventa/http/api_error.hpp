#pragma once
// The one error type a handler throws for an expected failure. It carries what the client sees
// (status, stable machine code, human message, optional per-field details) and nothing else;
// the HTTP error body is produced from it in exactly one place (src/http/error_mapping.cpp).
#include <proeventa/net.hpp>

#include <boost/json/object.hpp>

#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace proeventa {

class api_error : public std::runtime_error {
public:
    api_error(http::status status, std::string code, std::string message,
              json::object details = {})
        : std::runtime_error(std::move(message)),
          status_(status),
          code_(std::move(code)),
          details_(std::move(details)) {}

    http::status status() const noexcept { return status_; }
    const std::string& code() const noexcept { return code_; }
    const json::object& details() const noexcept { return details_; }
    /// Extra response headers (e.g. Retry-After on 429, Allow on 405).
    const std::vector<std::pair<std::string, std::string>>& headers() const noexcept {
        return headers_;
    }
    api_error&& with_header(std::string name, std::string value) && {
        headers_.emplace_back(std::move(name), std::move(value));
        return std::move(*this);
    }

private:
    http::status status_;
    std::string code_;
    json::object details_;
    std::vector<std::pair<std::string, std::string>> headers_;
};

/// Factories for the common cases, so codes stay consistent across modules.
namespace errors {
api_error bad_request(std::string message, std::string code = "bad_request");
/// 400 with `details` naming each offending field.
api_error validation(json::object details, std::string message = "validation failed");
api_error unauthorized(std::string message = "authentication required",
                       std::string code = "unauthorized");
api_error forbidden(std::string message = "you are not allowed to do this");
api_error not_found(std::string message = "not found");
api_error conflict(std::string code, std::string message, json::object details = {});
api_error unprocessable(std::string code, std::string message);
api_error too_many_requests(long retry_after_seconds, std::string message = "too many requests");
api_error unavailable(std::string code, std::string message);
}  // namespace errors

}  // namespace proeventa
