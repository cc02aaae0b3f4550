#pragma once
// Quoting for the three languages the cluster's set-up writes in: SQL, /bin/sh (pg_ctl -o)
// and libpq connection strings.
#include <string>

namespace proeventa::db::embedded_pg {

/// 'it''s'
std::string sql_string_literal(const std::string& s);
/// 'it'\''s'
std::string shell_quote(const std::string& s);
/// A conninfo value: as it is when plain, else single-quoted with \ escapes.
std::string conninfo_value(const std::string& v);

}  // namespace proeventa::db::embedded_pg
