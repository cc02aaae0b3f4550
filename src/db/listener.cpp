#include <proeventa/db/listener.hpp>

#include "db/connection_impl.hpp"

#include <proeventa/log.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>

#include <atomic>
#include <map>
#include <mutex>
#include <random>

namespace proeventa::db {

using std::chrono::milliseconds;

struct listener::state : std::enable_shared_from_this<listener::state> {
    state(net::any_io_executor executor, listener_options opts)
        : io(executor), strand(net::make_strand(executor)), options(std::move(opts)),
          settings(connect_settings::from(options.connection)) {}

    net::any_io_executor io;
    net::strand<net::any_io_executor> strand;
    listener_options options;
    std::shared_ptr<const connect_settings> settings;
    net::thread_pool blocking{1};  // libpq's connection start may resolve host names

    std::map<std::string, std::vector<payload_handler>, std::less<>> handlers;
    std::vector<state_handler> state_handlers;

    std::atomic<std::uint64_t> epoch{0};
    std::atomic<std::uint64_t> notifications{0}, connects{0}, losses{0};
    std::atomic<bool> stopping{false};

    std::mutex current_mutex;  // guards `current` between the loop and stop()
    std::shared_ptr<connection_impl> current;
    std::uint64_t last_epoch = 0;

    void announce(bool listening) {
        for (auto& h : state_handlers) h(listening);
    }

    void dispatch(const notification& n) {
        notifications.fetch_add(1, std::memory_order_relaxed);
        auto it = handlers.find(n.channel);
        if (it == handlers.end()) return;
        for (auto& h : it->second) {
            try {
                h(n.payload);
            } catch (const std::exception& e) {
                log::error("a change subscriber failed", {{"channel", n.channel}, {"error", e.what()}});
            }
        }
    }

    std::string listen_sql() const {
        std::string sql;
        for (const auto& [channel, unused] : handlers) {
            // Channel names are fixed identifiers of the program, never user input.
            sql += "LISTEN \"" + channel + "\";";
        }
        return sql;
    }

    /// One connection's life: connect, LISTEN, deliver until it breaks or we stop.
    awaitable<void> listen_once() {
        std::shared_ptr<connection_impl> conn =
            co_await connection_impl::connect(io, blocking.get_executor(), settings);
        co_await conn->exec_script(listen_sql(), conn->default_deadline());
        {
            std::lock_guard lock(current_mutex);
            if (stopping) co_return;
            current = conn;
        }
        struct clear_current {
            state& s;
            ~clear_current() {
                std::lock_guard lock(s.current_mutex);
                s.current = nullptr;
            }
        } clear{*this};

        connects.fetch_add(1, std::memory_order_relaxed);
        epoch.store(++last_epoch, std::memory_order_release);
        log::info("listening for changes", {{"epoch", last_epoch}});
        announce(true);
        for (;;) {
            auto batch = co_await conn->next_notifications(options.idle_check);
            if (batch.empty()) {
                // Quiet for a while: make sure the server is still there (a dropped network
                // path would otherwise look like silence forever).
                co_await conn->exec_script("SELECT 1", conn->default_deadline());
                continue;
            }
            for (const auto& n : batch) dispatch(n);
        }
    }

    awaitable<void> run() {
        std::mt19937_64 jitter{std::random_device{}()};
        milliseconds backoff = options.min_backoff;
        while (!stopping) {
            const auto started = std::chrono::steady_clock::now();
            try {
                co_await listen_once();
            } catch (const std::exception& e) {
                if (!stopping) log::warn("change listener lost its connection", {{"error", e.what()}});
            }
            const bool was_listening = epoch.exchange(0, std::memory_order_acq_rel) != 0;
            if (was_listening) {
                losses.fetch_add(1, std::memory_order_relaxed);
                announce(false);
            }
            if (stopping) break;
            // A connection that lived a while resets the backoff; quick failures double it.
            if (std::chrono::steady_clock::now() - started > options.max_backoff) backoff = options.min_backoff;
            std::uniform_int_distribution<long> spread(0, static_cast<long>(backoff.count()) / 2);
            net::steady_timer timer(strand, backoff + milliseconds(spread(jitter)));
            boost::system::error_code ignored;
            co_await timer.async_wait(net::redirect_error(use_awaitable, ignored));
            backoff = std::min(backoff * 2, options.max_backoff);
        }
    }
};

listener::listener(net::any_io_executor io, listener_options options)
    : state_(std::make_shared<state>(io, std::move(options))) {}

listener::~listener() { stop(); }

void listener::subscribe(std::string channel, payload_handler handler) {
    state_->handlers[std::move(channel)].push_back(std::move(handler));
}

void listener::on_state_change(state_handler handler) { state_->state_handlers.push_back(std::move(handler)); }

void listener::start() {
    auto self = state_;
    auto loop = [self]() -> awaitable<void> { co_await self->run(); };
    net::co_spawn(state_->strand, std::move(loop), net::detached);
}

void listener::stop() {
    state_->stopping = true;
    std::lock_guard lock(state_->current_mutex);
    if (state_->current) connection_impl::cancel_wait(state_->current);
}

std::uint64_t listener::epoch() const noexcept { return state_->epoch.load(std::memory_order_acquire); }

listener::stats listener::statistics() const noexcept {
    return {state_->epoch.load() != 0, state_->notifications.load(), state_->connects.load(),
            state_->losses.load()};
}

}  // namespace proeventa::db
