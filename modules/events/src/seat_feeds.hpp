#pragma once
// Live seat maps: Server-Sent-Event streams of one event's seat states, fed from memory.
//
// Each watched event has one feed per instance: a snapshot loaded once (one query, shared by
// every watcher of the event), then kept current from the proeventa_seats notifications that
// reservation writes send from their own transactions on any instance. Changes are coalesced
// for at most `coalesce` and sent to every watcher as one `update` event; each event carries an
// id (instance, feed generation, version), so a browser reconnecting with Last-Event-ID gets the
// updates it missed from a short history, or a fresh snapshot when they are gone or were sent by
// another instance. A gap in listening distrusts every feed: after the listener reconnects,
// each is reloaded and every watcher gets a fresh snapshot, never a silent gap.
//
// A watcher costs a small queue and no database connection. One whose unsent bytes pass
// `max_unsent` (a reader too slow for the rush) is ended; its browser reconnects and catches
// up from the history or a snapshot.
#include "event_service.hpp"

#include <proeventa/http/event_stream.hpp>

#include <boost/asio/any_io_executor.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace proeventa::events {

struct seat_feed_options {
    std::size_t max_streams = 8000;
    std::chrono::milliseconds coalesce{250};
    std::chrono::milliseconds heartbeat{15000};
    std::size_t max_unsent = 256 * 1024;
    std::size_t history = 512;  // updates kept per event for Last-Event-ID
};

class seat_feeds {
public:
    seat_feeds(event_service& events, seat_feed_options options);
    ~seat_feeds();

    /// A stream of the event's seat states for one watcher (the caller has checked they may see
    /// the event). failure too_many_streams past max_streams.
    /// The feed's loads and timers run on `executor` (the first watcher's).
    std::shared_ptr<event_stream> open(net::any_io_executor executor, std::int64_t event_id,
                                       std::optional<std::string_view> last_event_id);

    void on_seats_notification(std::string_view payload);
    void on_listening(bool listening);
    /// Ends every stream (shutdown: browsers reconnect to another instance).
    void stop_all();

    std::size_t open_streams() const { return streams_->load(); }

private:
    struct feed;
    class watcher;
    std::shared_ptr<feed> feed_for(std::int64_t event_id);
    void load(const std::shared_ptr<feed>& f);
    void schedule_flush(const std::shared_ptr<feed>& f);
    void flush(const std::shared_ptr<feed>& f);
    /// Applies the feed's pending seat changes (and a new count of places) and sends them as one
    /// update to its watchers. Called with mutex_ held.
    void publish_locked(const std::shared_ptr<feed>& f, std::optional<std::int64_t> places);

    event_service& events_;
    seat_feed_options options_;
    std::string instance_;  // random: ids from another instance never match ours
    std::shared_ptr<std::atomic<std::size_t>> streams_;
    std::mutex mutex_;
    std::unordered_map<std::int64_t, std::shared_ptr<feed>> feeds_;
    bool listening_ = true;
    std::uint64_t generation_counter_ = 0;
    std::shared_ptr<bool> alive_;
};

/// Parses a proeventa_seats payload: the event id and the seat changes (empty for general
/// admission). nullopt when malformed.
struct seat_change {
    std::int64_t seat_id = 0;
    char state = 'a';  // h(eld), r(eserved), a(vailable)
};
struct seats_notification {
    std::int64_t event_id = 0;
    std::vector<seat_change> changes;
};
std::optional<seats_notification> parse_seats_notification(std::string_view payload);

}  // namespace proeventa::events
