// HTTPS served by the binary itself (--tls-cert/--tls-key), with a self-signed certificate the
// openssl command makes: requests work over TLS 1.3 and 1.2, HSTS comes only over TLS, plain
// HTTP on the TLS port gets a clean refusal, TLS 1.1 is refused even by a client that offers
// it, and a client that stalls in the handshake is cut off.
#include "ops_support.hpp"
#include "raw_connection.hpp"

#include <filesystem>
#include <optional>

#include <openssl/ssl.h>

using namespace proeventa::test;
using namespace proeventa::test::ops;

namespace {

struct tls_server {
    std::string dir;
    certificate cert;
    unsigned short port = free_port();
    std::optional<child_process> process;

    explicit tls_server(const std::string& db, std::vector<std::string> extra = {}) {
        dir = "/tmp/proeventa-tls-" + std::to_string(::getpid()) + "-" + std::to_string(port);
        std::filesystem::create_directories(dir);
        cert = make_certificate(dir);
        std::vector<std::string> args = {PROEVENTA_BINARY, "--port", std::to_string(port), "--database-url", db,
                                         "--threads", "2", "--tls-cert", cert.cert, "--tls-key", cert.key};
        for (auto& a : extra) args.push_back(a);
        process.emplace(args,
                        std::vector<std::string>{"PROEVENTA_JWT_SECRET=test-secret-0123456789abcdef0123456789abcdef",
                                                 "PROEVENTA_DATA_DIR=" + dir + "/data"},
                        dir + "/server.log");
        const bool up = eventually(
            [&] {
                if (!process->running()) throw std::runtime_error("proeventa exited:\n" + process->log());
                try {
                    return tls_get(port, cert.cert, "/health").status == 200;
                } catch (const std::exception&) {
                    return false;
                }
            },
            std::chrono::seconds(60), std::chrono::milliseconds(50));
        if (!up) throw std::runtime_error("the TLS server did not come up:\n" + process->log());
    }
    ~tls_server() {
        const int status = process->stop(SIGTERM);
        CHECK(status == 0);
        if (status == 0) std::filesystem::remove_all(dir);
    }
};

// A raw TCP connection: what it reads until the server closes, and whether it did.
struct raw_result {
    std::string bytes;
    bool closed_by_server = false;
};
raw_result raw_exchange(unsigned short port, const std::string& send) {
    raw_connection c(port);
    if (!send.empty()) c.send(send);
    raw_result r;
    r.bytes = c.read_all();
    r.closed_by_server = c.closed_by_server;
    return r;
}

}  // namespace

TEST_CASE("HTTPS: TLS 1.3 and 1.2 work, HSTS only over TLS, plain HTTP and TLS 1.1 refused") {
    auto db = fresh_database("ops_tls");
    tls_server server(db);

    auto health = tls_get(server.port, server.cert.cert, "/health");
    CHECK(health.status == 200);
    CHECK(health.protocol == "TLSv1.3");
    CHECK(health.hsts == "max-age=31536000");
    CHECK(tls_get(server.port, server.cert.cert, "/events/events").status == 200);

    auto tls12 = tls_get(server.port, server.cert.cert, "/health", [](ssl::context& ctx) {
        SSL_CTX_set_max_proto_version(ctx.native_handle(), TLS1_2_VERSION);
    });
    CHECK(tls12.status == 200);
    CHECK(tls12.protocol == "TLSv1.2");

    // A client that offers only TLS 1.1, with every old cipher allowed on its side.
    CHECK_THROWS(tls_get(server.port, server.cert.cert, "/health", [](ssl::context& ctx) {
        SSL_CTX_set_security_level(ctx.native_handle(), 0);
        SSL_CTX_set_cipher_list(ctx.native_handle(), "ALL:@SECLEVEL=0");
        SSL_CTX_set_min_proto_version(ctx.native_handle(), TLS1_1_VERSION);
        SSL_CTX_set_max_proto_version(ctx.native_handle(), TLS1_1_VERSION);
    }));
    // A TLS 1.2 client limited to a suite without forward secrecy finds nothing in common.
    CHECK_THROWS(tls_get(server.port, server.cert.cert, "/health", [](ssl::context& ctx) {
        SSL_CTX_set_max_proto_version(ctx.native_handle(), TLS1_2_VERSION);
        SSL_CTX_set_cipher_list(ctx.native_handle(), "AES128-SHA");
    }));

    // Plain HTTP on the TLS port: a plain 400 saying so, then the close.
    auto plain = raw_exchange(server.port, "GET /health HTTP/1.1\r\nHost: x\r\n\r\n");
    CHECK(plain.closed_by_server);
    CHECK(plain.bytes.rfind("HTTP/1.1 400", 0) == 0);
    CHECK(plain.bytes.find("\"code\":\"https_required\"") != std::string::npos);

    // Still serving after all that.
    CHECK(tls_get(server.port, server.cert.cert, "/health").status == 200);
}

TEST_CASE("HTTPS: a client stalled in the handshake is cut off by the request deadline") {
    auto db = fresh_database("ops_tls_slow");
    tls_server server(db, {"--request-timeout-ms", "1000"});
    // The header of a handshake record announcing 512 bytes, then nothing more.
    auto stalled = raw_exchange(server.port, std::string("\x16\x03\x01\x02\x00", 5));
    CHECK(stalled.closed_by_server);
    CHECK(stalled.bytes.empty());
    // Silence from the first byte is cut off the same way.
    auto silent = raw_exchange(server.port, "");
    CHECK(silent.closed_by_server);
    CHECK(tls_get(server.port, server.cert.cert, "/health").status == 200);
}

TEST_CASE("plain HTTP sends no HSTS, even in production") {
    auto db = fresh_database("ops_tls_plain");
    server_process server({db, {"--env", "production"}});
    client c(server.port());
    auto health = c.get("/health");
    CHECK(health.status == 200);
    CHECK(health.header("strict-transport-security").empty());
}

TEST_CASE("a bad certificate path is a clear start-up error") {
    auto db = fresh_database("ops_tls_bad");
    const auto r = shell("PROEVENTA_DATA_DIR=/tmp/proeventa-tls-bad-" + std::to_string(::getpid()) +
                         " PROEVENTA_JWT_SECRET=test-secret-0123456789abcdef0123456789abcdef " +
                         std::string(PROEVENTA_BINARY) + " --database-url '" + db +
                         "' --port 0 --tls-cert /nonexistent/cert.pem --tls-key /nonexistent/key.pem");
    CHECK(r.status != 0);
    CHECK(r.output.find("--tls-cert") != std::string::npos);
    const auto half = shell(std::string(PROEVENTA_BINARY) + " --tls-cert /tmp/x.pem");
    CHECK(half.status == 2);
    CHECK(half.output.find("go together") != std::string::npos);
}
