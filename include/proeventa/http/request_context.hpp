#pragma once
// Everything a handler knows about the request it is answering.
#include <proeventa/http/event_stream.hpp>
#include <proeventa/net.hpp>

#include <chrono>
#include <memory>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace proeventa {

/// Who a request is from, once the auth module has verified its token.
struct principal {
    std::int64_t user_id = 0;
    std::string role;  // "customer" | "organizer" | "admin"
    bool is_admin() const { return role == "admin"; }
};

class request_context {
public:
    request_context(const request& req, std::string remote_address, std::string request_id);

    const request& req() const { return req_; }
    /// Path without the query string, percent-decoded.
    const std::string& path() const { return path_; }
    const std::string& remote_address() const { return remote_address_; }
    const std::string& request_id() const { return request_id_; }

    /// Integer path parameter captured by the router (`{id}` in a pattern).
    std::int64_t param(std::string_view name) const;
    /// Raw value of a query-string parameter (decoded), if present.
    std::optional<std::string> query(std::string_view name) const;
    /// Value of a request header, empty when absent.
    std::string_view header(std::string_view name) const;

    /// Set once by the auth module; other modules read it through the auth interface.
    std::optional<principal>& cached_principal() { return principal_; }

    /// A handler that answers with a stream (event_stream.hpp) hands it over here, and returns
    /// the response head.
    void start_stream(std::shared_ptr<event_stream> stream) { stream_ = std::move(stream); }
    std::shared_ptr<event_stream> take_stream() { return std::move(stream_); }

    /// Filled in by the router.
    void set_params(std::vector<std::pair<std::string_view, std::int64_t>> params) {
        params_ = std::move(params);
    }

private:
    const request& req_;
    std::string path_;
    std::vector<std::pair<std::string, std::string>> query_;
    std::string remote_address_;
    std::string request_id_;
    std::vector<std::pair<std::string_view, std::int64_t>> params_;
    std::optional<principal> principal_;
    std::shared_ptr<event_stream> stream_;
};

}  // namespace proeventa
