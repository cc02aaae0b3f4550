#include "public_answers.hpp"

#include <proeventa/db/read_router.hpp>

#include <charconv>
#include <optional>

namespace proeventa::events {
namespace {

std::optional<std::int64_t> leading_id(std::string_view text) {
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
    if (ec != std::errc() || end == text.data() || id <= 0) return std::nullopt;
    return id;
}

}  // namespace

void public_answers::announce_change() const {
    if (reads_) reads_->note_change();
}

void public_answers::event_changed(std::int64_t id) {
    announce_change();
    cache_.invalidate(event_key(id));
    cache_.invalidate(seats_key(id));
    cache_.invalidate(states_key(id));
    cache_.invalidate_prefix("list/");
}

void public_answers::venue_changed() {
    announce_change();
    cache_.clear();
}

void public_answers::reservations_changed(std::int64_t event_id) {
    announce_change();
    cache_.invalidate(event_key(event_id));
    cache_.invalidate(seats_key(event_id));
    cache_.invalidate(states_key(event_id));
}

void public_answers::on_catalog_notification(std::string_view payload) {
    if (payload.starts_with("event:")) {
        if (auto id = leading_id(payload.substr(6))) return event_changed(*id);
    } else if (payload.starts_with("venue:")) {
        return venue_changed();
    }
    announce_change();
    cache_.clear();
}

void public_answers::on_seats_notification(std::string_view payload) {
    const auto colon = payload.find(':');
    if (colon != std::string_view::npos) {
        if (auto id = leading_id(payload.substr(0, colon))) return reservations_changed(*id);
    }
    announce_change();
    cache_.clear();
}

void public_answers::on_listening(bool listening) {
    if (!listening) cache_.clear();
    // Changes made while not listening were missed: a replica must pass them too.
    if (listening) announce_change();
}

}  // namespace proeventa::events
