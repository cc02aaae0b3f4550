// Scale-out on PostgreSQL replication, built on loopback: a primary, a streaming replica made
// with `pg_basebackup -R`, two ProEventa instances (--database-read-url on the replica) and
// HAProxy running deploy/haproxy.cfg itself. Label `scaleout`.
//   - anonymous reads are answered from the replica (its pg_stat_activity and /metrics);
//   - a seat reserved through one instance shows as taken through the other;
//   - stopping the replica mid-browse gives no 5xx: reads move to the primary;
//   - kill -9 of one instance during a rush loses no acknowledged reservation, and HAProxy
//     moves the traffic to the other.
#include "ops_support.hpp"
#include "reservations_support.hpp"

#include <proeventa/db/local_cluster.hpp>

#include <boost/json/parse.hpp>

#include <atomic>
#include <filesystem>
#include <latch>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

using namespace proeventa::test;
using namespace proeventa::test::ops;
namespace fs = std::filesystem;

namespace {

const std::string pg_bin = "/usr/lib/postgresql/15/bin";

// key=value pairs of a libpq conninfo, values optionally single-quoted (as local_cluster writes).
std::map<std::string, std::string> parse_conninfo(const std::string& text) {
    std::map<std::string, std::string> out;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && text[i] == ' ') ++i;
        const auto eq = text.find('=', i);
        if (eq == std::string::npos) break;
        const auto key = text.substr(i, eq - i);
        i = eq + 1;
        std::string value;
        if (i < text.size() && text[i] == '\'') {
            for (++i; i < text.size() && text[i] != '\''; ++i) {
                if (text[i] == '\\' && i + 1 < text.size()) ++i;
                value += text[i];
            }
            ++i;
        } else {
            while (i < text.size() && text[i] != ' ') value += text[i++];
        }
        out[key] = value;
    }
    return out;
}

// The primary (an embedded-style cluster on a Unix socket) and a hot standby copied from it.
struct replicated_cluster {
    fs::path dir;
    std::optional<proeventa::db::local_cluster> primary;
    std::string user, primary_socket, port;
    fs::path replica_data, replica_socket;

    explicit replicated_cluster(fs::path where) : dir(std::move(where)) {
        fs::remove_all(dir);
        fs::create_directories(dir);
        primary.emplace(proeventa::db::local_cluster::start(dir / "primary"));
        auto info = parse_conninfo(primary->conninfo());
        user = info.at("user");
        primary_socket = info.at("host");
        port = info.at("port");
        replica_data = dir / "replica";
        replica_socket = dir / "replica-run";
        fs::create_directories(replica_socket);
        // PostgreSQL runs as an unprivileged user when we are root: the folders are its own.
        if (::geteuid() == 0) run("chown " + user + " " + dir.string() + " " + replica_socket.string(), false);
    }
    ~replicated_cluster() {
        shell(as_cluster_user(pg_bin + "/pg_ctl -D " + replica_data.string() + " -m immediate stop"));
        primary->stop();
        fs::remove_all(dir);
    }

    std::string as_cluster_user(const std::string& command) const {
        return ::geteuid() == 0 ? "runuser -u " + user + " -- " + command : command;
    }
    void run(const std::string& command, bool as_user = true) const {
        const auto r = shell(as_user ? as_cluster_user(command) : command);
        INFO(command << "\n" << r.output);
        REQUIRE(r.status == 0);
    }

    void make_replica() {
        run(pg_bin + "/pg_basebackup -h " + primary_socket + " -p " + port + " -U " + user + " -D " +
            replica_data.string() + " -R -X stream -c fast");
        start_replica();
    }
    void start_replica() const {
        // Its own socket folder: the copied postgresql.conf still names the primary's.
        run(pg_bin + "/pg_ctl -D " + replica_data.string() + " -l " + (dir / "replica.log").string() +
            " -w -t 60 -o \"-k " + replica_socket.string() + " -c listen_addresses='' -p " + port + "\" start");
    }
    void stop_replica() const { run(pg_bin + "/pg_ctl -D " + replica_data.string() + " -m fast -w stop"); }

    std::string primary_db(const std::string& db) const { return primary->conninfo_for(db); }
    std::string replica_db(const std::string& db) const {
        return "host=" + replica_socket.string() + " port=" + port + " user=" + user + " dbname=" + db;
    }
};

// A sample from a /metrics text, 0 when absent.
std::uint64_t metric(client& c, const std::string& name) {
    const auto text = c.get("/metrics").body;
    const auto at = text.find("\n" + name + " ");
    if (at == std::string::npos) return 0;
    return std::stoull(text.substr(at + name.size() + 2));
}

std::int64_t count_rows(const std::string& conninfo, const std::string& query) { return scalar(conninfo, query); }

std::string seat_state(client& c, std::int64_t event_id, std::int64_t seat_id) {
    auto map = c.get("/events/events/" + std::to_string(event_id) + "/seats");
    if (map.status != 200) return "status " + std::to_string(map.status);
    const auto body = map.json();  // named: a range-for over a temporary's array would dangle
    for (const auto& s : body.at("seats").as_array())
        if (s.at("id").as_int64() == seat_id) return std::string(s.at("state").as_string());
    return "missing";
}

}  // namespace

