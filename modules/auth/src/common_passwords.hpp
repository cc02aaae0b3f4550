#pragma once
// The 10,000 most common passwords (modules/auth/data/, compiled into the binary), so a
// sign-up or password change cannot pick one that every guessing list tries first.
#include <cstddef>
#include <string_view>

namespace proeventa::auth {

/// True when `password`, ignoring ASCII letter case, is on the list.
bool is_common_password(std::string_view password);
/// How many distinct entries the list holds (for tests: the embedded file really is there).
std::size_t common_password_count();

}  // namespace proeventa::auth
