#include "attempt_repository.hpp"

#include "sql.hpp"

#include <proeventa/db/record.hpp>

namespace proeventa::auth {

// Why a lock and not just one statement: under READ COMMITTED, concurrent statements each
// count the rows committed before they started and cannot see each other's inserts, so N
// parallel guesses all found the key under its limit. Holding a transaction-scoped advisory
// lock per key makes the attempts on one key take turns; the check then runs as a *second*
// statement, whose snapshot is taken after the lock was granted and so includes every row
// the previous holder committed. A counter row with a conditional UPDATE would serialise as
// well, but turn the sliding window into fixed buckets and lose the per-attempt rows that
// Retry-After and forgetting one success's attempt need.
awaitable<attempt_check> attempt_repository::check_and_record(const attempt_key& first,
                                                              const std::optional<attempt_key>& second,
                                                              std::chrono::seconds window) {
    std::optional<std::string> second_kind, second_key;
    std::optional<std::int64_t> second_limit;
    if (second) {
        second_kind = second->kind;
        second_key = second->key;
        second_limit = second->limit;
    }
    const auto window_seconds = static_cast<std::int64_t>(window.count());
    auto body = [&](db::transaction& tx) -> awaitable<attempt_check> {
        co_await tx.exec(sql::throttle_lock_keys, db::params(first.kind, first.key, second_kind, second_key));
        auto res = co_await tx.exec(sql::throttle_check_and_record,
                                    db::params(first.kind, first.key, first.limit, second_kind,
                                               second_key, second_limit, window_seconds));
        co_return db::first_record<attempt_check>(res).value_or(attempt_check{});
    };
    co_return co_await db_.in_transaction(body);
}

awaitable<void> attempt_repository::forget(const std::string& kind, const std::string& key,
                                           std::int64_t also_row) {
    co_await db_.exec(sql::throttle_forget_success, db::params(kind, key, also_row));
}

awaitable<void> attempt_repository::withdraw(const std::vector<std::int64_t>& rows) {
    co_await db_.exec(sql::throttle_withdraw, db::params(rows));
}

awaitable<void> attempt_repository::delete_older_than(std::chrono::seconds age) {
    co_await db_.exec(sql::throttle_cleanup, db::params(static_cast<std::int64_t>(age.count())));
}

}  // namespace proeventa::auth
