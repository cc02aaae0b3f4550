#pragma once
// The mail a buyer gets when an order is confirmed or (partly) cancelled: booking reference,
// event, seats, total and a link to the tickets, as plain text and as HTML. Pure, unit-tested.
#include "records.hpp"

#include <proeventa/mail/mail.hpp>

#include <string>
#include <vector>

namespace proeventa::reservations {

enum class order_mail_kind { confirmed, cancelled };

struct order_mail_input {
    order_mail_kind kind = order_mail_kind::confirmed;
    std::string buyer_email;
    std::string buyer_name;  // may be empty
    std::string reference;
    /// The positions the mail is about (all confirmed ones, or the ones just cancelled).
    std::vector<reservation_record> positions;
    std::string tickets_url;  // where the buyer's tickets are
};

mail::message order_mail(const order_mail_input& in);

/// "25.00 EUR".
std::string format_money(std::int64_t cents, const std::string& currency);

}  // namespace proeventa::reservations
