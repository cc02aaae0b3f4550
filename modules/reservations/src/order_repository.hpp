#pragma once
// Orders (sql/orders.sql): created in the reserve's transaction, read as summaries with their
// positions.
#include "records.hpp"

#include <proeventa/db/pool.hpp>

#include <optional>
#include <string>
#include <vector>

namespace proeventa::reservations {

struct order_page {
    std::vector<order_record> items;
    std::int64_t total = 0;
};

class order_repository {
public:
    explicit order_repository(db::pool& db) : db_(db) {}

    /// False when `reference` is taken already (the caller draws another); the transaction stays usable.
    static awaitable<bool> create(db::connection& conn, const std::string& reference, std::int64_t user_id,
                                  std::int64_t event_id, const std::string& currency);
    /// Locks the order until the transaction ends.
    static awaitable<void> lock(db::transaction& tx, const std::string& reference);
    /// Holds of the order that are still running.
    static awaitable<std::int64_t> holds_left(db::transaction& tx, const std::string& reference);
    static awaitable<std::vector<reservation_record>> positions(db::connection& conn,
                                                                const std::vector<std::string>& references);

    awaitable<std::optional<order_record>> find(const std::string& reference);
    awaitable<order_page> list_by_user(std::int64_t user_id, std::int64_t limit, std::int64_t offset);
    awaitable<std::vector<reservation_record>> positions(const std::vector<std::string>& references);

private:
    db::pool& db_;
};

}  // namespace proeventa::reservations
