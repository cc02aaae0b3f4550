#pragma once
// Ticket keys, tickets and check-ins (sql/tickets.sql, sql/checkins.sql).
#include "records.hpp"

#include <proeventa/db/pool.hpp>

#include <optional>
#include <vector>

namespace proeventa::reservations {

class ticket_repository {
public:
    explicit ticket_repository(db::pool& db) : db_(db) {}

    awaitable<std::optional<ticket_key_record>> find_key(std::int64_t event_id);
    /// Stores the pair unless the event has one already (the first writer wins).
    awaitable<void> insert_key(std::int64_t event_id, const std::string& public_hex,
                               const std::string& private_hex);
    awaitable<std::optional<ticket_record>> find_ticket(std::int64_t reservation_id);
    /// The new version; nullopt unless the reservation is confirmed.
    awaitable<std::optional<std::int64_t>> reissue(std::int64_t reservation_id);
    /// When the ticket was let in; nullopt when this scan did not let it in (see find_ticket).
    awaitable<std::optional<std::string>> check_in(std::int64_t reservation_id, std::int64_t event_id,
                                                   std::int64_t version, std::int64_t scanned_by);
    awaitable<std::vector<category_count>> summary(std::int64_t event_id);

private:
    db::pool& db_;
};

}  // namespace proeventa::reservations
