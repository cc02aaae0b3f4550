#pragma once
// Where an embedded cluster keeps its files under the data folder, and the checks that the
// folder can hold one before any PostgreSQL program runs.
#include <proeventa/os/users.hpp>

#include <filesystem>
#include <optional>

namespace proeventa::db::embedded_pg {

// Fixed rather than inherited from PGPORT: with no TCP listener the port only names the socket
// file, and client and server must agree on it.
inline constexpr const char* cluster_port = "5432";

struct layout {
    std::filesystem::path root, data, run, log_dir, log_file;
};

/// <data_dir>/pg and its data, run (socket), log folders.
layout layout_of(const std::filesystem::path& data_dir);

/// Refuses paths pg_ctl cannot take and sockets too long for sun_path, with a message that says
/// what to change.
void check_paths(const layout& l);
/// Refuses (as root) a folder the cluster's user cannot enter.
void check_reachable(const layout& l, const os::user& runner);

/// Creates the folders (0700) and, as root, hands them and the data to the cluster's user.
void prepare_folders(const layout& l, const std::optional<os::user>& runner);

}  // namespace proeventa::db::embedded_pg
