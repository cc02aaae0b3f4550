#pragma once
// A named, parameterised SQL statement. The name is the prepared-statement name: each
// connection prepares it once, on first use. Declare queries as namespace-scope constants:
//   inline constexpr db::query find_user{"auth.find_user", "SELECT ... WHERE id = $1"};
#include <boost/json/value.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace proeventa::db {

struct query {
    const char* name;
    const char* sql;
};

/// Parameters travel in text format; nullopt is SQL NULL.
using param = std::optional<std::string>;
using param_list = std::vector<param>;

namespace detail {
inline param to_param(std::nullopt_t) { return std::nullopt; }
inline param to_param(const std::string& s) { return s; }
inline param to_param(std::string_view s) { return std::string(s); }
inline param to_param(const char* s) { return std::string(s); }
inline param to_param(bool b) { return std::string(b ? "t" : "f"); }
inline param to_param(std::int64_t v) { return std::to_string(v); }
inline param to_param(int v) { return std::to_string(v); }
inline param to_param(double v) { return std::to_string(v); }
param to_param(const boost::json::value& v);
/// PostgreSQL array literals, for `= ANY($n::bigint[])` and `unnest($n::text[], ...)`: the one
/// place array syntax (quoting, escaping, number formatting) is written.
param to_param(const std::vector<std::int64_t>& v);
param to_param(const std::vector<std::string>& v);
param to_param(const std::vector<double>& v);
template <class T>
param to_param(const std::optional<T>& v) {
    return v ? to_param(*v) : std::nullopt;
}
}  // namespace detail

template <class... Args>
param_list params(const Args&... args) {
    return param_list{detail::to_param(args)...};
}

}  // namespace proeventa::db
