#include <proeventa/http/tls.hpp>

#include <boost/asio/ssl/context.hpp>

#include <openssl/ssl.h>

#include <stdexcept>

namespace proeventa {
namespace {

namespace ssl = boost::asio::ssl;

// Mozilla's "intermediate" TLS 1.2 list: ECDHE key exchange and AEAD ciphers only. TLS 1.3
// suites are all AEAD; OpenSSL's defaults for them stand.
constexpr const char* tls12_ciphers =
    "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
    "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
    "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305";

}  // namespace

std::unique_ptr<ssl::context> make_tls_server_context(const tls_files& files) {
    auto ctx = std::make_unique<ssl::context>(ssl::context::tls_server);
    ctx->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                     ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::no_compression |
                     ssl::context::single_dh_use);
    // The version floor is set explicitly too: the host's openssl.cnf may allow older ones.
    SSL_CTX* native = ctx->native_handle();
    SSL_CTX_set_min_proto_version(native, TLS1_2_VERSION);
    SSL_CTX_set_options(native, SSL_OP_NO_RENEGOTIATION);
    if (SSL_CTX_set_cipher_list(native, tls12_ciphers) != 1)
        throw std::runtime_error("TLS: the cipher list was refused by OpenSSL");
    boost::system::error_code ec;
    ctx->use_certificate_chain_file(files.certificate_chain.string(), ec);
    if (ec)
        throw std::runtime_error("--tls-cert: cannot use '" + files.certificate_chain.string() + "': " + ec.message());
    ctx->use_private_key_file(files.private_key.string(), ssl::context::pem, ec);
    if (ec) throw std::runtime_error("--tls-key: cannot use '" + files.private_key.string() + "': " + ec.message());
    if (SSL_CTX_check_private_key(native) != 1)
        throw std::runtime_error("--tls-key does not match the certificate in --tls-cert");
    return ctx;
}

}  // namespace proeventa
