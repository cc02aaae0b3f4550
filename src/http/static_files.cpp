#include <proeventa/http/api_error.hpp>
#include <proeventa/http/static_files.hpp>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/post.hpp>
#include <openssl/evp.h>

#include <fstream>
#include <map>
#include <sstream>

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

bool has_extension(std::string_view path) {
    auto slash = path.rfind('/');
    return path.find('.', slash == std::string_view::npos ? 0 : slash) != std::string_view::npos;
}

// Only plain relative paths: no "..", no empty or hidden segments.
bool safe_relative(std::string_view rel) {
    if (rel.empty() || rel.size() > 512) return false;
    std::size_t start = 0;
    while (start <= rel.size()) {
        auto end = rel.find('/', start);
        if (end == std::string_view::npos) end = rel.size();
        auto seg = rel.substr(start, end - start);
        if (seg.empty() || seg.front() == '.' || seg.find('\\') != std::string_view::npos) return false;
        start = end + 1;
    }
    return true;
}

struct asset {
    std::string body;
    std::string etag;
    std::string type;
};

}  // namespace

struct static_files::impl {
    std::map<std::string, asset, std::less<>> assets;  // embedded mode
    std::string version;                                 // content hash of the whole SPA
    std::optional<std::filesystem::path> root;           // development mode
    net::thread_pool* blocking = nullptr;

    static asset make_asset(std::string path, std::string body) {
        asset a;
        a.etag = "\"" + sha256_hex(body, 32) + "\"";
        a.type = content_type_for(path);
        a.body = std::move(body);
        return a;
    }
};

static_files::static_files(std::span<const embedded_file> files) : impl_(std::make_unique<impl>()) {
    std::string all;
    for (const auto& f : files) {
        all += f.path;
        all += f.data;
    }
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
        impl_->assets.emplace(std::string(f.path), impl::make_asset(std::string(f.path), std::move(body)));
    }
}

static_files::static_files(std::filesystem::path web_root, net::thread_pool& blocking)
    : impl_(std::make_unique<impl>()) {
    impl_->root = std::move(web_root);
    impl_->blocking = &blocking;
}

static_files::~static_files() = default;

awaitable<response> static_files::serve(request_context& ctx) {
    std::string rel = ctx.path().substr(1);
    bool immutable = false;
    if (!impl_->version.empty() && rel.rfind("v/", 0) == 0) {
        auto slash = rel.find('/', 2);
        if (slash != std::string::npos) {
            immutable = rel.compare(2, slash - 2, impl_->version) == 0;
            rel = rel.substr(slash + 1);
        }
    }
    // Client-side routes: anything without a file extension is the app itself.
    if (rel.empty() || !has_extension(rel)) rel = "index.html";
    if (!safe_relative(rel)) throw errors::not_found("no such file");

    asset found;
    if (impl_->root) {
        auto path = *impl_->root / rel;
        auto read_file = [path]() -> awaitable<std::optional<std::string>> {
            std::ifstream in(path, std::ios::binary);
            if (!in) co_return std::nullopt;
            std::ostringstream ss;
            ss << in.rdbuf();
            co_return ss.str();
        };
        // Disk reads happen on the blocking pool, never on an I/O thread.
        auto body = co_await net::co_spawn(*impl_->blocking, read_file, use_awaitable);
        if (!body) throw errors::not_found("no such file");
        found = impl::make_asset(rel, std::move(*body));
    } else {
        auto it = impl_->assets.find(rel);
        if (it == impl_->assets.end()) throw errors::not_found("no such file");
        found = it->second;
    }

    const auto& req = ctx.req();
    response res{http::status::ok, req.version()};
    res.set(http::field::etag, found.etag);
    res.set(http::field::cache_control,
            immutable ? "public, max-age=31536000, immutable" : "no-cache");
    if (req[http::field::if_none_match] == found.etag) {
        res.result(http::status::not_modified);
        co_return res;
    }
    res.set(http::field::content_type, found.type);
    res.body() = std::move(found.body);
    res.prepare_payload();
    co_return res;
}

}  // namespace proeventa
