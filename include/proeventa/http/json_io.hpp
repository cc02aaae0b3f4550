#pragma once
// JSON in and out of handlers: body parsing with the right 4xx for each failure, field
// validation that collects every problem before answering, and response builders.
#include <proeventa/http/api_error.hpp>
#include <proeventa/http/request_context.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

/// Reads typed fields from a JSON object (a body) and records every problem under the field's
/// path as the client sent it (`name`, `layout.sections[2].rows`, `prices[0].category`);
/// `finish()` throws one 400 `validation_failed` naming all of them. Nested objects and arrays
/// of objects are read by sub-readers that report into the same list, so a body is checked in
/// one pass however deep it goes. The list is bounded (`max_problems`), so a 20 000-seat body
/// full of mistakes does not answer a megabyte of details.
class field_reader {
public:
    static constexpr std::size_t max_problems = 25;

    explicit field_reader(const json::object& body);

    /// Present and not null.
    bool has(std::string_view key) const;
    const json::value* raw(std::string_view key) const;
    /// The field's name as the client sees it: this reader's path, then `key`.
    std::string path(std::string_view key) const;

    /// Trimmed string of min_len..max_len characters (code points); required fields that are
    /// absent, null or blank fail. `accept_integer`: a number is taken as its digits (row 3).
    std::optional<std::string> string(std::string_view key, bool required, std::size_t min_len,
                                      std::size_t max_len, bool accept_integer = false);
    std::optional<std::int64_t> integer(std::string_view key, bool required, std::int64_t min,
                                        std::int64_t max);
    /// A finite number within [-limit, limit].
    std::optional<double> number(std::string_view key, bool required, double limit);
    std::optional<bool> boolean(std::string_view key, bool required);
    /// RFC 3339 timestamp, returned normalised to UTC (`2026-01-31T20:00:00Z`).
    std::optional<std::string> timestamp(std::string_view key, bool required);
    /// One of a fixed set of words.
    std::optional<std::string> one_of(std::string_view key, bool required,
                                      std::initializer_list<std::string_view> allowed);

    /// The object under `key`, read by a reader of its own; nullopt (after recording why, when
    /// required or not an object) otherwise.
    std::optional<field_reader> object(std::string_view key, bool required);
    /// The array of objects under `key` (min_items..max_items long), one reader per item;
    /// nullopt after recording the problem. Items that are not objects are problems of their own
    /// and have no reader; `complete` says whether every item had one.
    struct items {
        std::vector<field_reader> readers;
        bool complete = true;
    };
    std::optional<items> objects(std::string_view key, bool required, std::size_t min_items,
                                 std::size_t max_items);

    /// Records a problem with `key` (relative to this reader; empty: this reader's own path).
    /// The first problem recorded for a field wins.
    void fail(std::string_view key, std::string message);
    /// Whether `key` (relative to this reader) already has a problem.
    bool failed(std::string_view key) const;
    /// No problem recorded anywhere in the body so far.
    bool ok() const;
    /// Throws `errors::validation` if any field failed.
    void finish() const;

private:
    struct problems;
    field_reader(const json::object& body, std::string prefix, std::shared_ptr<problems> sink);

    const json::object* body_;
    std::string prefix_;
    std::shared_ptr<problems> problems_;
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
