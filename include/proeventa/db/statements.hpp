#pragma once
// A module's SQL, kept in its sql/*.sql files and compiled into the binary (cmake/module.cmake
// embeds them). A file holds one statement named after the file (`reserve_seats.sql` ->
// `reservations.reserve_seats`), or several, each introduced by a line `-- name: <name>`.
// Comments before a statement stay in its text; PostgreSQL ignores them.
#include <proeventa/db/query.hpp>
#include <proeventa/embedded.hpp>

#include <deque>
#include <span>
#include <string>
#include <string_view>

namespace proeventa::db {

class statement_book {
public:
    /// `module` prefixes every statement's prepared name. Throws std::logic_error for a file
    /// with no statement, a name given twice or a statement with no text.
    statement_book(std::string_view module, std::span<const embedded_file> files);

    /// The statement `name`; std::logic_error names the missing one (a build mistake, met at
    /// start-up: modules look their statements up while initialising).
    const query& operator[](std::string_view name) const;
    std::size_t size() const { return entries_.size(); }

private:
    struct entry {
        std::string short_name;
        std::string prepared_name;
        std::string sql;
        query q;
    };
    void add(std::string_view module, std::string_view name, std::string_view sql);
    std::deque<entry> entries_;  // a deque: queries point into entries that never move
};

}  // namespace proeventa::db
