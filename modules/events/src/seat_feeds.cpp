#include "seat_feeds.hpp"

#include "errors.hpp"

#include <proeventa/log.hpp>
#include <proeventa/text.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>

#include <charconv>
#include <deque>
#include <vector>

namespace proeventa::events {

namespace {


const char* state_word(char state) {
    switch (state) {
        case 'h': return "held";
        case 'r': return "reserved";
        default: return "available";
    }
}

std::optional<std::int64_t> positive(std::string_view text) {
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || v <= 0) return std::nullopt;
    return v;
}

}  // namespace

std::optional<seats_notification> parse_seats_notification(std::string_view payload) {
    const auto colon = payload.find(':');
    if (colon == std::string_view::npos) return std::nullopt;
    auto event_id = positive(payload.substr(0, colon));
    if (!event_id) return std::nullopt;
    seats_notification out{*event_id, {}};
    auto rest = payload.substr(colon + 1);
    while (!rest.empty()) {
        const auto comma = rest.find(',');
        auto item = rest.substr(0, comma);
        rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
        if (item.size() < 2) return std::nullopt;
        const char state = item.back();
        if (state != 'h' && state != 'r' && state != 'a') return std::nullopt;
        auto seat = positive(item.substr(0, item.size() - 1));
        if (!seat) return std::nullopt;
        out.changes.push_back({*seat, state});
    }
    return out;
}

// --- a watcher: one browser's stream ----------------------------------------------------------

class seat_feeds::watcher final : public event_stream {
public:
    watcher(std::shared_ptr<std::atomic<std::size_t>> count, const seat_feed_options& options)
        : count_(std::move(count)), max_unsent_(options.max_unsent), heartbeat_(options.heartbeat) {
        count_->fetch_add(1);
    }
    ~watcher() override { count_->fetch_sub(1); }

    awaitable<std::string> next() override {
        const auto executor = co_await net::this_coro::executor;
        for (;;) {
            std::shared_ptr<net::steady_timer> timer;
            {
                std::lock_guard lock(mutex_);
                if (!unsent_.empty()) {
                    std::string out;
                    out.swap(unsent_);
                    co_return out;
                }
                if (ended_) co_return std::string{};
                timer = std::make_shared<net::steady_timer>(executor, heartbeat_);
                timer_ = timer;
                waiter_ = executor;
            }
            // A push posts the timer's cancellation to this executor, so it cannot run before
            // this wait has started.
            boost::system::error_code ec;
            co_await timer->async_wait(net::redirect_error(use_awaitable, ec));
            std::lock_guard lock(mutex_);
            timer_.reset();
            // Quiet for a whole heartbeat: a comment line keeps proxies from closing the stream.
            if (!ec && unsent_.empty() && !ended_) co_return std::string(": heartbeat\n\n");
        }
    }

    void stop() override {
        std::lock_guard lock(mutex_);
        ended_ = true;
        wake();
    }

    /// Queues `frame` for this watcher (any thread). A reader too far behind is ended instead:
    /// its browser reconnects and catches up from the history or a snapshot.
    void push(std::string_view frame) {
        std::lock_guard lock(mutex_);
        if (ended_) return;
        if (unsent_.size() + frame.size() > max_unsent_) {
            unsent_.clear();
            ended_ = true;
        } else {
            unsent_.append(frame);
        }
        wake();
    }

    // Guarded by seat_feeds::mutex_.
    bool primed = false;

private:
    void wake() {
        if (timer_) net::post(waiter_, [timer = timer_] { timer->cancel(); });
    }

    std::shared_ptr<std::atomic<std::size_t>> count_;
    const std::size_t max_unsent_;
    const std::chrono::milliseconds heartbeat_;
    std::mutex mutex_;
    std::string unsent_;
    bool ended_ = false;
    std::shared_ptr<net::steady_timer> timer_;
    net::any_io_executor waiter_;
};

// --- a feed: one event's states on this instance -------------------------------------------------

struct seat_feeds::feed {
    std::int64_t event_id = 0;
    net::any_io_executor executor;  // where its loads and timers run
    bool loaded = false;
    bool loading = false;
    bool seated = true;
    std::int64_t capacity = 0;
    std::int64_t places_taken = 0;
    std::string geometry;  // the seat geometry's content-addressed path
    std::uint64_t generation = 0;
    std::uint64_t version = 0;
    std::unordered_map<std::int64_t, char> taken;  // seat -> h | r
    std::vector<seat_change> arrived_while_loading;
    bool places_changed_while_loading = false;
    std::unordered_map<std::int64_t, char> pending;  // not sent yet
    bool places_changed = false;
    bool flush_scheduled = false;
    std::deque<std::pair<std::uint64_t, std::string>> history;  // version -> its update frame
    std::vector<std::weak_ptr<watcher>> watchers;

    std::string id(const std::string& instance) const {
        return instance + "-" + std::to_string(generation) + "-" + std::to_string(version);
    }

