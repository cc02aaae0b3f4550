// The libpq protocol loop: connect, send, flush, read, and the failure rules that decide
// whether a connection may be used again.
#include "db/connection_impl.hpp"

#include "db/deadline.hpp"
#include "db/pool_impl.hpp"
#include "db/sqlstate.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/deferred.hpp>
#include <boost/asio/experimental/parallel_group.hpp>
#include <boost/asio/redirect_error.hpp>

#include <libpq-fe.h>

#include <poll.h>

#include <limits>
#include <thread>

namespace proeventa::db {

namespace {

using std::chrono::milliseconds;

// Notices ("there is no transaction in progress", ...) would go to stderr by default, outside
// the structured log; none of them changes what a caller must do.
void ignore_notice(void*, const char*) {}

std::string trimmed(const char* text) {
    std::string s = text ? text : "";
    while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
    return s;
}

std::string connection_message(PGconn* conn) {
    std::string m = trimmed(PQerrorMessage(conn));
    return m.empty() ? "connection lost" : m;
}

query_error error_from(const PGresult* res) {
    const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    const char* constraint = PQresultErrorField(res, PG_DIAG_CONSTRAINT_NAME);
    return query_error(state ? state : "", trimmed(PQresultErrorMessage(res)),
                       constraint ? constraint : "");
}

// Blocking part of a connect; runs on the pool's helper thread.
awaitable<PGconn*> start_connect(std::shared_ptr<const connect_settings> settings) {
    std::vector<const char*> keys, values;
    for (std::size_t i = 0; i < settings->keywords.size(); ++i) {
        keys.push_back(settings->keywords[i].c_str());
        values.push_back(settings->values[i].c_str());
    }
    keys.push_back(nullptr);
    values.push_back(nullptr);
    co_return PQconnectStartParams(keys.data(), values.data(), /*expand_dbname=*/1);
}

}  // namespace

// --- connect_settings -------------------------------------------------------------------------

std::shared_ptr<const connect_settings> connect_settings::from(const pool_options& options) {
    char* error = nullptr;
    PQconninfoOption* parsed = PQconninfoParse(options.conninfo.c_str(), &error);
    if (!parsed) {
        // libpq's message may quote the string, and the string may hold a password.
        if (error) PQfreemem(error);
        throw std::invalid_argument(
            "the database connection string is not a valid libpq conninfo or URI");
    }
    std::string user_options;
    for (auto* o = parsed; o->keyword; ++o)
        if (std::string_view(o->keyword) == "options" && o->val) user_options = o->val;
    PQconninfoFree(parsed);

    auto s = std::make_shared<connect_settings>();
    // The conninfo goes in as an expandable dbname; the keywords after it override it, so the
    // session settings below hold whatever the URL says.
    s->keywords = {"dbname", "application_name", "client_encoding", "options"};
    std::string session = user_options;
    auto add = [&session](const std::string& setting) {
        if (!session.empty()) session += ' ';
        session += "-c " + setting;
    };
    // Timestamps leave the database as UTC ISO text, which the RFC 3339 helpers expect.
    add("TimeZone=UTC");
    add("DateStyle=ISO");
    add("statement_timeout=" + std::to_string(options.query_timeout.count()));
    s->values = {options.conninfo, options.application_name, "UTF8", session};
    s->connect_timeout = options.connect_timeout;
    if (options.query_timeout.count() > 0) {
        // Let the server's statement_timeout (a clean 57014 on a usable connection) win over
        // the client deadline, which costs the connection.
        s->statement_deadline = options.query_timeout + std::max(milliseconds(500), options.query_timeout / 10);
    }
    return s;
}

// --- connection_impl --------------------------------------------------------------------------

connection_impl::connection_impl(strand_type strand, PGconn* conn, milliseconds statement_deadline)
    : strand_(std::move(strand)),
      socket_(strand_),
      conn_(conn),
      statement_deadline_(statement_deadline) {}

connection_impl::~connection_impl() {
    // libpq closes the descriptor; Asio must let go of it first or it would close it too, and a
    // reused descriptor number would then deliver another socket's events.
    detach_socket();
    if (conn_) PQfinish(conn_);
}

void connection_impl::detach_socket() noexcept {
    if (socket_.is_open()) socket_.release();
}

void connection_impl::attach_socket() {
    detach_socket();
    const int fd = PQsocket(conn_);
    if (fd < 0) return;
    boost::system::error_code ec;
    socket_.assign(fd, ec);
    if (ec) throw unavailable("database socket cannot be watched: " + ec.message());
}

awaitable<std::unique_ptr<connection_impl>> connection_impl::connect(
    net::any_io_executor io, net::any_io_executor blocking,
    std::shared_ptr<const connect_settings> settings) {
    PGconn* raw = co_await net::co_spawn(blocking, start_connect(settings), use_awaitable);
    if (!raw) throw unavailable("cannot allocate a database connection");
    auto conn = std::make_unique<connection_impl>(net::make_strand(io), raw,
                                                  settings->statement_deadline);
    if (PQstatus(raw) == CONNECTION_BAD)
        throw unavailable("cannot connect to the database: " + connection_message(raw));

    const auto deadline = std::chrono::steady_clock::now() + settings->connect_timeout;
    auto handshake = detail::run_until(conn->poll_connect(), deadline);
    auto done = co_await net::co_spawn(conn->strand_, std::move(handshake), use_awaitable);
    if (!done) throw unavailable("connecting to the database timed out");

    if (PQsetnonblocking(raw, 1) != 0)
        throw unavailable("cannot switch the database connection to non-blocking mode: " +
                          connection_message(raw));
    PQsetNoticeProcessor(raw, ignore_notice, nullptr);
    co_return conn;
}

awaitable<int> connection_impl::poll_connect() {
    // libpq's contract: act as if PQconnectPoll had just asked to write.
    PostgresPollingStatusType status = PGRES_POLLING_WRITING;
    for (;;) {
        // libpq may have closed the socket and opened another (next host, SSL or GSS retry),
        // possibly under the same number: register afresh after every step.
        attach_socket();
        if (status == PGRES_POLLING_OK) co_return 0;
        if (status == PGRES_POLLING_FAILED)
            throw unavailable("cannot connect to the database: " + connection_message(conn_));
        co_await wait(status == PGRES_POLLING_READING ? net::posix::descriptor_base::wait_read
                                                      : net::posix::descriptor_base::wait_write);
        status = PQconnectPoll(conn_);
    }
}

bool connection_impl::reusable() const noexcept {
    return !broken_ && conn_ && PQstatus(conn_) == CONNECTION_OK &&
           PQtransactionStatus(conn_) == PQTRANS_IDLE;
}

bool connection_impl::looks_stale() noexcept {
    if (!reusable()) return true;
    pollfd p{PQsocket(conn_), POLLIN, 0};
    const int ready = ::poll(&p, 1, 0);
    if (ready == 0) return false;
    broken_ = true;
    return true;
}

void connection_impl::fail_broken(std::string_view what) {
    broken_ = true;
    failed_before_send_ = !sent_;
    throw unavailable(std::string(what) + ": " + connection_message(conn_));
}

void connection_impl::cancel_on_server() noexcept {
    // Without this the backend keeps running the statement after we gave up on it. PQcancel
    // opens a new connection and blocks (libpq 15 has no asynchronous cancel), hence a thread.
    if (!conn_ || PQstatus(conn_) != CONNECTION_OK) return;
    PGcancel* cancel = PQgetCancel(conn_);
    if (!cancel) return;
    auto send = [cancel] {
        char error[256];
        PQcancel(cancel, error, sizeof error);
        PQfreeCancel(cancel);
    };
    try {
        std::thread(std::move(send)).detach();
    } catch (...) {
        PQfreeCancel(cancel);
    }
}

awaitable<void> connection_impl::wait(net::posix::descriptor_base::wait_type type) {
    boost::system::error_code ec;
    co_await socket_.async_wait(type, net::redirect_error(use_awaitable, ec));
    if (ec == net::error::operation_aborted) throw boost::system::system_error(ec);
    if (ec) fail_broken("waiting on the database socket failed (" + ec.message() + ")");
}

awaitable<bool> connection_impl::wait_read_or_write() {
    using base = net::posix::descriptor_base;
    auto [order, read_ec, write_ec] =
        co_await net::experimental::make_parallel_group(
            socket_.async_wait(base::wait_read, net::deferred),
            socket_.async_wait(base::wait_write, net::deferred))
            .async_wait(net::experimental::wait_for_one(), use_awaitable);
    const auto& first = order[0] == 0 ? read_ec : write_ec;
    if (first == net::error::operation_aborted) throw boost::system::system_error(first);
    if (first) fail_broken("waiting on the database socket failed (" + first.message() + ")");
    co_return order[0] == 0;
}

awaitable<void> connection_impl::flush() {
    for (;;) {
        const int rc = PQflush(conn_);
        if (rc == 0) co_return;
        if (rc < 0) fail_broken("sending to the database failed");
        // The server may be blocked writing to us (notices, a large error) while we are blocked
        // writing to it: read whatever it sends while the send buffer drains.
        if (co_await wait_read_or_write() && !PQconsumeInput(conn_))
            fail_broken("reading from the database failed");
    }
}

awaitable<result> connection_impl::collect(const char* tolerated_sqlstate) {
    result last;
    std::optional<query_error> error;
    bool protocol_trouble = false;
    for (;;) {
        while (PQisBusy(conn_)) {
            co_await wait(net::posix::descriptor_base::wait_read);
            if (!PQconsumeInput(conn_)) fail_broken("reading from the database failed");
        }
        PGresult* raw = PQgetResult(conn_);
        if (!raw) break;
        result owned(raw);
        switch (PQresultStatus(raw)) {
        case PGRES_FATAL_ERROR:
            if (!error) error = error_from(raw);
            break;
        case PGRES_BAD_RESPONSE:
        case PGRES_COPY_IN:
        case PGRES_COPY_OUT:
        case PGRES_COPY_BOTH:
            // COPY is not spoken here; leaving it half-done would wedge the connection.
            protocol_trouble = true;
            break;
        default:
            last = std::move(owned);
            break;
        }
        if (protocol_trouble) break;
    }
    if (protocol_trouble) fail_broken("unexpected response from the database");
    if (PQstatus(conn_) != CONNECTION_OK)
        fail_broken(error ? std::string("database connection lost: ") + error->what()
                          : std::string("database connection lost"));
    if (error) {
        if (tolerated_sqlstate && error->sqlstate() == tolerated_sqlstate) co_return last;
        if (sqlstate::means_connection_lost(error->sqlstate())) {
            broken_ = true;
            failed_before_send_ = false;
            throw unavailable(std::string("database connection lost: ") + error->what());
        }
        throw *error;
    }
    co_return last;
}

awaitable<result> connection_impl::run_prepared(const query& q, const param_list& params) {
    if (params.size() > 65535) throw std::invalid_argument("too many query parameters");
    if (!prepared_.contains(q.name)) {
        if (!PQsendPrepare(conn_, q.name, q.sql, 0, nullptr))
            fail_broken("sending to the database failed");
        co_await flush();
        // 42P05: someone prepared it under this name on this session already (e.g. our own
        // bookkeeping was lost with an exception); the statement text is ours either way.
        co_await collect(sqlstate::duplicate_prepared_statement);
        prepared_.insert(q.name);
    }
    std::vector<const char*> values;
    values.reserve(params.size());
    for (const auto& p : params) values.push_back(p ? p->c_str() : nullptr);
    if (!PQsendQueryPrepared(conn_, q.name, static_cast<int>(values.size()), values.data(),
                             nullptr, nullptr, 0))
        fail_broken("sending to the database failed");
    co_await flush();
    sent_ = true;
    co_return co_await collect();
}

awaitable<result> connection_impl::run_script(const std::string& sql) {
    if (!PQsendQuery(conn_, sql.c_str())) fail_broken("sending to the database failed");
    co_await flush();
    sent_ = true;
    co_return co_await collect();
}

awaitable<result> connection_impl::supervise(awaitable<result> op, milliseconds deadline) {
    std::optional<result> outcome;
    try {
        if (deadline.count() > 0)
            outcome = co_await detail::run_until(std::move(op),
                                                 std::chrono::steady_clock::now() + deadline);
        else
            outcome = co_await std::move(op);
    } catch (const query_error&) {
        throw;  // results were drained: the connection is in sync and still usable
    } catch (const unavailable&) {
        throw;  // already marked broken
    } catch (...) {
        // Cancelled by the caller (client went away, shutdown) or an unexpected failure in the
        // middle of the protocol: nobody knows what the server is doing, so stop it and drop us.
        broken_ = true;
        cancel_on_server();
        throw;
    }
    if (!outcome) {
        broken_ = true;
        failed_before_send_ = false;
        cancel_on_server();
        throw unavailable("query timed out");
    }
    co_return std::move(*outcome);
}

awaitable<result> connection_impl::exec(const query& q, const param_list& params,
                                        milliseconds deadline) {
    if (broken_) throw unavailable("database connection is no longer usable");
    sent_ = false;
    failed_before_send_ = false;
    auto op = supervise(run_prepared(q, params), deadline);
    co_return co_await net::co_spawn(strand_, std::move(op), use_awaitable);
}

awaitable<result> connection_impl::exec_script(std::string sql, milliseconds deadline) {
    if (broken_) throw unavailable("database connection is no longer usable");
    sent_ = false;
    failed_before_send_ = false;
    auto op = supervise(run_script(sql), deadline);
    co_return co_await net::co_spawn(strand_, std::move(op), use_awaitable);
}

awaitable<std::vector<notification>> connection_impl::next_notifications(milliseconds idle) {
    auto drain = [this]() -> awaitable<std::vector<notification>> {
        for (;;) {
            if (!PQconsumeInput(conn_)) fail_broken("reading notifications from the database failed");
            std::vector<notification> out;
            while (PGnotify* n = PQnotifies(conn_)) {
                out.push_back(notification{n->relname ? n->relname : "", n->extra ? n->extra : ""});
                PQfreemem(n);
            }
            if (!out.empty()) co_return out;
            co_await wait(net::posix::descriptor_base::wait_read);
        }
    };
    auto op = detail::run_until(drain(), std::chrono::steady_clock::now() + idle);
    auto got = co_await net::co_spawn(strand_, std::move(op), use_awaitable);
    co_return got ? std::move(*got) : std::vector<notification>{};
}

void connection_impl::cancel_wait(std::shared_ptr<connection_impl> self) {
    auto strand = self->strand_;
    net::post(strand, [self = std::move(self)] {
        boost::system::error_code ignored;
        self->socket_.cancel(ignored);
    });
}

// --- connection -------------------------------------------------------------------------------

connection::connection(std::shared_ptr<pool_impl> pool, std::unique_ptr<connection_impl> impl)
    : pool_(std::move(pool)), impl_(std::move(impl)) {}

connection::connection(connection&&) noexcept = default;

connection& connection::operator=(connection&& other) noexcept {
    if (this != &other) {
        if (impl_ && pool_) pool_->release(std::move(impl_));
        pool_ = std::move(other.pool_);
        impl_ = std::move(other.impl_);
    }
    return *this;
}

connection::~connection() {
    if (impl_ && pool_) pool_->release(std::move(impl_));
}

awaitable<result> connection::exec(const query& q, param_list params) {
    if (!impl_) throw std::logic_error("db::connection used after it was moved from");
    co_return co_await impl_->exec(q, params, impl_->default_deadline());
}

awaitable<result> connection::exec_script(std::string_view sql) {
    if (!impl_) throw std::logic_error("db::connection used after it was moved from");
    co_return co_await impl_->exec_script(std::string(sql), impl_->default_deadline());
}

awaitable<result> connection::exec_script(std::string_view sql,
                                          std::chrono::milliseconds deadline) {
    if (!impl_) throw std::logic_error("db::connection used after it was moved from");
    co_return co_await impl_->exec_script(std::string(sql), deadline);
}

void connection::discard() noexcept {
    if (impl_) impl_->discard();
}

// --- transaction ------------------------------------------------------------------------------

awaitable<void> transaction::commit() {
    if (!open_) throw std::logic_error("transaction already committed or rolled back");
    open_ = false;
    auto r = co_await conn_.exec_script("COMMIT");
    // PostgreSQL answers COMMIT of a failed transaction with a ROLLBACK tag, not an error; a
    // caller that swallowed an error mid-transaction must not believe its writes are stored.
    if (r.command_tag() == "ROLLBACK")
        throw query_error(std::string(sqlstate::transaction_rollback),
                          "COMMIT rolled back a transaction that had failed");
}

awaitable<void> transaction::rollback() {
    if (!open_) throw std::logic_error("transaction already committed or rolled back");
    open_ = false;
    co_await conn_.exec_script("ROLLBACK");
}

awaitable<void> transaction::abandon() noexcept {
    if (!open_) co_return;
    open_ = false;
    try {
        co_await conn_.exec_script("ROLLBACK");
    } catch (...) {
        conn_.discard();
    }
}

}  // namespace proeventa::db
