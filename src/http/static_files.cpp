#include <proeventa/http/api_error.hpp>
#include <proeventa/http/accept.hpp>
#include <proeventa/http/content_coding.hpp>
#include <proeventa/http/representation.hpp>
#include <proeventa/http/spa_routes.hpp>
#include <proeventa/http/static_files.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <openssl/evp.h>

#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>

namespace proeventa {
namespace {

std::string content_type_for(std::string_view path) {
    static const std::map<std::string_view, std::string_view> types = {
        {".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
        {".mjs", "text/javascript; charset=utf-8"}, {".css", "text/css; charset=utf-8"},
        {".svg", "image/svg+xml"}, {".png", "image/png"}, {".ico", "image/x-icon"},
        {".json", "application/json"}, {".webmanifest", "application/manifest+json"},
        {".txt", "text/plain; charset=utf-8"}, {".woff2", "font/woff2"}};
    auto dot = path.rfind('.');
    if (dot != std::string_view::npos) {
        if (auto it = types.find(path.substr(dot)); it != types.end()) return std::string(it->second);
    }
    return "application/octet-stream";
}

std::string sha256_hex(std::string_view data, std::size_t chars) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
    static constexpr char hex[] = "0123456789abcdef";
    std::string out;
    for (unsigned i = 0; i < len && out.size() < chars; ++i) {
        out += hex[md[i] >> 4];
        out += hex[md[i] & 15];
    }
    return out;
}

// Only plain relative paths: no "..", no empty or hidden segments, no backslashes or control
// characters (a decoded %00 would cut a file name short on disk).
bool safe_relative(std::string_view rel) {
    if (rel.empty() || rel.size() > 512) return false;
    for (unsigned char c : rel)
        if (c < 0x20 || c == 0x7f || c == '\\') return false;
    std::size_t start = 0;
    while (start <= rel.size()) {
        auto end = rel.find('/', start);
        if (end == std::string_view::npos) end = rel.size();
        auto seg = rel.substr(start, end - start);
        if (seg.empty() || seg.front() == '.') return false;
        start = end + 1;
    }
    return true;
}

/// A file as served: its bytes, gzip form (made at build time for embedded text files) and ETag.
using asset = representation_ptr;

asset make_asset(std::string_view path, std::string body, std::optional<std::string_view> gzip_body) {
    auto rep = std::make_shared<representation>();
    rep->etag = strong_etag(body);
    rep->content_type = content_type_for(path);
    if (gzip_body) rep->gzip_body = std::string(*gzip_body);
    else if (body.size() >= content_coding::min_compressed_size && content_coding::compressible(rep->content_type))
        rep->gzip_body = content_coding::gzip(body, 9);
    // A gzip form that saves nothing is not worth a Vary.
    if (rep->gzip_body.size() >= body.size()) rep->gzip_body.clear();
    rep->body = std::move(body);
    return rep;
}

response respond(const request& req, const asset& found, bool immutable) {
    return represent(req, *found, immutable ? "public, max-age=31536000, immutable" : "no-cache");
}

// Read at start-up, before any I/O thread runs: a missing or broken routes.json is a start-up error.
spa_routes load_pages(std::optional<std::string_view> text, std::string_view where) {
    if (!text) throw std::runtime_error("the SPA's routes.json is missing from " + std::string(where));
    try {
        return spa_routes::parse(*text);
    } catch (const std::invalid_argument& e) {
        throw std::runtime_error(std::string(e.what()) + " (in " + std::string(where) + ")");
    }
}

std::optional<std::string> read_whole_file(const std::filesystem::path& path) {
    std::error_code ec;
    // A directory opens as a stream too, and would be served as an empty 200.
    if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

struct static_files::impl {
    std::map<std::string, asset, std::less<>> assets;  // embedded mode
    std::string version;                                 // content hash of the whole SPA
    std::optional<std::filesystem::path> root;           // development mode
    net::thread_pool* blocking = nullptr;
    spa_routes pages;

    awaitable<std::optional<asset>> load(std::string rel) const {
        if (!root) {
            auto it = assets.find(rel);
            co_return it == assets.end() ? std::nullopt : std::optional<asset>(it->second);
        }
        auto read = [path = *root / rel]() -> awaitable<std::optional<std::string>> {
            co_return read_whole_file(path);
        };
        // Disk reads happen on the blocking pool, never on an I/O thread.
        auto body = co_await net::co_spawn(*blocking, read, use_awaitable);
        if (!body) co_return std::nullopt;
        co_return make_asset(rel, std::move(*body), std::nullopt);
    }
};

static_files::static_files(std::span<const embedded_file> files, std::span<const embedded_file> gzip_files)
    : impl_(std::make_unique<impl>()) {
    std::map<std::string_view, std::string_view> gzip_of;
    for (const auto& f : gzip_files)
        if (f.path.ends_with(".gz")) gzip_of.emplace(f.path.substr(0, f.path.size() - 3), f.data);
    std::string all;
    std::optional<std::string_view> routes_json;
    for (const auto& f : files) {
        all += f.path;
        all += f.data;
        if (f.path == "routes.json") routes_json = f.data;
    }
    impl_->pages = load_pages(routes_json, "the embedded web files");
    impl_->version = sha256_hex(all, 12);
    for (const auto& f : files) {
        std::string body(f.data);
        if (f.path == "index.html") {
            // Point the page at the versioned prefix so every asset it loads, and every module
            // those import relatively, is cacheable for good.
            const std::string from = "\"/assets/", to = "\"/v/" + impl_->version + "/assets/";
            for (auto pos = body.find(from); pos != std::string::npos; pos = body.find(from, pos + to.size()))
                body.replace(pos, from.size(), to);
        }
        // index.html was just rewritten: its build-time gzip form no longer matches it.
        std::optional<std::string_view> gzip_body;
        if (auto it = gzip_of.find(f.path); it != gzip_of.end() && f.path != "index.html") gzip_body = it->second;
        impl_->assets.emplace(std::string(f.path), make_asset(f.path, std::move(body), gzip_body));
    }
}

static_files::static_files(std::filesystem::path web_root, net::thread_pool& blocking)
    : impl_(std::make_unique<impl>()) {
    const auto routes_json = read_whole_file(web_root / "routes.json");
    impl_->pages = load_pages(routes_json, web_root.string());
    impl_->root = std::move(web_root);
    impl_->blocking = &blocking;
}

static_files::~static_files() = default;

awaitable<response> static_files::serve(request_context& ctx) {
    const auto& req = ctx.req();
    if (impl_->pages.matches(req.target())) {
        auto page = co_await impl_->load("index.html");
        if (!page) throw errors::not_found("the app's index.html is missing");
        co_return respond(req, *page, false);
    }

    std::string rel = ctx.path().empty() ? std::string() : ctx.path().substr(1);
    bool immutable = false;
    if (!impl_->version.empty() && rel.rfind("v/", 0) == 0) {
        auto slash = rel.find('/', 2);
        if (slash != std::string::npos) {
            immutable = rel.compare(2, slash - 2, impl_->version) == 0;
            rel = rel.substr(slash + 1);
        }
    }
    if (safe_relative(rel)) {
        if (auto found = co_await impl_->load(std::move(rel))) co_return respond(req, *found, immutable);
    }

    // Not a page and not a file. A browser gets the app itself, which renders its not-found
    // view, under a 404 so that crawlers, link checkers and caches know the page is not there.
    if (prefers_html(ctx.header("Accept"))) {
        if (auto page = co_await impl_->load("index.html")) {
            response res{http::status::not_found, req.version()};
            res.set(http::field::content_type, (*page)->content_type);
            res.set(http::field::cache_control, "no-store");
            res.body() = (*page)->body;
            res.prepare_payload();
            co_return res;
        }
    }
    throw errors::not_found("no route for " + ctx.path());
}

}  // namespace proeventa
