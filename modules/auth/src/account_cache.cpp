#include "account_cache.hpp"

#include <charconv>
#include <chrono>
#include <string>

namespace proeventa::auth {

awaitable<std::optional<account_access>> account_cache::access_of(std::int64_t user_id) {
    auto load = [this, user_id]() -> awaitable<shared_cache<entry>::fill> {
        // Awaited into a named local first: g++ 12 mis-compiles a co_await inside a braced
        // initializer (the frame frees memory it never allocated).
        auto access = co_await users_.access_of(user_id);
        shared_cache<entry>::fill out;
        out.value.access = std::move(access);
        co_return out;
    };
    const auto found = co_await cache_.get(std::to_string(user_id), std::chrono::milliseconds(0), load);
    co_return found.access;
}

void account_cache::forget(std::int64_t user_id) { cache_.invalidate(std::to_string(user_id)); }

void account_cache::on_notification(std::string_view payload) {
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(payload.data(), payload.data() + payload.size(), id);
    if (ec != std::errc() || end != payload.data() + payload.size()) return cache_.clear();
    forget(id);
}

void account_cache::on_listening(bool listening) {
    if (!listening) cache_.clear();
}

}  // namespace proeventa::auth
