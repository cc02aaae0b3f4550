#include "event_validation.hpp"

#include "json_fields.hpp"
#include "venue_validation.hpp"

#include <proeventa/clock.hpp>

#include <boost/json/array.hpp>

#include <algorithm>
#include <cctype>
#include <limits>
#include <unordered_set>

namespace proeventa::events {

namespace jf = json_fields;

namespace {

std::string join(const std::vector<std::string>& words) {
    std::string out;
    for (const auto& w : words) {
        if (!out.empty()) out += ", ";
        out += w;
    }
    return out;
}

/// A nullable timestamp field of a PUT/POST: absent, explicitly null, or a value.
void read_optional_time(field_reader& reader, std::string_view key, bool& given,
                        std::optional<std::string>& value) {
    // field_reader::has treats null as absent; here null means "no sales window limit".
    const json::value* raw = reader.raw(key);
    if (!raw) return;
    given = true;
    if (raw->is_null()) return;
    value = reader.timestamp(key, true);
    if (!value) given = false;  // a malformed value was reported; never treat it as "clear"
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

std::vector<price> parse_prices(const json::value& value, problem_list& problems) {
    std::vector<price> out;
    const json::array* items = value.if_array();
    if (!items || items->empty()) {
        problems.add("prices", "must be a non-empty array of {\"category\", \"price_cents\"}");
        return out;
    }
    if (items->size() > 50) {
        problems.add("prices", "at most 50 prices");
        return out;
    }
    std::unordered_set<std::string> seen;
    for (std::size_t i = 0; i < items->size(); ++i) {
        const std::string field = jf::item("prices", i);
        const json::object* p = (*items)[i].if_object();
        if (!p) {
            problems.add(field, "must be an object");
            continue;
        }
        auto cat = jf::text(*p, "category", jf::path(field, "category"), true, 1, 40, problems);
        auto cents = jf::integer(*p, "price_cents", jf::path(field, "price_cents"), true, 0,
                                 max_price_cents, problems);
        if (cat && !seen.insert(*cat).second) {
            problems.add(jf::path(field, "category"), "is listed twice");
            continue;
        }
        if (cat && cents) out.push_back({std::move(*cat), *cents});
    }
    return out;
}

event_input read_event_input(field_reader& reader, const json::object& body, bool creating) {
    event_input in;
    if (creating || reader.has("name")) in.name = reader.string("name", true, 1, 200);
    if (reader.has("description")) {
        const json::value* raw = reader.raw("description");
        in.description = raw && raw->is_null() ? std::optional<std::string>("")
                                               : reader.string("description", false, 0, 5000);
    }
    if (creating || reader.has("start_time")) in.start_time = reader.timestamp("start_time", true);
    if (creating || reader.has("end_time")) in.end_time = reader.timestamp("end_time", true);
    if (creating || reader.has("venue_id"))
        in.venue_id = reader.integer("venue_id", true, 1, std::numeric_limits<std::int64_t>::max());
    if (reader.has("status")) {
        const json::value* raw = reader.raw("status");
        if (raw && raw->is_string() && raw->get_string() == "cancelled")
            reader.fail("status", "cancel an event with DELETE, which also cancels its reservations");
        else
            in.status = reader.one_of("status", true, {"draft", "published"});
    }
    if (reader.has("capacity") && !reader.raw("capacity")->is_null())
        in.capacity = reader.integer("capacity", true, 1, 1'000'000);
    if (reader.has("currency")) {
        if (auto text = reader.string("currency", true, 1, 10)) {
            in.currency = normalize_currency(*text);
            if (!in.currency) reader.fail("currency", "must be an ISO 4217 code such as EUR");
        }
    }
    problem_list problems;
    if (const json::value* p = body.if_contains("prices"); p && !p->is_null())
        in.prices = parse_prices(*p, problems);
    if (reader.has("price_cents") && !reader.raw("price_cents")->is_null()) {
        if (in.prices)
            reader.fail("price_cents", "give either prices or price_cents, not both");
        else
            in.price_cents = reader.integer("price_cents", true, 0, max_price_cents);
    }
    forward(problems, reader);
    read_optional_time(reader, "sales_start", in.sales_start_given, in.sales_start);
    read_optional_time(reader, "sales_end", in.sales_end_given, in.sales_end);
    return in;
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

void check_event(event_draft& d, const event_input& in, const std::optional<venue_facts>& venue,
                 problem_list& problems) {
    const auto start = parse_rfc3339(d.start_time);
    const auto end = parse_rfc3339(d.end_time);
    if (start && end && *end <= *start)
        problems.add(in.end_time ? "end_time" : "start_time", "end_time must be after start_time");

    const auto sales_start = d.sales_start ? parse_rfc3339(*d.sales_start) : std::nullopt;
    const auto sales_end = d.sales_end ? parse_rfc3339(*d.sales_end) : std::nullopt;
    if (sales_start && sales_end && *sales_end <= *sales_start)
        problems.add("sales_end", "must be after sales_start");
    if (sales_start && end && *sales_start >= *end)
        problems.add("sales_start", "must be before the event ends");

    if (!venue) {
        problems.add("venue_id", "no such venue");
        return;
    }

    if (venue->seated) {
        if (in.capacity && *in.capacity != venue->capacity)
            problems.add("capacity", "a seated event's capacity is its venue's " +
                                         std::to_string(venue->capacity) + " seats");
        d.capacity = venue->capacity;
    } else if (!d.capacity) {
        problems.add("capacity", "is required for a general-admission venue");
    } else if (*d.capacity > venue->capacity) {
        problems.add("capacity",
                     "must be at most the venue's capacity of " + std::to_string(venue->capacity));
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
        if (!problems.has("prices"))
            problems.add("prices", "one price per category is required: " + join(categories));
        return;
    }
    std::unordered_set<std::string> priced;
    for (std::size_t i = 0; i < d.prices.size(); ++i) {
        const auto& p = d.prices[i];
        if (std::find(categories.begin(), categories.end(), p.category) == categories.end()) {
            // Index into what the client sent; prices kept from before a venue change have none.
            problems.add(in.prices ? jf::path(jf::item("prices", i), "category") : "prices",
                         "\"" + p.category + "\" is not a category of this venue (" +
                             join(categories) + ")");
            continue;
        }
        priced.insert(p.category);
    }
    std::vector<std::string> missing;
    for (const auto& c : categories)
        if (!priced.count(c)) missing.push_back(c);
    if (!missing.empty()) problems.add("prices", "no price for category " + join(missing));
}

}  // namespace proeventa::events
