#pragma once
// The installed PostgreSQL server programs (initdb, pg_ctl) driven for one cluster folder.
// Blocking: start-up and shutdown code only.
#include "layout.hpp"

#include <proeventa/os/users.hpp>

#include <filesystem>
#include <optional>
#include <string>

namespace proeventa::db::embedded_pg {

/// The folder holding initdb and pg_ctl: pg_config's, then $PATH's, then the newest
/// /usr/lib/postgresql/<version>/bin. Throws with an installation hint when there is none.
std::filesystem::path find_bin_dir();

/// `bin` run as `runner` (none: ourselves) on the cluster in `files`.
struct cluster_programs {
    std::filesystem::path bin;
    std::optional<os::user> runner;
    layout files;
};

/// initdb, and a postgresql.conf that listens on the folder's Unix socket only.
void init_cluster(const cluster_programs& pg);
bool server_running(const cluster_programs& pg);
/// Starts the postmaster unless it runs; waits until it accepts connections.
void start_postmaster(const cluster_programs& pg);
/// How the postmaster stops: `fast` rolls back sessions and writes a shutdown checkpoint;
/// `immediate` ends every process at once and leaves crash recovery to the next start, for a
/// cluster whose folder is deleted next.
enum class stop_mode { fast, immediate };
/// Stops it and waits; nothing to do when it is not running.
void stop_postmaster(const cluster_programs& pg, stop_mode mode = stop_mode::fast);
/// The end of the server log, for error messages ("" when there is none).
std::string log_tail(const layout& l);

}  // namespace proeventa::db::embedded_pg
