#pragma once
// What the operations tests share beyond test_support: the real binary started with any
// arguments (server_process insists on a plain-HTTP /health), a TLS client, and a runner for
// the command-line tools (openssl, pg_basebackup, haproxy) the tests drive.
#include "test_support.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace proeventa::test::ops {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = net::ip::tcp;

inline std::string read_text(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

/// Runs a shell command line (fixed strings written by the test, never input) and returns
/// its exit status and output.
struct command_result {
    int status = -1;
    std::string output;
};
inline command_result shell(const std::string& command) {
    command_result r;
    FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
    if (!pipe) return r;
    char buf[4096];
    while (auto n = std::fread(buf, 1, sizeof buf, pipe)) r.output.append(buf, n);
    const int status = ::pclose(pipe);
    r.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return r;
}

/// Any program as a child: its output in a log file, SIGTERM to it when the test process dies.
class child_process {
public:
    child_process(std::vector<std::string> args, std::vector<std::string> extra_env, std::string log_path)
        : log_path_(std::move(log_path)) {
        std::vector<std::string> env_storage;
        for (char** e = environ; *e; ++e) env_storage.emplace_back(*e);
        for (auto& e : extra_env) env_storage.push_back(std::move(e));
        std::vector<char*> argv, envp;
        for (auto& a : args) argv.push_back(a.data());
        argv.push_back(nullptr);
        for (auto& e : env_storage) envp.push_back(e.data());
        envp.push_back(nullptr);
        const pid_t parent = ::getpid();
        pid_ = ::fork();
        if (pid_ < 0) throw std::runtime_error("cannot fork");
        if (pid_ == 0) {
            ::prctl(PR_SET_PDEATHSIG, SIGTERM);
            if (::getppid() != parent) ::_exit(127);
            const int log = ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
            if (log >= 0) {
                ::dup2(log, STDERR_FILENO);
                ::dup2(log, STDOUT_FILENO);
            }
            ::execve(argv[0], argv.data(), envp.data());
            ::_exit(127);
        }
    }
    ~child_process() { stop(SIGTERM); }
    child_process(const child_process&) = delete;

    int pid() const { return pid_; }
    bool running() {
        if (pid_ <= 0) return false;
        int status = 0;
        if (::waitpid(pid_, &status, WNOHANG) == pid_) {
            pid_ = -1;
            exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
            return false;
        }
        return true;
    }
    /// Sends `signal`, waits (30 s, then SIGKILL) and returns the exit status.
    int stop(int signal = SIGTERM) {
        if (!running()) return exit_status_;
        ::kill(pid_, signal);
        int status = 0;
        if (!eventually([&] { return ::waitpid(pid_, &status, WNOHANG) != 0; }, std::chrono::seconds(30))) {
            ::kill(pid_, SIGKILL);
            ::waitpid(pid_, &status, 0);
        }
        pid_ = -1;
        exit_status_ = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
        return exit_status_;
    }
    std::string log() const { return read_text(log_path_); }

private:
    int pid_ = -1;
    int exit_status_ = -1;
    std::string log_path_;
};

inline unsigned short free_port() {
    net::io_context ioc;
    tcp::acceptor a(ioc, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0));
    return a.local_endpoint().port();
}

/// A self-signed certificate for 127.0.0.1 made by the openssl command, in `dir`.
struct certificate {
    std::string cert, key;
};
inline certificate make_certificate(const std::string& dir) {
    certificate c{dir + "/cert.pem", dir + "/key.pem"};
    const auto r = shell("openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 "
                         "-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 -keyout " +
                         c.key + " -out " + c.cert);
    if (r.status != 0) throw std::runtime_error("openssl req failed: " + r.output);
    return c;
}

/// One HTTPS request on a fresh TLS connection that trusts `ca_file` and checks the server is
/// 127.0.0.1. `configure` may narrow the client's protocol versions. Throws on any failure.
struct tls_answer {
    int status = 0;
    std::string body;
    std::string hsts;
    std::string protocol;  // "TLSv1.3"
};
template <class Configure>
tls_answer tls_get(unsigned short port, const std::string& ca_file, const std::string& target,
                   Configure&& configure) {
    net::io_context ioc;
    ssl::context ctx(ssl::context::tls_client);
    ctx.load_verify_file(ca_file);
    ctx.set_verify_mode(ssl::verify_peer);
    configure(ctx);
    beast::ssl_stream<beast::tcp_stream> stream(ioc, ctx);
    X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(stream.native_handle()), "127.0.0.1");
    beast::get_lowest_layer(stream).expires_after(std::chrono::seconds(20));
    beast::get_lowest_layer(stream).connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
    stream.handshake(ssl::stream_base::client);
    bhttp::request<bhttp::empty_body> req{bhttp::verb::get, target, 11};
    req.set(bhttp::field::host, "127.0.0.1");
    req.keep_alive(false);
    bhttp::write(stream, req);
    beast::flat_buffer buffer;
    bhttp::response<bhttp::string_body> res;
    bhttp::read(stream, buffer, res);
    tls_answer out{static_cast<int>(res.result_int()), res.body(), std::string(res[bhttp::field::strict_transport_security]),
                   SSL_get_version(stream.native_handle())};
    boost::system::error_code ec;
    stream.shutdown(ec);  // the server's close_notify; a truncation would show here as an error
    if (ec && ec != net::error::eof) throw boost::system::system_error(ec, "TLS shutdown");
    return out;
}
inline tls_answer tls_get(unsigned short port, const std::string& ca_file, const std::string& target) {
    return tls_get(port, ca_file, target, [](ssl::context&) {});
}

}  // namespace proeventa::test::ops
