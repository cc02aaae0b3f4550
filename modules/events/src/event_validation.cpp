#include "event_validation.hpp"

#include <boost/json/value.hpp>

#include <limits>
#include <unordered_set>

namespace proeventa::events {

namespace {

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

std::vector<price> parse_prices(field_reader& body) {
    const json::value* raw = body.raw("prices");
    if (!raw || !raw->is_array() || raw->get_array().empty()) {
        body.fail("prices", "must be a non-empty array of {\"category\", \"price_cents\"}");
        return {};
    }
    const std::size_t count = raw->get_array().size();
    if (count > 50) {
        body.fail("prices", "at most 50 prices");
        return {};
    }
    auto items = body.objects("prices", true, 1, count);
    std::vector<price> out;
    std::unordered_set<std::string> seen;
    for (auto& item : items->readers) {
        auto cat = item.string("category", true, 1, 40);
        auto cents = item.integer("price_cents", true, 0, max_price_cents);
        if (cat && !seen.insert(*cat).second) {
            item.fail("category", "is listed twice");
            continue;
        }
        if (cat && cents) out.push_back({std::move(*cat), *cents});
    }
    return out;
}

event_input read_event_input(field_reader& reader, bool creating) {
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
    if (reader.has("prices")) in.prices = parse_prices(reader);
    if (reader.has("price_cents") && !reader.raw("price_cents")->is_null()) {
        if (in.prices)
            reader.fail("price_cents", "give either prices or price_cents, not both");
        else
            in.price_cents = reader.integer("price_cents", true, 0, max_price_cents);
    }
    read_optional_time(reader, "sales_start", in.sales_start_given, in.sales_start);
    read_optional_time(reader, "sales_end", in.sales_end_given, in.sales_end);
    return in;
}

}  // namespace proeventa::events
