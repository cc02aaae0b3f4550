#include <proeventa/http/request_context.hpp>

#include <boost/url/parse.hpp>

#include <stdexcept>

namespace proeventa {

request_context::request_context(const request& req, std::string remote_address,
                                 std::string request_id)
    : req_(req), remote_address_(std::move(remote_address)), request_id_(std::move(request_id)) {
    // The session has already checked the target is an origin-form URL.
    auto parsed = boost::urls::parse_origin_form(req.target());
    if (parsed) {
        path_ = parsed->path();
        for (auto p : parsed->params()) query_.emplace_back(p.key, p.has_value ? p.value : "");
    } else {
        path_ = std::string(req.target().substr(0, req.target().find('?')));
    }
}

std::int64_t request_context::param(std::string_view name) const {
    for (const auto& [k, v] : params_)
        if (k == name) return v;
    throw std::logic_error("route has no parameter named " + std::string(name));
}

std::optional<std::string> request_context::query(std::string_view name) const {
    for (const auto& [k, v] : query_)
        if (k == name) return v;
    return std::nullopt;
}

std::string_view request_context::header(std::string_view name) const {
    auto it = req_.find(name);
    return it == req_.end() ? std::string_view{} : std::string_view(it->value());
}

}  // namespace proeventa
