// If-None-Match: a 304 tells a client its copy is current, so the header must never name a tag
// it does not hold (a client would keep showing an old seat map), and must name every tag it
// does hold in any spelling RFC 9110 allows (or the client downloads the page again).
//
// Input: a body (the representation whose ETag is asked about) and a header value, split at the
// first NUL; without a NUL the whole input is the header and the body is empty.
//
// Properties: parsing never crashes; a match means the header holds that tag's opaque part or a
// `*` (never a 304 for a tag the client does not have); weak and strong forms of the tag are
// matched alike; a matching list still matches with another valid tag before or after it; the
// tag itself, alone, weak, padded or in a list, always matches; and on the request path
// `represent()` answers 304 exactly when the header matches, else the body as it is.
#include "fuzz_support.hpp"

#include <proeventa/http/representation.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

using namespace proeventa;

namespace {

std::string_view opaque(std::string_view tag) { return tag.starts_with("W/") ? tag.substr(2) : tag; }

bool fits_in_a_field(std::string_view value) {
    for (unsigned char c : value)
        if (c == '\r' || c == '\n' || c == '\0') return false;
    return true;
}

void check_request_path(std::string_view header, const representation& rep, bool names) {
    if (!fits_in_a_field(header)) return;
    request req{http::verb::get, "/events/events/1", 11};
    req.set(http::field::if_none_match, header);
    fuzz::require(if_none_match_names(req, rep.etag) == names, "a request's field reads like the value itself");
    const auto res = represent(req, rep, cache_public);
    fuzz::require((res.result() == http::status::not_modified) == names, "304 exactly when the header names the tag");
    fuzz::require(res[http::field::etag] == rep.etag, "every answer carries its ETag");
    if (!names) fuzz::require(res.body() == rep.body, "a 200 sends the body as it is");
    else fuzz::require(res.body().empty(), "a 304 has no body");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    fuzz::quiet_logs();
    if (size > 8192) return 0;  // longer than any header field the server reads
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const auto split = input.find('\0');
    const std::string_view body = split == std::string_view::npos ? std::string_view{} : input.substr(0, split);
    const std::string_view header = split == std::string_view::npos ? input : input.substr(split + 1);

    const auto rep = make_representation(std::string(body));
    const std::string& etag = rep->etag;
    const std::string weak = "W/" + etag;
    const std::string other = strong_etag(std::string(body) + "?");

    const bool names = if_none_match_names(header, etag);
    if (names)
        fuzz::require(header.find(opaque(etag)) != std::string_view::npos || header.find('*') != std::string_view::npos,
                      "a match needs the tag or a star in the header");
    fuzz::require(if_none_match_names(header, weak) == names, "weak comparison: W/ on our side changes nothing");
    if (names) {
        const std::string h(header);
        fuzz::require(if_none_match_names(h + ", " + other, etag), "a matching list still matches with a tag after it");
        fuzz::require(if_none_match_names(other + "," + h, etag), "a matching list still matches with a tag before it");
    }
    if (!names && header.find(opaque(etag)) == std::string_view::npos && header.find('*') == std::string_view::npos)
        fuzz::require(!if_none_match_names(header, other) || header.find(opaque(other)) != std::string_view::npos ||
                          header.find('*') != std::string_view::npos,
                      "a match needs the tag or a star in the header (second tag)");

    fuzz::require(if_none_match_names(etag, etag), "the tag alone matches");
    fuzz::require(if_none_match_names(weak, etag), "the weak tag matches");
    fuzz::require(if_none_match_names(" \t" + other + " ,, " + weak + " ,", etag), "the tag in a padded list matches");
    fuzz::require(!if_none_match_names(other, etag), "another tag does not match");

    check_request_path(header, *rep, names);
    return 0;
}
