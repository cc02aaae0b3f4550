// Live seat maps over Server-Sent Events, against real servers on one database: the snapshot,
// updates for seats taken through another instance, Last-Event-ID resumption, a fresh snapshot
// after the listener's gap, general admission, the stream cap and the end of streams at SIGTERM.
#include "listener_support.hpp"
#include "reservations_support.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <optional>

using namespace proeventa::test;
using namespace std::chrono;

namespace {

const std::string reserve_path = "/reservations/reservations/reserve";

struct sse_event {
    std::string id, type, data;
};

/// One raw connection reading a text/event-stream (the test client speaks whole responses only).
class stream_reader {
public:
    stream_reader(unsigned short port, const std::string& path, const std::string& last_event_id = {}) {
        fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in addr{};
        addr.sin_family = AF_INET;
        addr.sin_port = htons(port);
        addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        REQUIRE(::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
        std::string req = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n";
        if (!last_event_id.empty()) req += "Last-Event-ID: " + last_event_id + "\r\n";
        req += "\r\n";
        REQUIRE(::send(fd_, req.data(), req.size(), 0) == static_cast<ssize_t>(req.size()));
        const auto end = read_until("\r\n\r\n", seconds(10));
        REQUIRE(end != std::string::npos);
        head_ = buffer_.substr(0, end + 4);
        buffer_.erase(0, end + 4);
    }
    ~stream_reader() { ::close(fd_); }

    const std::string& head() const { return head_; }

    /// The next event (comments skipped), or nullopt when the stream ended or `timeout` passed.
    std::optional<sse_event> next(milliseconds timeout = seconds(10)) {
        const auto deadline = steady_clock::now() + timeout;
        for (;;) {
            const auto end = buffer_.find("\n\n");
            if (end != std::string::npos) {
                const auto block = buffer_.substr(0, end);
                buffer_.erase(0, end + 2);
                sse_event e;
                std::size_t pos = 0;
                while (pos <= block.size()) {
                    auto nl = block.find('\n', pos);
                    if (nl == std::string::npos) nl = block.size();
                    const auto line = block.substr(pos, nl - pos);
                    pos = nl + 1;
                    if (line.rfind("id: ", 0) == 0) e.id = line.substr(4);
                    else if (line.rfind("event: ", 0) == 0) e.type = line.substr(7);
                    else if (line.rfind("data: ", 0) == 0) e.data += line.substr(6);
                }
                if (!e.type.empty()) return e;
                continue;  // a heartbeat comment or the retry hint
            }
            const auto left = duration_cast<milliseconds>(deadline - steady_clock::now());
            if (left.count() <= 0 || !fill(left)) return std::nullopt;
        }
    }

    /// True once the server has closed the connection (within `timeout`).
    bool closed(milliseconds timeout) {
        const auto deadline = steady_clock::now() + timeout;
        while (steady_clock::now() < deadline) {
            if (eof_) return true;
            fill(duration_cast<milliseconds>(deadline - steady_clock::now()));
        }
        return eof_;
    }

private:
    bool fill(milliseconds timeout) {
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, static_cast<int>(std::max<long>(1, timeout.count()))) <= 0) return false;
        char chunk[16384];
        const auto n = ::recv(fd_, chunk, sizeof chunk, 0);
        if (n <= 0) {
            eof_ = true;
            return false;
        }
        buffer_.append(chunk, static_cast<std::size_t>(n));
        return true;
    }
    std::size_t read_until(const std::string& marker, milliseconds timeout) {
        const auto deadline = steady_clock::now() + timeout;
        for (;;) {
            if (auto at = buffer_.find(marker); at != std::string::npos) return at;
            const auto left = duration_cast<milliseconds>(deadline - steady_clock::now());
            if (left.count() <= 0 || !fill(left)) return std::string::npos;
        }
    }

    int fd_ = -1;
    std::string buffer_;
    std::string head_;
    bool eof_ = false;
};

std::string stream_path(std::int64_t event_id) {
    return "/events/events/" + std::to_string(event_id) + "/seats/stream";
}

boost::json::value data_of(const sse_event& e) { return boost::json::parse(e.data); }

bool lists(const boost::json::value& snapshot, const char* key, std::int64_t seat) {
    for (const auto& s : snapshot.at(key).as_array())
        if (s.as_int64() == seat) return true;
    return false;
}

/// Reads updates until one says `seat` is in `state`; returns that event.
std::optional<sse_event> until_seat(stream_reader& r, std::int64_t seat, const std::string& state) {
    while (auto e = r.next()) {
        if (e->type != "update") continue;
        const auto data = data_of(*e);
        for (const auto& change : data.at("changes").as_array())
            if (change.at(0).as_int64() == seat && change.at(1).as_string() == state) return e;
    }
    return std::nullopt;
}

}  // namespace

