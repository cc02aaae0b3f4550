#include <proeventa/http/router.hpp>

#include <algorithm>
#include <charconv>
#include <stdexcept>

namespace proeventa {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
    std::vector<std::string_view> parts;
    std::size_t start = 1;  // paths begin with '/'
    while (start <= path.size()) {
        auto end = path.find('/', start);
        if (end == std::string_view::npos) end = path.size();
        parts.push_back(path.substr(start, end - start));
        start = end + 1;
    }
    return parts;
}

// `{id}` parameters are positive integers; anything else means "no such resource".
std::optional<std::int64_t> parse_id(std::string_view s) {
    if (s.empty() || s.size() > 18 || s[0] == '0') return std::nullopt;
    std::int64_t v = 0;
    auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
    if (ec != std::errc{} || p != s.data() + s.size() || v <= 0) return std::nullopt;
    return v;
}

// `{name:word}` parameters are 1 to 64 ASCII letters and digits (booking references and other
// codes); the handler reads the segment from the path.
bool is_word(std::string_view s) {
    if (s.empty() || s.size() > 64) return false;
    for (char c : s)
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))) return false;
    return true;
}

constexpr std::string_view word_suffix = ":word";

}  // namespace

void router::add(http::verb method, std::initializer_list<std::string_view> patterns, handler h) {
    for (auto pattern : patterns) {
        if (pattern.empty() || pattern.front() != '/')
            throw std::invalid_argument("route pattern must start with '/'");
        route* target = nullptr;
        for (auto& r : routes_)
            if (r.pattern == pattern) target = &r;
        if (!target) {
            route r;
            r.pattern = std::string(pattern);
            for (auto part : split_path(pattern)) {
                if (part.size() > 2 && part.front() == '{' && part.back() == '}') {
                    auto name = part.substr(1, part.size() - 2);
                    const bool word = name.ends_with(word_suffix);
                    if (word) name.remove_suffix(word_suffix.size());
                    r.segments.push_back({{}, std::string(name), word});
                } else
                    r.segments.push_back({std::string(part), {}});
            }
            if (r.segments.size() > 1 && !r.segments.front().literal.empty() &&
                std::find(api_prefixes_.begin(), api_prefixes_.end(), r.segments.front().literal) ==
                    api_prefixes_.end())
                api_prefixes_.push_back(r.segments.front().literal);
            routes_.push_back(std::move(r));
            target = &routes_.back();
        }
        for (auto& [m, _] : target->methods)
            if (m == method) throw std::invalid_argument("duplicate route " + std::string(pattern));
        target->methods.emplace_back(method, h);
    }
}

router::match_result router::match(http::verb method, std::string_view path) const {
    match_result out;
    if (path.empty() || path.front() != '/') return out;
    const auto parts = split_path(path);
    for (const auto& r : routes_) {
        if (r.segments.size() != parts.size()) continue;
        std::vector<std::pair<std::string_view, std::int64_t>> params;
        bool ok = true;
        for (std::size_t i = 0; ok && i < parts.size(); ++i) {
            const auto& seg = r.segments[i];
            if (seg.name.empty()) {
                ok = seg.literal == parts[i];
            } else if (seg.word) {
                ok = is_word(parts[i]);
            } else if (auto id = parse_id(parts[i])) {
                params.emplace_back(seg.name, *id);
            } else {
                ok = false;
            }
        }
        if (!ok) continue;
        // HEAD is answered by the GET handler (the session drops the body).
        const auto wanted = method == http::verb::head ? http::verb::get : method;
        for (const auto& [m, h] : r.methods) {
            if (m == wanted) {
                out.outcome = match_result::kind::found;
                out.target = &h;
                out.params = std::move(params);
                return out;
            }
        }
        out.outcome = match_result::kind::method_not_allowed;
        for (const auto& [m, _] : r.methods) {
            if (!out.allow.empty()) out.allow += ", ";
            out.allow += std::string(http::to_string(m));
            if (m == http::verb::get) out.allow += ", HEAD";
        }
        out.allow += ", OPTIONS";
        return out;
    }
    return out;
}

bool router::is_api_path(std::string_view path) const {
    if (path.empty() || path.front() != '/') return false;
    const auto end = path.find('/', 1);
    if (end == std::string_view::npos) return false;
    const auto first = path.substr(1, end - 1);
    return std::find(api_prefixes_.begin(), api_prefixes_.end(), first) != api_prefixes_.end();
}

std::vector<router::route_info> router::routes() const {
    std::vector<route_info> out;
    for (const auto& r : routes_) {
        route_info info{r.pattern, {}};
        for (const auto& [m, _] : r.methods) info.methods.push_back(m);
        out.push_back(std::move(info));
    }
    return out;
}

}  // namespace proeventa
