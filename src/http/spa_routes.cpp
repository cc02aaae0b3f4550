#include <proeventa/http/spa_routes.hpp>
#include <proeventa/net.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/pct_string_view.hpp>

#include <algorithm>
#include <map>
#include <stdexcept>

namespace proeventa {
namespace {

[[noreturn]] void fail(const std::string& what) {
    throw std::invalid_argument("routes.json: " + what);
}

// The same rule as the API router's `{id}`: a positive 64-bit integer without leading zeros.
bool positive_integer(std::string_view s) {
    return !s.empty() && s.size() <= 18 && s.front() != '0' &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Literals stay plain so that comparing them with a decoded segment needs no further thought.
bool plain_literal(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '-' || c == '_' || c == '.' || c == '~';
    });
}

// The SPA imports pages/<page>.js: nothing that could climb out of that folder.
bool page_name(std::string_view s) {
    return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
    });
}

const json::object& object_at(const json::object& parent, std::string_view key, const std::string& where) {
    const auto* v = parent.if_contains(key);
    if (!v || !v->is_object()) fail(where + " needs an object \"" + std::string(key) + "\"");
    return v->get_object();
}

}  // namespace

spa_routes spa_routes::parse(std::string_view json_text) {
    boost::system::error_code ec;
    const auto doc = json::parse(json_text, ec);
    if (ec) fail("not valid JSON (" + ec.message() + ")");
    if (!doc.is_object()) fail("the top level must be an object");
    const auto& root = doc.get_object();

    std::map<std::string, kind, std::less<>> params;
    for (const auto& [name, kind_name] : object_at(root, "params", "the top level")) {
        if (!kind_name.is_string() || kind_name.get_string() != "positive_integer")
            fail("parameter \"" + std::string(name) + "\" needs a known kind (positive_integer)");
        params.emplace(std::string(name), kind::positive_integer);
    }

    const auto* list = root.if_contains("routes");
    if (!list || !list->is_array() || list->get_array().empty()) fail("\"routes\" must be a non-empty array");
    spa_routes out;
    for (const auto& item : list->get_array()) {
        const auto* route = item.if_object();
        const auto* path = route ? route->if_contains("path") : nullptr;
        if (!path || !path->is_string()) fail("every route needs a string \"path\"");
        const std::string_view p = path->get_string();
        const auto* page = route->if_contains("page");
        if (!page || !page->is_string() || !page_name(page->get_string()))
            fail("route " + std::string(p) + " needs a \"page\" (a module name under pages/)");
        if (p.empty() || p.front() != '/') fail("path " + std::string(p) + " must start with '/'");

        std::vector<segment> segments;
        if (p != "/") {
            std::size_t start = 1;
            while (start <= p.size()) {
                auto end = std::min(p.find('/', start), p.size());
                const auto part = p.substr(start, end - start);
                if (part.starts_with(':')) {
                    auto it = params.find(part.substr(1));
                    if (it == params.end())
                        fail("path " + std::string(p) + " uses an undeclared parameter " + std::string(part));
                    segments.push_back({it->second, {}});
                } else if (plain_literal(part)) {
                    segments.push_back({kind::literal, std::string(part)});
                } else {
                    fail("path " + std::string(p) + " has an empty or unusual segment");
                }
                start = end + 1;
            }
        }
        out.patterns_.push_back(std::move(segments));
    }
    return out;
}

bool spa_routes::matches(std::string_view target) const {
    // A target that is not a well-formed origin-form URL (bad percent-escapes, raw backslashes)
    // can name no page.
    auto url = boost::urls::parse_origin_form(target);
    if (!url) return false;
    // Split by hand: Boost.URL's segment views hide a leading "/." (its own escape for paths
    // that would start with "//"), which the SPA's router does not.
    const std::string_view path = url->encoded_path();
    std::vector<std::string> parts;
    if (path != "/") {
        std::size_t start = 1;
        while (start <= path.size()) {
            const auto end = std::min(path.find('/', start), path.size());
            auto encoded = boost::urls::make_pct_string_view(path.substr(start, end - start));
            if (!encoded) return false;
            parts.push_back(encoded->decode());
            start = end + 1;
        }
    }
    for (const auto& pattern : patterns_) {
        if (pattern.size() != parts.size()) continue;
        bool ok = true;
        for (std::size_t i = 0; ok && i < parts.size(); ++i) {
            ok = pattern[i].what == kind::literal ? pattern[i].literal == parts[i]
                                                  : positive_integer(parts[i]);
        }
        if (ok) return true;
    }
    return false;
}

}  // namespace proeventa
