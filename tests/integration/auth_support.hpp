#pragma once
// Shared by the auth integration tests: a server with a known JWT secret on a fresh database,
// tokens minted by an independent implementation (PyJWT), and the error-body contract.
#include "test_support.hpp"

#include <array>
#include <cstdio>
#include <fstream>
#include <latch>
#include <map>
#include <string>
#include <thread>
#include <vector>
#include <unistd.h>

namespace proeventa::test::auth {

// 40 bytes, as a deployment would configure it.
inline const std::string jwt_secret = "integration-secret-0123456789-abcdefghij";
inline const std::string other_secret = "a-different-secret-0123456789-abcdefghij";
inline const std::string password = "correct-horse-battery";

struct auth_server {
    std::string db;
    server_process server;
    client c;

    explicit auth_server(const std::string& hint, std::map<std::string, std::string> env = {},
                         std::vector<std::string> args = {})
        : db(fresh_database(hint)),
          server(server_process::options{db, std::move(args), with_secret(std::move(env))}),
          c(server.port()) {}

    static std::map<std::string, std::string> with_secret(std::map<std::string, std::string> env) {
        env.emplace("PROEVENTA_JWT_SECRET", jwt_secret);
        return env;
    }
};

/// Every error answers with the one body shape.
inline void check_error(const http_result& res, int status, const std::string& code) {
    INFO("status " << res.status << " body " << res.body);
    REQUIRE(res.status == status);
    auto body = res.json().as_object();
    CHECK(body.at("status_code").as_int64() == status);
    CHECK(body.at("code").as_string() == code);
    CHECK(body.at("error").is_string());
    CHECK_FALSE(body.at("error").as_string().empty());
}

struct command_result {
    int exit_code = -1;
    std::string output;  // stdout and stderr together
};

inline command_result run_command(const std::string& command) {
    command_result r;
    FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::array<char, 4096> buf{};
    std::size_t n;
    while ((n = std::fread(buf.data(), 1, buf.size(), pipe)) > 0) r.output.append(buf.data(), n);
    const int status = ::pclose(pipe);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    return r;
}

/// Single-quoted for /bin/sh.
inline std::string shell_quote(const std::string& s) {
    std::string out = "'";
    for (char c : s) {
        if (c == '\'') out += "'\\''";
        else out += c;
    }
    return out + "'";
}

/// A token made by PyJWT (an implementation that shares no code with ours). With `header`,
/// the token is assembled by hand with that header and an HMAC-SHA256 signature, for the
/// algorithms PyJWT refuses to produce with a shared secret.
inline std::string mint_token(const std::string& payload_json, const std::string& secret,
                              const std::string& header_json = {}) {
    // Written once per test process and removed when it exits.
    struct script_file {
        std::string path = "/tmp/proeventa-auth-mint-" + std::to_string(::getpid()) + ".py";
        script_file() {
            std::ofstream(path) << R"PY(
import base64, hashlib, hmac, json, sys
import jwt
payload, secret = json.loads(sys.argv[1]), sys.argv[2]
if len(sys.argv) > 3:
    b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
    signing_input = b64(sys.argv[3].encode()) + "." + b64(json.dumps(payload).encode())
    sig = hmac.new(secret.encode(), signing_input.encode(), hashlib.sha256).digest()
    print(signing_input + "." + b64(sig))
else:
    print(jwt.encode(payload, secret, algorithm="HS256"))
)PY";
        }
        ~script_file() { std::remove(path.c_str()); }
        script_file(const script_file&) = delete;
    };
    static const script_file file;
    std::string cmd = "/usr/bin/python3 " + file.path + " " + shell_quote(payload_json) + " " +
                      shell_quote(secret);
    if (!header_json.empty()) cmd += " " + shell_quote(header_json);
    auto r = run_command(cmd);
    INFO(r.output);
    REQUIRE(r.exit_code == 0);
    while (!r.output.empty() && (r.output.back() == '\n' || r.output.back() == '\r'))
        r.output.pop_back();
    return r.output;
}

inline std::int64_t unix_now() {
    return std::chrono::duration_cast<std::chrono::seconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

/// The binary the server runs, found through /proc, so the `user` subcommand can be tested
/// against the very same build.
inline std::string server_binary(const server_process& server) {
    std::array<char, 4096> buf{};
    const auto link = "/proc/" + std::to_string(server.pid()) + "/exe";
    const auto n = ::readlink(link.c_str(), buf.data(), buf.size() - 1);
    REQUIRE(n > 0);
    return std::string(buf.data(), static_cast<std::size_t>(n));
}

/// One sample from /metrics, e.g. proeventa_auth_password_hashes_total.
inline std::uint64_t metric(client& c, const std::string& name) {
    const auto body = c.get("/metrics").body;
    const auto at = body.find("\n" + name + " ");
    INFO(body);
    REQUIRE(at != std::string::npos);
    return std::stoull(body.substr(at + name.size() + 2));
}

/// `count` logins sent at once, each on its own connection; `body_of(i)` is the i-th body and
/// `after(i)` runs when its answer is in. Threads only record (Catch2's assertions are not
/// thread-safe): callers check the results on the test's thread.
template <class BodyOf, class After>
std::vector<http_result> logins_at_once(unsigned short port, int count, BodyOf body_of, After after) {
    std::vector<client> clients;
    for (int i = 0; i < count; ++i) clients.emplace_back(port);
    std::vector<http_result> results(static_cast<std::size_t>(count));
    std::latch start(count);
    std::vector<std::thread> threads;
    for (int i = 0; i < count; ++i) {
        threads.emplace_back([&, i] {
            const auto idx = static_cast<std::size_t>(i);
            const boost::json::object body = body_of(i);
            start.arrive_and_wait();
            results[idx] = clients[idx].post("/auth/login", body);
            after(i);
        });
    }
    for (auto& t : threads) t.join();
    return results;
}

inline std::string login_token(client& c, const std::string& email, const std::string& pw = password) {
    auto res = c.post("/auth/login", {{"email", email}, {"password", pw}});
    INFO(res.body);
    REQUIRE(res.status == 200);
    return std::string(res.json().at("access_token").as_string());
}

}  // namespace proeventa::test::auth
