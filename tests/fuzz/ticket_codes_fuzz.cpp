// Ticket codes (PE1.<event>.<reservation>.<version>.<Ed25519 signature>): the door scanner
// admits whatever verifies, so a code must verify only as the exact bytes the server signed.
//
// Input: the first byte picks a mode, the rest is
//   even: a code as a scanner reads it, checked against the event's public key;
//   odd:  three numbers (8 bytes each, what is missing reads as 0, taken below 10^18: what a
//         code can carry) for a claim the target signs, then a position and a byte to change
//         in the signed code.
//
// Properties: parsing and verifying never crash; a code that verifies parses, and is exactly
// what signing its claim gives (Ed25519 signatures are deterministic and the encodings are
// canonical, so there is one valid spelling per claim); a parsed claim's signed code parses back
// to the same claim and verifies; a signed code does not verify under another key; any change to
// one byte of a signed code makes it fail.
#include "fuzz_support.hpp"
#include "ticket_codes.hpp"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

using namespace proeventa;
using namespace proeventa::reservations;

namespace {

const ticket_keys& event_keys() {
    static const ticket_keys keys = generate_ticket_keys();
    return keys;
}
const ticket_keys& other_keys() {
    static const ticket_keys keys = generate_ticket_keys();
    return keys;
}

void check_signed(const ticket_claim& claim) {
    const auto code = sign_ticket(claim, event_keys().private_key);
    fuzz::require(code.size() <= max_ticket_code_bytes, "a signed code fits the check-in route's limit");
    const auto parsed = parse_ticket_code(code);
    fuzz::require(parsed && *parsed == claim, "a signed code parses back to its claim");
    fuzz::require(verify_ticket(code, event_keys().public_key), "a signed code verifies");
    fuzz::require(!verify_ticket(code, other_keys().public_key), "a signed code fails under another event's key");
}

void check_scanned(std::string_view code) {
    const auto parsed = parse_ticket_code(code);
    const bool verified = verify_ticket(code, event_keys().public_key);
    if (verified) {
        fuzz::require(parsed.has_value(), "a code that verifies is well-formed");
        fuzz::require(sign_ticket(*parsed, event_keys().private_key) == code,
                      "a code verifies only as the exact bytes the server signs");
    }
    if (parsed) check_signed(*parsed);
}

std::int64_t read_number(std::string_view& rest) {
    std::uint64_t raw = 0;
    const auto n = std::min<std::size_t>(rest.size(), sizeof raw);
    std::memcpy(&raw, rest.data(), n);
    rest.remove_prefix(n);
    // What a code can carry: ids and versions from 1 to 18 digits (0 reads as "no claim").
    return static_cast<std::int64_t>(raw % 1'000'000'000'000'000'000ULL);
}

void check_tampered(std::string_view rest) {
    ticket_claim claim;
    claim.event_id = read_number(rest);
    claim.reservation_id = read_number(rest);
    claim.version = read_number(rest);
    if (claim.event_id == 0 || claim.reservation_id == 0 || claim.version == 0) return;
    check_signed(claim);
    if (rest.size() < 2) return;
    auto code = sign_ticket(claim, event_keys().private_key);
    const auto at = static_cast<unsigned char>(rest[0]) % code.size();
    const auto changed = static_cast<char>(rest[1]);
    if (code[at] == changed) return;
    code[at] = changed;
    fuzz::require(!verify_ticket(code, event_keys().public_key), "a code changed in one byte does not verify");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::quiet_logs();
    if (size == 0 || size > max_ticket_code_bytes + 1) return 0;
    const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
    if (data[0] % 2 == 0) check_scanned(rest);
    else check_tampered(rest);
    return 0;
}
