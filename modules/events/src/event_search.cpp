#include "event_search.hpp"

#include <cctype>
#include <cstdint>
#include <vector>

namespace proeventa::events {

bool valid_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        std::size_t extra = 0;
        std::uint32_t cp = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            extra = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + extra >= text.size()) return false;
        for (std::size_t k = 1; k <= extra; ++k) {
            const auto n = static_cast<unsigned char>(text[i + k]);
            if ((n & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (n & 0x3F);
        }
        // Overlong forms, surrogates and values past U+10FFFF are not characters.
        if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000) ||
            cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += extra + 1;
    }
    return true;
}

std::optional<std::string> search_query(std::string_view text) {
    std::vector<std::string> words;
    std::string word;
    auto flush = [&] {
        if (!word.empty() && words.size() < max_search_terms) words.push_back(word);
        word.clear();
    };
    for (char ch : text) {
        const auto c = static_cast<unsigned char>(ch);
        // Bytes of multi-byte UTF-8 characters are kept whole: letters of other scripts are
        // words too, and the database lower-cases them the same way on both sides.
        if (c >= 0x80 || std::isalnum(c)) {
            word += static_cast<char>(c < 0x80 ? std::tolower(c) : c);
        } else {
            flush();
        }
    }
    flush();
    if (words.empty()) return std::nullopt;
    std::string query;
    for (const auto& w : words) {
        if (!query.empty()) query += " & ";
        query += w;
        query += ":*";
    }
    return query;
}

}  // namespace proeventa::events
