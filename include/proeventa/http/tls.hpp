#pragma once
// The server's TLS settings: certificate and key files, and the one place the protocol
// versions and cipher suites are chosen.
#include <filesystem>
#include <memory>

namespace boost::asio::ssl {
class context;
}

namespace proeventa {

struct tls_files {
    std::filesystem::path certificate_chain;  // PEM, leaf first
    std::filesystem::path private_key;        // PEM
};

/// A server context: TLS 1.2 and 1.3 only, forward-secret AEAD suites, no compression or
/// renegotiation. Reads the files (start-up only); throws std::runtime_error naming the file
/// that could not be used.
std::unique_ptr<boost::asio::ssl::context> make_tls_server_context(const tls_files& files);

}  // namespace proeventa