    std::string snapshot_frame(const std::string& instance) const {
        std::string data = "{\"event_id\":" + std::to_string(event_id) + ",\"version\":\"" + id(instance) + "\"";
        if (seated) {
            std::string held, reserved;
            for (const auto& [seat, state] : taken) {
                auto& list = state == 'h' ? held : reserved;
                if (!list.empty()) list += ',';
                list += std::to_string(seat);
            }
            if (!geometry.empty()) data += ",\"geometry\":\"" + geometry + "\"";
            data += ",\"seated\":true,\"held\":[" + held + "],\"reserved\":[" + reserved + "]}";
        } else {
            data += ",\"seated\":false,\"capacity\":" + std::to_string(capacity) +
                    ",\"places_available\":" + std::to_string(std::max<std::int64_t>(0, capacity - places_taken)) + "}";
        }
        return "retry: 2000\nid: " + id(instance) + "\nevent: snapshot\ndata: " + data + "\n\n";
    }

    template <class Fn>
    void each_watcher(Fn fn) {
        std::erase_if(watchers, [](const std::weak_ptr<watcher>& w) { return w.expired(); });
        for (auto& weak : watchers)
            if (auto w = weak.lock()) fn(*w);
    }
};

seat_feeds::seat_feeds(event_service& events, seat_feed_options options)
    : events_(events),
      options_(options),
      instance_(text::random_hex(6)),
      streams_(std::make_shared<std::atomic<std::size_t>>(0)),
      alive_(std::make_shared<bool>(true)) {}

seat_feeds::~seat_feeds() {
    std::lock_guard lock(mutex_);
    *alive_ = false;
}

std::shared_ptr<seat_feeds::feed> seat_feeds::feed_for(std::int64_t event_id) {
    auto& f = feeds_[event_id];
    if (!f) {
        f = std::make_shared<feed>();
        f->event_id = event_id;
    }
    return f;
}

std::shared_ptr<event_stream> seat_feeds::open(net::any_io_executor executor, std::int64_t event_id,
                                               std::optional<std::string_view> last_event_id) {
    if (streams_->load() >= options_.max_streams)
        throw failure(errc::too_many_streams, "this server is watching as many seat maps as it can; retry shortly");
    auto w = std::make_shared<watcher>(streams_, options_);
    std::lock_guard lock(mutex_);
    auto f = feed_for(event_id);
    if (!f->executor) f->executor = std::move(executor);
    f->watchers.push_back(w);
    if (!f->loaded) {
        if (!f->loading) load(f);
        return w;
    }
    // Seat changes heard but still inside the coalescing window go out now, so a newcomer's
    // snapshot is never older than what this instance has been told.
    if (f->seated && !f->pending.empty()) publish_locked(f, std::nullopt);
    w->primed = true;
    // Resume from the history when the browser's last id is this feed's and still covered.
    std::optional<std::uint64_t> since;
    if (last_event_id) {
        const std::string prefix = instance_ + "-" + std::to_string(f->generation) + "-";
        if (last_event_id->starts_with(prefix)) {
            if (auto v = positive(last_event_id->substr(prefix.size()))) since = static_cast<std::uint64_t>(*v);
        }
    }
    const bool covered = since && *since <= f->version &&
                         (*since == f->version || (!f->history.empty() && f->history.front().first <= *since + 1));
    if (!covered) {
        w->push(f->snapshot_frame(instance_));
        return w;
    }
    for (const auto& [version, frame] : f->history)
        if (version > *since) w->push(frame);
    return w;
}

void seat_feeds::load(const std::shared_ptr<feed>& f) {
    f->loading = true;
    f->loaded = false;
    f->arrived_while_loading.clear();
    f->places_changed_while_loading = false;
    auto alive = alive_;
    auto task = [this, f, alive]() -> awaitable<void> {
        std::optional<seat_states_view> view;
        try {
            view = co_await events_.load_states(f->event_id);
        } catch (const std::exception& e) {
            log::warn("a live seat map could not load", {{"event_id", f->event_id}, {"error", e.what()}});
        }
        std::lock_guard lock(mutex_);
        if (!*alive) co_return;
        f->loading = false;
        if (!view) {
            // Its watchers reconnect (EventSource retries) and the next one loads again.
            f->each_watcher([](watcher& w) { w.stop(); });
            f->watchers.clear();
            if (auto it = feeds_.find(f->event_id); it != feeds_.end() && it->second == f) feeds_.erase(it);
            co_return;
        }
        f->seated = view->event.venue_seated;
        f->capacity = view->event.capacity;
        f->places_taken = view->places_taken;
        f->geometry = view->seats && view->seats->geometry ? view->seats->geometry_path : std::string();
        f->taken.clear();
        for (const auto& [seat, state] : view->states)
            if (state != seat_state::available) f->taken[seat] = state == seat_state::held ? 'h' : 'r';
        // Notifications that arrived during the load may or may not be in it: applied in order,
        // each sets a seat to what its own commit made it, so the last one wins as it should.
        for (const auto& c : f->arrived_while_loading) {
            if (c.state == 'a') f->taken.erase(c.seat_id);
            else f->taken[c.seat_id] = c.state;
        }
        f->arrived_while_loading.clear();
        f->pending.clear();
        f->history.clear();
        f->generation = ++generation_counter_;
        f->version = 1;
        f->loaded = true;
        if (f->places_changed_while_loading) {
            f->places_changed = true;
            schedule_flush(f);
        }
        const auto frame = f->snapshot_frame(instance_);
        f->each_watcher([&frame](watcher& w) {
            w.primed = true;
            w.push(frame);
        });
    };
    net::co_spawn(f->executor, std::move(task), net::detached);
}

