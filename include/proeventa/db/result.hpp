#pragma once
// Owned PGresult with typed, bounds-checked row access (text format).
#include <boost/json/value.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct pg_result;  // libpq's PGresult, kept out of module headers

namespace proeventa::db {

class row {
public:
    row(const pg_result* res, int index) : res_(res), index_(index) {}

    bool is_null(int col) const;
    std::string_view text(int col) const;
    std::string string(int col) const { return std::string(text(col)); }
    std::int64_t int64(int col) const;
    bool boolean(int col) const;
    double float64(int col) const;
    /// timestamptz column (session is UTC) as RFC 3339 (`...Z`).
    std::string timestamp(int col) const;
    /// json/jsonb column parsed.
    boost::json::value json(int col) const;

    std::optional<std::string> opt_string(int col) const;
    std::optional<std::int64_t> opt_int64(int col) const;
    std::optional<std::string> opt_timestamp(int col) const;

    std::string column_name(int col) const;

private:
    const pg_result* res_;
    int index_;
};

class result {
public:
    result() = default;
    explicit result(pg_result* res);

    std::size_t size() const;
    bool empty() const { return size() == 0; }
    row operator[](std::size_t i) const;
    /// Rows touched by INSERT/UPDATE/DELETE (PQcmdTuples).
    std::int64_t affected_rows() const;
    /// The command tag (PQcmdStatus), e.g. "INSERT 0 1"; empty for a default-constructed result.
    std::string_view command_tag() const;

    /// Index of the column named `name` (exactly as the SELECT names it), or -1.
    int column_index(std::string_view name) const;
    int column_count() const;
    std::string_view column_name(int col) const;
    /// PostgreSQL's type OID of the column.
    unsigned column_type(int col) const;
    /// "id, name, ..." for error messages.
    std::string column_list() const;

    class iterator {
    public:
        iterator(const pg_result* r, int i) : res_(r), i_(i) {}
        row operator*() const { return row(res_, i_); }
        iterator& operator++() { ++i_; return *this; }
        bool operator!=(const iterator& o) const { return i_ != o.i_; }
    private:
        const pg_result* res_;
        int i_;
    };
    iterator begin() const;
    iterator end() const;

private:
    std::shared_ptr<pg_result> res_;
};

}  // namespace proeventa::db
