#include "test_support.hpp"

#include "run_end.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <libpq-fe.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <random>
#include <sstream>
#include <stdexcept>

#include <signal.h>
#include <fcntl.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace proeventa::test {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = net::ip::tcp;

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string unique_suffix() {
    static std::atomic<int> counter{0};
    std::random_device rd;
    return std::to_string(::getpid()) + "_" + std::to_string(counter++) + "_" + std::to_string(rd() % 100000);
}

struct pg_conn_closer {
    void operator()(PGconn* c) const { PQfinish(c); }
};

unsigned short free_port() {
    net::io_context ioc;
    tcp::acceptor a(ioc, tcp::endpoint(net::ip::make_address("127.0.0.1"), 0));
    return a.local_endpoint().port();
}

}  // namespace

std::string cluster_conninfo() {
    const char* dir = std::getenv("PROEVENTA_TEST_CLUSTER_DIR");
    std::string path = std::string(dir ? dir : PROEVENTA_TEST_CLUSTER_DIR) + "/conninfo";
    auto info = read_file(path);
    while (!info.empty() && (info.back() == '\n' || info.back() == ' ')) info.pop_back();
    if (info.empty()) throw std::runtime_error("no test cluster: " + path + " is missing (run via ctest)");
    return info;
}

std::vector<std::vector<std::string>> sql(const std::string& conninfo, const std::string& query) {
    std::unique_ptr<PGconn, pg_conn_closer> conn(PQconnectdb(conninfo.c_str()));
    if (PQstatus(conn.get()) != CONNECTION_OK)
        throw std::runtime_error(std::string("connect failed: ") + PQerrorMessage(conn.get()));
    PGresult* res = PQexec(conn.get(), query.c_str());
    const auto status = PQresultStatus(res);
    if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK) {
        std::string msg = PQresultErrorMessage(res);
        PQclear(res);
        throw std::runtime_error("SQL failed: " + msg + " in: " + query);
    }
    std::vector<std::vector<std::string>> rows;
    for (int r = 0; r < PQntuples(res); ++r) {
        std::vector<std::string> row;
        for (int c = 0; c < PQnfields(res); ++c) row.emplace_back(PQgetvalue(res, r, c));
        rows.push_back(std::move(row));
    }
    PQclear(res);
    return rows;
}

std::string fresh_database(const std::string& name_hint) {
    std::string name = "t_";
    for (char c : name_hint) name += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(c)) : '_';
    name = name.substr(0, 40) + "_" + unique_suffix();
    auto base = cluster_conninfo();
    sql(base, "CREATE DATABASE " + name);
    // Conninfo keywords: a later dbname overrides the earlier one.
    return base + " dbname=" + name;
}

// --- http ---------------------------------------------------------------------------------

boost::json::value http_result::json() const {
    boost::system::error_code ec;
    auto v = boost::json::parse(body, ec);
    INFO("body: " << body);
    REQUIRE_FALSE(ec);
    return v;
}

std::string http_result::header(const std::string& name) const {
    std::string key;
    for (char c : name) key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto it = headers.find(key);
    return it == headers.end() ? std::string{} : it->second;
}

struct client::impl {
    net::io_context ioc;
    beast::tcp_stream stream{ioc};
    beast::flat_buffer buffer;
    unsigned short port;
    bool connected = false;

    void connect() {
        stream.socket().close();
        stream.connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port));
        buffer.clear();
        connected = true;
    }
};

client::client(unsigned short port) : impl_(std::make_unique<impl>()) {
    impl_->port = port;
    impl_->connect();
}
client::~client() = default;
client::client(client&& other) noexcept = default;

http_result client::request(const std::string& method, const std::string& target,
                            const std::string& body, const std::map<std::string, std::string>& headers) {
    http::request<http::string_body> req;
    req.method_string(method);
    req.target(target);
    req.version(11);
    req.set(http::field::host, "127.0.0.1");
    req.keep_alive(true);
    for (const auto& [k, v] : headers) req.set(k, v);
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
        if (headers.find("Content-Type") == headers.end()) req.set(http::field::content_type, "application/json");
        req.body() = body;
        req.prepare_payload();
    }
    // A server may close an idle keep-alive connection: reconnect once and resend.
    for (int attempt = 0;; ++attempt) {
        try {
            if (!impl_->connected) impl_->connect();
            impl_->stream.expires_after(std::chrono::seconds(120));
            http::write(impl_->stream, req);
            http::response_parser<http::string_body> parser;
            parser.body_limit(64 * 1024 * 1024);
            if (method == "HEAD") parser.skip(true);
            http::read(impl_->stream, impl_->buffer, parser);
            auto res = parser.release();
            http_result out;
            out.status = res.result_int();
            out.body = res.body();
            for (const auto& f : res) {
                std::string key(f.name_string());
                for (auto& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
                out.headers[key] = std::string(f.value());
            }
            if (!res.keep_alive()) impl_->connected = false;
            return out;
        } catch (const boost::system::system_error&) {
            impl_->connected = false;
            if (attempt >= 1) throw;
        }
    }
}

namespace {
std::map<std::string, std::string> auth_headers(const std::string& token) {
    std::map<std::string, std::string> h;
    if (!token.empty()) h["Authorization"] = "Bearer " + token;
    return h;
}
}  // namespace

