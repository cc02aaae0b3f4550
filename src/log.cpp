#include <proeventa/clock.hpp>
#include <proeventa/log.hpp>

#include <boost/json/serialize.hpp>

#include "log_sink.hpp"

#include <atomic>
#include <cerrno>
#include <string>

#include <unistd.h>

namespace proeventa::log {
namespace {

void write_to_stderr(std::string_view chunk) {
    std::size_t done = 0;
    while (done < chunk.size()) {
        const auto n = ::write(STDERR_FILENO, chunk.data() + done, chunk.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;  // stderr closed or broken: the lines have nowhere to go
        done += static_cast<std::size_t>(n);
    }
}

line_sink& the_sink() {
    static line_sink sink{line_sink::limits{}, write_to_stderr};
    return sink;
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
    the_sink().append(boost::json::serialize(line), lvl >= level::warn);
}

void set_min_level(level lvl) { min_level.store(static_cast<int>(lvl)); }

void flush() { the_sink().flush(); }

std::vector<metric_sample> metrics() {
    const auto s = the_sink().stats();
    return {{"proeventa_log_lines_written_total", "counter", "Log lines handed to stderr.", s.written_lines},
            {"proeventa_log_lines_dropped_total", "counter",
             "Log lines dropped because the writer fell behind and its queue was full.", s.dropped_lines}};
}

}  // namespace proeventa::log
