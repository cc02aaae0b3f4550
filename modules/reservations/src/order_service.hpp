#pragma once
// Reading orders: one by its booking reference, or a user's, each with its positions. Visible to
// the buyer, the event's organizer and admins; to anyone else an order does not exist.
#include "order_repository.hpp"
#include "records.hpp"

#include <proeventa/events/events.hpp>
#include <proeventa/http/request_context.hpp>

#include <string>
#include <vector>

namespace proeventa::reservations {

struct order_with_positions {
    order_record order;
    std::vector<reservation_record> positions;
};

struct order_list {
    std::vector<order_with_positions> items;
    std::int64_t total = 0;
};

class order_service {
public:
    order_service(order_repository& repository, events::catalog& catalog)
        : repository_(repository), catalog_(catalog) {}

    /// `typed`: the reference as the client wrote it (any case).
    awaitable<order_with_positions> find(const principal& who, std::string_view typed);
    /// The orders of `user_id`, newest first: for that user or an admin (not_found otherwise).
    awaitable<order_list> list_for_user(const principal& who, std::int64_t user_id, std::int64_t limit,
                                        std::int64_t offset);

private:
    order_repository& repository_;
    events::catalog& catalog_;
};

}  // namespace proeventa::reservations
