#include "user_directory.hpp"

#include <algorithm>
#include <stdexcept>

namespace proeventa::auth {

namespace {
// A page of an organizer's reservation list is at most 1000 rows; this bound keeps a caller's mistake
// from turning into an unbounded array parameter.
constexpr std::size_t max_ids = 1000;
}  // namespace

awaitable<std::vector<user_summary>> user_directory::find_users(std::vector<std::int64_t> ids) {
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    if (ids.size() > max_ids) throw std::invalid_argument("find_users: more than 1000 ids");
    if (ids.empty()) co_return std::vector<user_summary>{};
    co_return co_await users_.summaries(ids);
}

}  // namespace proeventa::auth
