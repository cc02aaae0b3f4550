#pragma once
// Which IANA time zone names exist, as the database knows them. pg_timezone_names reads the
// whole zone database on every call, so the list is read once and kept: zones do not appear
// while the server runs.
#include <proeventa/db/pool.hpp>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace proeventa::events {

class timezone_registry {
public:
    explicit timezone_registry(db::pool& db) : db_(db) {}

    /// The zone's canonical spelling ("europe/paris" → "Europe/Paris"), nullopt if unknown.
    awaitable<std::optional<std::string>> canonical(std::string_view name);

private:
    using name_map = std::unordered_map<std::string, std::string>;  // lower-case → canonical
    awaitable<std::shared_ptr<const name_map>> names();

    db::pool& db_;
    std::mutex mutex_;
    std::shared_ptr<const name_map> names_;
};

}  // namespace proeventa::events
