// shared_cache on its own: concurrent askers share one load, a failed load reaches every asker
// and is not kept, an invalidation during a load is never hidden from later askers, nothing is
// kept or trusted across a gap in listening, ttl, and the byte budget evicts the least
// recently used.
#include <catch2/catch.hpp>

#include <proeventa/shared_cache.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>

#include <algorithm>
#include <stdexcept>

using namespace proeventa;
using namespace std::chrono_literals;

namespace {

struct number {
    std::int64_t value = 0;
    std::size_t bytes = 100;
    std::size_t weight() const { return bytes; }
};
using cache_type = shared_cache<number>;

struct fake_listener {
    std::uint64_t epoch = 1;
    cache_type::epoch_source source() {
        return [this] { return epoch; };
    }
};

/// A load that takes `delay` (so others arrive meanwhile) and answers `value`.
auto slow_load(int& calls, std::int64_t value, std::chrono::milliseconds delay = 50ms, bool keep = true,
               std::size_t bytes = 100) {
    return [&calls, value, delay, keep, bytes]() -> awaitable<cache_type::fill> {
        ++calls;
        net::steady_timer t(co_await net::this_coro::executor, delay);
        co_await t.async_wait(use_awaitable);
        co_return cache_type::fill{number{value, bytes}, keep};
    };
}

template <class Loader>
void ask(net::io_context& io, cache_type& cache, const std::string& key, Loader load, std::vector<std::int64_t>& answers,
         std::vector<std::string>* errors = nullptr, std::chrono::milliseconds ttl = 0ms) {
    auto body = [&cache, key, load, &answers, errors, ttl]() -> awaitable<void> {
        try {
            auto n = co_await cache.get(key, ttl, load);
            answers.push_back(n.value);
        } catch (const std::exception& e) {
            if (errors) errors->push_back(e.what());
        }
    };
    net::co_spawn(io, std::move(body), net::detached);
}

}  // namespace

TEST_CASE("shared cache: concurrent askers share one load, then the value is reused", "[cache]") {
    net::io_context io;
    fake_listener listening;
    cache_type cache(1 << 20, listening.source());
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
    CHECK(answers[20] == 7);
    CHECK(answers.back() == 9);
    CHECK(cache.statistics().hits >= 1);
}

