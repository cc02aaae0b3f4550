#pragma once
// Rows of the outbox, filled by column name (db::records).
#include <boost/describe/class.hpp>

#include <cstdint>
#include <string>

namespace proeventa::mail {

/// A message claimed for delivery; `attempts` counts this one.
struct outgoing {
    std::int64_t id = 0;
    std::string recipient;
    std::string subject;
    std::string text_body;
    std::string html_body;
    std::int64_t attempts = 0;
};
BOOST_DESCRIBE_STRUCT(outgoing, (), (id, recipient, subject, text_body, html_body, attempts))

struct pending_count {
    std::int64_t pending = 0;
};
BOOST_DESCRIBE_STRUCT(pending_count, (), (pending))

}  // namespace proeventa::mail
