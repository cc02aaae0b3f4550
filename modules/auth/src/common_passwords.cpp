#include "common_passwords.hpp"

#include <proeventa/embedded.hpp>
#include <proeventa/text.hpp>

#include <stdexcept>
#include <string>
#include <unordered_set>

namespace proeventa::auth::embedded {
std::span<const embedded_file> files();
}

namespace proeventa::auth {
namespace {

const std::unordered_set<std::string>& common_set() {
    // Built on first use (thread-safe static) and kept: about 10,000 short strings.
    static const std::unordered_set<std::string> set = [] {
        std::string_view data;
        for (const auto& f : embedded::files())
            if (f.path == "common-passwords.txt") data = f.data;
        if (data.empty()) throw std::logic_error("common-passwords.txt is not embedded");
        std::unordered_set<std::string> out;
        out.reserve(10'000);
        while (!data.empty()) {
            const auto end = data.find('\n');
            auto line = data.substr(0, end);
            if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
            if (!line.empty()) out.insert(text::lower_ascii(line));
            if (end == std::string_view::npos) break;
            data.remove_prefix(end + 1);
        }
        return out;
    }();
    return set;
}

}  // namespace

bool is_common_password(std::string_view password) {
    return common_set().count(text::lower_ascii(password)) != 0;
}

std::size_t common_password_count() { return common_set().size(); }

}  // namespace proeventa::auth
