#include "order_mailer.hpp"

#include <map>
#include <unordered_map>

namespace proeventa::reservations {

awaitable<std::optional<auth::user_summary>> order_mailer::buyer_of(std::int64_t user_id) {
    std::vector<std::int64_t> ids{user_id};
    auto found = co_await directory_.find_users(std::move(ids));
    if (found.empty()) co_return std::nullopt;
    co_return std::move(found.front());
}

awaitable<void> order_mailer::queue(db::transaction& tx, order_mail_kind kind,
                                    const std::vector<reservation_record>& positions,
                                    const std::optional<auth::user_summary>& buyer) {
    if (!buyer || positions.empty() || !positions.front().order_reference) co_return;
    order_mail_input in;
    in.kind = kind;
    in.buyer_email = buyer->email;
    in.buyer_name = buyer->full_name;
    in.reference = *positions.front().order_reference;
    in.positions = positions;
    in.tickets_url = public_url_ + "/me/reservations";
    const auto message = order_mail(in);
    co_await outbox_.enqueue(tx, message);
}

awaitable<void> order_mailer::queue_cancellations(db::transaction& tx,
                                                  const std::vector<reservation_record>& cancelled) {
    std::map<std::string, std::vector<reservation_record>> by_order;
    std::vector<std::int64_t> user_ids;
    for (const auto& r : cancelled) {
        if (!r.confirmed_at || !r.order_reference) continue;
        by_order[*r.order_reference].push_back(r);
        user_ids.push_back(r.user_id);
    }
    if (by_order.empty()) co_return;
    // The directory answers at most 1000 ids at a time.
    std::unordered_map<std::int64_t, auth::user_summary> buyers;
    for (std::size_t at = 0; at < user_ids.size(); at += 1000) {
        std::vector<std::int64_t> chunk(
            user_ids.begin() + static_cast<std::ptrdiff_t>(at),
            user_ids.begin() + static_cast<std::ptrdiff_t>(std::min(at + 1000, user_ids.size())));
        auto found = co_await directory_.find_users(std::move(chunk));
        for (auto& u : found) buyers.emplace(u.id, std::move(u));
    }
    for (const auto& [reference, positions] : by_order) {
        const auto it = buyers.find(positions.front().user_id);
        if (it == buyers.end()) continue;  // the account is gone: nobody to write to
        const std::optional<auth::user_summary> buyer = it->second;
        co_await queue(tx, order_mail_kind::cancelled, positions, buyer);
    }
}

}  // namespace proeventa::reservations
