#include "ticket_repository.hpp"

#include "sql.hpp"

#include <proeventa/db/record.hpp>

namespace proeventa::reservations {

awaitable<std::optional<ticket_key_record>> ticket_repository::find_key(std::int64_t event_id) {
    auto rows = co_await db_.exec(sql::find_ticket_key, db::params(event_id));
    co_return db::first_record<ticket_key_record>(rows);
}

awaitable<void> ticket_repository::insert_key(std::int64_t event_id, const std::string& public_hex,
                                              const std::string& private_hex) {
    co_await db_.exec(sql::insert_ticket_key, db::params(event_id, public_hex, private_hex));
}

awaitable<std::optional<ticket_record>> ticket_repository::find_ticket(std::int64_t reservation_id) {
    auto rows = co_await db_.exec(sql::find_ticket, db::params(reservation_id));
    co_return db::first_record<ticket_record>(rows);
}

awaitable<std::optional<std::int64_t>> ticket_repository::reissue(std::int64_t reservation_id) {
    auto rows = co_await db_.exec(sql::reissue_ticket, db::params(reservation_id));
    auto r = db::first_record<ticket_version_record>(rows);
    if (!r) co_return std::nullopt;
    co_return r->ticket_version;
}

awaitable<std::optional<std::string>> ticket_repository::check_in(std::int64_t reservation_id,
                                                                  std::int64_t event_id, std::int64_t version,
                                                                  std::int64_t scanned_by) {
    auto rows = co_await db_.exec(sql::check_in, db::params(reservation_id, event_id, version, scanned_by));
    auto r = db::first_record<checkin_time>(rows);
    if (!r) co_return std::nullopt;
    co_return r->checked_in_at;
}

awaitable<std::vector<category_count>> ticket_repository::summary(std::int64_t event_id) {
    auto rows = co_await db_.exec(sql::checkin_summary, db::params(event_id));
    co_return db::records<category_count>(rows);
}

}  // namespace proeventa::reservations