TEST_CASE("shared cache: a failed load reaches every asker and is not kept", "[cache]") {
    net::io_context io;
    fake_listener listening;
    cache_type cache(1 << 20, listening.source());
    int calls = 0;
    auto failing = [&calls]() -> awaitable<cache_type::fill> {
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

TEST_CASE("shared cache: askers after an invalidation never get a value loaded before it", "[cache]") {
    net::io_context io;
    fake_listener listening;
    cache_type cache(1 << 20, listening.source());
    int calls = 0;
    std::vector<std::int64_t> answers;
    ask(io, cache, "k", slow_load(calls, 1, 100ms), answers);  // loading "before the write"
    net::steady_timer at(io, 30ms);
    at.async_wait([&](auto) {
        cache.invalidate("k");  // the write's notification arrives while the first load runs
        ask(io, cache, "k", slow_load(calls, 2, 10ms), answers);
    });
    io.run();
    CHECK(calls == 2);
    CHECK(answers == std::vector<std::int64_t>{2, 1});

    // The stale value was not kept: the next asker gets the fresh one from the cache.
    io.restart();
    ask(io, cache, "k", slow_load(calls, 99), answers);
    io.run();
    CHECK(calls == 2);
    CHECK(answers.back() == 2);

    // A prefix invalidation drops every matching key and only those.
    io.restart();
    ask(io, cache, "list/a", slow_load(calls, 10, 1ms), answers);
    ask(io, cache, "list/b", slow_load(calls, 11, 1ms), answers);
    io.run();
    cache.invalidate_prefix("list/");
    io.restart();
    ask(io, cache, "list/a", slow_load(calls, 12, 1ms), answers);
    ask(io, cache, "k", slow_load(calls, 13, 1ms), answers);
    io.run();
    CHECK(calls == 5);  // list/a loaded again, k still cached
    std::vector<std::int64_t> last_two(answers.end() - 2, answers.end());
    std::sort(last_two.begin(), last_two.end());
    CHECK(last_two == std::vector<std::int64_t>{2, 12});
}

TEST_CASE("shared cache: nothing is kept while not listening, nor trusted across a gap", "[cache]") {
    net::io_context io;
    fake_listener listening;
    listening.epoch = 0;  // listener down
    cache_type cache(1 << 20, listening.source());
    int calls = 0;
    std::vector<std::int64_t> answers;
    ask(io, cache, "k", slow_load(calls, 1, 1ms), answers);
    io.run();
    io.restart();
    ask(io, cache, "k", slow_load(calls, 2, 1ms), answers);
    io.run();
    CHECK(calls == 2);
    CHECK(answers == std::vector<std::int64_t>{1, 2});

    listening.epoch = 5;
    io.restart();
    ask(io, cache, "k", slow_load(calls, 3, 1ms), answers);
    io.run();
    io.restart();
    ask(io, cache, "k", slow_load(calls, 4, 1ms), answers);
    io.run();
    CHECK(calls == 3);  // kept in epoch 5
    CHECK(answers.back() == 3);

    // The connection was lost and came back: what epoch 5 kept may miss a write of the gap.
    listening.epoch = 6;
    io.restart();
    ask(io, cache, "k", slow_load(calls, 5, 1ms), answers);
    io.run();
    CHECK(calls == 4);
    CHECK(answers.back() == 5);

    // A load that spans a gap answers its askers but is not kept.
    io.restart();
    cache.clear();
    ask(io, cache, "k", slow_load(calls, 6, 50ms), answers);
    net::steady_timer at(io, 10ms);
    at.async_wait([&](auto) { listening.epoch = 7; });
    io.run();
    io.restart();
    ask(io, cache, "k", slow_load(calls, 7, 1ms), answers);
    io.run();
    CHECK(calls == 6);
    CHECK(answers.back() == 7);
}

TEST_CASE("shared cache: keep=false answers without storing; ttl expires entries", "[cache]") {
    net::io_context io;
    fake_listener listening;
    cache_type cache(1 << 20, listening.source());
    int calls = 0;
    std::vector<std::int64_t> answers;
    ask(io, cache, "draft", slow_load(calls, 1, 1ms, false), answers);
    io.run();
    io.restart();
    ask(io, cache, "draft", slow_load(calls, 2, 1ms, false), answers);
    io.run();
    CHECK(calls == 2);

    ask(io, cache, "page", slow_load(calls, 3, 1ms), answers, nullptr, 30ms);
    io.run();
    io.restart();
    ask(io, cache, "page", slow_load(calls, 4, 1ms), answers, nullptr, 30ms);
    io.run();
    CHECK(calls == 3);
    net::steady_timer pause(io, 40ms);
    pause.wait();
    io.restart();
    ask(io, cache, "page", slow_load(calls, 5, 1ms), answers, nullptr, 30ms);
    io.run();
    CHECK(calls == 4);
    CHECK(answers.back() == 5);
}

TEST_CASE("shared cache: the byte budget evicts the least recently used", "[cache]") {
    net::io_context io;
    fake_listener listening;
    // Room for about three 1000-byte values with their bookkeeping.
    cache_type cache(3500, listening.source());
    int calls = 0;
    std::vector<std::int64_t> answers;
    for (const char* key : {"a", "b", "c"}) {
        ask(io, cache, key, slow_load(calls, 1, 1ms, true, 1000), answers);
        io.run();
        io.restart();
    }
    CHECK(cache.statistics().entries == 3);
    ask(io, cache, "a", slow_load(calls, 1, 1ms, true, 1000), answers);  // "a" is now the most recent
    io.run();
    io.restart();
    CHECK(calls == 3);
    ask(io, cache, "d", slow_load(calls, 1, 1ms, true, 1000), answers);  // evicts "b"
    io.run();
    io.restart();
    const auto s = cache.statistics();
    CHECK(s.entries == 3);
    CHECK(s.evictions == 1);
    CHECK(s.bytes <= 3500);
    ask(io, cache, "a", slow_load(calls, 1, 1ms, true, 1000), answers);
    io.run();
    io.restart();
    CHECK(calls == 4);  // "a" survived
    ask(io, cache, "b", slow_load(calls, 1, 1ms, true, 1000), answers);
    io.run();
    CHECK(calls == 5);  // "b" was evicted

    // A value larger than the whole budget is answered but not kept.
    io.restart();
    ask(io, cache, "huge", slow_load(calls, 1, 1ms, true, 10000), answers);
    io.run();
    CHECK(cache.statistics().bytes <= 3500);
}
