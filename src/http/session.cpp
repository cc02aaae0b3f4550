#include "session.hpp"

#include <boost/asio/error.hpp>

namespace proeventa::http_detail {

bool is_disconnect(const boost::system::error_code& ec) {
    return ec == http::error::end_of_stream || ec == net::error::eof ||
           ec == net::error::connection_reset || ec == net::error::operation_aborted ||
           ec == beast::error::timeout || ec == net::error::broken_pipe ||
           ec == net::error::bad_descriptor || ec == net::error::not_connected;
}

std::tuple<http::status, const char*, const char*> classify_parse_error(const boost::system::error_code& ec) {
    if (ec == http::error::body_limit)
        return {http::status::payload_too_large, "payload_too_large", "the request body is too large"};
    if (ec == http::error::header_limit)
        return {http::status::request_header_fields_too_large, "headers_too_large",
                "the request headers are too large"};
    return {http::status::bad_request, "bad_request", "malformed HTTP request"};
}

}  // namespace proeventa::http_detail