TEST_CASE("scale-out: primary, replica, two instances behind HAProxy") {
    replicated_cluster pg(fs::temp_directory_path() / ("proeventa-scaleout-" + std::to_string(::getpid())));
    sql(pg.primary->conninfo(), "CREATE DATABASE tickets");
    pg.make_replica();
    const auto primary = pg.primary_db("tickets");
    const auto replica = pg.replica_db("tickets");
    REQUIRE(eventually([&] {
        try {
            return sql(replica, "SELECT pg_is_in_recovery()")[0][0] == "t";
        } catch (const std::exception&) {
            return false;  // the database is not replayed yet
        }
    }, std::chrono::seconds(30)));

    const std::vector<std::string> replica_args = {"--database-read-url", replica, "--max-replica-lag-ms", "2000",
                                                   "--trusted-proxies", "127.0.0.1/32"};
    std::optional<server_process> one(server_process::options{primary, replica_args});
    std::optional<server_process> two(server_process::options{primary, replica_args});
    client direct_one(one->port()), direct_two(two->port());

    const auto lb_port = free_port();
    child_process haproxy({"/usr/sbin/haproxy", "-db", "-f", std::string(PROEVENTA_SOURCE_DIR) + "/deploy/haproxy.cfg"},
                          {"PROEVENTA_LB_BIND=127.0.0.1:" + std::to_string(lb_port), "PROEVENTA_LB_MAXCONN=400",
                           "PROEVENTA_INSTANCE_1=127.0.0.1:" + std::to_string(one->port()),
                           "PROEVENTA_INSTANCE_2=127.0.0.1:" + std::to_string(two->port())},
                          pg.dir.string() + "/haproxy.log");
    REQUIRE(eventually([&] {
        if (!haproxy.running()) throw std::runtime_error("haproxy exited:\n" + haproxy.log());
        try {
            client lb(lb_port);
            return lb.get("/ready").status == 200;
        } catch (const std::exception&) {
            return false;
        }
    }, std::chrono::seconds(30)));
    client lb(lb_port);

    // Setup through the balancer: writes go to the primary whichever instance takes them.
    auto organizer = make_user(lb, primary, "scaleout-organizer@example.com", "organizer");
    auto event = make_seated_event(lb, organizer, 10, 20, "Replicated Night");
    auto buyers = bulk_users(primary, 40, "scaleout-buyer");

    SECTION("reads, writes across instances, losing the replica, losing an instance") {
        // --- anonymous reads come from the replica -------------------------------------------
        REQUIRE(eventually([&] { return metric(direct_one, "proeventa_db_replica_up") == 1; }));
        REQUIRE(eventually([&] { return metric(direct_two, "proeventa_db_replica_up") == 1; }));
        // Every search is a list page not cached yet, so each loads from the database: from the
        // replica once it has replayed the last change this instance heard of (the setup's
        // writes), which the next lag check establishes.
        int warmup = 0;
        REQUIRE(eventually([&] {
            const auto was = metric(direct_one, "proeventa_db_replica_reads_total");
            direct_one.get("/events/events?q=warmup" + std::to_string(warmup++));
            return metric(direct_one, "proeventa_db_replica_reads_total") > was;
        }));
        const auto before = metric(direct_one, "proeventa_db_replica_reads_total");
        for (int i = 0; i < 5; ++i)
            CHECK(direct_one.get("/events/events?q=replicated" + std::to_string(i)).status == 200);
        CHECK(metric(direct_one, "proeventa_db_replica_reads_total") >= before + 5);
        CHECK(count_rows(replica, "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'proeventa-read'") > 0);
        // And the found event is the one written on the primary.
        auto found = direct_two.get("/events/events?q=Replicated");
        REQUIRE(found.status == 200);
        CHECK(found.json().as_array().size() == 1);

        // --- a seat taken through one instance is taken through the other --------------------
        const auto seat = event.seat_ids.front();
        auto reserved = direct_one.post("/reservations/reservations/reserve",
                                        {{"event_id", event.id}, {"seat_id", seat}}, buyers[0].token);
        INFO(reserved.body);
        REQUIRE(reserved.status == 201);
        CHECK(eventually([&] { return seat_state(direct_two, event.id, seat) != "available"; }));
        CHECK(seat_state(direct_two, event.id, seat) != "status 500");
        // Buying it again through the other instance is refused by the primary.
        auto again = direct_two.post("/reservations/reservations/reserve",
                                     {{"event_id", event.id}, {"seat_id", seat}}, buyers[1].token);
        CHECK(again.status == 409);

        // --- the replica stops mid-browse: no 5xx -------------------------------------------
        std::atomic<bool> browsing{true};
        std::atomic<int> answered{0}, server_errors{0};
        std::string first_error;
        std::mutex error_mutex;
        std::vector<std::thread> browsers;
        for (int t = 0; t < 4; ++t) {
            browsers.emplace_back([&, t] {
                client c(lb_port);
                for (int i = 0; browsing; ++i) {
                    const std::string target = i % 3 == 0   ? "/events/events?q=browse" + std::to_string(t * 100000 + i)
                                               : i % 3 == 1 ? "/events/events/" + std::to_string(event.id)
                                                            : "/events/events/" + std::to_string(event.id) + "/seats";
                    http_result r;
                    try {
                        r = c.get(target);
                    } catch (const std::exception& e) {
                        r.status = 599;
                        r.body = e.what();
                    }
                    ++answered;
                    if (r.status >= 500) {
                        ++server_errors;
                        std::lock_guard lock(error_mutex);
                        if (first_error.empty()) first_error = target + ": " + std::to_string(r.status) + " " + r.body;
                    }
                }
            });
        }
        REQUIRE(eventually([&] { return answered > 40; }));
        pg.stop_replica();
        const int at_stop = answered;
        CHECK(eventually([&] { return metric(direct_one, "proeventa_db_replica_up") == 0; }));
        CHECK(eventually([&] { return answered > at_stop + 200; }, std::chrono::seconds(30)));
        browsing = false;
        for (auto& b : browsers) b.join();
        INFO("first 5xx: " << first_error);
        CHECK(server_errors == 0);
        // Reads went on, from the primary.
        CHECK(direct_one.get("/events/events?q=after-replica").status == 200);
        CHECK(metric(direct_one, "proeventa_db_replica_reads_total") > 0);

        // The replica comes back and is taken back into service.
        pg.start_replica();
        CHECK(eventually([&] { return metric(direct_one, "proeventa_db_replica_up") == 1; },
                         std::chrono::seconds(30)));

        // --- kill -9 of one instance during a rush --------------------------------------------
        std::mutex acked_mutex;
        std::vector<std::int64_t> acked;  // reservation ids whose 201 reached a client
        std::atomic<int> after_kill_ok{0};
        std::atomic<int> bad_bodies{0};  // 201s whose body had no reservation id
        std::atomic<bool> killed{false};
        std::atomic<std::size_t> next_seat{1};  // seat 0 is taken above
        std::latch go(8);
        std::vector<std::thread> buyers_threads;
        for (int t = 0; t < 8; ++t) {
            buyers_threads.emplace_back([&, t] {
                std::optional<client> c;
                go.arrive_and_wait();
                for (;;) {
                    const auto i = next_seat++;
                    if (i >= event.seat_ids.size()) return;
                    const bool was_killed = killed;
                    http_result r;
                    try {
                        if (!c) c.emplace(lb_port);
                        r = c->post("/reservations/reservations/reserve",
                                    {{"event_id", event.id}, {"seat_id", event.seat_ids[i]}},
                                    buyers[static_cast<std::size_t>(t) + 2].token);
                    } catch (const std::exception&) {
                        c.reset();  // the connection died with its instance
                        continue;
                    }
                    if (r.status == 201) {
                        // Parsed without http_result::json(): Catch's assertions are for the
                        // main thread only, and the main thread is asserting meanwhile.
                        boost::system::error_code ec;
                        const auto body = boost::json::parse(r.body, ec);
                        std::lock_guard lock(acked_mutex);
                        if (ec || !body.is_object() || !body.as_object().contains("id")) {
                            ++bad_bodies;
                            continue;
                        }
                        acked.push_back(body.at("id").as_int64());
                        if (was_killed) ++after_kill_ok;
                    }
                }
            });
        }
        // Kill once the rush is under way.
        REQUIRE(eventually([&] {
            std::lock_guard lock(acked_mutex);
            return acked.size() >= 20;
        }));
        one->stop(SIGKILL);
        killed = true;
        for (auto& b : buyers_threads) b.join();
        INFO("acknowledged: " << acked.size() << ", after the kill: " << after_kill_ok.load());
        // HAProxy moved the traffic: the rush went on through the other instance.
        CHECK(after_kill_ok > 50);
        CHECK(bad_bodies == 0);
        // Every acknowledged reservation is committed on the primary, active, once.
        std::string ids;
        for (auto id : acked) ids += (ids.empty() ? "" : ",") + std::to_string(id);
        CHECK(count_rows(primary, "SELECT count(*) FROM reservations WHERE id IN (" + ids +
                                      ") AND status IN ('held','confirmed')") ==
              static_cast<std::int64_t>(acked.size()));
        CHECK(count_rows(primary, "SELECT count(*) - count(DISTINCT seat_id) FROM reservations WHERE event_id = " +
                                      std::to_string(event.id) + " AND status IN ('held','confirmed')") == 0);
        // The survivor is still ready, and reads work through the balancer.
        CHECK(direct_two.get("/ready").status == 200);
        CHECK(lb.get("/events/events/" + std::to_string(event.id)).status == 200);
        one.reset();
    }
    haproxy.stop(SIGTERM);
}
