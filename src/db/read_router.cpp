#include <proeventa/db/read_router.hpp>

#include <proeventa/log.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>

#include <deque>
#include <mutex>
#include <optional>
#include <string_view>

namespace proeventa::db {
namespace {

using clock = std::chrono::steady_clock;

// "16/B374D848" -> 0x16B374D848.
std::optional<std::uint64_t> parse_lsn(std::string_view text) {
    const auto slash = text.find('/');
    if (slash == std::string_view::npos || slash == 0 || slash + 1 >= text.size()) return std::nullopt;
    std::uint64_t hi = 0, lo = 0;
    for (char c : text.substr(0, slash)) {
        const int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
        if (d < 0 || hi > 0xFFFFFFFu) return std::nullopt;
        hi = hi * 16 + static_cast<std::uint64_t>(d);
    }
    for (char c : text.substr(slash + 1)) {
        const int d = (c >= '0' && c <= '9') ? c - '0' : (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
        if (d < 0 || lo > 0xFFFFFFFu) return std::nullopt;
        lo = lo * 16 + static_cast<std::uint64_t>(d);
    }
    return (hi << 32) | lo;
}

constexpr std::size_t max_noted_positions = 4096;

}  // namespace

struct read_router::monitor : std::enable_shared_from_this<monitor> {
    monitor(net::any_io_executor ex, pool& p, pool& r, read_router_options o)
        : executor(std::move(ex)), primary(p), replica(r), options(o), timer(executor) {}

    net::any_io_executor executor;
    pool& primary;
    pool& replica;
    read_router_options options;
    net::steady_timer timer;
    std::atomic<bool> stopped{false};

    std::atomic<bool> in_service{false};
    std::atomic<std::uint64_t> lag_ms{0};
    // steady_clock ticks: the latest moment the replica is known to have replayed everything
    // the primary had, and the moment of the last announced change.
    std::atomic<clock::rep> caught_up_as_of{0};
    std::atomic<clock::rep> last_change{0};
    // Primary positions not yet replayed, oldest first; only the check loop touches it.
    std::deque<std::pair<clock::time_point, std::uint64_t>> noted;

    awaitable<std::optional<std::uint64_t>> position(pool& db, std::string_view sql) {
        try {
            auto conn = co_await db.acquire();
            auto r = co_await conn.exec_script(sql, options.check_interval * 4);
            if (r.empty() || r[0].is_null(0)) co_return std::nullopt;
            co_return parse_lsn(r[0].text(0));
        } catch (const std::exception&) {
            co_return std::nullopt;
        }
    }

    awaitable<void> check() {
        const auto now = clock::now();
        const auto at_primary = co_await position(primary, "SELECT pg_current_wal_lsn()::text");
        // NULL unless the server is a standby in recovery: a promoted or plain server is not a
        // replica of ours, so it serves no reads.
        const auto replayed = co_await position(replica, "SELECT pg_last_wal_replay_lsn()::text");
        if (at_primary && (noted.empty() || *at_primary > noted.back().second) &&
            noted.size() < max_noted_positions)
            noted.emplace_back(now, *at_primary);
        if (replayed) {
            // The primary's position was read first, so a replica at or past it had, at `now`,
            // replayed all the primary had; otherwise the newest noted position it passed says
            // as of when it is complete.
            std::optional<clock::time_point> complete_as_of;
            while (!noted.empty() && noted.front().second <= *replayed) {
                complete_as_of = noted.front().first;
                noted.pop_front();
            }
            if (at_primary && *replayed >= *at_primary) complete_as_of = now;
            if (complete_as_of) {
                const auto ticks = complete_as_of->time_since_epoch().count();
                if (ticks > caught_up_as_of.load()) caught_up_as_of = ticks;
            }
        }
        const auto behind = noted.empty() ? clock::duration::zero() : clock::now() - noted.front().first;
        const auto behind_ms = std::chrono::duration_cast<std::chrono::milliseconds>(behind);
        lag_ms = static_cast<std::uint64_t>(behind_ms.count());
        const bool usable = replayed.has_value() && behind_ms <= options.max_lag;
        if (usable != in_service.exchange(usable)) {
            if (usable)
                log::info("read replica in service", {{"lag_ms", behind_ms.count()}});
            else
                log::warn("read replica out of service",
                          {{"reachable", replayed.has_value()}, {"lag_ms", behind_ms.count()}});
        }
    }

    awaitable<void> run() {
        auto self = shared_from_this();
        while (!stopped) {
            co_await check();
            if (stopped) break;
            timer.expires_after(options.check_interval);
            boost::system::error_code ec;
            co_await timer.async_wait(net::redirect_error(use_awaitable, ec));
        }
    }
};

read_router::read_router(pool& primary) : primary_(primary) {}

read_router::read_router(net::any_io_executor executor, pool& primary, pool& replica, read_router_options options)
    : primary_(primary),
      replica_(&replica),
      monitor_(std::make_shared<monitor>(std::move(executor), primary, replica, options)) {}

read_router::~read_router() { stop(); }

void read_router::start() {
    if (!monitor_) return;
    auto m = monitor_;
    net::co_spawn(m->executor, m->run(), net::detached);
}

void read_router::stop() {
    if (!monitor_) return;
    monitor_->stopped = true;
    auto m = monitor_;
    net::post(m->executor, [m] { m->timer.cancel(); });
}

pool* read_router::replica_in_service(bool for_cache_fill) {
    if (!monitor_ || !monitor_->in_service.load()) return nullptr;
    if (for_cache_fill && monitor_->caught_up_as_of.load() < monitor_->last_change.load()) {
        ++fills_held_back_;
        return nullptr;
    }
    return replica_;
}

void read_router::note_change() {
    if (!monitor_) return;
    const auto now = clock::now().time_since_epoch().count();
    auto seen = monitor_->last_change.load();
    while (seen < now && !monitor_->last_change.compare_exchange_weak(seen, now)) {
    }
}

void read_router::replica_failed() {
    ++replica_failures_;
    // Out until the next check finds it answering again.
    if (monitor_ && monitor_->in_service.exchange(false))
        log::warn("read replica failed a read; reads go to the primary", {});
}

bool read_router::replica_trouble(const query_error& e) {
    const auto& state = e.sqlstate();
    // 08: connection exception; 57: shutdown, crash recovery, or a statement cancelled by a
    // conflict with recovery (57014 with hot_standby_feedback off); 40001: the same conflict
    // reported as a serialization failure. None says anything about the request itself.
    return state.starts_with("08") || state.starts_with("57") || state == "40001";
}

read_router::stats read_router::statistics() const {
    stats s;
    s.configured = replica_ != nullptr;
    s.in_service = monitor_ && monitor_->in_service.load();
    s.lag_ms = monitor_ ? monitor_->lag_ms.load() : 0;
    s.replica_reads = replica_reads_.load();
    s.primary_reads = primary_reads_.load();
    s.replica_failures = replica_failures_.load();
    s.fills_held_back = fills_held_back_.load();
    return s;
}

}  // namespace proeventa::db
