#pragma once
// Typed reads of nested JSON (array items, sub-objects) that report problems under the field path
// the client sent. field_reader covers the top level of a body; these cover what lies below it.
#include "problems.hpp"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace proeventa::events::json_fields {

/// `prefix.key`, or `key` when prefix is empty.
std::string path(std::string_view prefix, std::string_view key);
/// `prefix[index]`.
std::string item(std::string_view prefix, std::size_t index);

/// A trimmed string of min_len..max_len characters (UTF-8 code points). Integers are accepted
/// where people naturally write them as numbers (row "3").
std::optional<std::string> text(const boost::json::object& o, std::string_view key,
                                std::string_view field, bool required, std::size_t min_len,
                                std::size_t max_len, problem_list& problems,
                                bool accept_integer = false);
std::optional<std::int64_t> integer(const boost::json::object& o, std::string_view key,
                                    std::string_view field, bool required, std::int64_t min,
                                    std::int64_t max, problem_list& problems);
/// A finite number within ±limit.
std::optional<double> number(const boost::json::object& o, std::string_view key,
                             std::string_view field, bool required, double limit,
                             problem_list& problems);

/// Number of code points in valid UTF-8 (bytes counted otherwise).
std::size_t utf8_length(std::string_view s);
std::string trim(std::string_view s);

}  // namespace proeventa::events::json_fields
