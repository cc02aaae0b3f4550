#include "booking_reference.hpp"

#include <openssl/rand.h>

#include <stdexcept>

namespace proeventa::reservations {

std::string new_booking_reference() {
    std::string out;
    // Rejection sampling: bytes at or above the largest multiple of 25 below 256 are drawn again,
    // so every character is equally likely.
    constexpr unsigned limit = 256 - 256 % reference_alphabet.size();
    while (out.size() < reference_length) {
        unsigned char bytes[16];
        if (RAND_bytes(bytes, sizeof bytes) != 1) throw std::runtime_error("RAND_bytes failed");
        for (unsigned char b : bytes) {
            if (b >= limit || out.size() == reference_length) continue;
            out += reference_alphabet[b % reference_alphabet.size()];
        }
    }
    return out;
}

std::optional<std::string> parse_booking_reference(std::string_view typed) {
    if (typed.size() != reference_length) return std::nullopt;
    std::string out;
    for (char c : typed) {
        if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
        if (reference_alphabet.find(c) == std::string_view::npos) return std::nullopt;
        out += c;
    }
    return out;
}

}  // namespace proeventa::reservations
