#include "log_sink.hpp"

#include <algorithm>

namespace proeventa::log {
namespace {
std::atomic<std::uint64_t> next_sink_id{1};

/// Where a line ends in its buffer, and when it was appended: a batch interleaves its threads'
/// lines by this stamp, so "shutting down" from an I/O thread still precedes "stopped" from main.
struct stamped_end {
    std::chrono::steady_clock::rep stamp;
    std::size_t end;
};
}  // namespace

// One per logging thread and sink. The mutex is taken by its own thread on every append and by the
// writer for an O(1) swap per round, so two I/O threads never contend with each other.
struct line_sink::thread_buffer {
    std::mutex mutex;
    std::string lines;
    std::vector<stamped_end> ends;
    // The writer's side of the swap; keeps its capacity between rounds.
    std::string taken;
    std::vector<stamped_end> taken_ends;
};

line_sink::line_sink(limits l, output out)
    : limits_(l), out_(std::move(out)), id_(next_sink_id.fetch_add(1)), thread_([this] { run(); }) {}

line_sink::~line_sink() {
    {
        std::lock_guard lock(mutex_);
        stopping_ = true;
    }
    wake_.notify_one();
    thread_.join();
}

line_sink::thread_buffer& line_sink::local_buffer() {
    // Keyed by the sink's id, not its address: a sink made where a destroyed one lived gets new buffers.
    struct slot {
        std::uint64_t sink = 0;
        std::shared_ptr<thread_buffer> buffer;
    };
    thread_local slot local;
    if (local.sink != id_) {
        auto fresh = std::make_shared<thread_buffer>();
        {
            std::lock_guard lock(buffers_mutex_);
            buffers_.push_back(fresh);
        }
        local.buffer = std::move(fresh);  // a buffer left behind is drained, then forgotten by the writer
        local.sink = id_;
    }
    return *local.buffer;
}

bool line_sink::append(std::string_view line, bool urgent) {
    const auto size = line.size() + 1;
    const auto before = pending_bytes_.fetch_add(size);
    if (before + size > limits_.capacity_bytes) {
        pending_bytes_.fetch_sub(size);
        dropped_.fetch_add(1, std::memory_order_relaxed);
        return false;
    }
    auto& buffer = local_buffer();
    const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
    {
        std::lock_guard lock(buffer.mutex);
        buffer.lines.append(line);
        buffer.lines += '\n';
        buffer.ends.push_back({stamp, buffer.lines.size()});
    }
    // The writer sleeps without a timer only when nothing is pending; the first line after that wakes
    // it. It stores idle_ before reading pending_bytes_ and we did the reverse (both sequentially
    // consistent), so either it sees our bytes and stays on its timer or we see idle_ and wake it.
    // A due batch is checked first: it also wakes an idle writer, and skips the interval a plain
    // wake-up from idle would wait.
    const bool batch_due = urgent || before + size >= limits_.batch_bytes;
    if (batch_due && !batch_signalled_.exchange(true)) wake_writer(true);
    else if (idle_.load() && idle_.exchange(false)) wake_writer(false);
    return true;
}

void line_sink::wake_writer(bool batch_full) {
    {
        std::lock_guard lock(mutex_);
        (batch_full ? batch_full_ : nudged_) = true;
    }
    wakeups_.fetch_add(1, std::memory_order_relaxed);
    wake_.notify_one();
}

void line_sink::flush() {
    std::unique_lock lock(mutex_);
    if (stopping_) return;
    const auto ticket = ++flush_requested_;
    wake_.notify_one();
    drained_.wait(lock, [&] { return flush_done_ >= ticket; });
}

line_sink::statistics line_sink::stats() const {
    return {written_.load(std::memory_order_relaxed), dropped_.load(std::memory_order_relaxed),
            wakeups_.load(std::memory_order_relaxed)};
}

bool line_sink::work_requested() const { return stopping_ || batch_full_ || flush_requested_ != flush_done_; }

void line_sink::run() {
    std::unique_lock lock(mutex_);
    for (;;) {
        if (!work_requested()) {
            nudged_ = false;
            idle_.store(true);
            if (pending_bytes_.load() == 0) wake_.wait(lock, [this] { return nudged_ || work_requested(); });
            idle_.store(false);
            // Let a batch gather: the first line of a burst waits for the timer like the rest of it.
            wake_.wait_for(lock, limits_.interval, [this] { return work_requested(); });
        }
        const bool stop = stopping_;
        const auto target = flush_requested_;
        batch_full_ = false;
        batch_signalled_.store(false);
        lock.unlock();
        drain_once();
        lock.lock();
        flush_done_ = target;
        drained_.notify_all();
        if (stop) return;
    }
}

std::size_t line_sink::drain_once() {
    struct piece {
        std::chrono::steady_clock::rep stamp;
        const std::string* text;
        std::size_t begin, end;
    };
    std::vector<piece> pieces;
    std::string chunk;
    {
        std::lock_guard registry(buffers_mutex_);
        std::vector<bool> orphans;
        for (auto& held : buffers_) {
            auto& buffer = *held;
            // Only the registry holds it: its thread has ended (or moved to another sink) and will
            // add nothing more. The fence pairs with the release of the thread's reference.
            orphans.push_back(held.use_count() == 1);
            std::atomic_thread_fence(std::memory_order_acquire);
            {
                std::lock_guard lock(buffer.mutex);
                buffer.taken.swap(buffer.lines);
                buffer.taken_ends.swap(buffer.ends);
            }
            std::size_t begin = 0;
            for (const auto& e : buffer.taken_ends) {
                pieces.push_back({e.stamp, &buffer.taken, begin, e.end});
                begin = e.end;
            }
        }
        // Each thread's lines are already in order; stable, so equal stamps keep it too.
        std::stable_sort(pieces.begin(), pieces.end(), [](const piece& a, const piece& b) { return a.stamp < b.stamp; });
        chunk.reserve(pending_bytes_.load(std::memory_order_relaxed));
        for (const auto& p : pieces) chunk.append(*p.text, p.begin, p.end - p.begin);
        std::size_t i = 0;
        for (auto it = buffers_.begin(); it != buffers_.end(); ++i) {
            auto& buffer = **it;
            buffer.taken.clear();
            buffer.taken_ends.clear();
            // After a burst, do not keep a burst-sized allocation per thread.
            if (buffer.taken.capacity() > limits_.batch_bytes) {
                std::string().swap(buffer.taken);
                std::vector<stamped_end>().swap(buffer.taken_ends);
            }
            it = orphans[i] ? buffers_.erase(it) : it + 1;
        }
    }
    if (!chunk.empty()) out_(chunk);
    pending_bytes_.fetch_sub(chunk.size());
    written_.fetch_add(pieces.size(), std::memory_order_relaxed);
    return chunk.size();
}

}  // namespace proeventa::log
