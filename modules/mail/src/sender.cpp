#include "sender.hpp"

#include "backoff.hpp"
#include "mime_message.hpp"
#include "records.hpp"
#include "smtp_client.hpp"
#include "sql.hpp"

#include <proeventa/db/record.hpp>
#include <proeventa/log.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>

#include <openssl/rand.h>

namespace proeventa::mail {
namespace {

/// Messages one poll claims; the rest wait for the next poll.
constexpr std::int64_t batch_size = 20;

std::string random_token() {
    unsigned char bytes[12];
    if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("RAND_bytes failed");
    static constexpr char digits[] = "0123456789abcdef";
    std::string out;
    for (auto b : bytes) {
        out += digits[b >> 4];
        out += digits[b & 15];
    }
    return out;
}

std::string domain_of(const std::string& address) {
    const auto at = address.rfind('@');
    return at == std::string::npos ? "proeventa.invalid" : address.substr(at + 1);
}

}  // namespace

sender::sender(db::pool& db, options opts)
    : db_(db), opts_(std::move(opts)), from_address_(address_of(opts_.smtp_from)) {
    init_smtp();
}

sender::~sender() { smtp_thread_.join(); }

void sender::start(net::any_io_executor ex) {
    timer_ = std::make_shared<net::steady_timer>(ex);
    if (opts_.smtp_url.empty()) log::warn("no --smtp-url: mail stays in the outbox (development)", {});
    auto task = run();
    net::co_spawn(ex, std::move(task), net::detached);
}

void sender::stop() {
    stopped_ = true;
    if (auto t = timer_) {
        auto cancel = [t] { t->cancel(); };
        net::post(t->get_executor(), std::move(cancel));
    }
}

awaitable<void> sender::run() {
    auto timer = timer_;
    while (!stopped_) {
        try {
            if (opts_.smtp_url.empty())
                co_await report_pending();
            else
                co_await send_due();
        } catch (const std::exception& e) {
            // The database may be away for a while; the next poll tries again.
            log::warn("mail outbox poll failed", {{"error", e.what()}});
        }
        timer->expires_after(opts_.poll_interval);
        boost::system::error_code ec;
        co_await timer->async_wait(net::redirect_error(use_awaitable, ec));
    }
}

awaitable<void> sender::report_pending() {
    const auto rows = co_await db_.exec(sql::count_pending);
    const auto pending = db::first_record<pending_count>(rows).value_or(pending_count{}).pending;
    if (pending != last_pending_ && pending > 0)
        log::info("mail pending in the outbox (set --smtp-url to send it)", {{"pending", pending}});
    last_pending_ = pending;
}

awaitable<void> sender::send_due() {
    // The lease outlasts a delivery's timeout, so a message is not claimed again while this
    // sender is still talking to the server about it.
    const std::int64_t lease = 2 * opts_.smtp_timeout.count() + 60;
    const auto rows = co_await db_.exec(sql::claim_due, db::params(batch_size, lease));
    for (const auto& m : db::records<outgoing>(rows)) {
        if (stopped_) break;  // the rest are retried when their lease runs out
        co_await deliver_one(m);
    }
}

awaitable<void> sender::deliver_one(const outgoing& m) {
    smtp_delivery d;
    d.url = opts_.smtp_url;
    d.from = from_address_;
    d.to = m.recipient;
    d.timeout = opts_.smtp_timeout;
    d.message = mime_message(
        {opts_.smtp_from, m.recipient, m.subject, m.text_body, m.html_body,
         "outbox-" + std::to_string(m.id) + "." + random_token() + "@" + domain_of(from_address_),
         rfc5322_now(), "=_proeventa_" + random_token()});
    auto job = [d = std::move(d)]() -> awaitable<std::optional<std::string>> { co_return deliver(d); };
    auto task = job();
    const auto failed = co_await net::co_spawn(smtp_thread_.get_executor(), std::move(task), use_awaitable);
    if (!failed) {
        co_await db_.exec(sql::mark_sent, db::params(m.id));
        log::info("mail sent", {{"outbox_id", m.id}, {"attempts", m.attempts}});
        co_return;
    }
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    const auto wait = retry_delay(m.attempts, opts_.retry_base, opts_.retry_max, unit(jitter_));
    co_await db_.exec(sql::retry_later, db::params(m.id, static_cast<std::int64_t>(wait.count()), *failed));
    log::warn("mail delivery failed; retrying later",
              {{"outbox_id", m.id},
               {"attempts", m.attempts},
               {"retry_in_s", static_cast<std::int64_t>(wait.count())},
               {"error", *failed}});
}

}  // namespace proeventa::mail
