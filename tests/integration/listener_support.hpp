#pragma once
// Keeps a server's change listener cut off for as long as it lives: a thread ends every
// `proeventa-listener` connection to the database as soon as it appears, through the cluster's
// own `postgres` database, so the test and the server's pool keep working meanwhile.
#include "test_support.hpp"

#include <atomic>
#include <thread>

namespace proeventa::test {

class listener_blocker {
public:
    explicit listener_blocker(const std::string& database_conninfo)
        : dbname_(sql(database_conninfo, "SELECT current_database()").at(0).at(0)) {
        worker_ = std::thread([this] {
            while (!done_) {
                sql(cluster_conninfo(), "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" +
                                            dbname_ + "' AND application_name = 'proeventa-listener'");
                std::this_thread::sleep_for(std::chrono::milliseconds(5));
            }
        });
    }
    ~listener_blocker() {
        done_ = true;
        worker_.join();
    }

private:
    std::string dbname_;
    std::atomic<bool> done_{false};
    std::thread worker_;
};

/// Returns once the server behind `c` has handled every change notification committed before
/// the call. Notifications arrive in commit order, so it sends one more whose effect can be
/// seen (a venue change empties the answer cache) after making sure something is cached, and
/// waits for the cache to be empty. Use it after writes whose notifications would otherwise
/// land in the middle of what a test observes. Leaves the answer cache empty.
inline void settle_changes(client& c, const std::string& database_conninfo) {
    auto entries = [&c] {
        const auto text = c.get("/metrics").body;
        const std::string name = "\nproeventa_cache_entries ";
        const auto at = text.find(name);
        return at == std::string::npos ? -1 : std::stoll(text.substr(at + name.size()));
    };
    REQUIRE(eventually([&] {
        c.get("/events/events?limit=1");
        return entries() > 0;
    }));
    sql(database_conninfo, "SELECT pg_notify('proeventa_catalog', 'venue:0')");
    REQUIRE(eventually([&] { return entries() == 0; }));
}

}  // namespace proeventa::test
