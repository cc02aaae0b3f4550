#include "timezones.hpp"

#include "venue_queries.hpp"

#include <cctype>

namespace proeventa::events {

namespace {

std::string lower(std::string_view s) {
    std::string out(s);
    for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
}

}  // namespace

awaitable<std::shared_ptr<const timezone_registry::name_map>> timezone_registry::names() {
    {
        std::lock_guard lock(mutex_);
        if (names_) co_return names_;
    }
    // Two first requests may both load the list; they get equal answers and one copy is kept.
    auto rows = co_await db_.exec(sql::timezone_names);
    auto loaded = std::make_shared<name_map>();
    for (auto r : rows) {
        std::string name = r.string(0);
        // posixrules and friends are files in the zone directory, not zones people pick.
        if (name.find("posix") == 0 || name == "localtime" || name == "Factory") continue;
        loaded->emplace(lower(name), std::move(name));
    }
    std::lock_guard lock(mutex_);
    if (!names_) names_ = std::move(loaded);
    co_return names_;
}

awaitable<std::optional<std::string>> timezone_registry::canonical(std::string_view name) {
    const std::string key = lower(name);
    auto known = co_await names();
    auto it = known->find(key);
    if (it == known->end()) co_return std::nullopt;
    co_return it->second;
}

}  // namespace proeventa::events
