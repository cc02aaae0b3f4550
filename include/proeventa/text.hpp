#pragma once
// Text rules every module shares, so "a name of at most 200 characters" means the same thing
// in every field: lengths count Unicode code points, trimming removes ASCII whitespace.
#include <cstddef>
#include <string>
#include <string_view>

namespace proeventa::text {

/// Space, tab, newline, carriage return, form feed and vertical tab.
constexpr bool is_space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/// Without leading and trailing ASCII whitespace.
std::string_view trim(std::string_view s);

/// Code points of UTF-8 text (continuation bytes are not counted).
std::size_t utf8_length(std::string_view s);

/// Well-formed UTF-8 (RFC 3629): no overlong forms, no surrogates, nothing past U+10FFFF.
bool valid_utf8(std::string_view s);

/// ASCII letters lower-cased; other bytes unchanged.
std::string lower_ascii(std::string_view s);

/// `bytes` random bytes (OpenSSL's CSPRNG) as lower-case hex: request ids, instance ids.
std::string random_hex(std::size_t bytes);

}  // namespace proeventa::text
