// Hashing must leave the I/O threads: run_on does the work on the hashing pool and resumes
// the caller back on its own executor.
#include <catch2/catch.hpp>

#include "hashing.hpp"
#include "password.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <stdexcept>
#include <thread>

using namespace proeventa;

TEST_CASE("run_on runs the work on the pool and resumes on the caller's executor", "[auth][hashing]") {
    net::io_context io;
    net::thread_pool pool(1);
    std::thread::id io_thread, work_thread, resumed_thread;
    bool verified = false;
    bool caught = false;

    auto body = [&]() -> awaitable<void> {
        io_thread = std::this_thread::get_id();
        auto work = [&work_thread] {
            work_thread = std::this_thread::get_id();
            return auth::verify_password("pw-12345678", auth::hash_password("pw-12345678", {1024, 1, 1}));
        };
        verified = co_await auth::run_on(pool, std::move(work));
        resumed_thread = std::this_thread::get_id();
        auto failing = []() -> int { throw std::runtime_error("boom"); };
        try {
            (void)co_await auth::run_on(pool, std::move(failing));
        } catch (const std::runtime_error&) {
            caught = true;
        }
    };
    net::co_spawn(io, body, net::detached);
    io.run();
    pool.join();

    CHECK(verified);
    CHECK(work_thread != std::thread::id{});
    CHECK(work_thread != io_thread);
    CHECK(resumed_thread == io_thread);
    CHECK(caught);
}
