// The embedded PostgreSQL: initdb/pg_ctl from the installed server packages, a cluster under
// the data folder, reachable only through a Unix socket there. Start-up code: it runs child
// processes and waits for them.
#include <proeventa/db/local_cluster.hpp>

#include "db/sqlstate.hpp"
#include "layout.hpp"
#include "pg_ctl.hpp"
#include "quoting.hpp"

#include <proeventa/os/users.hpp>

#include <libpq-fe.h>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <thread>
#include <utility>

namespace proeventa::db {

namespace fs = std::filesystem;
using namespace embedded_pg;

namespace {

constexpr const char* app_database = "proeventa";

/// PostgreSQL refuses to run as root, so a root process hands the cluster to a system user.
std::optional<os::user> cluster_runner() {
    if (!os::running_as_root()) return std::nullopt;
    if (auto u = os::user_named("postgres")) return u;
    if (auto u = os::user_named("nobody")) return u;
    throw std::runtime_error(
        "running as root, but neither a 'postgres' nor a 'nobody' user exists to run the "
        "embedded PostgreSQL cluster");
}

void ensure_database(const std::string& admin_conninfo, const layout& l) {
    // A server we attached to may still be starting up; give it the same minute pg_ctl would.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    std::unique_ptr<PGconn, decltype(&PQfinish)> conn(nullptr, PQfinish);
    for (;;) {
        conn.reset(PQconnectdb(admin_conninfo.c_str()));
        if (conn && PQstatus(conn.get()) == CONNECTION_OK) break;
        if (std::chrono::steady_clock::now() > deadline)
            throw std::runtime_error("cannot connect to the embedded PostgreSQL: " +
                                     std::string(conn ? PQerrorMessage(conn.get()) : "out of memory") +
                                     log_tail(l));
        std::this_thread::sleep_for(std::chrono::milliseconds(200));
    }
    auto exec = [&](const std::string& sql) {
        return std::unique_ptr<PGresult, decltype(&PQclear)>(PQexec(conn.get(), sql.c_str()), PQclear);
    };
    auto exists =
        exec(std::string("SELECT 1 FROM pg_database WHERE datname = ") + sql_string_literal(app_database));
    if (PQresultStatus(exists.get()) != PGRES_TUPLES_OK)
        throw std::runtime_error(std::string("cannot list databases: ") + PQresultErrorMessage(exists.get()));
    if (PQntuples(exists.get()) > 0) return;
    auto created = exec(std::string("CREATE DATABASE ") + app_database);
    if (PQresultStatus(created.get()) == PGRES_COMMAND_OK) return;
    const char* state = PQresultErrorField(created.get(), PG_DIAG_SQLSTATE);
    if (state && std::string_view(state) == sqlstate::duplicate_database) return;  // a racing start
    throw std::runtime_error(std::string("cannot create database ") + app_database + ": " +
                             PQresultErrorMessage(created.get()));
}

}  // namespace

local_cluster local_cluster::start(const fs::path& data_dir) {
    local_cluster c;
    c.data_dir_ = fs::weakly_canonical(fs::absolute(data_dir));
    const auto l = layout_of(c.data_dir_);
    check_paths(l);
    c.bin_dir_ = find_bin_dir();
    const auto runner = cluster_runner();
    if (runner) {
        check_reachable(l, *runner);
        c.run_as_ = runner->name;
        c.db_user_ = runner->name;
    } else {
        c.db_user_ = os::current_user_name();
    }
    const cluster_programs pg{c.bin_dir_, runner, l};
    prepare_folders(l, runner);
    if (!fs::exists(l.data / "PG_VERSION")) init_cluster(pg);
    c.conninfo_ = c.conninfo_for(app_database);

    if (server_running(pg)) {
        c.owned_ = false;  // someone else's (another instance, a subcommand): leave it running
    } else {
        start_postmaster(pg);
        c.owned_ = true;
    }
    ensure_database(c.conninfo_for("postgres"), l);  // on failure `c` stops what it started
    return c;
}

namespace {

bool stop_running(const fs::path& data_dir, stop_mode mode) {
    const auto l = layout_of(data_dir);
    if (!fs::exists(l.data / "PG_VERSION")) return false;
    const cluster_programs pg{find_bin_dir(), cluster_runner(), l};
    if (!server_running(pg)) return false;
    stop_postmaster(pg, mode);
    return true;
}

}  // namespace

bool local_cluster::stop_existing(const fs::path& data_dir) {
    return stop_running(data_dir, stop_mode::fast);
}

bool local_cluster::discard_existing(const fs::path& data_dir) {
    return stop_running(data_dir, stop_mode::immediate);
}

std::string local_cluster::conninfo_for(std::string_view dbname) const {
    const auto l = layout_of(data_dir_);
    return "host=" + conninfo_value(l.run.string()) + " port=" + cluster_port +
           " dbname=" + conninfo_value(std::string(dbname)) + " user=" + conninfo_value(db_user_);
}

local_cluster::local_cluster(local_cluster&& other) noexcept
    : data_dir_(std::move(other.data_dir_)),
      bin_dir_(std::move(other.bin_dir_)),
      conninfo_(std::move(other.conninfo_)),
      run_as_(std::move(other.run_as_)),
      db_user_(std::move(other.db_user_)),
      owned_(std::exchange(other.owned_, false)) {}

local_cluster& local_cluster::operator=(local_cluster&& other) noexcept {
    if (this != &other) {
        try {
            stop();
        } catch (...) {}
        data_dir_ = std::move(other.data_dir_);
        bin_dir_ = std::move(other.bin_dir_);
        conninfo_ = std::move(other.conninfo_);
        run_as_ = std::move(other.run_as_);
        db_user_ = std::move(other.db_user_);
        owned_ = std::exchange(other.owned_, false);
    }
    return *this;
}

local_cluster::~local_cluster() {
    try {
        stop();
    } catch (...) {
        // Nothing sensible to do at exit; the next start attaches or recovers.
    }
}

void local_cluster::stop() {
    if (!owned_) return;
    owned_ = false;
    stop_server();
}

void local_cluster::stop_server() {
    stop_postmaster({bin_dir_, run_as_ ? os::user_named(*run_as_) : std::nullopt, layout_of(data_dir_)});
}

void local_cluster::start_server() {
    start_postmaster({bin_dir_, run_as_ ? os::user_named(*run_as_) : std::nullopt, layout_of(data_dir_)});
}

}  // namespace proeventa::db
