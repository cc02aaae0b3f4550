#pragma once
// One SMTP delivery through libcurl. Blocking: call it only on the sender's own thread, never on
// an I/O thread.
#include <chrono>
#include <optional>
#include <string>

namespace proeventa::mail {

struct smtp_delivery {
    std::string url;      // smtp://host:port or smtps://...
    std::string from;     // envelope sender address
    std::string to;       // envelope recipient address
    std::string message;  // the whole RFC 5322 message, CRLF line ends
    std::chrono::seconds timeout{30};
};

/// nullopt when the server accepted the message; otherwise why not (for the log and the outbox
/// row; it never holds credentials: curl's error text names no URL).
std::optional<std::string> deliver(const smtp_delivery& d);

/// curl_global_init, once, before any thread delivers.
void init_smtp();

}  // namespace proeventa::mail
