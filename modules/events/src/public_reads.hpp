#pragma once
// The read routes' answers, built once and served as bytes from public_answers: an event's
// page, list pages and seat maps. Viewer rules stay here, applied to every answer, cached or
// not: a draft only for its organizer and admins (everyone else gets the 404 of a missing
// event), and list pages shared by everyone who sees the public list (anonymous visitors and
// customers; organizers and admins see their drafts listed and read fresh).
#include "event_search.hpp"
#include "event_service.hpp"
#include "public_answers.hpp"

#include <proeventa/http/request_context.hpp>

#include <optional>

namespace proeventa::events {

class public_reads {
public:
    public_reads(event_service& events, public_answers& answers) : events_(events), answers_(answers) {}

    awaitable<response> event(const request_context& ctx, const std::optional<principal>& who, std::int64_t id);
    awaitable<response> seat_map(const request_context& ctx, const std::optional<principal>& who, std::int64_t id);
    /// The compact seat states (who holds what, or places left), for polling live seat maps.
    awaitable<response> seat_states(const request_context& ctx, const std::optional<principal>& who, std::int64_t id);
    /// event_not_found unless the event exists and `who` may see it (from the cache when it can).
    awaitable<void> require_visible(const std::optional<principal>& who, std::int64_t id);
    /// `filter.viewer_*` already set from `who`.
    awaitable<response> list(const request_context& ctx, const std::optional<principal>& who,
                             const event_filter& filter, std::int64_t limit, std::int64_t offset);

    /// Whether `who` sees the public list (and so shares its cached pages).
    static bool sees_public_list(const std::optional<principal>& who);
    /// The cache key of a public list request (filters, page).
    static std::string list_key(const event_filter& filter, std::int64_t limit, std::int64_t offset);

private:
    awaitable<public_answer> event_answer(std::int64_t id);

    event_service& events_;
    public_answers& answers_;
};

/// The seat map's JSON: the event, then every seat with its price and state.
std::string seat_map_json(const seat_map_view& map);
/// The compact states' JSON: {"event_id","seated":true,"held":[ids],"reserved":[ids]} or, for
/// general admission, {"event_id","seated":false,"capacity","places_available"}.
std::string seat_states_json(const seat_states_view& view);

}  // namespace proeventa::events
