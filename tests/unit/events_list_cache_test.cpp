// list_cache on its own: concurrent askers share one load, a failed load reaches every asker and
// is not kept, signed-in viewers get no key, and a write during a load is never hidden from
// those who ask after it.
#include <catch2/catch.hpp>

#include "list_cache.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <stdexcept>

using namespace proeventa;
using namespace proeventa::events;
using namespace std::chrono_literals;

namespace {

/// A load that takes `delay` (so others arrive meanwhile) and lists `total` as its answer.
list_cache::loader slow_load(int& calls, std::int64_t total, std::chrono::milliseconds delay = 50ms) {
    return [&calls, total, delay]() -> awaitable<event_page> {
        ++calls;
        net::steady_timer t(co_await net::this_coro::executor, delay);
        co_await t.async_wait(use_awaitable);
        event_page page;
        page.total = total;
        co_return page;
    };
}

void ask(net::io_context& io, list_cache& cache, const std::string& key, list_cache::loader load,
         std::vector<std::int64_t>& answers, std::vector<std::string>* errors = nullptr) {
    auto body = [&cache, key, load = std::move(load), &answers, errors]() -> awaitable<void> {
        try {
            auto page = co_await cache.get(key, load);
            answers.push_back(page->total);
        } catch (const std::exception& e) {
            if (errors) errors->push_back(e.what());
        }
    };
    net::co_spawn(io, std::move(body), net::detached);
}

}  // namespace

TEST_CASE("list cache: concurrent askers share one load, then the page is reused", "[events][cache]") {
    net::io_context io;
    list_cache cache(60s);
    int calls = 0;
    std::vector<std::int64_t> answers;
    for (int i = 0; i < 20; ++i) ask(io, cache, "k", slow_load(calls, 7), answers);
    io.run();
    CHECK(calls == 1);
    CHECK(answers == std::vector<std::int64_t>(20, 7));

    io.restart();
    ask(io, cache, "k", slow_load(calls, 8), answers);
    ask(io, cache, "other", slow_load(calls, 9), answers);
    io.run();
    CHECK(calls == 2);  // "k" reused, "other" loaded
    CHECK(answers.back() == 9);
    CHECK(answers[20] == 7);
}

TEST_CASE("list cache: a failed load reaches every asker and is not kept", "[events][cache]") {
    net::io_context io;
    list_cache cache(60s);
    int calls = 0;
    list_cache::loader failing = [&calls]() -> awaitable<event_page> {
        ++calls;
        net::steady_timer t(co_await net::this_coro::executor, 20ms);
        co_await t.async_wait(use_awaitable);
        throw std::runtime_error("database unavailable");
    };
    std::vector<std::int64_t> answers;
    std::vector<std::string> errors;
    for (int i = 0; i < 5; ++i) ask(io, cache, "k", failing, answers, &errors);
    io.run();
    CHECK(calls == 1);
    CHECK(errors == std::vector<std::string>(5, "database unavailable"));

    io.restart();
    ask(io, cache, "k", slow_load(calls, 3), answers);
    io.run();
    CHECK(calls == 2);
    CHECK(answers == std::vector<std::int64_t>{3});
}

TEST_CASE("list cache: askers after a write never get a page loaded before it", "[events][cache]") {
    net::io_context io;
    list_cache cache(60s);
    int calls = 0;
    std::vector<std::int64_t> answers;
    ask(io, cache, "k", slow_load(calls, 1, 100ms), answers);  // loading "before the write"
    net::steady_timer at(io, 30ms);
    at.async_wait([&](auto) {
        cache.invalidate();  // the write lands while the first load runs
        ask(io, cache, "k", slow_load(calls, 2, 10ms), answers);
    });
    io.run();
    CHECK(calls == 2);
    // The later asker got the fresh load; the earlier one its own.
    CHECK(answers == std::vector<std::int64_t>{2, 1});

    // And the stale page was not kept: the next asker gets the fresh one from the cache.
    io.restart();
    ask(io, cache, "k", slow_load(calls, 99), answers);
    io.run();
    CHECK(calls == 2);
    CHECK(answers.back() == 2);
}

TEST_CASE("list cache: only anonymous viewers' lists have a key; a zero ttl caches nothing", "[events][cache]") {
    event_filter anonymous;
    CHECK_FALSE(list_cache::key_for(anonymous, 20, 0).empty());
    CHECK(list_cache::key_for(anonymous, 20, 0) != list_cache::key_for(anonymous, 20, 20));
    event_filter searched = anonymous;
    searched.search = "jazz\",\"x";
    CHECK(list_cache::key_for(searched, 20, 0) != list_cache::key_for(anonymous, 20, 0));
    event_filter signed_in;
    signed_in.viewer_id = 4;
    CHECK(list_cache::key_for(signed_in, 20, 0).empty());
    event_filter admin;
    admin.viewer_is_admin = true;
    CHECK(list_cache::key_for(admin, 20, 0).empty());

    net::io_context io;
    list_cache off(0ms);
    int calls = 0;
    std::vector<std::int64_t> answers;
    for (int i = 0; i < 3; ++i) ask(io, off, "k", slow_load(calls, 5), answers);
    io.run();
    CHECK(calls == 3);
}
