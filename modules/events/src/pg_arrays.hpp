#pragma once
// PostgreSQL array literals for `unnest($n::text[], ...)`: bulk inserts travel as a handful of
// array parameters instead of one statement per row. Values are data, never SQL text.
#include <cstdint>
#include <string>
#include <vector>

namespace proeventa::events {

/// `{"a","b \"quoted\""}`: every element quoted, so commas, braces, spaces and the word NULL
/// stay plain text.
std::string pg_text_array(const std::vector<std::string>& values);
std::string pg_int_array(const std::vector<std::int64_t>& values);
/// Shortest text that reads back as the same double.
std::string pg_double_array(const std::vector<double>& values);

}  // namespace proeventa::events
