#include "timezones.hpp"

#include "venue_repository.hpp"

#include <proeventa/text.hpp>

namespace proeventa::events {

awaitable<std::shared_ptr<const timezone_registry::name_map>> timezone_registry::names() {
    {
        std::lock_guard lock(mutex_);
        if (names_) co_return names_;
    }
    // Two first requests may both load the list; they get equal answers and one copy is kept.
    auto zones = co_await timezone_names(db_);
    auto loaded = std::make_shared<name_map>();
    for (auto& zone : zones) {
        std::string name = std::move(zone.name);
        // posixrules and friends are files in the zone directory, not zones people pick.
        if (name.find("posix") == 0 || name == "localtime" || name == "Factory") continue;
        loaded->emplace(text::lower_ascii(name), std::move(name));
    }
    std::lock_guard lock(mutex_);
    if (!names_) names_ = std::move(loaded);
    co_return names_;
}

awaitable<std::optional<std::string>> timezone_registry::canonical(std::string_view name) {
    const std::string key = text::lower_ascii(name);
    auto known = co_await names();
    auto it = known->find(key);
    if (it == known->end()) co_return std::nullopt;
    co_return it->second;
}

}  // namespace proeventa::events
