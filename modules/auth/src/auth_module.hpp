#pragma once
// The concrete module main.cpp receives from make_module: owns the services and answers the
// auth routes (handlers in routes.cpp, wiring in module.cpp).
#include <proeventa/auth/auth.hpp>

#include "account_service.hpp"
#include "identity_service.hpp"
#include "throttle.hpp"
#include "user_directory.hpp"
#include "user_repository.hpp"

namespace proeventa::auth {

class auth_module final : public module {
public:
    auth_module(db::pool& db, net::thread_pool& hashing, options opts);

    identity& identity_service() override { return identity_; }
    directory& directory_service() override { return directory_; }
    void register_routes(router& r) override;
    std::vector<metric_sample> metrics() const override { return hashing_.metrics(); }

private:
    awaitable<response> signup(request_context& ctx);
    awaitable<response> login(request_context& ctx);
    awaitable<response> me(request_context& ctx);
    awaitable<response> update_me(request_context& ctx);
    awaitable<response> get_user(request_context& ctx);
    awaitable<response> list_users(request_context& ctx);
    awaitable<response> set_role(request_context& ctx);

    options options_;
    hashing_queue hashing_;
    user_repository users_;
    throttle throttle_;
    class identity_service identity_;
    account_service accounts_;
    user_directory directory_;
};

}  // namespace proeventa::auth
