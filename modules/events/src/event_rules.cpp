#include "event_rules.hpp"

#include <proeventa/clock.hpp>

#include <algorithm>
#include <cctype>
#include <unordered_set>

namespace proeventa::events {

namespace {

std::string join(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) {
        if (!out.empty()) out += ", ";
        out += w;
    }
    return out;
}

/// The time a sales window field holds, when it holds one.
std::optional<std::chrono::system_clock::time_point> time_of(const std::optional<std::string>& text) {
    if (!text) return std::nullopt;
    return parse_rfc3339(*text);
}

}  // namespace

std::optional<std::string> normalize_currency(std::string_view text) {
    if (text.size() != 3) return std::nullopt;
    std::string out;
    for (char c : text) {
        if (!std::isalpha(static_cast<unsigned char>(c))) return std::nullopt;
        out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
}

event_draft merge_event(const event_input& in, const event_record* current,
                        std::int64_t organizer_id) {
    event_draft d;
    if (current) {
        d.name = current->name;
        d.description = current->description;
        d.start_time = current->start_time;
        d.end_time = current->end_time;
        d.venue_id = current->venue_id;
        d.organizer_id = current->organizer_id;
        d.status = current->status;
        d.capacity = current->capacity;
        d.currency = current->currency;
        d.prices = current->prices;
        d.sales_start = current->sales_start;
        d.sales_end = current->sales_end;
    } else {
        d.organizer_id = organizer_id;
        // The original API had no drafts: an event is public unless it is saved as a draft.
        d.status = "published";
    }
    if (in.name) d.name = *in.name;
    if (in.description) d.description = *in.description;
    if (in.start_time) d.start_time = *in.start_time;
    if (in.end_time) d.end_time = *in.end_time;
    if (in.venue_id) d.venue_id = *in.venue_id;
    if (in.status) d.status = *in.status;
    if (in.capacity) d.capacity = *in.capacity;
    if (in.currency) d.currency = *in.currency;
    if (in.prices) d.prices = *in.prices;
    if (in.sales_start_given) d.sales_start = in.sales_start;
    if (in.sales_end_given) d.sales_end = in.sales_end;
    return d;
}

field_problems check_event(event_draft& d, const event_input& in,
                           const std::optional<venue_facts>& venue) {
    field_problems problems;
    auto add = [&problems](std::string field, std::string message) {
        problems.push_back({std::move(field), std::move(message)});
    };
    const auto start = parse_rfc3339(d.start_time);
    const auto end = parse_rfc3339(d.end_time);
    if (start && end && *end <= *start)
        add(in.end_time ? "end_time" : "start_time", "end_time must be after start_time");

    const auto sales_start = time_of(d.sales_start);
    const auto sales_end = time_of(d.sales_end);
    if (sales_start && sales_end && *sales_end <= *sales_start)
        add("sales_end", "must be after sales_start");
    if (sales_start && end && *sales_start >= *end)
        add("sales_start", "must be before the event ends");

    if (!venue) {
        add("venue_id", "no such venue");
        return problems;
    }

    if (venue->seated) {
        if (in.capacity && *in.capacity != venue->capacity)
            add("capacity",
                "a seated event's capacity is its venue's " + std::to_string(venue->capacity) + " seats");
        d.capacity = venue->capacity;
    } else if (!d.capacity) {
        add("capacity", "is required for a general-admission venue");
    } else if (*d.capacity > venue->capacity) {
        add("capacity", "must be at most the venue's capacity of " + std::to_string(venue->capacity));
    }

    const std::vector<std::string> categories =
        venue->seated ? venue->categories : std::vector<std::string>{general_category};
    // price_cents is one price everywhere; an event created with neither is free, as events
    // of the original API (which had no prices) were.
    const std::optional<std::int64_t> everywhere =
        in.price_cents ? in.price_cents : d.prices.empty() ? std::optional<std::int64_t>(0) : std::nullopt;
    if (!in.prices && everywhere) {
        d.prices.clear();
        for (const auto& c : categories) d.prices.push_back({c, *everywhere});
    }
    if (d.prices.empty()) {
        add("prices", "one price per category is required: " + join(categories));
        return problems;
    }
    std::unordered_set<std::string> priced;
    for (std::size_t i = 0; i < d.prices.size(); ++i) {
        const auto& p = d.prices[i];
        if (std::find(categories.begin(), categories.end(), p.category) == categories.end()) {
            // Index into what the client sent; prices kept from before a venue change have none.
            add(in.prices ? "prices[" + std::to_string(i) + "].category" : std::string("prices"),
                "\"" + p.category + "\" is not a category of this venue (" + join(categories) + ")");
            continue;
        }
        priced.insert(p.category);
    }
    std::vector<std::string> missing;
    for (const auto& c : categories)
        if (!priced.count(c)) missing.push_back(c);
    if (!missing.empty()) add("prices", "no price for category " + join(missing));
    return problems;
}

}  // namespace proeventa::events
