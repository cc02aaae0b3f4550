#include <proeventa/clock.hpp>
#include <proeventa/log.hpp>

#include <boost/json/serialize.hpp>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <string>
#include <thread>

#include <unistd.h>

namespace proeventa::log {
namespace {

// One background writer: callers only append to a queue under a short lock, so a slow stderr
// (a full pipe, a busy journal) never stalls an I/O thread.
class writer {
public:
    writer() : thread_([this] { run(); }) {}
    ~writer() {
        {
            std::lock_guard lock(mutex_);
            stopping_ = true;
        }
        wake_.notify_one();
        thread_.join();
    }

    void push(std::string line) {
        {
            std::lock_guard lock(mutex_);
            // Bounded: under a flood, drop rather than grow without limit.
            if (queue_.size() >= 100'000) {
                ++dropped_;
                return;
            }
            queue_.push_back(std::move(line));
        }
        wake_.notify_one();
    }

    void flush() {
        std::unique_lock lock(mutex_);
        drained_.wait(lock, [this] { return queue_.empty() && !writing_; });
    }

private:
    void run() {
        std::unique_lock lock(mutex_);
        for (;;) {
            wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
            if (queue_.empty() && stopping_) return;
            std::deque<std::string> batch;
            batch.swap(queue_);
            writing_ = true;
            lock.unlock();
            std::string chunk;
            for (auto& line : batch) {
                chunk += line;
                chunk += '\n';
            }
            write_all(chunk);
            lock.lock();
            writing_ = false;
            drained_.notify_all();
        }
    }

    static void write_all(const std::string& s) {
        std::size_t done = 0;
        while (done < s.size()) {
            const auto n = ::write(STDERR_FILENO, s.data() + done, s.size() - done);
            if (n <= 0) return;
            done += static_cast<std::size_t>(n);
        }
    }

    std::mutex mutex_;
    std::condition_variable wake_, drained_;
    std::deque<std::string> queue_;
    std::size_t dropped_ = 0;
    bool stopping_ = false;
    bool writing_ = false;
    std::thread thread_;
};

writer& the_writer() {
    static writer w;
    return w;
}

std::atomic<int> min_level{static_cast<int>(level::info)};

const char* level_name(level l) {
    switch (l) {
        case level::debug: return "debug";
        case level::info: return "info";
        case level::warn: return "warn";
        case level::error: return "error";
    }
    return "info";
}

}  // namespace

void write(level lvl, std::string_view message, boost::json::object fields) {
    if (static_cast<int>(lvl) < min_level.load(std::memory_order_relaxed)) return;
    boost::json::object line;
    line["time"] = to_rfc3339(std::chrono::system_clock::now());
    line["level"] = level_name(lvl);
    line["msg"] = message;
    for (auto& [k, v] : fields) line[k] = std::move(v);
    the_writer().push(boost::json::serialize(line));
}

void set_min_level(level lvl) { min_level.store(static_cast<int>(lvl)); }

void flush() { the_writer().flush(); }

}  // namespace proeventa::log
