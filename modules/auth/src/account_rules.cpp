#include "account_rules.hpp"

#include <proeventa/text.hpp>

#include <algorithm>

namespace proeventa::auth {
namespace {

bool is_alnum(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// RFC 5322 dot-atom characters: what real mail systems accept without quoting.
bool is_local_char(char c) {
    return is_alnum(c) || std::string_view("!#$%&'*+/=?^_`{|}~-.").find(c) != std::string_view::npos;
}

}  // namespace

std::string normalize_email(std::string_view email) {
    // ASCII only, like PostgreSQL's lower() on the unique index for the addresses we accept.
    return text::lower_ascii(text::trim(email));
}

std::optional<std::string> email_problem(std::string_view email) {
    if (email.empty()) return "email is required";
    if (email.size() > max_email_bytes) return "email must be at most 254 characters";
    const auto at = email.find('@');
    if (at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos)
        return "email must contain exactly one @";
    const auto local = email.substr(0, at);
    const auto domain = email.substr(at + 1);
    if (local.empty() || local.size() > 64) return "the part before @ must be 1 to 64 characters";
    if (!std::all_of(local.begin(), local.end(), is_local_char) || local.front() == '.' ||
        local.back() == '.' || local.find("..") != std::string_view::npos)
        return "the part before @ contains characters an email address cannot have";
    if (domain.find('.') == std::string_view::npos)
        return "the domain after @ must contain a dot, e.g. example.com";
    std::size_t start = 0;
    while (start <= domain.size()) {
        const auto dot = domain.find('.', start);
        const auto label = domain.substr(start, dot == std::string_view::npos ? dot : dot - start);
        if (label.empty() || label.size() > 63 || label.front() == '-' || label.back() == '-' ||
            !std::all_of(label.begin(), label.end(), [](char c) { return is_alnum(c) || c == '-'; }))
            return "the domain after @ is not a valid host name";
        if (dot == std::string_view::npos) {
            if (std::all_of(label.begin(), label.end(), [](char c) { return c >= '0' && c <= '9'; }))
                return "the domain after @ is not a valid host name";
            break;
        }
        start = dot + 1;
    }
    return std::nullopt;
}

std::optional<std::string> full_name_problem(std::string_view full_name) {
    if (full_name.empty()) return "full_name must not be empty";
    if (text::utf8_length(full_name) > max_full_name_chars)
        return "full_name must be at most 200 characters";
    if (std::any_of(full_name.begin(), full_name.end(),
                    [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7F; }))
        return "full_name must not contain control characters";
    return std::nullopt;
}

bool is_role(std::string_view role) {
    return role == "customer" || role == "organizer" || role == "admin";
}

}  // namespace proeventa::auth
