#pragma once
// Response compression: which clients take gzip, which bodies are worth it, and the deflate
// itself (zlib). Used once per cached representation and per uncached large response.
#include <string>
#include <string_view>

namespace proeventa::content_coding {

/// Bodies smaller than this go out as they are: gzip's header and a round trip of CPU cost more
/// than the bytes saved.
inline constexpr std::size_t min_compressed_size = 1024;

/// True when `accept_encoding` (RFC 9110 §12.5.3) takes gzip with a non-zero q-value, by name
/// or through `*`. An empty or malformed header takes nothing.
bool accepts_gzip(std::string_view accept_encoding);

/// Text formats (JSON, HTML, CSS, JavaScript, SVG, plain text) compress well; images and fonts
/// are compressed already.
bool compressible(std::string_view content_type);

/// The gzip (RFC 1952) form of `data`. `level` 1..9; 6 is zlib's balance of size and speed.
std::string gzip(std::string_view data, int level = 6);

/// Inflates a gzip body (tests and tools); throws std::runtime_error on corrupt input.
std::string gunzip(std::string_view data);

}  // namespace proeventa::content_coding
