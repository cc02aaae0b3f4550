#include <proeventa/http/content_coding.hpp>
#include <proeventa/text.hpp>

#include <zlib.h>

#include <charconv>
#include <stdexcept>

namespace proeventa::content_coding {
namespace {

/// The q-value of one Accept-Encoding element ("gzip;q=0.5"): 1 when absent, -1 when malformed.
double q_value(std::string_view params) {
    double q = 1.0;
    while (!params.empty()) {
        const auto semi = params.find(';');
        auto param = text::trim(params.substr(0, semi));
        params = semi == std::string_view::npos ? std::string_view{} : params.substr(semi + 1);
        if (param.empty()) continue;
        const auto eq = param.find('=');
        if (eq == std::string_view::npos) return -1;
        if (text::lower_ascii(text::trim(param.substr(0, eq))) != "q") continue;
        const auto value = text::trim(param.substr(eq + 1));
        if (value.empty() || value.size() > 5) return -1;
        const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), q);
        if (ec != std::errc() || end != value.data() + value.size() || q < 0 || q > 1) return -1;
    }
    return q;
}

}  // namespace

bool accepts_gzip(std::string_view header) {
    double gzip_q = -1, star_q = -1;
    while (!header.empty()) {
        const auto comma = header.find(',');
        auto element = header.substr(0, comma);
        header = comma == std::string_view::npos ? std::string_view{} : header.substr(comma + 1);
        const auto semi = element.find(';');
        const auto coding = text::lower_ascii(text::trim(element.substr(0, semi)));
        const double q = q_value(semi == std::string_view::npos ? std::string_view{} : element.substr(semi + 1));
        if (q < 0) continue;  // a malformed element says nothing
        if (coding == "gzip" || coding == "x-gzip") gzip_q = q;
        else if (coding == "*") star_q = q;
    }
    if (gzip_q >= 0) return gzip_q > 0;  // an explicit gzip;q=0 wins over *
    return star_q > 0;
}

bool compressible(std::string_view content_type) {
    const auto type = text::lower_ascii(text::trim(content_type.substr(0, content_type.find(';'))));
    return type.starts_with("text/") || type == "application/json" || type == "application/javascript" ||
           type == "image/svg+xml" || type == "application/manifest+json" || type.ends_with("+json");
}

std::string gzip(std::string_view data, int level) {
    z_stream zs{};
    // 15 window bits + 16: a gzip wrapper rather than zlib's.
    if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
        throw std::runtime_error("zlib: deflateInit2 failed");
    std::string out;
    out.resize(deflateBound(&zs, static_cast<uLong>(data.size())));
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    zs.next_out = reinterpret_cast<Bytef*>(out.data());
    zs.avail_out = static_cast<uInt>(out.size());
    const int rc = deflate(&zs, Z_FINISH);
    const auto written = zs.total_out;
    deflateEnd(&zs);
    if (rc != Z_STREAM_END) throw std::runtime_error("zlib: deflate did not finish");
    out.resize(written);
    return out;
}

std::string gunzip(std::string_view data) {
    z_stream zs{};
    if (inflateInit2(&zs, 15 + 16) != Z_OK) throw std::runtime_error("zlib: inflateInit2 failed");
    zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
    zs.avail_in = static_cast<uInt>(data.size());
    std::string out;
    char chunk[16384];
    int rc = Z_OK;
    while (rc == Z_OK) {
        zs.next_out = reinterpret_cast<Bytef*>(chunk);
        zs.avail_out = sizeof chunk;
        rc = inflate(&zs, Z_NO_FLUSH);
        if (rc != Z_OK && rc != Z_STREAM_END) break;
        out.append(chunk, sizeof chunk - zs.avail_out);
    }
    inflateEnd(&zs);
    if (rc != Z_STREAM_END) throw std::runtime_error("gzip body is corrupt or truncated");
    return out;
}

}  // namespace proeventa::content_coding
