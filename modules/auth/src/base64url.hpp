#pragma once
// Base64url without padding (RFC 4648 §5), the alphabet JWTs and our random ids use.
#include <optional>
#include <string>
#include <string_view>

namespace proeventa::auth {

std::string base64url_encode(std::string_view bytes);
/// nullopt for anything a canonical encoder would not produce: padding, other alphabets,
/// an impossible length, or stray bits in the last character (so one value has one spelling).
std::optional<std::string> base64url_decode(std::string_view text);

/// `bytes` cryptographically random bytes (OpenSSL's CSPRNG), base64url-encoded.
std::string random_token(std::size_t bytes);

}  // namespace proeventa::auth
