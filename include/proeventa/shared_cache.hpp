#pragma once
// A per-instance cache of values built from the database (serialised answers, mostly), shared
// by every I/O thread, bounded in bytes with least-recently-used eviction, and trusted only
// while the change listener has been listening since the value was loaded (see
// db/listener.hpp): invalidations arrive by NOTIFY from whichever instance wrote.
//
// Concurrent misses of one key load once; later askers wait for that load. A load that an
// invalidation overtakes still answers those who asked before the write, but is not kept.
#include <proeventa/net.hpp>

#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace proeventa {

/// Value needs `std::size_t weight() const` (bytes held) and must be cheap to copy (hold the
/// bytes behind a shared_ptr).
template <class Value>
class shared_cache {
public:
    /// What a load produced; `keep` false answers the askers without storing (e.g. a draft
    /// that only some viewers may see must not outlive their request... or a value that
    /// must not be shared across viewers at all).
    struct fill {
        Value value;
        bool keep = true;
    };
    using epoch_source = std::function<std::uint64_t()>;

    struct stats {
        std::uint64_t hits = 0, misses = 0, evictions = 0, entries = 0, bytes = 0;
    };

    shared_cache(std::size_t max_bytes, epoch_source epoch) : max_bytes_(max_bytes), epoch_(std::move(epoch)) {}

    /// The cached value for `key` (no older than `ttl` when it is non-zero), else `load()`'s.
    template <class Loader>
    awaitable<Value> get(const std::string& key, std::chrono::milliseconds ttl, Loader load);

    void invalidate(const std::string& key);
    void invalidate_prefix(std::string_view prefix);
    void clear();

    stats statistics() const;

private:
    using clock = std::chrono::steady_clock;
    struct flight {
        struct waiter {
            net::any_io_executor executor;
            std::shared_ptr<net::steady_timer> timer;
        };
        std::vector<waiter> waiters;
        bool done = false;
        std::optional<Value> value;
        std::exception_ptr error;
    };
    struct slot {
        std::optional<Value> value;
        std::size_t weight = 0;
        clock::time_point loaded_at;
        std::uint64_t epoch = 0;
        std::uint64_t version = 0;
        std::list<std::string>::iterator recency;
        bool in_lru = false;
        std::shared_ptr<flight> loading;
    };

    void drop_value(slot& s);
    void erase_if_idle(typename std::unordered_map<std::string, slot>::iterator it);
    void finish(const std::string& key, const std::shared_ptr<flight>& f, std::uint64_t version,
                std::uint64_t epoch, bool keep);

    const std::size_t max_bytes_;
    const epoch_source epoch_;
    mutable std::mutex mutex_;
    std::unordered_map<std::string, slot> slots_;
    std::list<std::string> recency_;  // most recently used first
    std::size_t bytes_ = 0;
    std::uint64_t next_version_ = 0;
    std::uint64_t hits_ = 0, misses_ = 0, evictions_ = 0;
};

// --- implementation -------------------------------------------------------------------------

template <class Value>
template <class Loader>
awaitable<Value> shared_cache<Value>::get(const std::string& key, std::chrono::milliseconds ttl, Loader load) {
    // Waiters give up on someone else's load after this and load for themselves; database
    // deadlines end a load long before, so this only guards against a lost wake-up.
    constexpr std::chrono::seconds max_wait{10};
    const std::uint64_t epoch = epoch_();
    if (epoch == 0 || max_bytes_ == 0) {
        // Not listening: a value kept now could miss its invalidation. Load, keep nothing.
        fill f = co_await load();
        co_return std::move(f.value);
    }
    const auto executor = co_await net::this_coro::executor;
    std::shared_ptr<flight> mine, theirs;
    std::shared_ptr<net::steady_timer> wake;
    std::uint64_t version = 0;
    {
        std::lock_guard lock(mutex_);
        auto [it, fresh] = slots_.try_emplace(key);
        slot& s = it->second;
        if (fresh) s.version = ++next_version_;
        if (s.value && s.epoch == epoch && (ttl.count() == 0 || clock::now() - s.loaded_at < ttl)) {
            ++hits_;
            recency_.splice(recency_.begin(), recency_, s.recency);
            co_return *s.value;
        }
        ++misses_;
        if (s.value) drop_value(s);
        if (s.loading) {
            theirs = s.loading;
            wake = std::make_shared<net::steady_timer>(executor, max_wait);
            theirs->waiters.push_back({executor, wake});
        } else {
            mine = std::make_shared<flight>();
            s.loading = mine;
            version = s.version;
        }
    }

    if (theirs) {
        // The wake-up is posted to this executor, so it cannot run before this wait starts.
        boost::system::error_code ignored;
        co_await wake->async_wait(net::redirect_error(use_awaitable, ignored));
        std::optional<Value> value;
        std::exception_ptr error;
        bool done = false;
        {
            std::lock_guard lock(mutex_);
            done = theirs->done;
            value = theirs->value;
            error = theirs->error;
        }
        if (done && error) std::rethrow_exception(error);
        if (done && value) co_return std::move(*value);
        fill own = co_await load();  // the other load is stuck: stop waiting for it
        co_return std::move(own.value);
    }

    bool keep = false;
    try {
        fill f = co_await load();
        keep = f.keep;
        mine->value = std::move(f.value);
    } catch (...) {
        mine->error = std::current_exception();
    }
    finish(key, mine, version, epoch, keep);
    if (mine->error) std::rethrow_exception(mine->error);
    co_return *mine->value;
}

