#include "list_cache.hpp"

#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

namespace proeventa::events {

namespace {
using clock = std::chrono::steady_clock;

// A waiter gives up on someone else's load after this and loads for itself; the database's own
// deadline (5 s by default) ends a load long before, so this only guards against a lost wake-up.
constexpr std::chrono::seconds max_wait{10};

boost::json::value optional_value(const std::optional<std::string>& v) {
    return v ? boost::json::value(*v) : boost::json::value(nullptr);
}
boost::json::value optional_value(const std::optional<std::int64_t>& v) {
    return v ? boost::json::value(*v) : boost::json::value(nullptr);
}
}  // namespace

/// One load in progress, and who waits for it. Every field is guarded by list_cache::mutex_.
struct list_cache::flight {
    struct waiter {
        net::any_io_executor executor;  // the waiter's strand: its wake-up is posted there
        std::shared_ptr<net::steady_timer> timer;
    };
    std::vector<waiter> waiters;
    bool done = false;
    page_ptr page;
    std::exception_ptr error;
};

list_cache::list_cache(std::chrono::milliseconds ttl, std::size_t max_entries)
    : ttl_(ttl), max_entries_(max_entries) {}

std::string list_cache::key_for(const event_filter& f, std::int64_t limit, std::int64_t offset) {
    if (f.viewer_id || f.viewer_is_admin) return {};
    // JSON keeps the parts apart whatever text a search contains.
    return boost::json::serialize(boost::json::array{
        optional_value(f.search), optional_value(f.from), optional_value(f.to), optional_value(f.venue_id),
        optional_value(f.organizer_id), optional_value(f.status), f.available_only, f.sort, limit, offset});
}

awaitable<list_cache::page_ptr> list_cache::get(const std::string& key, loader load) {
    if (ttl_.count() == 0 || key.empty()) {
        auto page = co_await load();
        co_return std::make_shared<const event_page>(std::move(page));
    }
    const auto executor = co_await net::this_coro::executor;
    std::shared_ptr<flight> mine, theirs;
    std::shared_ptr<net::steady_timer> wake;
    std::uint64_t generation = 0;
    {
        std::lock_guard lock(mutex_);
        if (auto it = entries_.find(key); it != entries_.end() && clock::now() - it->second.loaded_at < ttl_)
            co_return it->second.page;
        generation = generation_;
        if (auto it = flights_.find(key); it != flights_.end()) {
            theirs = it->second;
            wake = std::make_shared<net::steady_timer>(executor, max_wait);
            theirs->waiters.push_back({executor, wake});
        } else {
            mine = std::make_shared<flight>();
            flights_.emplace(key, mine);
        }
    }

    if (theirs) {
        // The wake-up is posted to this strand, so it cannot run before this wait has started.
        boost::system::error_code ignored;
        co_await wake->async_wait(net::redirect_error(use_awaitable, ignored));
        page_ptr page;
        std::exception_ptr error;
        bool done = false;
        {
            std::lock_guard lock(mutex_);
            done = theirs->done;
            page = theirs->page;
            error = theirs->error;
        }
        if (done && error) std::rethrow_exception(error);
        if (done) co_return page;
        auto own = co_await load();  // the other load is stuck: do not wait any longer for it
        co_return std::make_shared<const event_page>(std::move(own));
    }

    try {
        auto page = co_await load();
        mine->page = std::make_shared<const event_page>(std::move(page));
    } catch (...) {
        mine->error = std::current_exception();
    }
    finish(key, mine, generation);
    if (mine->error) std::rethrow_exception(mine->error);
    co_return mine->page;
}

void list_cache::finish(const std::string& key, const std::shared_ptr<flight>& f, std::uint64_t generation) {
    std::vector<flight::waiter> waiters;
    {
        std::lock_guard lock(mutex_);
        f->done = true;
        waiters.swap(f->waiters);
        if (auto it = flights_.find(key); it != flights_.end() && it->second == f) flights_.erase(it);
        // A page loaded across a write on this instance may predate it: hand it to those who
        // asked before the write, but do not keep it.
        if (!f->error && generation == generation_) {
            if (entries_.size() >= max_entries_) {
                const auto now = clock::now();
                std::erase_if(entries_, [&](const auto& kv) { return now - kv.second.loaded_at >= ttl_; });
                if (entries_.size() >= max_entries_) entries_.clear();
            }
            entries_[key] = entry{f->page, clock::now()};
        }
    }
    for (auto& w : waiters) net::post(w.executor, [timer = w.timer] { timer->cancel(); });
}

void list_cache::invalidate() {
    std::lock_guard lock(mutex_);
    ++generation_;
    entries_.clear();
    // Loads already running may predate the write: later askers start a fresh one.
    flights_.clear();
}

}  // namespace proeventa::events
