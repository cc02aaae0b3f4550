#include "throttle.hpp"

#include <proeventa/http/api_error.hpp>

#include <algorithm>
#include <optional>
#include <string_view>
#include <utility>

namespace proeventa::auth {
namespace {

constexpr const char* login_address = "login_address";
constexpr const char* login_email = "login_email";
constexpr const char* signup_address = "signup_address";
constexpr std::chrono::seconds signup_window{3600};
constexpr std::chrono::seconds cleanup_interval{60};

// Why a lock and not just one statement: under READ COMMITTED, concurrent statements each
// count the rows committed before they started and cannot see each other's inserts, so N
// parallel guesses all found the key under its limit. Holding a transaction-scoped advisory
// lock per key makes the attempts on one key take turns; the check then runs as a *second*
// statement, whose snapshot is taken after the lock was granted and so includes every row
// the previous holder committed. A counter row with a conditional UPDATE would serialise as
// well, but turn the sliding window into fixed buckets and lose the per-attempt rows that
// Retry-After and forgetting one success's attempt need.
//
// The two-integer lock space is separate from the single-bigint one other code uses;
// the first integer marks these locks as the throttle's. Taking the smaller hash first
// keeps two transactions locking the same pair from deadlocking; PostgreSQL evaluates the
// select list left to right, and re-taking a lock already held (one key, or a hash
// collision) does not wait. `$3`/`$4` may be NULL for a single key.
inline constexpr db::query lock_keys_q{
    "auth.throttle_lock_keys",
    "SELECT pg_advisory_xact_lock(1953000271, least(h1, h2)), "
    "       pg_advisory_xact_lock(1953000271, greatest(h1, h2)) "
    "FROM (SELECT hashtext($1::text || ':' || $2::text) AS h1, "
    "             hashtext(coalesce($3::text || ':' || $4::text, $1::text || ':' || $2::text)) AS h2) k"};

// For each (kind, key) the limit-th most recent attempt inside the window, if there is one,
// says how long the key stays blocked. Both rows are inserted only when neither key is
// blocked. `$4`/`$5`/`$6` may be NULL to check a single key. `$7` window in seconds.
// Answers the longest wait (NULL when not blocked) and the ids of the two rows inserted.
inline constexpr db::query check_and_record_q{
    "auth.throttle_check_and_record",
    "WITH keys(kind, key, lim) AS (VALUES ($1::text, $2::text, $3::int), ($4::text, $5::text, $6::int)), "
    "live AS (SELECT kind, key, lim FROM keys WHERE key IS NOT NULL), "
    "blocked AS ( "
    "  SELECT f.attempted_at + make_interval(secs => $7::float8) - now() AS wait "
    "  FROM live CROSS JOIN LATERAL ( "
    "    SELECT a.attempted_at FROM auth_attempts a "
    "    WHERE a.kind = live.kind AND a.key = live.key "
    "      AND a.attempted_at > now() - make_interval(secs => $7::float8) "
    "    ORDER BY a.attempted_at DESC OFFSET live.lim - 1 LIMIT 1) f), "
    "recorded AS ( "
    "  INSERT INTO auth_attempts (kind, key) "
    "  SELECT kind, key FROM live WHERE NOT EXISTS (SELECT 1 FROM blocked) "
    "  RETURNING id, kind) "
    "SELECT ceil(extract(epoch FROM (SELECT max(wait) FROM blocked)))::bigint, "
    "       (SELECT id FROM recorded WHERE kind = $1), (SELECT id FROM recorded WHERE kind = $4)"};
inline constexpr db::query forget_success_q{
    "auth.throttle_forget_success",
    "DELETE FROM auth_attempts WHERE (kind = $1 AND key = $2) OR id = $3"};
inline constexpr db::query withdraw_q{
    "auth.throttle_withdraw", "DELETE FROM auth_attempts WHERE id = ANY($1::bigint[])"};
inline constexpr db::query cleanup_q{
    "auth.throttle_cleanup",
    "DELETE FROM auth_attempts WHERE attempted_at < now() - make_interval(secs => $1::float8)"};

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
    co_await db_.exec(forget_success_q, db::params(login_email, email, attempt.address_row));
}

awaitable<void> throttle::withdraw(const login_attempt& attempt) {
    std::vector<std::int64_t> rows;
    for (auto id : {attempt.email_row, attempt.address_row})
        if (id != 0) rows.push_back(id);
    if (rows.empty()) co_return;
    co_await db_.exec(withdraw_q, db::params(rows));
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

    auto key_of = [](const counted_key& k) {
        return k.key ? std::optional<std::string>(*k.key) : std::nullopt;
    };
    auto kind_of = [](const counted_key& k) {
        return k.key ? std::optional<std::string>(k.kind) : std::nullopt;
    };
    auto limit_of = [](const counted_key& k) {
        return k.key ? std::optional<std::int64_t>(capped(k.limit)) : std::nullopt;
    };

    auto tx = co_await db_.begin();
    co_await tx.exec(lock_keys_q, db::params(a.kind, *a.key, kind_of(b), key_of(b)));
    auto res = co_await tx.exec(
        check_and_record_q,
        db::params(a.kind, *a.key, capped(a.limit), kind_of(b), key_of(b), limit_of(b),
                   static_cast<std::int64_t>(window.count())));
    if (!res.empty() && !res[0].is_null(0)) {
        co_await tx.rollback();
        const auto wait = std::max<std::int64_t>(1, res[0].int64(0));
        throw errors::too_many_requests(
            wait, "too many attempts; try again in " + std::to_string(wait) + " seconds");
    }
    co_await tx.commit();

    login_attempt recorded;
    const auto row_a = res.empty() ? std::nullopt : res[0].opt_int64(1);
    const auto row_b = res.empty() ? std::nullopt : res[0].opt_int64(2);
    for (auto [kind, row] : {std::pair{a.kind, row_a}, std::pair{b.kind, row_b}}) {
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
    const auto keep = std::max(limits_.login_window, signup_window);
    co_await db_.exec(cleanup_q, db::params(static_cast<std::int64_t>(keep.count())));
}

}  // namespace proeventa::auth
