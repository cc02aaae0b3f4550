#include <proeventa/http/content_coding.hpp>
#include <proeventa/http/representation.hpp>
#include <proeventa/text.hpp>

#include <openssl/evp.h>

namespace proeventa {

std::size_t representation::weight() const {
    std::size_t w = sizeof(representation) + body.size() + gzip_body.size() + etag.size() + content_type.size();
    for (const auto& [name, value] : headers) w += name.size() + value.size();
    return w;
}

std::string strong_etag(std::string_view body) {
    // SHA-256 cut to 128 bits: collisions are out of reach, and it runs once per representation.
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(body.data(), body.size(), md, &len, EVP_sha256(), nullptr);
    static constexpr char hex[] = "0123456789abcdef";
    std::string out = "\"";
    for (unsigned i = 0; i < 16 && i < len; ++i) {
        out += hex[md[i] >> 4];
        out += hex[md[i] & 15];
    }
    out += '"';
    return out;
}

representation_ptr make_representation(std::string body, std::string content_type,
                                       std::vector<std::pair<std::string, std::string>> headers) {
    auto rep = std::make_shared<representation>();
    rep->etag = strong_etag(body);
    if (body.size() >= content_coding::min_compressed_size && content_coding::compressible(content_type))
        rep->gzip_body = content_coding::gzip(body);
    rep->body = std::move(body);
    rep->content_type = std::move(content_type);
    rep->headers = std::move(headers);
    return rep;
}

namespace {
std::string_view opaque_tag(std::string_view tag) {
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    return tag;
}
}  // namespace

bool if_none_match_names(std::string_view header, std::string_view etag) {
    const auto mine = opaque_tag(etag);
    std::string_view rest = header;
    bool matched = false;
    while (true) {
        rest = text::trim(rest);
        while (!rest.empty() && rest.front() == ',') rest = text::trim(rest.substr(1));
        if (rest.empty()) break;
        if (rest.front() == '*') {
            matched = true;
            rest.remove_prefix(1);
            continue;
        }
        std::string_view element = rest;
        if (element.starts_with("W/")) element.remove_prefix(2);
        if (element.empty() || element.front() != '"') return false;  // malformed list
        const auto close = element.find('"', 1);
        if (close == std::string_view::npos) return false;
        const auto tag = element.substr(0, close + 1);
        for (unsigned char c : tag.substr(1, tag.size() - 2))
            if (c < 0x21 || c == 0x7f) return false;  // etagc excludes controls and spaces
        if (tag == mine) matched = true;
        rest = element.substr(close + 1);
        rest = text::trim(rest);
        if (!rest.empty() && rest.front() != ',') return false;
    }
    return matched;
}

bool if_none_match_names(const request& req, std::string_view etag) {
    for (auto [it, end] = req.equal_range(http::field::if_none_match); it != end; ++it)
        if (if_none_match_names(it->value(), etag)) return true;
    return false;
}

response represent(const request& req, const representation& rep, std::string_view cache_control) {
    response res{http::status::ok, req.version()};
    res.set(http::field::etag, rep.etag);
    res.set(http::field::cache_control, cache_control);
    if (!rep.gzip_body.empty()) res.set(http::field::vary, "Accept-Encoding");
    for (const auto& [name, value] : rep.headers) res.set(name, value);
    if (if_none_match_names(req, rep.etag)) {
        res.result(http::status::not_modified);
        return res;
    }
    res.set(http::field::content_type, rep.content_type);
    const auto accept = req[http::field::accept_encoding];
    if (!rep.gzip_body.empty() && !accept.empty() && content_coding::accepts_gzip(accept)) {
        res.set(http::field::content_encoding, "gzip");
        res.body() = rep.gzip_body;
    } else {
        res.body() = rep.body;
    }
    res.prepare_payload();
    return res;
}

}  // namespace proeventa