http_result client::get(const std::string& target, const std::string& token) {
    return request("GET", target, {}, auth_headers(token));
}
http_result client::post(const std::string& target, const boost::json::value& body, const std::string& token) {
    return request("POST", target, boost::json::serialize(body), auth_headers(token));
}
http_result client::put(const std::string& target, const boost::json::value& body, const std::string& token) {
    return request("PUT", target, boost::json::serialize(body), auth_headers(token));
}
http_result client::patch(const std::string& target, const boost::json::value& body, const std::string& token) {
    return request("PATCH", target, boost::json::serialize(body), auth_headers(token));
}
http_result client::del(const std::string& target, const std::string& token) {
    return request("DELETE", target, {}, auth_headers(token));
}

// --- server process ---------------------------------------------------------------------------

server_process::server_process(options opts) {
    port_ = free_port();
    log_path_ = "/tmp/proeventa-test-" + unique_suffix() + ".log";
    std::vector<std::string> args = {PROEVENTA_BINARY, "--port", std::to_string(port_),
                                     "--database-url", opts.database_url, "--threads", "2"};
    for (auto& a : opts.extra_args) args.push_back(a);

    std::vector<std::string> env_storage;
    for (char** e = environ; *e; ++e) env_storage.emplace_back(*e);
    if (opts.env.find("PROEVENTA_JWT_SECRET") == opts.env.end())
        env_storage.emplace_back("PROEVENTA_JWT_SECRET=test-secret-0123456789abcdef0123456789abcdef");
    if (opts.env.find("PROEVENTA_DATA_DIR") == opts.env.end())
        env_storage.emplace_back("PROEVENTA_DATA_DIR=/tmp/proeventa-test-data-" + unique_suffix());
    for (auto& [k, v] : opts.env) env_storage.push_back(k + "=" + v);

    std::vector<char*> argv, envp;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    for (auto& e : env_storage) envp.push_back(e.data());
    envp.push_back(nullptr);

    // fork + exec rather than posix_spawn, to ask for SIGTERM when this test process dies: a
    // crashed test must not leave its server running.
    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) throw std::runtime_error("cannot fork");
    if (pid == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        if (::getppid() != parent) ::_exit(127);
        const int err = ::open(log_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        const int nul = ::open("/dev/null", O_WRONLY);
        if (err >= 0) ::dup2(err, STDERR_FILENO);
        if (nul >= 0) ::dup2(nul, STDOUT_FILENO);
        ::execve(argv[0], argv.data(), envp.data());
        ::_exit(127);
    }
    pid_ = pid;

    const bool healthy = eventually(
        [this] {
            int status;
            if (::waitpid(pid_, &status, WNOHANG) == pid_) {
                pid_ = -1;
                throw std::runtime_error("proeventa exited during start-up:\n" + log());
            }
            try {
                client c(port_);
                return c.get("/health").status == 200;
            } catch (const std::exception&) {
                return false;  // not listening yet
            }
        },
        std::chrono::seconds(60), std::chrono::milliseconds(50));
    if (healthy) return;
    stop(SIGKILL);
    throw std::runtime_error("proeventa did not become healthy:\n" + log());
}

server_process::~server_process() {
    // Every server a test leaves running must shut down cleanly on SIGTERM. Under the
    // sanitizer presets this is also where a report the server wrote at exit (a leak, a
    // use-after-free during shutdown) shows up: as its exit status, with the report in its log.
    bool clean = true;
    if (pid_ > 0) {
        const int status = stop(SIGTERM);
        if (status != 0) {
            clean = false;
            fail_run("proeventa exited with status " + std::to_string(status) + " after SIGTERM (log kept at " +
                     log_path_ + "):\n" + log());
        }
    }
    if (clean && !std::getenv("PROEVENTA_TEST_KEEP_LOGS")) std::remove(log_path_.c_str());
}

int server_process::stop(int signal, std::chrono::seconds timeout) {
    if (pid_ <= 0) return -1;
    ::kill(pid_, signal);
    int status = 0;
    if (!eventually([&] { return ::waitpid(pid_, &status, WNOHANG) != 0; }, timeout)) {
        ::kill(pid_, SIGKILL);
        ::waitpid(pid_, &status, 0);
    }
    pid_ = -1;
    if (WIFEXITED(status)) return WEXITSTATUS(status);
    return 128 + WTERMSIG(status);
}

std::string server_process::log() const { return read_file(log_path_); }

std::string server_process::log_containing(const std::string& needle, std::chrono::seconds timeout) const {
    std::string text;
    eventually([&] {
        text = log();
        return text.find(needle) != std::string::npos;
    }, timeout);
    return text;
}

test_user make_user(client& c, const std::string& conninfo, const std::string& email, const std::string& role) {
    const std::string password = "correct-horse-battery";
    auto signup = c.post("/auth/signup", {{"email", email}, {"password", password}, {"full_name", "Test " + email}});
    INFO("signup " << email << ": " << signup.body);
    REQUIRE(signup.status == 201);
    test_user u;
    u.email = email;
    u.id = signup.json().at("id").as_int64();
    if (role != "customer") sql(conninfo, "UPDATE users SET role = '" + role + "' WHERE id = " + std::to_string(u.id));
    auto login = c.post("/auth/login", {{"email", email}, {"password", password}});
    INFO("login " << email << ": " << login.body);
    REQUIRE(login.status == 200);
    u.token = std::string(login.json().at("access_token").as_string());
    return u;
}

}  // namespace proeventa::test
