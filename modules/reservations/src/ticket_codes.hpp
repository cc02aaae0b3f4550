#pragma once
// Ticket codes: what the QR code on a ticket says, signed with the event's Ed25519 key
// (OpenSSL 3, EVP_PKEY_ED25519), so a door scanner holding only the event's public key can
// check a code offline. A code reads
//
//     PE1.<event id>.<reservation id>.<ticket version>.<signature>
//
// where the signature (64 bytes, base64url without padding: 86 characters) covers the text
// before its dot. Re-issuing a ticket moves its version on, which leaves the old code signed but
// stale: the server refuses it. Pure functions, unit-tested.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace proeventa::reservations {

/// Raw Ed25519 keys (RFC 8032 encodings).
struct ticket_keys {
    std::array<unsigned char, 32> public_key{};
    std::array<unsigned char, 32> private_key{};
};

/// What a code claims: the event, the reservation (the position) and the ticket's version.
struct ticket_claim {
    std::int64_t event_id = 0;
    std::int64_t reservation_id = 0;
    std::int64_t version = 0;
    friend bool operator==(const ticket_claim&, const ticket_claim&) = default;
};

/// The longest code the check-in route reads; longer is a 400 before any parsing.
inline constexpr std::size_t max_ticket_code_bytes = 512;

ticket_keys generate_ticket_keys();

std::string sign_ticket(const ticket_claim& claim, const std::array<unsigned char, 32>& private_key);

/// The claim of a well-formed code (nothing is verified yet); nullopt for anything else,
/// including non-canonical numbers or signature encodings.
std::optional<ticket_claim> parse_ticket_code(std::string_view code);

/// True when `code` is well-formed and its signature verifies under `public_key`.
bool verify_ticket(std::string_view code, const std::array<unsigned char, 32>& public_key);

/// The public key as PEM (SubjectPublicKeyInfo), for scanners that read keys that way.
std::string public_key_pem(const std::array<unsigned char, 32>& public_key);

std::string to_hex(const std::array<unsigned char, 32>& key);
/// nullopt unless `hex` is exactly 64 hex digits.
std::optional<std::array<unsigned char, 32>> key_from_hex(std::string_view hex);
std::string base64url(const unsigned char* data, std::size_t size);

}  // namespace proeventa::reservations
