#pragma once
// The catalog interface reservations uses: events and seats as sellable things.
#include "catalog_changes.hpp"

#include <proeventa/db/pool.hpp>
#include <proeventa/events/events.hpp>

namespace proeventa::events {

/// Why an event is not on sale, given facts the database computed against its own clock.
struct sale_window_facts {
    std::string status;
    bool started = false;
    bool before_sales = false;
    bool after_sales = false;
    std::optional<std::string> sales_start;
    std::optional<std::string> sales_end;
};
/// Sets not_on_sale_code/reason of `e` (both empty when it is on sale). Pure.
void apply_sale_state(event_for_sale& e, const sale_window_facts& facts);

class catalog_service final : public catalog {
public:
    catalog_service(db::pool& db, catalog_changes& changes) : db_(db), changes_(changes) {}

    awaitable<std::optional<event_for_sale>> find_event(std::int64_t event_id) override;
    awaitable<std::vector<seat_for_sale>> find_seats(std::int64_t event_id,
                                                     const std::vector<std::int64_t>& seat_ids) override;
    awaitable<void> set_sold_out(std::int64_t event_id, bool sold_out) override;
    void availability_changed(std::int64_t event_id) override { changes_.reservations_changed(event_id); }

private:
    db::pool& db_;
    catalog_changes& changes_;
};

}  // namespace proeventa::events
