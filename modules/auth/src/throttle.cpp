#include "throttle.hpp"

#include <proeventa/http/api_error.hpp>

#include <algorithm>

namespace proeventa::auth {
namespace {

constexpr const char* login_address = "login_address";
constexpr const char* login_email = "login_email";
constexpr const char* signup_address = "signup_address";
constexpr std::chrono::seconds signup_window{3600};
constexpr std::chrono::seconds cleanup_interval{60};

// For each (kind, key) the limit-th most recent attempt inside the window, if there is one,
// says how long the key stays blocked. The insert happens only when nothing is blocked, in
// the same statement, so concurrent requests race over one statement rather than two.
// `$2`/`$4` may be NULL to check a single key. `$7` limit (>= 1), `$8` window in seconds.
inline constexpr db::query check_and_record_q{
    "auth.throttle_check_and_record",
    "WITH keys(kind, key) AS (VALUES ($1::text, $2::text), ($3::text, $4::text)), "
    "blocked AS ( "
    "  SELECT f.attempted_at + make_interval(secs => $8::float8) - now() AS wait "
    "  FROM keys CROSS JOIN LATERAL ( "
    "    SELECT a.attempted_at FROM auth_attempts a "
    "    WHERE a.kind = keys.kind AND a.key = keys.key "
    "      AND a.attempted_at > now() - make_interval(secs => $8::float8) "
    "    ORDER BY a.attempted_at DESC OFFSET $7::int - 1 LIMIT 1) f), "
    "recorded AS ( "
    "  INSERT INTO auth_attempts (kind, key) "
    "  SELECT $5::text, $6::text WHERE NOT EXISTS (SELECT 1 FROM blocked) RETURNING id) "
    "SELECT ceil(extract(epoch FROM (SELECT max(wait) FROM blocked)))::bigint, "
    "       (SELECT count(*) FROM recorded)"};
inline constexpr db::query record_q{
    "auth.throttle_record", "INSERT INTO auth_attempts (kind, key) VALUES ($1, $2)"};
inline constexpr db::query forget_q{
    "auth.throttle_forget", "DELETE FROM auth_attempts WHERE kind = $1 AND key = $2"};
inline constexpr db::query cleanup_q{
    "auth.throttle_cleanup",
    "DELETE FROM auth_attempts WHERE attempted_at < now() - make_interval(secs => $1::float8)"};

}  // namespace

awaitable<void> throttle::begin_login(const std::string& address, const std::string& email) {
    if (limits_.login_failures == 0) co_return;
    co_await check_and_record(login_address, address, login_email, &email, limits_.login_failures,
                              limits_.login_window, login_email, email);
}

awaitable<void> throttle::login_failed(const std::string& address) {
    if (limits_.login_failures == 0) co_return;
    co_await db_.exec(record_q, db::params(login_address, address));
}

awaitable<void> throttle::login_succeeded(const std::string& email) {
    if (limits_.login_failures == 0) co_return;
    co_await db_.exec(forget_q, db::params(login_email, email));
}

awaitable<void> throttle::begin_signup(const std::string& address) {
    if (limits_.signups_per_hour == 0) co_return;
    co_await check_and_record(signup_address, address, nullptr, nullptr, limits_.signups_per_hour,
                              signup_window, signup_address, address);
}

awaitable<void> throttle::check_and_record(const char* kind_a, const std::string& key_a,
                                           const char* kind_b, const std::string* key_b,
                                           std::size_t limit, std::chrono::seconds window,
                                           const char* record_kind, const std::string& record_key) {
    co_await maybe_clean_up();
    const std::optional<std::string> kind_b_param =
        kind_b ? std::optional<std::string>(kind_b) : std::nullopt;
    const std::optional<std::string> key_b_param =
        key_b ? std::optional<std::string>(*key_b) : std::nullopt;
    const auto capped = static_cast<std::int64_t>(std::min<std::size_t>(limit, 1'000'000));
    auto res = co_await db_.exec(
        check_and_record_q,
        db::params(kind_a, key_a, kind_b_param, key_b_param, record_kind, record_key, capped,
                   static_cast<std::int64_t>(window.count())));
    if (!res.empty() && !res[0].is_null(0)) {
        const auto wait = std::max<std::int64_t>(1, res[0].int64(0));
        throw errors::too_many_requests(
            wait, "too many attempts; try again in " + std::to_string(wait) + " seconds");
    }
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
    const auto keep = std::max(limits_.login_window, signup_window);
    co_await db_.exec(cleanup_q, db::params(static_cast<std::int64_t>(keep.count())));
}

}  // namespace proeventa::auth
