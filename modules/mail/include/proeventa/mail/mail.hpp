#pragma once
// The mail module's one public header. Other modules hand it messages inside their own
// transactions (outbox::enqueue), so a message exists exactly when the change it reports
// committed; the sender delivers them over SMTP later, away from the I/O threads.
#include <proeventa/net.hpp>
#include <proeventa/settings.hpp>

#include <chrono>
#include <memory>
#include <string>
#include <vector>

namespace proeventa::db {
class pool;
class transaction;
}  // namespace proeventa::db

namespace proeventa::mail {

/// One email: a plain-text part and an HTML part saying the same thing.
struct message {
    std::string to;       // one address
    std::string subject;  // UTF-8
    std::string text;
    std::string html;
};

class outbox {
public:
    virtual ~outbox() = default;
    /// Writes `m` to the outbox in the caller's transaction: it is sent if and only if that
    /// transaction commits.
    virtual awaitable<void> enqueue(db::transaction& tx, const message& m) = 0;
};

struct options {
    /// smtp://host:port or smtps://host:port (credentials may be in the URL); empty: nothing is
    /// sent, messages wait in the outbox and are logged as pending (development).
    std::string smtp_url;
    std::string smtp_from = "ProEventa <tickets@proeventa.invalid>";
    /// How often the sender looks for due messages.
    std::chrono::milliseconds poll_interval{1000};
    /// The first retry waits about this long, each further one twice as long (with jitter) ...
    std::chrono::seconds retry_base{10};
    /// ... up to this.
    std::chrono::seconds retry_max{3600};
    /// How long one SMTP delivery may take before it counts as failed.
    std::chrono::seconds smtp_timeout{30};
};

/// The module's flags and environment variables, bound to `opts`, whose values are the defaults.
std::vector<setting> settings(options& opts);

class module {
public:
    virtual ~module() = default;
    virtual outbox& outbox_service() = 0;
    /// Starts the sender (runs until stop()).
    virtual void start(net::any_io_executor ex) = 0;
    /// Stops the sender; a delivery in progress finishes first.
    virtual void stop() = 0;
};

std::unique_ptr<module> make_module(db::pool& db, options opts);

}  // namespace proeventa::mail
