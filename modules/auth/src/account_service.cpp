#include "account_service.hpp"

#include "base64url.hpp"
#include "errors.hpp"
#include "hashing.hpp"
#include "password.hpp"
#include "password_policy.hpp"

#include <proeventa/log.hpp>

#include <boost/asio/post.hpp>

#include <exception>
#include <mutex>

namespace proeventa::auth {

// Computed once on the hashing pool, started at construction so the first login for an
// unknown email does not pay for two hashes (which would make it distinguishable). Shared
// ownership keeps the posted job safe if the service is destroyed first.
struct account_service::dummy_hash {
    std::once_flag once;
    std::string encoded;
    const std::string& get() {
        std::call_once(once, [this] { encoded = hash_password(random_token(24)); });
        return encoded;
    }
};

namespace {

constexpr const char* user_not_found = "user not found";

/// `weak_password` naming the rule broken; the details name the field, as validation does.
void require_acceptable_password(const std::string& password, const std::string& email) {
    if (auto problem = password_problem(password, email))
        throw failure(errc::weak_password, *problem, {{"password", *problem}});
}

}  // namespace

account_service::account_service(user_repository& users, throttle& limiter,
                                 identity_service& identity, hashing_queue& hashing)
    : users_(users),
      throttle_(limiter),
      identity_(identity),
      hashing_(hashing),
      dummy_(std::make_shared<dummy_hash>()) {
    auto warm_up = [dummy = dummy_] { dummy->get(); };
    net::post(hashing_.pool(), std::move(warm_up));
}

awaitable<bool> account_service::verify(const std::string& password, const std::string* stored) {
    const bool usable = stored != nullptr && scheme_of(*stored) != hash_scheme::unknown;
    std::string hash = usable ? *stored : std::string();
    auto check = [password, hash = std::move(hash), dummy = dummy_]() {
        if (hash.empty()) {
            (void)verify_password(password, dummy->get());
            return false;
        }
        return verify_password(password, hash);
    };
    co_return co_await hashing_.run(std::move(check));
}

awaitable<user_record> account_service::signup(const signup_input& input, const std::string& address) {
    // Refused before it is counted: a weak password is a mistake, not an attempt.
    require_acceptable_password(input.password, input.email);
    co_await throttle_.begin_signup(address);
    auto hash_job = [password = input.password] { return hash_password(password); };
    const std::string hash = co_await hashing_.run(std::move(hash_job));
    auto created = co_await users_.create(input.email, hash, input.full_name, "customer");
    if (!created) throw failure(errc::email_taken, "an account with this email already exists");
    co_return std::move(*created);
}

awaitable<bool> account_service::counted_verify(const std::string& address, const std::string& email,
                                               const std::string& password, const std::string* stored) {
    auto check = verify(password, stored);
    co_return co_await throttle_.counted_login(address, email, std::move(check));
}

awaitable<login_result> account_service::login(const credentials& input, const std::string& address) {
    auto user = co_await users_.find_by_email(input.email);
    const bool ok = co_await counted_verify(address, input.email, input.password,
                                            user ? &user->password_hash : nullptr);
    if (!user || !ok) throw failure(errc::invalid_credentials, "the email or password is incorrect");
    co_await upgrade_hash_if_weak(*user, input.password);
    co_return login_result{*user, identity_.issue(*user)};
}

awaitable<void> account_service::upgrade_hash_if_weak(const user_record& user,
                                                      const std::string& password) {
    if (!needs_rehash(user.password_hash)) co_return;
    // The login has succeeded already; failing to upgrade only means trying again next time.
    try {
        auto hash_job = [password] { return hash_password(password); };
        const std::string fresh = co_await hashing_.run(std::move(hash_job));
        if (co_await users_.upgrade_password_hash(user.id, user.password_hash, fresh))
            log::info("password hash upgraded to argon2id", {{"user_id", user.id}});
    } catch (const std::exception& e) {
        log::warn("password hash upgrade failed", {{"user_id", user.id}, {"error", e.what()}});
    }
}

awaitable<profile_update> account_service::update_profile(const principal& who,
                                                          const profile_change& change,
                                                          const std::string& address) {
    auto current = co_await users_.find_by_id(who.user_id);
    if (!current) throw failure(errc::user_not_found, user_not_found);

    std::optional<std::string> new_hash;
    if (change.new_password) {
        if (!change.current_password)
            throw failure(errc::invalid_input, "changing the password requires current_password",
                          {{"current_password", "is required to set a new password"}});
        require_acceptable_password(*change.new_password, current->email);
        // A stolen token must not become an unthrottled password-guessing oracle.
        if (!co_await counted_verify(address, current->email, *change.current_password,
                                     &current->password_hash))
            throw failure(errc::forbidden, "current_password is incorrect");
        auto hash_job = [password = *change.new_password] { return hash_password(password); };
        new_hash = co_await hashing_.run(std::move(hash_job));
    }
    if (!change.full_name && !new_hash) co_return profile_update{std::move(*current), std::nullopt};
    auto updated = co_await users_.update_profile(who.user_id, change.full_name, new_hash);
    if (new_hash) identity_.account_changed(who.user_id);
    if (!updated) throw failure(errc::user_not_found, user_not_found);
    profile_update out{std::move(*updated), std::nullopt};
    if (new_hash) out.token = identity_.issue(out.user);
    co_return out;
}

awaitable<user_record> account_service::find(std::int64_t id) {
    auto user = co_await users_.find_by_id(id);
    if (!user) throw failure(errc::user_not_found, user_not_found);
    co_return std::move(*user);
}

awaitable<user_page> account_service::list(const user_search& search) {
    co_return co_await users_.list(search.text, search.limit, search.offset);
}

awaitable<user_record> account_service::set_role(std::int64_t id, const std::string& role) {
    auto user = co_await users_.set_role(id, role);
    identity_.account_changed(id);
    if (!user) throw failure(errc::user_not_found, user_not_found);
    co_return std::move(*user);
}

}  // namespace proeventa::auth
