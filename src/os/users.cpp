#include <proeventa/os/users.hpp>

#include <pwd.h>
#include <unistd.h>

#include <stdexcept>
#include <vector>

namespace proeventa::os {

std::optional<user> user_named(const std::string& name) {
    passwd pw{};
    passwd* found = nullptr;
    std::vector<char> buffer(16384);
    if (getpwnam_r(name.c_str(), &pw, buffer.data(), buffer.size(), &found) != 0 || !found)
        return std::nullopt;
    return user{pw.pw_name, pw.pw_uid, pw.pw_gid, pw.pw_dir ? pw.pw_dir : "/"};
}

std::string current_user_name() {
    passwd pw{};
    passwd* found = nullptr;
    std::vector<char> buffer(16384);
    if (getpwuid_r(geteuid(), &pw, buffer.data(), buffer.size(), &found) != 0 || !found)
        throw std::runtime_error("cannot find the name of the current user (uid " +
                                 std::to_string(geteuid()) + ")");
    return pw.pw_name;
}

bool running_as_root() { return geteuid() == 0; }

}  // namespace proeventa::os
