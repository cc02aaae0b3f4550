// systemd readiness (Type=notify): the real binary started with a NOTIFY_SOCKET this test
// listens on, as systemd would start it. READY=1 must mean "answers": when it arrives, /health
// already answers 200. STOPPING=1 follows SIGTERM; WATCHDOG=1 keeps coming when asked for.
#include "test_support.hpp"

#include <atomic>
#include <string>
#include <filesystem>
#include <mutex>
#include <thread>
#include <vector>

#include <signal.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

using namespace proeventa::test;

namespace {

// A datagram socket standing in for systemd's. Each message is recorded with what /health
// answered at the moment it arrived (for READY=1).
class fake_systemd {
public:
    explicit fake_systemd(std::string path) : path_(std::move(path)) {
        std::filesystem::remove(path_);
        fd_ = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        REQUIRE(fd_ >= 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        REQUIRE(path_.size() < sizeof addr.sun_path);
        std::copy(path_.begin(), path_.end(), addr.sun_path);
        REQUIRE(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
        timeval tv{0, 100'000};
        ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    }
    ~fake_systemd() {
        stop_ = true;
        if (reader_.joinable()) reader_.join();
        ::close(fd_);
        std::filesystem::remove(path_);
    }
    const std::string& path() const { return path_; }

    /// Starts reading; on READY=1 it asks /health right away, on the port its STATUS names.
    void listen() {
        reader_ = std::thread([this] {
            char buf[4096];
            while (!stop_) {
                const auto n = ::recv(fd_, buf, sizeof buf, 0);
                if (n <= 0) continue;
                std::string message(buf, static_cast<std::size_t>(n));
                int health = -1;
                if (message.find("READY=1") != std::string::npos) {
                    try {
                        client c(status_port(message));
                        health = c.get("/health").status;
                    } catch (const std::exception&) {
                        health = 0;  // not even listening
                    }
                }
                std::lock_guard lock(mutex_);
                messages_.push_back({std::move(message), health});
            }
        });
    }

    struct received {
        std::string text;
        int health_when_received;
    };
    std::vector<received> messages() const {
        std::lock_guard lock(mutex_);
        return messages_;
    }
    std::size_t count(const std::string& needle) const {
        std::size_t n = 0;
        for (const auto& m : messages())
            if (m.text.find(needle) != std::string::npos) ++n;
        return n;
    }

private:
    // "STATUS=listening on port 8000" -> 8000 (0 when absent: the connection then fails).
    static unsigned short status_port(const std::string& message) {
        const std::string marker = "listening on port ";
        const auto at = message.find(marker);
        if (at == std::string::npos) return 0;
        return static_cast<unsigned short>(std::stoi(message.substr(at + marker.size())));
    }

    std::string path_;
    int fd_ = -1;
    std::thread reader_;
    std::atomic<bool> stop_{false};
    mutable std::mutex mutex_;
    std::vector<received> messages_;
};

}  // namespace

TEST_CASE("READY=1 arrives once /health answers, STOPPING=1 after SIGTERM, WATCHDOG=1 meanwhile") {
    auto db = fresh_database("ops_systemd");
    fake_systemd systemd("/tmp/proeventa-notify-" + std::to_string(::getpid()) + ".sock");
    systemd.listen();

    // WATCHDOG_USEC=200000: a heartbeat every 100 ms. The constructor returns once /health
    // answers; READY=1 may come just before or after that.
    server_process server({db, {}, {{"NOTIFY_SOCKET", systemd.path()}, {"WATCHDOG_USEC", "200000"}}});
    REQUIRE(eventually([&] { return systemd.count("READY=1") == 1; }));

    const auto messages = systemd.messages();
    for (const auto& m : messages) {
        if (m.text.find("READY=1") == std::string::npos) continue;
        INFO("READY message: " << m.text);
        CHECK(m.text.find("listening on port " + std::to_string(server.port())) != std::string::npos);
        CHECK(m.health_when_received == 200);
    }
    CHECK(systemd.count("STOPPING=1") == 0);
    // The heartbeat keeps coming: three more after READY (each 100 ms apart).
    const auto beats = systemd.count("WATCHDOG=1");
    CHECK(eventually([&] { return systemd.count("WATCHDOG=1") >= beats + 3; }));

    ::kill(server.pid(), SIGTERM);
    CHECK(eventually([&] { return systemd.count("STOPPING=1") == 1; }));
    CHECK(server.stop(SIGTERM) == 0);
    CHECK(systemd.count("READY=1") == 1);
}

TEST_CASE("without NOTIFY_SOCKET nothing is sent and the server runs as before") {
    auto db = fresh_database("ops_systemd_off");
    server_process server({db});
    client c(server.port());
    CHECK(c.get("/health").status == 200);
}
