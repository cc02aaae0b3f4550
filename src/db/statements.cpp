#include <proeventa/db/statements.hpp>
#include <proeventa/text.hpp>

#include <stdexcept>

namespace proeventa::db {
namespace {

constexpr std::string_view marker = "-- name:";

/// `reserve_seats.sql` -> `reserve_seats`.
std::string_view stem(std::string_view path) {
    if (auto slash = path.rfind('/'); slash != std::string_view::npos) path.remove_prefix(slash + 1);
    if (path.ends_with(".sql")) path.remove_suffix(4);
    return path;
}

/// Whether the text holds anything but whitespace and `--` comments.
bool has_statement(std::string_view sql) {
    while (!sql.empty()) {
        const auto end = sql.find('\n');
        const auto line = text::trim(sql.substr(0, end));
        if (!line.empty() && !line.starts_with("--")) return true;
        if (end == std::string_view::npos) break;
        sql.remove_prefix(end + 1);
    }
    return false;
}

}  // namespace

statement_book::statement_book(std::string_view module, std::span<const embedded_file> files) {
    for (const auto& file : files) {
        if (!file.path.ends_with(".sql")) continue;
        const std::string_view data = file.data;
        std::size_t at = 0;
        // Lines `-- name: x` split the file; text before the first belongs to the file's own name.
        std::string_view current = stem(file.path);
        std::size_t start = 0;
        bool named_parts = false;
        while (at <= data.size()) {
            const auto end = std::min(data.find('\n', at), data.size());
            const auto line = text::trim(data.substr(at, end - at));
            if (line.starts_with(marker)) {
                const auto part = data.substr(start, at - start);
                if (named_parts || has_statement(part)) add(module, current, part);
                current = text::trim(line.substr(marker.size()));
                start = end + 1;
                named_parts = true;
            }
            if (end == data.size()) break;
            at = end + 1;
        }
        add(module, current, start <= data.size() ? data.substr(start) : std::string_view());
    }
}

void statement_book::add(std::string_view module, std::string_view name, std::string_view sql) {
    if (name.empty()) throw std::logic_error(std::string(module) + ": a statement without a name");
    if (!has_statement(sql))
        throw std::logic_error(std::string(module) + "." + std::string(name) + ": the statement is empty");
    for (const auto& e : entries_)
        if (e.short_name == name)
            throw std::logic_error(std::string(module) + "." + std::string(name) + " is defined twice");
    auto& e = entries_.emplace_back();
    e.short_name = std::string(name);
    e.prepared_name = std::string(module) + "." + std::string(name);
    e.sql = std::string(text::trim(sql));
    e.q = query{e.prepared_name.c_str(), e.sql.c_str()};
}

const query& statement_book::operator[](std::string_view name) const {
    for (const auto& e : entries_)
        if (e.short_name == name) return e.q;
    throw std::logic_error("no SQL statement named \"" + std::string(name) + "\"");
}

}  // namespace proeventa::db