TEST_CASE("a seat taken through one instance reaches a watcher on the other", "[stream][scaleout]") {
    const auto db = fresh_database("seat_stream_two");
    server_process a({db});
    server_process b({db});
    client ca(a.port());
    auto organizer = make_user(ca, db, "stream-org@example.com", "organizer");
    auto buyer = make_user(ca, db, "stream-buyer@example.com");
    const auto event = make_seated_event(ca, organizer, 2, 5, "Stream Night");

    stream_reader watcher(b.port(), stream_path(event.id));
    CHECK(watcher.head().find("200 OK") != std::string::npos);
    CHECK(watcher.head().find("text/event-stream") != std::string::npos);
    const auto snapshot = watcher.next();
    REQUIRE(snapshot);
    CHECK(snapshot->type == "snapshot");
    CHECK(data_of(*snapshot).at("held").as_array().empty());

    auto made = ca.post(reserve_path, {{"event_id", event.id}, {"seat_id", event.seat_ids[3]}, {"hold", true}}, buyer.token);
    REQUIRE(made.status == 201);
    const auto update = until_seat(watcher, event.seat_ids[3], "held");
    REQUIRE(update);

    // Confirmed, then cancelled: the watcher follows each state.
    const auto rid = std::to_string(made.json().at("id").as_int64());
    REQUIRE(ca.post("/reservations/reservations/" + rid + "/confirm", boost::json::object{}, buyer.token).status == 200);
    REQUIRE(until_seat(watcher, event.seat_ids[3], "reserved"));
    REQUIRE(ca.del("/reservations/reservations/" + rid, buyer.token).status == 200);
    const auto released = until_seat(watcher, event.seat_ids[3], "available");
    REQUIRE(released);

    // Reconnecting with the last id it saw, a browser gets only what it missed...
    REQUIRE(ca.post(reserve_path, {{"event_id", event.id}, {"seat_id", event.seat_ids[4]}, {"hold", true}}, buyer.token).status == 201);
    REQUIRE(until_seat(watcher, event.seat_ids[4], "held"));
    stream_reader resumed(b.port(), stream_path(event.id), released->id);
    const auto missed = resumed.next();
    REQUIRE(missed);
    CHECK(missed->type == "update");
    // ...and with an id it cannot place (another instance's, or garbage), a fresh snapshot.
    stream_reader elsewhere(a.port(), stream_path(event.id), released->id);
    const auto fresh = elsewhere.next();
    REQUIRE(fresh);
    CHECK(fresh->type == "snapshot");
    CHECK(lists(data_of(*fresh), "held", event.seat_ids[4]));
}

TEST_CASE("general admission streams places_available", "[stream]") {
    const auto db = fresh_database("seat_stream_ga");
    server_process server({db});
    client c(server.port());
    auto organizer = make_user(c, db, "ga-stream-org@example.com", "organizer");
    auto buyer = make_user(c, db, "ga-stream-buyer@example.com");
    const auto event_id = make_ga_event(c, organizer, 50, "Open Floor");

    stream_reader watcher(server.port(), stream_path(event_id));
    const auto snapshot = watcher.next();
    REQUIRE(snapshot);
    CHECK(data_of(*snapshot).at("places_available").as_int64() == 50);
    REQUIRE(c.post(reserve_path, {{"event_id", event_id}, {"quantity", 3}}, buyer.token).status == 201);
    std::optional<sse_event> update;
    while ((update = watcher.next()) && update->type != "update") {}
    REQUIRE(update);
    CHECK(data_of(*update).at("places_available").as_int64() == 47);
}

TEST_CASE("after a gap in listening every stream gets a fresh snapshot", "[stream][listener]") {
    const auto db = fresh_database("seat_stream_gap");
    server_process server({db});
    client c(server.port());
    auto organizer = make_user(c, db, "gap-stream-org@example.com", "organizer");
    auto buyer = make_user(c, db, "gap-stream-buyer@example.com");
    const auto event = make_seated_event(c, organizer, 1, 4, "Gap Stream");

    stream_reader watcher(server.port(), stream_path(event.id));
    REQUIRE(watcher.next());
    {
        listener_blocker cut_off(db);
        REQUIRE(eventually([&] { return c.get("/metrics").body.find("proeventa_change_listener_up 0") != std::string::npos; }));
        // Taken while nobody listens: no notification will ever reach this instance about it.
        REQUIRE(c.post(reserve_path, {{"event_id", event.id}, {"seat_id", event.seat_ids[2]}}, buyer.token).status == 201);
    }

    std::optional<sse_event> next;
    while ((next = watcher.next()) && next->type != "snapshot") {}
    REQUIRE(next);
    CHECK(lists(data_of(*next), "reserved", event.seat_ids[2]));
}

TEST_CASE("streams have their own cap and end cleanly at SIGTERM", "[stream]") {
    const auto db = fresh_database("seat_stream_cap");
    server_process server({db, {"--max-streams", "2"}});
    client c(server.port());
    auto organizer = make_user(c, db, "cap-stream-org@example.com", "organizer");
    const auto event = make_seated_event(c, organizer, 1, 2, "Cap Stream");

    stream_reader first(server.port(), stream_path(event.id));
    stream_reader second(server.port(), stream_path(event.id));
    REQUIRE(first.next());
    REQUIRE(second.next());
    const auto refused = c.get(stream_path(event.id));
    CHECK(refused.status == 503);
    CHECK(refused.json().at("code") == "too_many_streams");
    CHECK(c.get("/events/events/" + std::to_string(event.id)).status == 200);  // other requests still served
    CHECK(c.get("/events/events/999999/seats/stream").status == 404);

    // A draining server ends its streams, so browsers reconnect to another instance.
    const auto stopping = steady_clock::now();
    CHECK(server.stop() == 0);
    CHECK(first.closed(seconds(5)));
    WARN("server stopped with two open streams in "
         << duration_cast<milliseconds>(steady_clock::now() - stopping).count() << " ms");
}
