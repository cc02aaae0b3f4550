#pragma once
// The SPA's own pages, read from web/routes.json: the same file the SPA's router imports, so the
// server answers 200 for exactly the paths the SPA can render and 404 for every other one.
// Matching is segment by segment on the path as sent, each segment percent-decoded on its own
// (so "%2F" never splits a segment), with no trailing slash; web/assets/js/route-patterns.js
// follows the same rules.
#include <string>
#include <string_view>
#include <vector>

namespace proeventa {

class spa_routes {
public:
    /// Parses routes.json. Throws std::invalid_argument naming the first thing that is wrong,
    /// so a broken file stops the server at start-up instead of 404ing a page.
    static spa_routes parse(std::string_view json_text);

    /// `target`: the request target as sent (origin-form, a query string allowed).
    bool matches(std::string_view target) const;

    std::size_t size() const { return patterns_.size(); }

private:
    enum class kind { literal, positive_integer };
    struct segment {
        kind what = kind::literal;
        std::string literal;
    };
    std::vector<std::vector<segment>> patterns_;
};

}  // namespace proeventa
