#pragma once
// A response body made once and sent many times: its bytes, their gzip form, and a strong ETag.
// Public reads (event pages, lists, seat maps) are cached as representations, so answering
// one costs a copy of ready bytes instead of building and serialising a JSON tree; and a
// client that already holds them gets a bodiless 304.
#include <proeventa/net.hpp>

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace proeventa {

struct representation {
    std::string body;
    std::string gzip_body;  // empty: not worth compressing
    std::string etag;       // quoted, strong
    std::string content_type;
    std::vector<std::pair<std::string, std::string>> headers;  // e.g. X-Total-Count

    /// Bytes held, for cache budgets.
    std::size_t weight() const;
};
using representation_ptr = std::shared_ptr<const representation>;

/// Computes the ETag and, for a compressible body over the threshold, the gzip form.
representation_ptr make_representation(std::string body, std::string content_type = "application/json",
                                       std::vector<std::pair<std::string, std::string>> headers = {});

/// A strong ETag for `body`: a quoted 128-bit digest in hex.
std::string strong_etag(std::string_view body);

/// RFC 9110 §13.1.2: does an If-None-Match value (a list of entity tags, or `*`) name `etag`?
/// Weak comparison, as the RFC asks for this header. A malformed list matches nothing, so the
/// full answer is sent.
bool if_none_match_names(std::string_view header, std::string_view etag);
/// The same over every If-None-Match field of the request.
bool if_none_match_names(const request& req, std::string_view etag);

/// What may keep a copy: anyone (shared caches too) for public reads, only the browser for
/// answers that depend on who asks. Both revalidate every time (the ETag makes that cheap).
inline constexpr std::string_view cache_public = "public, no-cache";
inline constexpr std::string_view cache_private = "private, no-cache";

/// 304 when the request already holds it, else 200 with the gzip body when the client takes
/// it. Vary: Accept-Encoding whenever a gzip form exists.
response represent(const request& req, const representation& rep, std::string_view cache_control);

}  // namespace proeventa
