#pragma once
// The directory other modules use to name the accounts behind their rows.
#include <proeventa/auth/auth.hpp>

#include "user_repository.hpp"

namespace proeventa::auth {

class user_directory final : public directory {
public:
    explicit user_directory(user_repository& users) : users_(users) {}

    awaitable<std::vector<user_summary>> find_users(std::vector<std::int64_t> ids) override;

private:
    user_repository& users_;
};

}  // namespace proeventa::auth
