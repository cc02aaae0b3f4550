// Typed rows and transactions against a real PostgreSQL: columns fill members by name, a
// missing or mistyped column fails at once, and in_transaction commits or rolls back.
#include "test_support.hpp"

#include <proeventa/db/pool.hpp>
#include <proeventa/db/record.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/use_future.hpp>
#include <boost/describe/class.hpp>

#include <stdexcept>

namespace db = proeventa::db;
namespace net = boost::asio;
using proeventa::awaitable;

namespace record_test {

struct price {
    std::string category;
    std::int64_t price_cents = 0;
};
BOOST_DESCRIBE_STRUCT(price, (), (category, price_cents))

struct event_row {
    std::int64_t id = 0;
    std::string name;
    std::string starts;
    std::optional<std::string> sales_end;
    std::optional<std::int64_t> venue_id;
    bool published = false;
    double ratio = 0;
    std::vector<price> prices;
};
BOOST_DESCRIBE_STRUCT(event_row, (), (id, name, starts, sales_end, venue_id, published, ratio, prices))

struct id_only {
    std::int64_t id = 0;
};
BOOST_DESCRIBE_STRUCT(id_only, (), (id))

}  // namespace record_test

namespace {

template <class T>
T run_io(net::io_context& ioc, awaitable<T> op) {
    auto done = net::co_spawn(ioc, std::move(op), net::use_future);
    ioc.restart();
    ioc.run();
    return done.get();
}

struct env {
    net::io_context ioc;
    db::pool pool;
    explicit env(const std::string& conninfo) : pool(ioc.get_executor(), [&] {
        db::pool_options o;
        o.conninfo = conninfo;
        o.max_size = 2;
        return o;
    }()) {}
    ~env() {
        pool.close();
        ioc.restart();
        ioc.run();
    }
    db::result query(const char* name, const char* sql) {
        const db::query q{name, sql};
        return run_io(ioc, pool.exec(q));
    }
};

}  // namespace

TEST_CASE("columns fill record members by name, whatever their order", "[db][record]") {
    env e(proeventa::test::fresh_database("db_record"));
    const auto res = e.query(
        "record.full",
        "SELECT '[{\"category\": \"A\", \"price_cents\": 4500}]'::json AS prices, 1.5::float8 AS ratio,"
        " true AS published, NULL::bigint AS venue_id, NULL::timestamptz AS sales_end,"
        " '2031-01-01 19:00:00+00'::timestamptz AS starts, 'Swan Lake'::text AS name, 7::int AS id,"
        " 'ignored' AS extra");
    const auto rows = db::records<record_test::event_row>(res);
    REQUIRE(rows.size() == 1);
    const auto& r = rows[0];
    CHECK(r.id == 7);
    CHECK(r.name == "Swan Lake");
    CHECK(r.starts == "2031-01-01T19:00:00Z");
    CHECK_FALSE(r.sales_end);
    CHECK_FALSE(r.venue_id);
    CHECK(r.published);
    CHECK(r.ratio == 1.5);
    REQUIRE(r.prices.size() == 1);
    CHECK(r.prices[0].category == "A");
    CHECK(r.prices[0].price_cents == 4500);
}

TEST_CASE("a missing or mistyped column fails the first run, rows or not", "[db][record]") {
    env e(proeventa::test::fresh_database("db_record_bad"));
    CHECK_THROWS_AS(db::records<record_test::id_only>(e.query("record.missing", "SELECT 1 AS identifier")),
                    db::schema_mismatch);
    CHECK_THROWS_AS(db::records<record_test::id_only>(e.query("record.typed", "SELECT 'one'::text AS id")),
                    db::schema_mismatch);
    // No rows: the columns are still checked.
    CHECK_THROWS_AS(db::first_record<record_test::id_only>(e.query("record.empty", "SELECT 1 AS other WHERE false")),
                    db::schema_mismatch);
    CHECK_FALSE(db::first_record<record_test::id_only>(e.query("record.none", "SELECT 1 AS id WHERE false")));
    // A json list whose objects lack a member's key.
    CHECK_THROWS_AS(db::records<record_test::event_row>(e.query(
                        "record.json",
                        "SELECT 1 AS id, 'n' AS name, now() AS starts, NULL::timestamptz AS sales_end,"
                        " NULL::bigint AS venue_id, false AS published, 0::float8 AS ratio,"
                        " '[{\"category\": \"A\"}]'::json AS prices")),
                    db::schema_mismatch);
}

TEST_CASE("in_transaction commits what returns and rolls back what throws", "[db][transaction]") {
    env e(proeventa::test::fresh_database("db_transaction"));
    e.query("tx.create", "CREATE TABLE notes (id int PRIMARY KEY)");
    const db::query insert{"tx.insert", "INSERT INTO notes VALUES ($1) RETURNING id"};
    const db::query count{"tx.count", "SELECT count(*) AS id FROM notes"};

    auto committed = [&](db::transaction& tx) -> awaitable<std::int64_t> {
        auto rows = co_await tx.exec(insert, db::params(1));
        co_return rows[0].int64(0);
    };
    CHECK(run_io(e.ioc, e.pool.in_transaction(committed)) == 1);

    auto failing = [&](db::transaction& tx) -> awaitable<void> {
        co_await tx.exec(insert, db::params(2));
        throw std::runtime_error("the caller changed its mind");
    };
    CHECK_THROWS_WITH(run_io(e.ioc, e.pool.in_transaction(failing)), "the caller changed its mind");

    // A failed statement aborts the transaction; the rollback still leaves a usable connection.
    auto conflicting = [&](db::transaction& tx) -> awaitable<void> { co_await tx.exec(insert, db::params(1)); };
    CHECK_THROWS_AS(run_io(e.ioc, e.pool.in_transaction(conflicting)), db::query_error);

    const auto n = db::first_record<record_test::id_only>(run_io(e.ioc, e.pool.exec(count)));
    REQUIRE(n);
    CHECK(n->id == 1);
    CHECK(e.pool.statistics().open >= 1);
}
