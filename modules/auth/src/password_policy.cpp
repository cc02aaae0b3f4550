#include "password_policy.hpp"

#include "common_passwords.hpp"

#include <proeventa/text.hpp>

namespace proeventa::auth {

std::optional<std::size_t> utf8_code_points(std::string_view s) {
    if (!text::valid_utf8(s)) return std::nullopt;
    return text::utf8_length(s);
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
    const auto lowered = text::lower_ascii(password);
    if (!email.empty() && (lowered == text::lower_ascii(email) || lowered == text::lower_ascii(local)))
        return "password must not be the same as the email address or its part before @";
    if (is_common_password(password))
        return "password is too common: it is one of the 10,000 most used passwords, "
               "choose one that is harder to guess";
    return std::nullopt;
}

}  // namespace proeventa::auth
