#pragma once
// The account state every signed-in request is checked against (role, token generation,
// deleted), kept per instance so a signed-in read costs no database trip. A role change, a
// password change or a deletion on any instance reaches every instance's cache by NOTIFY
// (proeventa_accounts, sent by a trigger on users) before the writer's answer is even read,
// and this instance's own writes clear their entry at once. While the change listener is
// down, every request reads the row, as before the cache existed.
#include "records.hpp"
#include "user_repository.hpp"

#include <proeventa/shared_cache.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

namespace proeventa::auth {

class account_cache {
public:
    account_cache(user_repository& users, std::size_t max_bytes, std::function<std::uint64_t()> epoch)
        : users_(users), cache_(max_bytes, std::move(epoch)) {}

    /// The account's access facts; nullopt when there is no such account.
    awaitable<std::optional<account_access>> access_of(std::int64_t user_id);

    void forget(std::int64_t user_id);
    /// A proeventa_accounts payload (a user id); a malformed one forgets everyone.
    void on_notification(std::string_view payload);
    void on_listening(bool listening);

private:
    struct entry {
        std::optional<account_access> access;
        std::size_t weight() const { return sizeof(*this) + (access ? access->role.size() : 0); }
    };

    user_repository& users_;
    shared_cache<entry> cache_;
};

}  // namespace proeventa::auth
