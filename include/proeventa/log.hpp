#pragma once
// Structured logging: one JSON object per line on stderr. Lines are handed to a writer thread,
// so a request never waits on the terminal, the journal or a full pipe.
#include <boost/json/object.hpp>

#include <string_view>

namespace proeventa::log {

enum class level { debug, info, warn, error };

/// Adds `time`, `level` and `msg` to `fields` and queues the line.
void write(level lvl, std::string_view message, boost::json::object fields = {});
inline void info(std::string_view m, boost::json::object f = {}) { write(level::info, m, std::move(f)); }
inline void warn(std::string_view m, boost::json::object f = {}) { write(level::warn, m, std::move(f)); }
inline void error(std::string_view m, boost::json::object f = {}) { write(level::error, m, std::move(f)); }

/// Lines below this level are dropped (default info; `PROEVENTA_LOG_LEVEL`).
void set_min_level(level lvl);
/// Flushes queued lines; called at exit.
void flush();

}  // namespace proeventa::log
