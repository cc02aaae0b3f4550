#pragma once
// Writes order mail (order_mail.hpp) to the mail module's outbox inside the transaction that
// makes the change it reports, and looks up who it goes to. Shared by the reserve, confirm and
// cancel paths and by an event's cancellation.
#include "order_mail.hpp"
#include "records.hpp"

#include <proeventa/auth/auth.hpp>
#include <proeventa/mail/mail.hpp>

#include <optional>
#include <string>
#include <vector>

namespace proeventa::db {
class transaction;
}

namespace proeventa::reservations {

class order_mailer {
public:
    order_mailer(auth::directory& directory, mail::outbox& outbox, std::string public_url)
        : directory_(directory), outbox_(outbox), public_url_(std::move(public_url)) {}

    /// The account's email and name (nullopt once it is gone: nobody to write to).
    awaitable<std::optional<auth::user_summary>> buyer_of(std::int64_t user_id);
    /// Writes the mail about `positions` (of one order) in `tx`; nothing without a buyer or positions.
    awaitable<void> queue(db::transaction& tx, order_mail_kind kind,
                          const std::vector<reservation_record>& positions,
                          const std::optional<auth::user_summary>& buyer);
    /// One cancellation mail per order for the bought positions among `cancelled` (holds let go
    /// are not mailed), each to its buyer.
    awaitable<void> queue_cancellations(db::transaction& tx,
                                        const std::vector<reservation_record>& cancelled);

private:
    auth::directory& directory_;
    mail::outbox& outbox_;
    std::string public_url_;
};

}  // namespace proeventa::reservations
