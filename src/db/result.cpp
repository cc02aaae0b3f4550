// Text-format access to a PGresult. Every accessor checks its bounds and its NULLs: a wrong
// column index is a programming error that must fail loudly, not read libpq's empty string.
#include <proeventa/db/result.hpp>

#include <proeventa/clock.hpp>

#include <boost/json/parse.hpp>

#include <libpq-fe.h>

#include <charconv>
#include <stdexcept>

namespace proeventa::db {

namespace {

[[noreturn]] void fail(const pg_result* res, int col, const char* what) {
    std::string name = "#" + std::to_string(col);
    if (res && col >= 0 && col < PQnfields(res)) name = PQfname(res, col);
    throw std::runtime_error(std::string("column ") + name + ": " + what);
}

template <class T>
T parse_number(const pg_result* res, int col, std::string_view text, const char* type) {
    T value{};
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || end != text.data() + text.size())
        fail(res, col, (std::string("not a valid ") + type + ": '" + std::string(text) + "'").c_str());
    return value;
}

}  // namespace

bool row::is_null(int col) const {
    if (!res_) throw std::runtime_error("row of an empty result");
    if (index_ < 0 || index_ >= PQntuples(res_))
        throw std::runtime_error("row " + std::to_string(index_) + " out of range");
    if (col < 0 || col >= PQnfields(res_)) fail(res_, col, "no such column");
    return PQgetisnull(res_, index_, col) != 0;
}

std::string_view row::text(int col) const {
    if (is_null(col)) fail(res_, col, "is NULL");
    return {PQgetvalue(res_, index_, col), static_cast<std::size_t>(PQgetlength(res_, index_, col))};
}

std::int64_t row::int64(int col) const {
    return parse_number<std::int64_t>(res_, col, text(col), "integer");
}

bool row::boolean(int col) const {
    const auto t = text(col);
    if (t == "t") return true;
    if (t == "f") return false;
    fail(res_, col, "not a boolean");
}

double row::float64(int col) const {
    return parse_number<double>(res_, col, text(col), "number");
}

std::string row::timestamp(int col) const {
    return pg_timestamp_to_rfc3339(text(col));
}

boost::json::value row::json(int col) const {
    boost::system::error_code ec;
    auto v = boost::json::parse(text(col), ec);
    if (ec) fail(res_, col, "not valid JSON");
    return v;
}

std::optional<std::string> row::opt_string(int col) const {
    if (is_null(col)) return std::nullopt;
    return string(col);
}

std::optional<std::int64_t> row::opt_int64(int col) const {
    if (is_null(col)) return std::nullopt;
    return int64(col);
}

std::optional<std::string> row::opt_timestamp(int col) const {
    if (is_null(col)) return std::nullopt;
    return timestamp(col);
}

std::string row::column_name(int col) const {
    if (!res_ || col < 0 || col >= PQnfields(res_)) return "#" + std::to_string(col);
    return PQfname(res_, col);
}

result::result(pg_result* res) : res_(res, PQclear) {}

int result::column_count() const { return res_ ? PQnfields(res_.get()) : 0; }

int result::column_index(std::string_view name) const {
    // Exact names, not PQfnumber: it folds unquoted names to lower case, and a record member
    // that only matches after folding is a typo worth failing on.
    for (int col = 0; col < column_count(); ++col)
        if (name == PQfname(res_.get(), col)) return col;
    return -1;
}

std::string_view result::column_name(int col) const {
    if (col < 0 || col >= column_count()) return {};
    return PQfname(res_.get(), col);
}

unsigned result::column_type(int col) const {
    if (col < 0 || col >= column_count()) return 0;
    return PQftype(res_.get(), col);
}

std::string result::column_list() const {
    std::string out;
    for (int col = 0; col < column_count(); ++col) {
        if (col) out += ", ";
        out += PQfname(res_.get(), col);
    }
    return out;
}

std::size_t result::size() const {
    return res_ ? static_cast<std::size_t>(PQntuples(res_.get())) : 0;
}

row result::operator[](std::size_t i) const {
    if (i >= size())
        throw std::runtime_error("row " + std::to_string(i) + " out of range (result has " +
                                 std::to_string(size()) + ")");
    return row(res_.get(), static_cast<int>(i));
}

std::int64_t result::affected_rows() const {
    if (!res_) return 0;
    const std::string_view n = PQcmdTuples(res_.get());
    std::int64_t value = 0;
    std::from_chars(n.data(), n.data() + n.size(), value);
    return value;
}

std::string_view result::command_tag() const {
    return res_ ? std::string_view(PQcmdStatus(res_.get())) : std::string_view();
}

result::iterator result::begin() const { return iterator(res_.get(), 0); }
result::iterator result::end() const { return iterator(res_.get(), static_cast<int>(size())); }

}  // namespace proeventa::db
