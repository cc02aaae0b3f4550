#include "throttle.hpp"

#include "errors.hpp"

#include <proeventa/log.hpp>

#include <algorithm>
#include <exception>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

namespace proeventa::auth {
namespace {

constexpr const char* login_address = "login_address";
constexpr const char* login_email = "login_email";
constexpr const char* signup_address = "signup_address";
constexpr std::chrono::seconds signup_window{3600};
constexpr std::chrono::seconds cleanup_interval{60};

std::int64_t capped(std::size_t limit) {
    return static_cast<std::int64_t>(std::min<std::size_t>(limit, 1'000'000));
}

}  // namespace

awaitable<login_attempt> throttle::begin_login(const std::string& address, const std::string& email) {
    co_return co_await check_and_record({login_email, &email, limits_.login_failures},
                                        {login_address, &address, limits_.login_address_failures},
                                        limits_.login_window);
}

awaitable<void> throttle::login_succeeded(const login_attempt& attempt, const std::string& email) {
    if (limits_.login_failures == 0 && attempt.address_row == 0) co_return;
    co_await attempts_.forget(login_email, email, attempt.address_row);
}

awaitable<void> throttle::withdraw(const login_attempt& attempt) {
    std::vector<std::int64_t> rows;
    for (auto id : {attempt.email_row, attempt.address_row})
        if (id != 0) rows.push_back(id);
    if (rows.empty()) co_return;
    co_await attempts_.withdraw(rows);
}

awaitable<bool> throttle::counted_login(const std::string& address, const std::string& email,
                                        awaitable<bool> check) {
    const auto attempt = co_await begin_login(address, email);
    bool ok = false;
    std::exception_ptr undecided;
    try {
        ok = co_await std::move(check);
    } catch (...) {
        undecided = std::current_exception();
    }
    if (undecided) {
        // A full hashing queue (busy) says nothing about the password: not a failed attempt.
        try {
            co_await withdraw(attempt);
        } catch (const std::exception& e) {
            log::warn("could not withdraw a login attempt", {{"error", e.what()}});
        }
        std::rethrow_exception(undecided);
    }
    if (ok) co_await login_succeeded(attempt, email);
    co_return ok;
}

awaitable<void> throttle::begin_signup(const std::string& address) {
    co_await check_and_record({signup_address, &address, limits_.signups_per_hour},
                              {signup_address, nullptr, 0}, signup_window);
}

awaitable<login_attempt> throttle::check_and_record(counted_key a, counted_key b,
                                                    std::chrono::seconds window) {
    // A key whose limit is off is neither locked, checked nor recorded.
    if (a.limit == 0) a.key = nullptr;
    if (b.limit == 0) b.key = nullptr;
    if (!a.key) std::swap(a, b);
    if (!a.key) co_return login_attempt{};
    co_await maybe_clean_up();

    const attempt_key first{a.kind, *a.key, capped(a.limit)};
    std::optional<attempt_key> second;
    if (b.key) second = attempt_key{b.kind, *b.key, capped(b.limit)};
    const auto check = co_await attempts_.check_and_record(first, second, window);
    if (check.wait_seconds) {
        const auto wait = std::max<std::int64_t>(1, *check.wait_seconds);
        throw failure(errc::rate_limited,
                      "too many attempts; try again in " + std::to_string(wait) + " seconds")
            .with_retry_after(wait);
    }

    login_attempt recorded;
    for (auto [kind, row] : {std::pair{a.kind, check.first_key_row}, std::pair{b.kind, check.second_key_row}}) {
        if (!row) continue;
        if (std::string_view(kind) == login_email) recorded.email_row = *row;
        else recorded.address_row = *row;
    }
    co_return recorded;
}

awaitable<void> throttle::maybe_clean_up() {
    // Old rows only matter for disk space, so one instance sweeping about once a minute is
    // plenty; the compare-exchange keeps concurrent requests from all sweeping at once.
    const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                         std::chrono::steady_clock::now().time_since_epoch())
                         .count();
    auto last = last_cleanup_.load(std::memory_order_relaxed);
    if (last != 0 && now - last < cleanup_interval.count()) co_return;
    if (!last_cleanup_.compare_exchange_strong(last, now, std::memory_order_relaxed)) co_return;
    co_await attempts_.delete_older_than(std::max(limits_.login_window, signup_window));
}

}  // namespace proeventa::auth
