#include "smtp_client.hpp"

#include <curl/curl.h>

#include <cstring>
#include <memory>
#include <mutex>

namespace proeventa::mail {
namespace {

struct reader {
    const std::string* data;
    std::size_t offset = 0;
};

std::size_t read_message(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* r = static_cast<reader*>(user);
    const std::size_t room = size * count;
    const std::size_t left = r->data->size() - r->offset;
    const std::size_t n = left < room ? left : room;
    std::memcpy(buffer, r->data->data() + r->offset, n);
    r->offset += n;
    return n;
}

}  // namespace

void init_smtp() {
    static std::once_flag once;
    std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

std::optional<std::string> deliver(const smtp_delivery& d) {
    init_smtp();
    std::unique_ptr<CURL, decltype(&curl_easy_cleanup)> curl(curl_easy_init(), &curl_easy_cleanup);
    if (!curl) return "curl_easy_init failed";
    curl_slist* recipients = curl_slist_append(nullptr, ("<" + d.to + ">").c_str());
    std::unique_ptr<curl_slist, decltype(&curl_slist_free_all)> rcpt(recipients, &curl_slist_free_all);
    reader body{&d.message};
    char error[CURL_ERROR_SIZE] = {};
    const std::string from = "<" + d.from + ">";
    CURL* c = curl.get();
    curl_easy_setopt(c, CURLOPT_URL, d.url.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, from.c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpt.get());
    curl_easy_setopt(c, CURLOPT_READFUNCTION, &read_message);
    curl_easy_setopt(c, CURLOPT_READDATA, &body);
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, static_cast<long>(d.timeout.count()));
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 10L);
    // smtp:// with a server that offers STARTTLS upgrades; smtps:// is TLS from the start.
    curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_TRY));
    const CURLcode rc = curl_easy_perform(c);
    if (rc == CURLE_OK) return std::nullopt;
    return std::string(error[0] ? error : curl_easy_strerror(rc));
}

}  // namespace proeventa::mail
