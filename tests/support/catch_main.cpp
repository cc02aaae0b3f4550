#define CATCH_CONFIG_RUNNER
#include <catch2/catch.hpp>

#include "run_end.hpp"

#include <atomic>
#include <iostream>
#include <mutex>
#include <vector>

namespace proeventa::test {
namespace {
std::mutex teardown_mutex;
std::vector<std::function<void()>>& teardowns() {
    static std::vector<std::function<void()>> list;
    return list;
}
std::atomic<int> run_failures{0};
}  // namespace

void at_run_end(std::function<void()> teardown) {
    std::lock_guard lock(teardown_mutex);
    teardowns().push_back(std::move(teardown));
}

void fail_run(const std::string& why) {
    ++run_failures;
    std::cerr << "\nrun failed after its assertions: " << why << '\n';
}

}  // namespace proeventa::test

int main(int argc, char* argv[]) {
    const int result = Catch::Session().run(argc, argv);
    std::vector<std::function<void()>> pending;
    {
        std::lock_guard lock(proeventa::test::teardown_mutex);
        pending.swap(proeventa::test::teardowns());
    }
    for (auto it = pending.rbegin(); it != pending.rend(); ++it) (*it)();
    if (result != 0) return result;
    return proeventa::test::run_failures.load() == 0 ? 0 : 1;
}
