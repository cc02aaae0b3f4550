#pragma once
// Serves the SPA: the copy embedded at build time (default) or, for development, a folder read
// on a helper thread. The SPA's own routes (its routes.json, read once at start-up) get
// index.html; files get themselves; any other path is a 404: index.html with status 404 for a
// browser (the SPA then renders its not-found view), the JSON error body for anyone else.
// Embedded assets are also served under /v/<content hash>/..., which index.html is rewritten to
// use, so they can be cached for a year while index.html itself is always revalidated.
#include <proeventa/embedded.hpp>
#include <proeventa/http/request_context.hpp>

#include <boost/asio/thread_pool.hpp>

#include <filesystem>
#include <memory>
#include <span>

namespace proeventa {

class static_files {
public:
    /// Both throw std::runtime_error when routes.json is missing or invalid.
    /// `gzip_files` hold the gzip form of text files, compressed at build time, named
    /// `<path>.gz`; files without one are compressed here, once, if worth it.
    static_files(std::span<const embedded_file> files, std::span<const embedded_file> gzip_files = {});
    static_files(std::filesystem::path web_root, net::thread_pool& blocking);
    ~static_files();

    /// For GET and HEAD requests no API route matched.
    awaitable<response> serve(request_context& ctx);

private:
    struct impl;
    std::unique_ptr<impl> impl_;
};

}  // namespace proeventa
