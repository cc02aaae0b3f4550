#pragma once
// What people type into the search box, prepared for websearch_to_tsquery('simple', ...) over
// the events' search vector. Pure.
//
// Whole words, not prefixes: PostgreSQL estimates how many events contain a word from its
// statistics and picks the GIN index for rare words, but it cannot estimate a prefix (`swa:*`)
// and then walks the start-time index filtering every row (measured on 10 000 events: a
// prefix that matches nothing took ~60-80 ms, the same word whole ~1 ms through the GIN index).
#include <optional>
#include <string>
#include <string_view>

namespace proeventa::events {

/// The text with runs of whitespace collapsed, or nullopt when it holds no letter or digit
/// (nothing to search for: the filter is left out rather than matching nothing). The
/// websearch syntax people know stays available: "quoted phrases", `or`, `-excluded`.
std::optional<std::string> search_text(std::string_view text);

}  // namespace proeventa::events
