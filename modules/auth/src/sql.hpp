#pragma once
// The auth module's statements, kept in modules/auth/sql/*.sql (one per file, named after it)
// and prepared as "auth.<name>". Looked up while the program starts, so a missing file stops
// it at once rather than at the first request that needs it.
#include <proeventa/db/statements.hpp>
#include <proeventa/embedded.hpp>

#include <span>

namespace proeventa::auth::sql_files {
std::span<const proeventa::embedded_file> files();
}

namespace proeventa::auth::sql {

const db::statement_book& book();

// users
inline const db::query& find_user_by_id = book()["find_user_by_id"];
inline const db::query& find_user_by_email = book()["find_user_by_email"];
inline const db::query& access_of = book()["access_of"];
inline const db::query& user_summaries = book()["user_summaries"];
inline const db::query& create_user = book()["create_user"];
inline const db::query& update_profile = book()["update_profile"];
inline const db::query& upgrade_password_hash = book()["upgrade_password_hash"];
inline const db::query& set_role = book()["set_role"];
inline const db::query& set_role_by_email = book()["set_role_by_email"];
inline const db::query& list_users = book()["list_users"];

// auth_attempts (login and sign-up throttling)
inline const db::query& throttle_lock_keys = book()["throttle_lock_keys"];
inline const db::query& throttle_check_and_record = book()["throttle_check_and_record"];
inline const db::query& throttle_forget_success = book()["throttle_forget_success"];
inline const db::query& throttle_withdraw = book()["throttle_withdraw"];
inline const db::query& throttle_cleanup = book()["throttle_cleanup"];
inline const db::query& delete_account = book()["delete_account"];
inline const db::query& sign_out_everywhere = book()["sign_out_everywhere"];

}  // namespace proeventa::auth::sql
