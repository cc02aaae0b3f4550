#pragma once
// JSON in and out of handlers: body parsing with the right 4xx for each failure, field
// validation that collects every problem before answering, and response builders.
#include <proeventa/http/api_error.hpp>
#include <proeventa/http/request_context.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace proeventa {

/// Parses the request body as a JSON object. 415 unless Content-Type is application/json,
/// 400 `invalid_json` for malformed JSON or a non-object, and a nesting/size bound; 400
/// `validation_failed` naming the field when any string or key holds a NUL character.
json::object parse_json_object(const request_context& ctx);

/// A response with a JSON body and the status given.
response json_response(const request_context& ctx, http::status status, const json::value& body);
/// A JSON array response with `X-Total-Count` for paged lists.
response json_list_response(const request_context& ctx, const json::array& items,
                            std::int64_t total_count);

/// Reads typed fields from a JSON object (a body) and records every problem by field name;
/// `finish()` throws one 400 `validation_failed` naming all of them.
class field_reader {
public:
    explicit field_reader(const json::object& body) : body_(body) {}

    bool has(std::string_view key) const;
    /// Trimmed string; required fields that are absent, null or empty fail.
    std::optional<std::string> string(std::string_view key, bool required, std::size_t min_len,
                                      std::size_t max_len);
    std::optional<std::int64_t> integer(std::string_view key, bool required, std::int64_t min,
                                        std::int64_t max);
    std::optional<bool> boolean(std::string_view key, bool required);
    /// RFC 3339 timestamp, returned normalised to UTC (`2026-01-31T20:00:00Z`).
    std::optional<std::string> timestamp(std::string_view key, bool required);
    /// One of a fixed set of words.
    std::optional<std::string> one_of(std::string_view key, bool required,
                                      std::initializer_list<std::string_view> allowed);
    const json::value* raw(std::string_view key) const;

    void fail(std::string_view key, std::string message);
    bool ok() const { return details_.empty(); }
    /// Throws `errors::validation` if any field failed.
    void finish() const;

private:
    const json::object& body_;
    json::object details_;
};

/// Query-string counterpart of field_reader (all values arrive as text). A value holding a
/// NUL or bytes that are not UTF-8 is a problem of its parameter.
class query_reader {
public:
    explicit query_reader(const request_context& ctx) : ctx_(ctx) {}
    std::optional<std::string> string(std::string_view key, std::size_t max_len);
    std::optional<std::int64_t> integer(std::string_view key, std::int64_t min, std::int64_t max);
    std::optional<bool> boolean(std::string_view key);
    std::optional<std::string> timestamp(std::string_view key);
    std::optional<std::string> one_of(std::string_view key,
                                      std::initializer_list<std::string_view> allowed);
    void fail(std::string_view key, std::string message);
    void finish() const;

private:
    std::optional<std::string> value(std::string_view key);

    const request_context& ctx_;
    json::object details_;
};

/// limit/offset paging shared by every list endpoint.
struct page {
    std::int64_t limit = 20;
    std::int64_t offset = 0;
};
page read_page(query_reader& q, std::int64_t default_limit = 20, std::int64_t max_limit = 100);

}  // namespace proeventa