template <class Value>
void shared_cache<Value>::drop_value(slot& s) {
    if (s.in_lru) recency_.erase(s.recency);
    s.in_lru = false;
    bytes_ -= s.weight;
    s.weight = 0;
    s.value.reset();
}

template <class Value>
void shared_cache<Value>::erase_if_idle(typename std::unordered_map<std::string, slot>::iterator it) {
    if (!it->second.value && !it->second.loading) slots_.erase(it);
}

template <class Value>
void shared_cache<Value>::finish(const std::string& key, const std::shared_ptr<flight>& f, std::uint64_t version,
                                 std::uint64_t epoch, bool keep) {
    std::vector<typename flight::waiter> waiters;
    {
        std::lock_guard lock(mutex_);
        f->done = true;
        waiters.swap(f->waiters);
        auto it = slots_.find(key);
        if (it != slots_.end()) {
            slot& s = it->second;
            if (s.loading == f) s.loading.reset();
            // Kept only when no invalidation of this key, and no gap in listening, happened
            // since the load began: otherwise it may predate a write.
            const std::size_t weight = f->error ? 0 : f->value->weight() + key.size() + sizeof(slot);
            // A value bigger than the whole budget would only flush everything else.
            if (keep && !f->error && s.version == version && epoch_() == epoch && weight <= max_bytes_) {
                if (s.value) drop_value(s);
                s.value = f->value;
                s.weight = weight;
                s.loaded_at = clock::now();
                s.epoch = epoch;
                recency_.push_front(key);
                s.recency = recency_.begin();
                s.in_lru = true;
                bytes_ += s.weight;
                while (bytes_ > max_bytes_ && !recency_.empty()) {
                    auto victim = slots_.find(recency_.back());
                    drop_value(victim->second);
                    ++evictions_;
                    erase_if_idle(victim);
                }
            } else {
                erase_if_idle(it);
            }
        }
    }
    for (auto& w : waiters) net::post(w.executor, [timer = w.timer] { timer->cancel(); });
}

template <class Value>
void shared_cache<Value>::invalidate(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = slots_.find(key);
    if (it == slots_.end()) return;
    if (it->second.value) drop_value(it->second);
    // A load already running may predate the write: later askers start a fresh one.
    it->second.loading.reset();
    slots_.erase(it);
}

template <class Value>
void shared_cache<Value>::invalidate_prefix(std::string_view prefix) {
    std::lock_guard lock(mutex_);
    for (auto it = slots_.begin(); it != slots_.end();) {
        if (std::string_view(it->first).starts_with(prefix)) {
            if (it->second.value) drop_value(it->second);
            it = slots_.erase(it);
        } else {
            ++it;
        }
    }
}

template <class Value>
void shared_cache<Value>::clear() {
    std::lock_guard lock(mutex_);
    slots_.clear();
    recency_.clear();
    bytes_ = 0;
}

template <class Value>
typename shared_cache<Value>::stats shared_cache<Value>::statistics() const {
    std::lock_guard lock(mutex_);
    std::uint64_t entries = 0;
    for (const auto& [k, s] : slots_) entries += s.value ? 1 : 0;
    return {hits_, misses_, evictions_, entries, bytes_};
}

}  // namespace proeventa
