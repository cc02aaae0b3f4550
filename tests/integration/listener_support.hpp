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

}  // namespace proeventa::test
