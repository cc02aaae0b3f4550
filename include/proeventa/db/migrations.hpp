#pragma once
// Schema migrations embedded in the binary, applied in order at start-up.
#include <proeventa/db/pool.hpp>

#include <span>
#include <string_view>

namespace proeventa::db {

struct migration {
    std::string_view name;  // file name, e.g. "0001_users.sql"; the version is its numeric prefix
    std::string_view sql;
};

/// The files of migrations/ compiled into this binary, sorted by name.
std::span<const migration> embedded_migrations();

/// Applies every migration not yet recorded in `schema_migrations`, each in its own
/// transaction, all under a PostgreSQL advisory lock so concurrent starts are safe. Refuses to
/// start when an applied file changed (checksum). Throws std::runtime_error naming the file and
/// PostgreSQL's message when one fails. Returns how many were applied.
awaitable<int> migrate(pool& db, std::span<const migration> migrations);

}  // namespace proeventa::db
