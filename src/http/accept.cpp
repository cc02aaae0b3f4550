#include <proeventa/http/accept.hpp>
#include <proeventa/text.hpp>

#include <boost/beast/core/string.hpp>

#include <charconv>
#include <optional>

namespace proeventa {
namespace {

using text::trim;
using boost::beast::iequals;

// qvalue = ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] ); anything else is not a weight.
std::optional<double> parse_q(std::string_view s) {
    if (s.empty() || s.size() > 5 || (s.front() != '0' && s.front() != '1')) return std::nullopt;
    double q = 0;
    auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), q);
    if (ec != std::errc{} || end != s.data() + s.size() || q < 0 || q > 1) return std::nullopt;
    return q;
}

struct weight {
    double q = 0;
    int specificity = -1;  // -1: no range matched; 0: */*; 1: type/*; 2: type/subtype
};

weight weigh(std::string_view accept, std::string_view type, std::string_view subtype) {
    weight best;
    while (!accept.empty()) {
        const auto comma = accept.find(',');
        auto item = accept.substr(0, comma);
        accept = comma == std::string_view::npos ? std::string_view{} : accept.substr(comma + 1);

        const auto semi = item.find(';');
        const auto range = trim(item.substr(0, semi));
        const auto slash = range.find('/');
        if (slash == std::string_view::npos) continue;
        const auto t = range.substr(0, slash), st = range.substr(slash + 1);
        int specificity = -1;
        if (t == "*" && st == "*") specificity = 0;
        else if (iequals(t, type) && st == "*") specificity = 1;
        else if (iequals(t, type) && iequals(st, subtype)) specificity = 2;
        if (specificity < best.specificity || specificity < 0) continue;

        std::optional<double> q = 1.0;
        auto params = semi == std::string_view::npos ? std::string_view{} : item.substr(semi + 1);
        while (!params.empty()) {
            const auto next = params.find(';');
            const auto param = trim(params.substr(0, next));
            params = next == std::string_view::npos ? std::string_view{} : params.substr(next + 1);
            const auto eq = param.find('=');
            if (eq != std::string_view::npos && iequals(trim(param.substr(0, eq)), "q"))
                q = parse_q(trim(param.substr(eq + 1)));
        }
        if (!q) continue;
        if (specificity > best.specificity || *q > best.q) best = {*q, specificity};
    }
    return best;
}

}  // namespace

bool prefers_html(std::string_view accept) {
    const auto html = weigh(accept, "text", "html");
    const auto json = weigh(accept, "application", "json");
    if (html.q <= 0) return false;
    return html.q > json.q || (html.q == json.q && html.specificity > json.specificity);
}

}  // namespace proeventa
