#include "event_search.hpp"

#include <proeventa/text.hpp>

#include <cctype>

namespace proeventa::events {

std::optional<std::string> search_text(std::string_view text) {
    std::string out;
    bool has_word = false;
    bool pending_space = false;
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        if (proeventa::text::is_space(ch)) {
            pending_space = !out.empty();
            continue;
        }
        if (pending_space) out += ' ';
        pending_space = false;
        out += ch;
        // Letters of other scripts arrive as multi-byte UTF-8; they are words too.
        has_word = has_word || c >= 0x80 || std::isalnum(c);
    }
    if (!has_word) return std::nullopt;
    return out;
}

}  // namespace proeventa::events
