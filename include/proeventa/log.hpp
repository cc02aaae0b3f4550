#pragma once
// Structured logging: one JSON object per line on stderr. A logging thread only appends the line
// to a buffer of its own; a writer thread collects the buffers in batches (every 50 ms, sooner when
// a batch fills or a warning arrives), so a request never waits on the terminal, the journal or a
// full pipe and never wakes another thread. Lines of one thread keep their order; lines of
// different threads within one batch may not (each carries its time).
#include <boost/json/object.hpp>

#include <proeventa/metrics.hpp>

#include <string_view>
#include <vector>

namespace proeventa::log {

enum class level { debug, info, warn, error };

/// Adds `time`, `level` and `msg` to `fields` and queues the line.
void write(level lvl, std::string_view message, boost::json::object fields = {});
inline void info(std::string_view m, boost::json::object f = {}) { write(level::info, m, std::move(f)); }
inline void warn(std::string_view m, boost::json::object f = {}) { write(level::warn, m, std::move(f)); }
inline void error(std::string_view m, boost::json::object f = {}) { write(level::error, m, std::move(f)); }

/// Lines below this level are dropped (default info; `PROEVENTA_LOG_LEVEL`).
void set_min_level(level lvl);
/// Writes every line queued so far; called at exit.
void flush();
/// Lines written and lines dropped because the queue (8 MiB) was full, for /metrics.
std::vector<metric_sample> metrics();

}  // namespace proeventa::log
