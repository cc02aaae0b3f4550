#include "session.hpp"

#include <boost/asio/error.hpp>
#include <boost/asio/ssl/error.hpp>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <iterator>

namespace proeventa::http_detail {

bool is_disconnect(const boost::system::error_code& ec) {
    return ec == http::error::end_of_stream || ec == net::error::eof ||
           ec == net::error::connection_reset || ec == net::error::operation_aborted ||
           ec == beast::error::timeout || ec == net::error::broken_pipe ||
           ec == net::error::bad_descriptor || ec == net::error::not_connected;
}

bool acceptable_transfer_encoding(const http::request_header<>& header) {
    auto codings = header.equal_range(http::field::transfer_encoding);
    if (codings.first == codings.second) return true;
    // Exactly one header whose whole value, trimmed, is `chunked`.
    if (std::next(codings.first) != codings.second) return false;
    auto value = codings.first->value();
    while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
    while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
    if (!beast::iequals(value, "chunked")) return false;
    return header.find(http::field::content_length) == header.end();
}

bool is_plain_http_on_tls(const boost::system::error_code& ec) {
    if (ec.category() != net::error::get_ssl_category()) return false;
    const auto reason = ERR_GET_REASON(static_cast<unsigned long>(ec.value()));
    return reason == SSL_R_HTTP_REQUEST || reason == SSL_R_HTTPS_PROXY_REQUEST;
}

std::tuple<http::status, const char*, const char*> classify_parse_error(const boost::system::error_code& ec) {
    if (ec == http::error::body_limit)
        return {http::status::payload_too_large, "payload_too_large", "the request body is too large"};
    if (ec == http::error::header_limit)
        return {http::status::request_header_fields_too_large, "headers_too_large",
                "the request headers are too large"};
    if (ec == http::error::bad_transfer_encoding)
        return {http::status::bad_request, "bad_transfer_encoding",
                "Transfer-Encoding must be exactly chunked (or absent, with Content-Length)"};
    return {http::status::bad_request, "bad_request", "malformed HTTP request"};
}

}  // namespace proeventa::http_detail
