#include "account_deletion.hpp"

#include "errors.hpp"
#include "password.hpp"
#include "sql.hpp"

namespace proeventa::auth {

awaitable<void> account_deletion::sign_out_everywhere(const principal& who) {
    const auto rows = co_await db_.exec(sql::sign_out_everywhere, db::params(who.user_id));
    tokens_.account_changed(who.user_id);
    if (rows.empty()) throw failure(errc::user_not_found, "account not found");
}

awaitable<bool> account_deletion::password_matches(const user_record& user, const std::string& password,
                                                   const std::string& address) {
    auto verify = [password, hash = user.password_hash] { return verify_password(password, hash); };
    auto check = hashing_.run(std::move(verify));
    co_return co_await throttle_.counted_login(address, user.email, std::move(check));
}

awaitable<void> account_deletion::delete_account(const principal& who, const std::string& password,
                                                 const std::string& address) {
    const auto user = co_await users_.find_by_id(who.user_id);
    if (!user) throw failure(errc::user_not_found, "account not found");
    if (!co_await password_matches(*user, password, address))
        throw failure(errc::forbidden, "current_password is incorrect");
    auto body = [&](db::transaction& tx) -> awaitable<bool> {
        const auto rows = co_await tx.exec(sql::delete_account, db::params(who.user_id));
        if (rows.empty()) co_return false;
        for (auto* listener : listeners_) co_await listener->on_account_deleted(tx, who.user_id);
        co_return true;
    };
    const bool deleted = co_await db_.in_transaction(body);
    tokens_.account_changed(who.user_id);
    if (!deleted) throw failure(errc::user_not_found, "account not found");
}

}  // namespace proeventa::auth
