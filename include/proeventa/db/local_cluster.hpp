#pragma once
// The embedded PostgreSQL default: a cluster in a data folder, created on first use with the
// installed PostgreSQL binaries, listening only on a Unix socket inside that folder. Start-up
// and shutdown code only (it runs processes and waits on them synchronously). Library
// proeventa::embedded_pg (src/embedded_pg/): the binary and the tests that start clusters link
// it; the core and the modules do not.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace proeventa::db {

class local_cluster {
public:
    /// Creates (initdb) if needed and starts the cluster under `data_dir/pg`, or attaches to one
    /// already running there (another ProEventa process or a subcommand). When the process runs
    /// as root, the cluster runs as an unprivileged system user. Throws std::runtime_error with
    /// a clear message on failure.
    static local_cluster start(const std::filesystem::path& data_dir);

    local_cluster(local_cluster&&) noexcept;
    local_cluster& operator=(local_cluster&&) noexcept;
    ~local_cluster();  // stop() if this object started it

    /// libpq connection string reaching the cluster through its socket.
    const std::string& conninfo() const { return conninfo_; }
    /// Stops the cluster (fast shutdown) if this object started it.
    void stop();
    /// Forces shutdown and restart, for tests of database outages.
    void stop_server();
    void start_server();

    /// Leaves the server running when this object goes away (test fixtures, `start` then exit).
    void detach() { owned_ = false; }
    /// The same connection string for another database of the cluster (e.g. "postgres").
    std::string conninfo_for(std::string_view dbname) const;
    /// Stops a cluster running under `data_dir/pg`, whoever started it; false if none was.
    static bool stop_existing(const std::filesystem::path& data_dir);
    /// The same for a cluster whose folder is deleted next (a test run's): it stops at once,
    /// without the shutdown checkpoint that would first write out everything it cached.
    static bool discard_existing(const std::filesystem::path& data_dir);

private:
    local_cluster() = default;
    std::filesystem::path data_dir_;
    std::filesystem::path bin_dir_;
    std::string conninfo_;
    std::optional<std::string> run_as_;  // user name when running as root
    std::string db_user_;                 // the cluster's superuser (who ran initdb)
    bool owned_ = false;
};

}  // namespace proeventa::db
