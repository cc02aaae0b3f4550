// The async PostgreSQL layer against a real server: the run's shared cluster for most cases,
// a private cluster for the outage case (it stops and restarts its server).
#include "test_support.hpp"

#include <proeventa/db/local_cluster.hpp>
#include <proeventa/db/migrations.hpp>
#include <proeventa/db/pool.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_future.hpp>

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <filesystem>
#include <iostream>
#include <thread>
#include <vector>

namespace db = proeventa::db;
namespace net = boost::asio;
namespace json = boost::json;
using proeventa::awaitable;
using proeventa::use_awaitable;
using proeventa::test::eventually_async;
using namespace std::chrono_literals;
using clock_type = std::chrono::steady_clock;

namespace {

/// Runs `op` to completion on `ioc` with `threads` threads (the pool must cope with several
/// I/O threads at once) and returns its value or rethrows its exception.
template <class T>
T run_io(net::io_context& ioc, awaitable<T> op, int threads = 1) {
    auto done = net::co_spawn(ioc, std::move(op), net::use_future);
    ioc.restart();
    std::vector<std::thread> helpers;
    for (int i = 1; i < threads; ++i) helpers.emplace_back([&ioc] { ioc.run(); });
    ioc.run();
    for (auto& t : helpers) t.join();
    return done.get();
}

db::pool_options options_for(const std::string& conninfo) {
    db::pool_options o;
    o.conninfo = conninfo;
    o.max_size = 4;
    o.application_name = "proeventa-db-test";
    return o;
}

/// A pool plus the io_context it lives on; the pool goes first and its closing runs.
struct pool_env {
    explicit pool_env(db::pool_options o) : pool(ioc.get_executor(), std::move(o)) {}
    explicit pool_env(const std::string& conninfo) : pool_env(options_for(conninfo)) {}
    ~pool_env() {
        pool.close();
        ioc.restart();
        ioc.run();
    }
    net::io_context ioc;
    db::pool pool;
};

// A backend that has exited has closed its socket: the pool's end of it reads as closed.
bool backend_gone(std::int64_t pid) {
    return ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
}

std::int64_t count_rows(const std::string& conninfo, const std::string& table) {
    return std::stoll(proeventa::test::sql(conninfo, "SELECT count(*) FROM " + table)[0][0]);
}

constexpr const char* create_people =
    "CREATE TABLE people (id bigint PRIMARY KEY, email text CONSTRAINT people_email_key UNIQUE)";

constexpr db::query q_typed{
    "test.typed",
    "SELECT $1::bigint AS n, $2::text AS s, $3::text AS missing, $4::boolean AS flag,"
    " $5::float8 AS x, TIMESTAMPTZ '2026-01-31 21:00:00+01' AS at, $6::jsonb AS doc,"
    " cardinality($7::bigint[]) AS ids, ($7::bigint[])[3] AS third"};
constexpr db::query q_insert_person{"test.insert_person",
                                    "INSERT INTO people (id, email) VALUES ($1, $2)"};
constexpr db::query q_add_one{"test.add_one", "SELECT $1::bigint + 1"};
constexpr db::query q_sleep{"test.sleep", "SELECT pg_sleep($1::float8)"};
constexpr db::query q_pid{"test.pid", "SELECT pg_backend_pid()"};
constexpr db::query q_bad_sql{"test.bad_sql", "SELEC 1"};
constexpr db::query q_one{"test.one", "SELECT 1"};

// --- exec and rows ------------------------------------------------------------------------------

awaitable<void> typed_access(db::pool& pool) {
    json::value doc = {{"seats", json::array{1, 2}}, {"name", "Gala \"night\""}};
    // Built outside the co_await: g++ 12 cannot keep an initializer list's array alive
    // across a suspension in the same full-expression.
    const std::vector<std::int64_t> ids{7, 8, 9};
    auto args = db::params(std::int64_t{42}, std::string("héllo 'quoted'"), std::nullopt, true,
                           2.5, doc, ids);
    auto r = co_await pool.exec(q_typed, std::move(args));
    REQUIRE(r.size() == 1);
    auto row = r[0];
    CHECK(row.int64(0) == 42);
    CHECK(row.string(1) == "héllo 'quoted'");
    CHECK(row.is_null(2));
    CHECK_FALSE(row.opt_string(2).has_value());
    CHECK_FALSE(row.opt_int64(2).has_value());
    CHECK_FALSE(row.opt_timestamp(2).has_value());
    CHECK_THROWS_AS(row.text(2), std::runtime_error);
    CHECK(row.boolean(3));
    CHECK(row.float64(4) == 2.5);
    CHECK(row.timestamp(5) == "2026-01-31T20:00:00Z");  // session time zone is UTC
    CHECK(row.opt_timestamp(5) == std::optional<std::string>("2026-01-31T20:00:00Z"));
    CHECK(row.json(6) == doc);
    CHECK(row.int64(7) == 3);
    CHECK(row.opt_int64(8) == std::optional<std::int64_t>(9));

    // Programming errors fail loudly instead of reading libpq's empty defaults.
    CHECK_THROWS_AS(row.text(99), std::runtime_error);
    CHECK_THROWS_AS(row.int64(1), std::runtime_error);  // not a number
    CHECK_THROWS_AS(row.boolean(0), std::runtime_error);
    CHECK_THROWS_AS(r[1], std::runtime_error);

    int seen = 0;
    for (auto each : r) seen += static_cast<int>(each.int64(0));
    CHECK(seen == 42);
}

awaitable<void> affected_rows(db::pool& pool) {
    auto conn = co_await pool.acquire();
    co_await conn.exec_script(create_people);
    auto one = co_await conn.exec(q_insert_person, db::params(1, "a@example.com"));
    CHECK(one.affected_rows() == 1);
    CHECK(one.command_tag() == "INSERT 0 1");
    CHECK(one.empty());
    auto many = co_await conn.exec_script(
        "INSERT INTO people VALUES (2, 'b@x'), (3, 'c@x'); UPDATE people SET email = email");
    CHECK(many.affected_rows() == 3);  // the last statement's result
}

TEST_CASE("exec binds text parameters and NULLs; rows convert with checks", "[db]") {
    pool_env env(proeventa::test::fresh_database("db_pool_typed"));
    run_io(env.ioc, typed_access(env.pool));
    run_io(env.ioc, affected_rows(env.pool));
}

// --- errors ---------------------------------------------------------------------------------------

awaitable<void> unique_violation(db::pool& pool) {
    {
        auto setup = co_await pool.acquire();
        co_await setup.exec_script(create_people);
    }
    co_await pool.exec(q_insert_person, db::params(1, "dup@example.com"));
    std::optional<db::query_error> error;
    try {
        co_await pool.exec(q_insert_person, db::params(2, "dup@example.com"));
    } catch (const db::query_error& e) {
        error = e;
    }
    REQUIRE(error);
    CHECK(error->sqlstate() == "23505");
    CHECK(error->is_unique_violation());
    CHECK(error->constraint() == "people_email_key");
    CHECK(std::string(error->what()).find("duplicate key") != std::string::npos);

    // A statement the server rejects at prepare time is a query_error too.
    std::string state;
    try {
        co_await pool.exec(q_bad_sql);
    } catch (const db::query_error& e) {
        state = e.sqlstate();
    }
    CHECK(state == "42601");

    // Errors leave the connection in sync: it went back to the pool and still works.
    co_await pool.settle();
    CHECK(pool.statistics().open == 1);
    auto again = co_await pool.exec(q_add_one, db::params(1));
    CHECK(again[0].int64(0) == 2);
    CHECK(pool.statistics().open == 1);
}

TEST_CASE("a unique violation is a query_error with SQLSTATE and constraint", "[db]") {
    pool_env env(proeventa::test::fresh_database("db_pool_unique"));
    run_io(env.ioc, unique_violation(env.pool));
}

awaitable<void> server_statement_timeout(db::pool& pool) {
    auto pid_before = (co_await pool.exec(q_pid))[0].int64(0);
    std::string state;
    try {
        co_await pool.exec(q_sleep, db::params(5.0));
    } catch (const db::query_error& e) {
        state = e.sqlstate();
    }
    CHECK(state == "57014");
    // The server cancelled cleanly: the connection is still good and is reused.
    auto pid_after = (co_await pool.exec(q_pid))[0].int64(0);
    CHECK(pid_after == pid_before);
}

awaitable<std::int64_t> client_deadline(db::pool& pool, std::string conninfo) {
    std::int64_t pid = 0;
    bool timed_out = false;
    const auto started = clock_type::now();
    {
        auto conn = co_await pool.acquire();
        pid = (co_await conn.exec(q_pid))[0].int64(0);
        // Switch the server's own limit off so only the client deadline can fire.
        co_await conn.exec_script("SET statement_timeout = 0");
        try {
            co_await conn.exec(q_sleep, db::params(30.0));
        } catch (const db::unavailable& e) {
            timed_out = std::string(e.what()).find("timed out") != std::string::npos;
        }
        // Once given up on, the connection refuses further work at once.
        bool refused = false;
        try {
            co_await conn.exec(q_one);
        } catch (const db::unavailable&) {
            refused = true;
        }
        CHECK(refused);
    }
    CHECK(timed_out);
    CHECK(clock_type::now() - started < 25s);  // the deadline, not the 30 s sleep, ended the wait
    co_await pool.settle();
    CHECK(pool.statistics().open == 0);  // not returned to the pool
    CHECK(pool.statistics().idle == 0);

    // PQcancel reached the server: the backend stops sleeping instead of running for 30 s.
    auto stopped_sleeping = [&] {
        auto rows = proeventa::test::sql(
            conninfo, "SELECT count(*) FROM pg_stat_activity WHERE pid = " + std::to_string(pid) +
                          " AND state = 'active'");
        return rows[0][0] == "0";
    };
    CHECK(co_await eventually_async(stopped_sleeping, 5s, 100ms));

    auto fine = co_await pool.exec(q_add_one, db::params(41));
    CHECK(fine[0].int64(0) == 42);
    co_return pid;
}

TEST_CASE("statement timeouts: the server's is a query_error, the client's drops the connection",
          "[db]") {
    const auto conninfo = proeventa::test::fresh_database("db_pool_timeout");
    auto o = options_for(conninfo);
    o.query_timeout = 300ms;
    pool_env env(o);
    run_io(env.ioc, server_statement_timeout(env.pool));
    run_io(env.ioc, client_deadline(env.pool, conninfo));
}

// --- concurrency and limits -------------------------------------------------------------------

awaitable<void> one_of_many(db::pool& pool, int i, std::atomic<int>& ok,
                            std::atomic<std::size_t>& max_open) {
    auto r = co_await pool.exec(q_add_one, db::params(i));
    if (r[0].int64(0) == i + 1) ++ok;
    auto open = pool.statistics().open;
    auto seen = max_open.load();
    while (open > seen && !max_open.compare_exchange_weak(seen, open)) {
    }
    co_await pool.exec(q_sleep, db::params(0.002));
}

TEST_CASE("200 concurrent coroutines share a pool of 4 on 4 threads", "[db]") {
    pool_env env(proeventa::test::fresh_database("db_pool_many"));
    std::atomic<int> ok{0};
    std::atomic<std::size_t> max_open{0};
    for (int i = 0; i < 200; ++i)
        net::co_spawn(env.ioc, one_of_many(env.pool, i, ok, max_open), net::detached);
    std::vector<std::thread> threads;
    for (int i = 0; i < 3; ++i) threads.emplace_back([&env] { env.ioc.run(); });
    env.ioc.run();
    for (auto& t : threads) t.join();
    CHECK(ok == 200);
    CHECK(max_open <= 4);
    CHECK(env.pool.statistics().open <= 4);
    CHECK(env.pool.statistics().waiting == 0);
}

awaitable<void> try_acquire(db::pool& pool, std::vector<std::string>& outcomes,
                            std::vector<clock_type::duration>& took) {
    const auto started = clock_type::now();
    try {
        auto conn = co_await pool.acquire();
        outcomes.push_back("ok");
    } catch (const db::unavailable& e) {
        outcomes.push_back(e.what());
    }
    took.push_back(clock_type::now() - started);
}

awaitable<void> exhaustion(db::pool& pool) {
    auto held = co_await pool.acquire();
    std::vector<std::string> outcomes;
    std::vector<clock_type::duration> took;
    auto ex = co_await net::this_coro::executor;
    for (int i = 0; i < 3; ++i) net::co_spawn(ex, try_acquire(pool, outcomes, took), net::detached);
    // Two wait (max_waiters), the third is turned away at once.
    auto two_wait = [&] { return outcomes.size() == 1 && pool.statistics().waiting == 2; };
    REQUIRE(co_await eventually_async(two_wait));
    CHECK(outcomes[0].find("too many") != std::string::npos);
    // The waiters give up at the acquire deadline.
    auto all_answered = [&] { return outcomes.size() == 3; };
    REQUIRE(co_await eventually_async(all_answered));
    CHECK(outcomes[1] == "database pool exhausted");
    CHECK(outcomes[2] == "database pool exhausted");
    CHECK(took[1] >= 450ms);
    CHECK(pool.statistics().waiting == 0);

    // A waiter is handed the connection as soon as it is released.
    outcomes.clear();
    took.clear();
    net::co_spawn(ex, try_acquire(pool, outcomes, took), net::detached);
    auto one_waits = [&] { return pool.statistics().waiting == 1; };
    REQUIRE(co_await eventually_async(one_waits));
    CHECK(outcomes.empty());
    { auto released = std::move(held); }
    auto served = [&] { return outcomes.size() == 1; };
    REQUIRE(co_await eventually_async(served));
    CHECK(outcomes[0] == "ok");
    CHECK(pool.statistics().open == 1);
}

TEST_CASE("past max_waiters acquire fails at once; waiters time out or get a released connection",
          "[db]") {
    auto o = options_for(proeventa::test::fresh_database("db_pool_exhaust"));
    o.max_size = 1;
    o.max_waiters = 2;
    o.acquire_timeout = 500ms;
    pool_env env(o);
    run_io(env.ioc, exhaustion(env.pool));
}

awaitable<void> stale_idle(db::pool& pool, std::string conninfo) {
    auto pid = (co_await pool.exec(q_pid))[0].int64(0);
    co_await pool.settle();  // the lease goes back through the pool's strand
    CHECK(pool.statistics().idle == 1);
    // The server kills the idle session (what a restart or an idle timeout does).
    proeventa::test::sql(conninfo, "SELECT pg_terminate_backend(" + std::to_string(pid) + ")");
    auto gone = [pid] { return backend_gone(pid); };
    REQUIRE(co_await eventually_async(gone));
    auto fresh = (co_await pool.exec(q_pid))[0].int64(0);
    CHECK(fresh != pid);
    CHECK(pool.statistics().open == 1);
}

TEST_CASE("an idle connection the server closed is replaced transparently", "[db]") {
    const auto conninfo = proeventa::test::fresh_database("db_pool_stale");
    pool_env env(conninfo);
    run_io(env.ioc, stale_idle(env.pool, conninfo));
}

awaitable<bool> ping(db::pool& pool) { co_return co_await pool.ping(); }

TEST_CASE("ping answers true against a live server", "[db]") {
    pool_env env(proeventa::test::fresh_database("db_pool_ping"));
    CHECK(run_io(env.ioc, ping(env.pool)));
}

// --- transactions ---------------------------------------------------------------------------------

awaitable<void> transactions(db::pool& pool, std::string conninfo) {
    {
        auto setup = co_await pool.acquire();
        co_await setup.exec_script(create_people);
    }
    {
        auto tx = co_await pool.begin();
        co_await tx.exec(q_insert_person, db::params(1, "dropped@example.com"));
        CHECK(count_rows(conninfo, "people") == 0);  // not visible outside yet
    }  // destroyed without commit
    co_await pool.settle();
    CHECK(count_rows(conninfo, "people") == 0);
    CHECK(pool.statistics().open == 0);  // closed, which rolled back on the server

    {
        auto tx = co_await pool.begin("BEGIN ISOLATION LEVEL SERIALIZABLE");
        co_await tx.exec(q_insert_person, db::params(2, "kept@example.com"));
        co_await tx.commit();
    }
    CHECK(count_rows(conninfo, "people") == 1);

    {
        auto tx = co_await pool.begin();
        co_await tx.exec(q_insert_person, db::params(3, "undone@example.com"));
        co_await tx.rollback();
    }
    co_await pool.settle();
    CHECK(count_rows(conninfo, "people") == 1);
    CHECK(pool.statistics().idle == 1);  // an explicit rollback keeps the connection

    // COMMIT of a transaction that failed must not look like success.
    std::string state;
    {
        auto tx = co_await pool.begin();
        try {
            co_await tx.exec(q_insert_person, db::params(2, "kept@example.com"));
        } catch (const db::query_error&) {
        }
        try {
            co_await tx.commit();
        } catch (const db::query_error& e) {
            state = e.sqlstate();
        }
    }
    CHECK(state == "40000");
}

TEST_CASE("transactions commit, roll back, and roll back when abandoned", "[db]") {
    const auto conninfo = proeventa::test::fresh_database("db_pool_tx");
    pool_env env(conninfo);
    run_io(env.ioc, transactions(env.pool, conninfo));
}

// --- migrations -------------------------------------------------------------------------------------

const std::vector<db::migration> first_two{
    {"0001_people.sql", "CREATE TABLE people (id bigint PRIMARY KEY, email text);\n"
                        "CREATE INDEX people_email ON people (email);"},
    {"0002_seed.sql", "INSERT INTO people VALUES (1, 'seed@example.com');"},
};

awaitable<int> run_migrate(db::pool& pool, std::span<const db::migration> files) {
    co_return co_await db::migrate(pool, files);
}

TEST_CASE("migrations apply once, in order, and refuse changed files", "[db][migrations]") {
    const auto conninfo = proeventa::test::fresh_database("db_migrate");
    pool_env env(conninfo);
    CHECK(run_io(env.ioc, run_migrate(env.pool, first_two)) == 2);
    CHECK(run_io(env.ioc, run_migrate(env.pool, first_two)) == 0);
    CHECK(count_rows(conninfo, "people") == 1);
    auto recorded = proeventa::test::sql(
        conninfo, "SELECT version, name, length(checksum) FROM schema_migrations ORDER BY version");
    REQUIRE(recorded.size() == 2);
    CHECK(recorded[0] == std::vector<std::string>{"1", "0001_people.sql", "64"});
    CHECK(recorded[1] == std::vector<std::string>{"2", "0002_seed.sql", "64"});
    // The migration session's settings and lock did not leak into the pool.
    // pg_locks spans the cluster, which other tests share (their servers migrate too).
    CHECK(proeventa::test::sql(conninfo, "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
                                         "WHERE l.locktype = 'advisory' AND d.datname = current_database()")[0][0] == "0");

    auto changed = first_two;
    changed[1].sql = "INSERT INTO people VALUES (2, 'other@example.com');";
    CHECK_THROWS_WITH(run_io(env.ioc, run_migrate(env.pool, changed)),
                      Catch::Contains("0002_seed.sql changed after it was applied"));

    auto with_bad = first_two;
    with_bad.push_back({"0003_broken.sql", "CREATE TABLE half (id int);\nSELEC 1;"});
    CHECK_THROWS_WITH(run_io(env.ioc, run_migrate(env.pool, with_bad)),
                      Catch::Contains("migration 0003_broken.sql failed") &&
                          Catch::Contains("syntax error"));
    // Rolled back as a whole and not recorded.
    CHECK(proeventa::test::sql(conninfo, "SELECT to_regclass('half') IS NULL")[0][0] == "t");
    CHECK(proeventa::test::sql(conninfo, "SELECT count(*) FROM schema_migrations")[0][0] == "2");
    CHECK(run_io(env.ioc, run_migrate(env.pool, first_two)) == 0);  // the pool is still usable
}

awaitable<void> migrate_into(db::pool& pool, std::span<const db::migration> files,
                             std::atomic<int>& applied, std::atomic<int>& finished) {
    applied += co_await db::migrate(pool, files);
    ++finished;
}

TEST_CASE("two instances migrating at once apply each file exactly once", "[db][migrations]") {
    const auto conninfo = proeventa::test::fresh_database("db_migrate_race");
    std::vector<db::migration> files = first_two;
    // Slow enough that the second instance certainly waits on the advisory lock.
    files.push_back({"0003_slow.sql", "SELECT pg_sleep(0.5); CREATE TABLE later (id int);"});
    net::io_context ioc;
    std::atomic<int> applied{0}, finished{0};
    {
        db::pool a(ioc.get_executor(), options_for(conninfo));
        db::pool b(ioc.get_executor(), options_for(conninfo));
        net::co_spawn(ioc, migrate_into(a, files, applied, finished), net::detached);
        net::co_spawn(ioc, migrate_into(b, files, applied, finished), net::detached);
        std::thread second([&ioc] { ioc.run(); });
        ioc.run();
        second.join();
    }
    ioc.restart();
    ioc.run();
    CHECK(finished == 2);
    CHECK(applied == 3);
    CHECK(proeventa::test::sql(conninfo, "SELECT count(*) FROM schema_migrations")[0][0] == "3");
    CHECK(count_rows(conninfo, "people") == 1);
}

TEST_CASE("the embedded migrations are named by version and apply to an empty database",
          "[db][migrations]") {
    auto files = db::embedded_migrations();
    REQUIRE_FALSE(files.empty());
    for (std::size_t i = 1; i < files.size(); ++i) CHECK(files[i - 1].name < files[i].name);
    const auto conninfo = proeventa::test::fresh_database("db_migrate_embedded");
    pool_env env(conninfo);
    CHECK(run_io(env.ioc, run_migrate(env.pool, files)) == static_cast<int>(files.size()));
    CHECK(run_io(env.ioc, run_migrate(env.pool, files)) == 0);
}

// --- outage -----------------------------------------------------------------------------------------

struct outage_report {
    std::vector<clock_type::duration> failures;
    bool all_unavailable = true;
    bool ping_down = true;
    bool recovered = false;
    clock_type::duration recovery{};
    bool ping_up = false;
};

awaitable<outage_report> outage(db::pool& pool, db::local_cluster& cluster) {
    outage_report report;
    auto ex = co_await net::this_coro::executor;
    // Two connections idle in the pool when the server goes away.
    {
        auto a = co_await pool.acquire();
        auto b = co_await pool.acquire();
        co_await a.exec(q_one);
        co_await b.exec(q_one);
    }
    co_await pool.settle();

    // Blocking process control belongs off the I/O thread; here the test owns the thread.
    cluster.stop_server();
    // Ten requests spread over half a second, across the breaker's backoff periods and its
    // probes: the spacing is part of the scenario, not a wait for something.
    net::steady_timer spacing(ex);
    for (int i = 0; i < 10; ++i) {
        const auto started = clock_type::now();
        try {
            co_await pool.exec(q_one);
            report.all_unavailable = false;
        } catch (const db::unavailable&) {
        }
        report.failures.push_back(clock_type::now() - started);
        spacing.expires_after(50ms);
        co_await spacing.async_wait(use_awaitable);
    }
    report.ping_down = !(co_await pool.ping());

    cluster.start_server();
    const auto back = clock_type::now();
    auto answers = [&pool]() -> awaitable<bool> {
        try {
            co_await pool.exec(q_one);
            co_return true;
        } catch (const db::unavailable&) {
            co_return false;
        }
    };
    report.recovered = co_await eventually_async(answers, 15s, 100ms);
    report.recovery = clock_type::now() - back;
    report.ping_up = co_await pool.ping();
    co_return report;
}

TEST_CASE("while PostgreSQL is down requests fail fast; the pool recovers by itself", "[db][outage]") {
    // A private cluster: this test stops and restarts its server. The folder must be reachable
    // by the cluster's user when the tests run as root, so it is not a 0700 mkdtemp folder.
    const auto dir = std::filesystem::temp_directory_path() /
                     ("proeventa-outage-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    ::chmod(dir.c_str(), 0755);
    {
        auto cluster = db::local_cluster::start(dir);
        auto o = options_for(cluster.conninfo());
        // Far above anything the breaker takes: a failure that waited this long did not fail fast.
        o.acquire_timeout = 20s;
        pool_env env(o);
        auto report = run_io(env.ioc, outage(env.pool, cluster));
        CHECK(report.all_unavailable);
        for (auto took : report.failures) CHECK(took < o.acquire_timeout);
        CHECK(report.ping_down);
        CHECK(report.recovered);
        CHECK(report.ping_up);
        using ms = std::chrono::duration<double, std::milli>;
        const auto slowest = *std::max_element(report.failures.begin(), report.failures.end());
        std::cout << "outage: slowest refusal " << ms(slowest).count() << " ms; back "
                  << ms(report.recovery).count() << " ms after PostgreSQL restarted" << std::endl;
    }  // the cluster is stopped here: this object started it
    std::filesystem::remove_all(dir);
}

}  // namespace
