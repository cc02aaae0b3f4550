#include <proeventa/mail/mail.hpp>

namespace proeventa::mail {

std::vector<setting> settings(options& opts) {
    std::vector<setting> s;
    s.push_back(
        text_setting("--smtp-url", "PROEVENTA_SMTP_URL", "URL",
                     "SMTP server for order mail (smtp://host:port, smtps://user:pass@host); unset: mail "
                     "waits in the outbox",
                     opts.smtp_url));
    s.push_back(text_setting("--smtp-from", "PROEVENTA_SMTP_FROM", "MAILBOX", "sender of order mail",
                             opts.smtp_from));
    s.push_back(duration_setting("--mail-poll-interval", "PROEVENTA_MAIL_POLL_INTERVAL", "MS",
                                 "how often the outbox is checked for mail to send", opts.poll_interval, 50,
                                 60'000));
    s.push_back(duration_setting("--mail-retry-base", "PROEVENTA_MAIL_RETRY_BASE", "SECONDS",
                                 "wait before the first retry of a failed delivery (doubling, with jitter)",
                                 opts.retry_base, 1, 86'400));
    s.push_back(duration_setting("--mail-retry-max", "PROEVENTA_MAIL_RETRY_MAX", "SECONDS",
                                 "longest wait between delivery attempts", opts.retry_max, 1, 7 * 86'400));
    return s;
}

}  // namespace proeventa::mail
