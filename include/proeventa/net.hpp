#pragma once
// Namespace aliases shared by every ProEventa translation unit (the Beast convention).
#include <boost/asio/awaitable.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/json/fwd.hpp>

namespace proeventa {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace json = boost::json;

template <class T = void>
using awaitable = net::awaitable<T>;

inline constexpr auto use_awaitable = net::use_awaitable;

using request = http::request<http::string_body>;
using response = http::response<http::string_body>;
}  // namespace proeventa
