// log::line_sink on its own: lines are batched (no write and no wake-up per line), a full batch
// or a lone line on an idle writer still goes out without a flush, a full queue drops and counts
// instead of waiting, and flush or destruction write everything queued, from every thread.
#include <catch2/catch.hpp>

#include "../support/eventually.hpp"
#include "log_sink.hpp"

#include <future>
#include <map>
#include <mutex>
#include <thread>
#include <utility>
#include <sstream>

using namespace proeventa;
using namespace std::chrono_literals;
using log::line_sink;

namespace {

/// What the writer handed over, one entry per call.
struct collected {
    std::mutex mutex;
    std::vector<std::string> chunks;

    line_sink::output output() {
        return [this](std::string_view chunk) {
            std::lock_guard lock(mutex);
            chunks.emplace_back(chunk);
        };
    }
    std::size_t calls() {
        std::lock_guard lock(mutex);
        return chunks.size();
    }
    std::vector<std::string> lines() {
        std::lock_guard lock(mutex);
        std::vector<std::string> out;
        for (const auto& chunk : chunks) {
            REQUIRE((chunk.empty() || chunk.back() == '\n'));
            std::istringstream in(chunk);
            for (std::string line; std::getline(in, line);) out.push_back(line);
        }
        return out;
    }
};

line_sink::limits timer_never_fires(std::size_t capacity = 1u << 20, std::size_t batch = 1u << 20) {
    return {capacity, batch, std::chrono::hours(1)};
}

std::vector<std::string> numbered(const std::string& prefix, int n) {
    std::vector<std::string> out;
    for (int i = 0; i < n; ++i) out.push_back(prefix + std::to_string(i));
    return out;
}

}  // namespace

TEST_CASE("log sink: appends neither write nor wake the writer per line; flush writes them in one batch") {
    collected out;
    line_sink sink(timer_never_fires(), out.output());
    const auto lines = numbered("request ", 200);
    for (const auto& line : lines) REQUIRE(sink.append(line));
    // The writer's timer is an hour away and no batch is full: nothing may have been written yet,
    // and at most the first line (reaching an idle writer) woke it.
    CHECK(out.calls() == 0);
    CHECK(sink.stats().wakeups <= 1);
    sink.flush();
    CHECK(out.calls() == 1);
    CHECK(out.lines() == lines);
    CHECK(sink.stats().written_lines == 200);
}

TEST_CASE("log sink: a full batch goes out without waiting for the timer or a flush") {
    collected out;
    line_sink sink(timer_never_fires(1u << 20, 1000), out.output());
    const auto lines = numbered(std::string(90, 'x'), 12);  // ~1100 bytes
    for (const auto& line : lines) sink.append(line);
    REQUIRE(test::eventually([&] { return out.lines().size() >= 10; }));
}

TEST_CASE("log sink: a lone line reaching an idle writer is written after the interval") {
    collected out;
    line_sink sink({1u << 20, 1u << 20, 5ms}, out.output());
    sink.append("first");
    REQUIRE(test::eventually([&] { return out.lines() == std::vector<std::string>{"first"}; }));
    // The writer has gone idle again (nothing pending); the next line must wake it once more.
    sink.append("second");
    REQUIRE(test::eventually([&] { return out.lines().size() == 2; }));
    CHECK(out.lines().back() == "second");
}

TEST_CASE("log sink: a full queue drops lines, counts them and makes room again once written") {
    collected out;
    line_sink sink(timer_never_fires(1000), out.output());
    const std::string line(100, 'a');  // 101 bytes queued with its newline: 9 fit in 1000
    int accepted = 0;
    for (int i = 0; i < 20; ++i) accepted += sink.append(line) ? 1 : 0;
    CHECK(accepted == 9);
    CHECK(sink.stats().dropped_lines == 11);
    sink.flush();
    CHECK(out.lines().size() == 9);
    CHECK(sink.append("after the flush"));
    sink.flush();
    CHECK(out.lines().back() == "after the flush");
    CHECK(sink.stats().dropped_lines == 11);
    CHECK(sink.stats().written_lines == 10);
}

TEST_CASE("log sink: appending never waits for a stuck output") {
    std::promise<void> release;
    auto released = release.get_future().share();
    std::atomic<bool> inside{false};
    collected out;
    auto record = out.output();
    line_sink sink(timer_never_fires(), [&, released](std::string_view chunk) {
        if (chunk == "a warning\n") inside = true;
        if (inside) released.wait();
        record(chunk);
    });
    sink.append("before");
    sink.flush();  // the writer has nothing pending afterwards, so it goes idle
    // Opened at the latest before the sink is destroyed, so a failed check cannot hang the test.
    struct gate {
        std::promise<void>& promise;
        bool open = false;
        void release() {
            if (!std::exchange(open, true)) promise.set_value();
        }
        ~gate() { release(); }
    } output_gate{release};
    // Urgent, on an idle writer and with an hour-long timer: the writer takes it at once and blocks.
    sink.append("a warning", true);
    REQUIRE(test::eventually([&] { return inside.load(); }));
    const auto lines = numbered("while stuck ", 500);
    for (const auto& line : lines) CHECK(sink.append(line));
    output_gate.release();
    sink.flush();
    auto written = out.lines();
    REQUIRE(written.size() == 502);
    CHECK(written[1] == "a warning");
    CHECK(std::vector<std::string>(written.begin() + 2, written.end()) == lines);
}

TEST_CASE("log sink: lines of every thread, ended or not, are written in each thread's order") {
    collected out;
    line_sink sink(timer_never_fires(8u << 20, 4096), out.output());
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t)
        threads.emplace_back([&sink, t] {
            for (const auto& line : numbered("t" + std::to_string(t) + " ", 2000)) sink.append(line);
        });
    for (auto& th : threads) th.join();
    sink.flush();
    std::map<std::string, std::vector<std::string>> by_thread;
    for (const auto& line : out.lines()) by_thread[line.substr(0, 2)].push_back(line);
    REQUIRE(by_thread.size() == 4);
    for (int t = 0; t < 4; ++t) CHECK(by_thread["t" + std::to_string(t)] == numbered("t" + std::to_string(t) + " ", 2000));
    CHECK(sink.stats().written_lines == 8000);
    CHECK(sink.stats().dropped_lines == 0);
}

TEST_CASE("log sink: destruction writes what is queued; a later sink on the same thread starts empty") {
    collected first, second;
    {
        line_sink sink(timer_never_fires(), first.output());
        for (const auto& line : numbered("queued ", 10)) sink.append(line);
    }
    CHECK(first.lines() == numbered("queued ", 10));
    line_sink sink(timer_never_fires(), second.output());
    sink.append("only this");
    sink.flush();
    CHECK(second.lines() == std::vector<std::string>{"only this"});
}

TEST_CASE("log sink: a batch interleaves its threads' lines in the order they were appended") {
    collected out;
    line_sink sink(timer_never_fires(), out.output());
    sink.append("main, first");  // this thread's buffer is registered first, and drained first
    std::thread([&sink] { sink.append("worker, after main's first"); }).join();
    sink.append("main, after the worker");
    std::thread([&sink] { sink.append("another worker, last"); }).join();
    sink.flush();
    CHECK(out.lines() == std::vector<std::string>{"main, first", "worker, after main's first", "main, after the worker",
                                                  "another worker, last"});
}
