#pragma once
// Operating-system accounts, looked up by name or as the current one.
#include <optional>
#include <string>

#include <sys/types.h>

namespace proeventa::os {

struct user {
    std::string name;
    uid_t uid = 0;
    gid_t gid = 0;
    std::string home;
};

/// The account called `name`, if there is one.
std::optional<user> user_named(const std::string& name);
/// The name of the effective user; throws std::runtime_error when it has none.
std::string current_user_name();
/// Whether the process runs as root (effective uid 0).
bool running_as_root();

}  // namespace proeventa::os
