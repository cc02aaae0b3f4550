#pragma once
// A real SMTP server for tests: Debian's aiosmtpd (python3-aiosmtpd), run by /usr/bin/python3 on
// loopback, storing every message it accepts in a maildir. Stopped (SIGTERM) when destroyed, so a
// test can take the server away and bring it back on the same port.
#include "eventually.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace proeventa::test {

/// A TCP port on 127.0.0.1 nobody listens on right now.
inline unsigned short free_port() {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    if (::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0)
        throw std::runtime_error("bind failed");
    socklen_t len = sizeof addr;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
    ::close(fd);
    return ntohs(addr.sin_port);
}

inline bool accepting(unsigned short port) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = htons(port);
    const bool ok = ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
    ::close(fd);
    return ok;
}

class smtp_sink {
public:
    smtp_sink(unsigned short port, std::filesystem::path maildir)
        : port_(port), maildir_(std::move(maildir)) {
        // aiosmtpd's Mailbox makes the maildir (with tmp/, new/, cur/) only if it does not exist.
        std::filesystem::create_directories(maildir_.parent_path());
        const std::string listen = "127.0.0.1:" + std::to_string(port_);
        pid_ = ::fork();
        if (pid_ == 0) {
            ::execl("/usr/bin/python3", "python3", "-m", "aiosmtpd", "-n", "-l", listen.c_str(), "-c",
                    "aiosmtpd.handlers.Mailbox", maildir_.c_str(), static_cast<char*>(nullptr));
            ::_exit(127);
        }
        if (pid_ < 0) throw std::runtime_error("fork failed");
        if (!eventually([&] { return accepting(port_); }, std::chrono::seconds(30)))
            throw std::runtime_error("aiosmtpd did not start on port " + std::to_string(port_));
    }
    ~smtp_sink() { stop(); }
    smtp_sink(const smtp_sink&) = delete;

    void stop() {
        if (pid_ <= 0) return;
        ::kill(pid_, SIGTERM);
        int status = 0;
        ::waitpid(pid_, &status, 0);
        pid_ = -1;
    }
    unsigned short port() const { return port_; }
    std::string url() const { return "smtp://127.0.0.1:" + std::to_string(port_); }

    /// Every message received so far, as the raw text aiosmtpd stored.
    std::vector<std::string> messages() const {
        std::vector<std::string> out;
        for (const char* sub : {"new", "cur"}) {
            const auto dir = maildir_ / sub;
            if (!std::filesystem::exists(dir)) continue;
            for (const auto& entry : std::filesystem::directory_iterator(dir)) {
                std::ifstream in(entry.path(), std::ios::binary);
                std::stringstream text;
                text << in.rdbuf();
                out.push_back(text.str());
            }
        }
        return out;
    }

private:
    unsigned short port_;
    std::filesystem::path maildir_;
    pid_t pid_ = -1;
};

}  // namespace proeventa::test