void seat_feeds::on_seats_notification(std::string_view payload) {
    const auto note = parse_seats_notification(payload);
    if (!note) return;
    std::lock_guard lock(mutex_);
    auto it = feeds_.find(note->event_id);
    if (it == feeds_.end()) return;  // nobody here watches this event
    auto& f = it->second;
    if (f->loading) {
        f->arrived_while_loading.insert(f->arrived_while_loading.end(), note->changes.begin(), note->changes.end());
        if (note->changes.empty()) f->places_changed_while_loading = true;
        return;
    }
    if (!f->loaded) return;
    for (const auto& c : note->changes) f->pending[c.seat_id] = c.state;
    if (note->changes.empty()) f->places_changed = true;
    schedule_flush(f);
}

void seat_feeds::schedule_flush(const std::shared_ptr<feed>& f) {
    if (f->flush_scheduled) return;
    f->flush_scheduled = true;
    auto timer = std::make_shared<net::steady_timer>(f->executor, options_.coalesce);
    auto alive = alive_;
    timer->async_wait([this, f, timer, alive](const boost::system::error_code&) {
        {
            std::lock_guard lock(mutex_);
            if (!*alive) return;
        }
        flush(f);
    });
}

void seat_feeds::flush(const std::shared_ptr<feed>& f) {
    bool recount = false;
    {
        std::lock_guard lock(mutex_);
        f->flush_scheduled = false;
        if (!f->loaded) return;
        recount = f->places_changed && !f->seated;
        f->places_changed = false;
    }
    auto alive = alive_;
    auto task = [this, f, recount, alive]() -> awaitable<void> {
        std::optional<std::int64_t> places;
        if (recount) {
            try {
                const auto view = co_await events_.load_states(f->event_id);
                places = view.places_taken;
            } catch (const std::exception& e) {
                log::warn("a live seat map could not count places", {{"event_id", f->event_id}, {"error", e.what()}});
            }
        }
        std::lock_guard lock(mutex_);
        if (!*alive || !f->loaded) co_return;
        publish_locked(f, places);
        if (f->watchers.empty()) feeds_.erase(f->event_id);
    };
    net::co_spawn(f->executor, std::move(task), net::detached);
}

void seat_feeds::publish_locked(const std::shared_ptr<feed>& f, std::optional<std::int64_t> places) {
    std::string changes;
    for (const auto& [seat, state] : f->pending) {
        auto current = f->taken.find(seat);
        const char was = current == f->taken.end() ? 'a' : current->second;
        if (was == state) continue;
        if (state == 'a') f->taken.erase(seat);
        else f->taken[seat] = state;
        if (!changes.empty()) changes += ',';
        changes += "[" + std::to_string(seat) + ",\"" + state_word(state) + "\"]";
    }
    f->pending.clear();
    const bool places_moved = places && *places != f->places_taken;
    if (places) f->places_taken = *places;
    if (changes.empty() && !places_moved) return;
    ++f->version;
    std::string data = "{\"version\":\"" + f->id(instance_) + "\"";
    if (f->seated) data += ",\"changes\":[" + changes + "]}";
    else data += ",\"places_available\":" + std::to_string(std::max<std::int64_t>(0, f->capacity - f->places_taken)) + "}";
    std::string frame = "id: " + f->id(instance_) + "\nevent: update\ndata: " + data + "\n\n";
    f->each_watcher([&frame](watcher& w) {
        if (w.primed) w.push(frame);
    });
    f->history.emplace_back(f->version, std::move(frame));
    while (f->history.size() > options_.history) f->history.pop_front();
}

void seat_feeds::on_listening(bool listening) {
    std::lock_guard lock(mutex_);
    listening_ = listening;
    for (auto it = feeds_.begin(); it != feeds_.end();) {
        auto& f = it->second;
        f->each_watcher([](watcher&) {});
        if (f->watchers.empty() && !f->loading) {
            it = feeds_.erase(it);
            continue;
        }
        if (!listening) {
            // Changes made while nobody listens would never reach this feed: distrust it.
            f->loaded = false;
            f->pending.clear();
        } else if (!f->loading) {
            load(f);  // every watcher gets a fresh snapshot
        }
        ++it;
    }
}

void seat_feeds::stop_all() {
    std::lock_guard lock(mutex_);
    for (auto& [id, f] : feeds_) f->each_watcher([](watcher& w) { w.stop(); });
}

}  // namespace proeventa::events
