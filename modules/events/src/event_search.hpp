#pragma once
// Turning what people type into the search box into a PostgreSQL tsquery over the events'
// 'simple' search vector. Pure.
#include <optional>
#include <string>
#include <string_view>

namespace proeventa::events {

inline constexpr std::size_t max_search_terms = 8;

/// Every word becomes a prefix term and all must match: "sym orch" → `sym:* & orch:*`, so
/// results appear while people are still typing. Only letters and digits (any script) survive,
/// which keeps to_tsquery's operator syntax out of reach. nullopt when no word is left.
std::optional<std::string> search_query(std::string_view text);

/// True when `text` is well-formed UTF-8.
bool valid_utf8(std::string_view text);

}  // namespace proeventa::events
