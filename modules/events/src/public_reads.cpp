#include "public_reads.hpp"

#include "access.hpp"
#include "errors.hpp"
#include "json_mapping.hpp"

#include <boost/json/array.hpp>
#include <boost/json/serialize.hpp>

#include <unordered_map>

namespace proeventa::events {
namespace {

using namespace std::chrono_literals;

const char* state_name(seat_state s) {
    switch (s) {
        case seat_state::held: return "held";
        case seat_state::reserved: return "reserved";
        case seat_state::available: break;
    }
    return "available";
}

boost::json::value optional_value(const std::optional<std::string>& v) {
    return v ? boost::json::value(*v) : boost::json::value(nullptr);
}
boost::json::value optional_value(const std::optional<std::int64_t>& v) {
    return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

/// A draft answers like a missing event to anyone who may not see it.
void check_visible(const public_answer& a, const std::optional<principal>& who) {
    if (!a.draft) return;
    if (who && (who->is_admin() || who->user_id == a.organizer_id)) return;
    throw failure(errc::event_not_found, "event not found");
}

std::string_view cache_policy(const std::optional<principal>& who, const public_answer& a) {
    // A draft, or an answer to someone signed in, may be kept by their browser only.
    return who || a.draft ? cache_private : cache_public;
}

/// What a load of `e`'s answer yields: the bytes, who may see them, and whether to keep them
/// (drafts never are).
public_answers::cache_type::fill fill_for(const event_record& e, std::string body) {
    public_answer answer{make_representation(std::move(body)), e.organizer_id, e.status == "draft"};
    const bool keep = !answer.draft;
    return {std::move(answer), keep};
}

/// The answer to anyone who may see it, as `who` asked for it.
response answer_to(const request_context& ctx, const std::optional<principal>& who, const public_answer& answer) {
    check_visible(answer, who);
    return represent(ctx.req(), *answer.rep, cache_policy(who, answer));
}

}  // namespace

std::string seat_map_json(const seat_map_view& map) {
    std::unordered_map<std::string_view, std::string> prices;
    for (const auto& p : map.event.prices) prices.emplace(p.category, std::to_string(p.price_cents));
    const auto& seats = *map.seats;
    std::string body = "{\"event_id\":" + std::to_string(map.event.id) +
                       ",\"venue_id\":" + std::to_string(map.event.venue_id) + ",\"seats\":[";
    body.reserve(body.size() + seats.size() * (seats.open_json.empty() ? 0 : seats.open_json[0].size() + 48));
    for (std::size_t i = 0; i < seats.size(); ++i) {
        const auto& seat = seats.seats[i];
        if (i) body += ',';
        body += seats.open_json[i];
        body += ",\"price_cents\":";
        auto price = prices.find(seat.category);
        body += price == prices.end() ? std::string_view("null") : std::string_view(price->second);
        auto state = map.states.find(seat.id);
        body += ",\"state\":\"";
        body += state_name(state == map.states.end() ? seat_state::available : state->second);
        body += "\"}";
    }
    body += "]}";
    return body;
}

std::string seat_states_json(const seat_states_view& view) {
    std::string out = "{\"event_id\":" + std::to_string(view.event.id);
    if (!view.event.venue_seated) {
        const auto left = std::max<std::int64_t>(0, view.event.capacity - view.places_taken);
        return out + ",\"seated\":false,\"capacity\":" + std::to_string(view.event.capacity) +
               ",\"places_available\":" + std::to_string(left) + "}";
    }
    std::string held, reserved;
    for (const auto& [seat, state] : view.states) {
        if (state == seat_state::available) continue;
        auto& list = state == seat_state::held ? held : reserved;
        if (!list.empty()) list += ',';
        list += std::to_string(seat);
    }
    if (view.seats && view.seats->geometry) out += ",\"geometry\":\"" + view.seats->geometry_path + "\"";
    return out + ",\"seated\":true,\"held\":[" + held + "],\"reserved\":[" + reserved + "]}";
}

bool public_reads::sees_public_list(const std::optional<principal>& who) {
    return !who || who->role == "customer";
}

std::string public_reads::list_key(const event_filter& f, std::int64_t limit, std::int64_t offset) {
    // JSON keeps the parts apart whatever text a search contains.
    return boost::json::serialize(boost::json::array{
        optional_value(f.search), optional_value(f.from), optional_value(f.to), optional_value(f.venue_id),
        optional_value(f.organizer_id), optional_value(f.status), f.available_only, f.sort, limit, offset});
}

awaitable<public_answer> public_reads::event_answer(std::int64_t id) {
    auto load = [this, id]() -> awaitable<public_answers::cache_type::fill> {
        const auto view = co_await events_.load(id);
        co_return fill_for(view.event, boost::json::serialize(to_json(view.event, view.places_taken)));
    };
    co_return co_await answers_.cache().get(public_answers::event_key(id), 0ms, load);
}

awaitable<response> public_reads::event(const request_context& ctx, const std::optional<principal>& who,
                                        std::int64_t id) {
    const auto answer = co_await event_answer(id);
    co_return answer_to(ctx, who, answer);
}

awaitable<response> public_reads::seat_map(const request_context& ctx, const std::optional<principal>& who,
                                           std::int64_t id) {
    auto load = [this, id]() -> awaitable<public_answers::cache_type::fill> {
        const auto map = co_await events_.load_seat_map(id);
        co_return fill_for(map.event, seat_map_json(map));
    };
    const auto answer = co_await answers_.cache().get(public_answers::seats_key(id), 0ms, load);
    co_return answer_to(ctx, who, answer);
}

awaitable<response> public_reads::seat_states(const request_context& ctx, const std::optional<principal>& who,
                                              std::int64_t id) {
    auto load = [this, id]() -> awaitable<public_answers::cache_type::fill> {
        const auto view = co_await events_.load_states(id);
        co_return fill_for(view.event, seat_states_json(view));
    };
    const auto answer = co_await answers_.cache().get(public_answers::states_key(id), 0ms, load);
    co_return answer_to(ctx, who, answer);
}

awaitable<void> public_reads::require_visible(const std::optional<principal>& who, std::int64_t id) {
    const auto answer = co_await event_answer(id);
    check_visible(answer, who);
}

awaitable<response> public_reads::list(const request_context& ctx, const std::optional<principal>& who,
                                       const event_filter& filter, std::int64_t limit, std::int64_t offset) {
    // The loader owns copies: it may run after this frame has moved on (a waiter's turn).
    auto load = [this, filter, limit, offset]() -> awaitable<public_answers::cache_type::fill> {
        const auto page = co_await events_.list(filter, limit, offset);
        boost::json::array items;
        items.reserve(page.items.size());
        for (const auto& v : page.items) items.push_back(to_json(v.event, v.places_taken));
        auto rep = make_representation(boost::json::serialize(items), "application/json",
                                       {{"X-Total-Count", std::to_string(page.total)}});
        co_return public_answers::cache_type::fill{public_answer{std::move(rep), 0, false}, true};
    };
    if (!sees_public_list(who) || answers_.list_ttl().count() == 0) {
        const auto own = co_await load();
        co_return represent(ctx.req(), *own.value.rep, cache_private);
    }
    const auto key = public_answers::list_key(list_key(filter, limit, offset));
    const auto answer = co_await answers_.cache().get(key, answers_.list_ttl(), load);
    co_return represent(ctx.req(), *answer.rep, cache_policy(who, answer));
}

}  // namespace proeventa::events
