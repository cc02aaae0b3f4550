#include "order_repository.hpp"

#include "sql.hpp"

#include <proeventa/db/record.hpp>

namespace proeventa::reservations {

awaitable<bool> order_repository::create(db::connection& conn, const std::string& reference,
                                         std::int64_t user_id, std::int64_t event_id,
                                         const std::string& currency) {
    auto rows = co_await conn.exec(sql::create_order, db::params(reference, user_id, event_id, currency));
    co_return !rows.empty();
}

awaitable<void> order_repository::lock(db::transaction& tx, const std::string& reference) {
    co_await tx.exec(sql::lock_order, db::params(reference));
}

awaitable<std::int64_t> order_repository::holds_left(db::transaction& tx, const std::string& reference) {
    auto rows = co_await tx.exec(sql::holds_left, db::params(reference));
    co_return db::first_record<list_total>(rows).value_or(list_total{}).total;
}

awaitable<std::vector<reservation_record>> order_repository::positions(
    db::connection& conn, const std::vector<std::string>& references) {
    auto rows = co_await conn.exec(sql::order_positions, db::params(references));
    co_return db::records<reservation_record>(rows);
}

awaitable<std::optional<order_record>> order_repository::find(const std::string& reference) {
    auto rows = co_await db_.exec(sql::find_order, db::params(reference));
    co_return db::first_record<order_record>(rows);
}

awaitable<order_page> order_repository::list_by_user(std::int64_t user_id, std::int64_t limit,
                                                     std::int64_t offset) {
    auto rows = co_await db_.exec(sql::list_orders_by_user, db::params(user_id, limit, offset));
    order_page page;
    page.items = db::records<order_record>(rows);
    if (auto first = db::first_record<list_total>(rows)) {
        page.total = first->total;
    } else if (offset > 0) {
        auto counted = co_await db_.exec(sql::count_orders_by_user, db::params(user_id));
        page.total = db::first_record<list_total>(counted).value_or(list_total{}).total;
    }
    co_return page;
}

awaitable<std::vector<reservation_record>> order_repository::positions(
    const std::vector<std::string>& references) {
    auto rows = co_await db_.exec(sql::order_positions, db::params(references));
    co_return db::records<reservation_record>(rows);
}

}  // namespace proeventa::reservations
