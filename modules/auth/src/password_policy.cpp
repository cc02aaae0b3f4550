#include "password_policy.hpp"

#include "common_passwords.hpp"

namespace proeventa::auth {
namespace {

bool iequals_ascii(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    auto lower = [](char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; };
    for (std::size_t i = 0; i < a.size(); ++i)
        if (lower(a[i]) != lower(b[i])) return false;
    return true;
}

}  // namespace

std::optional<std::size_t> utf8_code_points(std::string_view text) {
    std::size_t count = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        const auto lead = static_cast<unsigned char>(text[i]);
        std::size_t extra = 0;
        char32_t cp = 0;
        if (lead < 0x80) {
            cp = lead;
        } else if ((lead & 0xE0) == 0xC0) {
            extra = 1;
            cp = lead & 0x1F;
        } else if ((lead & 0xF0) == 0xE0) {
            extra = 2;
            cp = lead & 0x0F;
        } else if ((lead & 0xF8) == 0xF0) {
            extra = 3;
            cp = lead & 0x07;
        } else {
            return std::nullopt;  // a continuation byte without a lead, or 0xF8..0xFF
        }
        if (text.size() - i <= extra) return std::nullopt;  // cut off mid-character
        for (std::size_t k = 1; k <= extra; ++k) {
            const auto b = static_cast<unsigned char>(text[i + k]);
            if ((b & 0xC0) != 0x80) return std::nullopt;
            cp = (cp << 6) | (b & 0x3F);
        }
        static constexpr char32_t smallest[] = {0, 0x80, 0x800, 0x10000};
        if (cp < smallest[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return std::nullopt;
        i += extra + 1;
        ++count;
    }
    return count;
}

std::optional<std::string> password_problem(std::string_view password, std::string_view email) {
    const auto chars = utf8_code_points(password);
    if (!chars) return "password is not valid UTF-8";
    if (*chars < min_password_chars)
        return "password is too short: it needs at least " + std::to_string(min_password_chars) +
               " characters, got " + std::to_string(*chars);
    if (*chars > max_password_chars)
        return "password is too long: at most " + std::to_string(max_password_chars) +
               " characters, got " + std::to_string(*chars);
    const auto local = email.substr(0, email.find('@'));
    if (!email.empty() && (iequals_ascii(password, email) || iequals_ascii(password, local)))
        return "password must not be the same as the email address or its part before @";
    if (is_common_password(password))
        return "password is too common: it is one of the 10,000 most used passwords, "
               "choose one that is harder to guess";
    return std::nullopt;
}

}  // namespace proeventa::auth
