// Parameter conversions that need more than a one-liner in the header.
#include <proeventa/db/query.hpp>

#include <boost/json/serialize.hpp>

namespace proeventa::db::detail {

param to_param(const boost::json::value& v) { return boost::json::serialize(v); }

param to_param(const std::vector<std::int64_t>& v) {
    std::string out = "{";
    for (std::size_t i = 0; i < v.size(); ++i) {
        if (i) out += ',';
        out += std::to_string(v[i]);
    }
    out += '}';
    return out;
}

}  // namespace proeventa::db::detail
