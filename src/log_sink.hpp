#pragma once
// The batching behind proeventa::log: a thread that logs only appends to a buffer of its own; one
// writer thread collects every buffer on a short timer, or sooner when a batch fills, and hands the
// lines to the output in one chunk, interleaved by the time each was appended. A busy server
// therefore wakes the writer a few times per interval, never once per request, and an I/O thread
// never waits for the terminal or the journal.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace proeventa::log {

class line_sink {
public:
    struct limits {
        /// Lines queued and not yet written, in bytes (plus a 16-byte index entry per line); a line
        /// that does not fit is dropped and counted.
        std::size_t capacity_bytes = 8u << 20;
        /// Queued bytes that wake the writer before its timer does.
        std::size_t batch_bytes = 64u << 10;
        /// How long a line may wait for the writer while lines keep coming.
        std::chrono::milliseconds interval{50};
    };
    struct statistics {
        std::uint64_t written_lines = 0;
        std::uint64_t dropped_lines = 0;
        /// Times a logging thread woke the writer (idle writer, full batch, urgent line); timer rounds
        /// and flushes excluded.
        std::uint64_t wakeups = 0;
    };
    /// Receives whole lines, each ending in '\n'; called on the writer thread only.
    using output = std::function<void(std::string_view chunk)>;

    line_sink(limits l, output out);
    /// Writes everything queued, then stops the writer.
    ~line_sink();
    line_sink(const line_sink&) = delete;
    line_sink& operator=(const line_sink&) = delete;

    /// Queues one line (without its '\n'). Never waits for the output; false if it was dropped.
    /// `urgent` (warnings, errors) wakes the writer now rather than at its next round, at most once
    /// per round, so the line is out before a crash could lose it.
    bool append(std::string_view line, bool urgent = false);
    /// Returns once every line appended before the call has been handed to the output.
    void flush();
    statistics stats() const;

private:
    struct thread_buffer;

    thread_buffer& local_buffer();
    void wake_writer(bool batch_full);
    void run();
    bool work_requested() const;
    std::size_t drain_once();

    const limits limits_;
    const output out_;
    const std::uint64_t id_;

    std::mutex buffers_mutex_;  // taken once per logging thread, to register its buffer
    std::vector<std::shared_ptr<thread_buffer>> buffers_;

    std::atomic<std::size_t> pending_bytes_{0};
    std::atomic<bool> idle_{false};
    std::atomic<bool> batch_signalled_{false};
    std::atomic<std::uint64_t> written_{0}, dropped_{0}, wakeups_{0};

    mutable std::mutex mutex_;  // the writer's state below; held briefly, never while writing
    std::condition_variable wake_, drained_;
    bool stopping_ = false;
    bool nudged_ = false;
    bool batch_full_ = false;
    std::uint64_t flush_requested_ = 0, flush_done_ = 0;

    std::thread thread_;
};

}  // namespace proeventa::log
