// Idempotency-Key replays: a repeat of a key is answered with the first request's stored answer
// when its request fingerprint matches, and refused (422 idempotency_mismatch) when it does not.
// So the fingerprint must tell two reserve bodies apart exactly when they ask for different
// things, or answer in different shapes (the replay sends the first answer's bytes as they are).
//
// Input: two reserve bodies separated by the first NUL (JSON text cannot hold a raw NUL).
// Properties: each body either parses or fails with a 4xx; a body's fingerprint does not
// depend on how its JSON is spelled (re-serialised, it fingerprints the same); two parsed
// requests have the same fingerprint if and only if they are the same request.
#include "fuzz_support.hpp"
#include "reserve_request.hpp"

#include <proeventa/http/json_io.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

using namespace proeventa;
using namespace proeventa::reservations;

namespace {

std::optional<reserve_request> parse(std::string_view body) {
    request req{http::verb::post, "/reservations/reservations/reserve", 11};
    req.set(http::field::content_type, "application/json");
    req.body() = std::string(body);
    req.prepare_payload();
    request_context ctx(req, "192.0.2.1", "fuzz");
    std::optional<reserve_request> out;
    std::optional<json::object> object;
    fuzz::expect_client_error_only([&] {
        object = parse_json_object(ctx);
        out = parse_reserve_request(*object);
    });
    if (out) {
        const auto again = parse_reserve_request(json::parse(json::serialize(*object)).as_object());
        fuzz::require(again.fingerprint() == out->fingerprint(),
                      "a fingerprint does not depend on how the JSON is spelled");
    }
    return out;
}

bool same_request(const reserve_request& a, const reserve_request& b) {
    return a.event_id == b.event_id && a.form == b.form && a.seat_ids == b.seat_ids && a.quantity == b.quantity &&
           a.hold == b.hold;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::quiet_logs();
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto split = input.find('\0');
    if (split == std::string_view::npos) return 0;
    const auto first = parse(input.substr(0, split));
    const auto second = parse(input.substr(split + 1));
    if (!first || !second) return 0;
    fuzz::require((first->fingerprint() == second->fingerprint()) == same_request(*first, *second),
                  "same fingerprint exactly when the same request (and answer shape)");
    return 0;
}
