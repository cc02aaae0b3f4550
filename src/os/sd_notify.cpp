#include <proeventa/os/sd_notify.hpp>

#include <cerrno>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <string>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace proeventa::os {
namespace {

std::optional<std::string> take_env(const char* name) {
    const char* v = std::getenv(name);
    if (!v) return std::nullopt;
    std::string value(v);
    ::unsetenv(name);
    return value;
}

// WATCHDOG_USEC applies to us only when WATCHDOG_PID is absent or names this process.
std::optional<std::chrono::microseconds> watchdog_from(const std::optional<std::string>& usec,
                                                       const std::optional<std::string>& pid) {
    if (!usec) return std::nullopt;
    if (pid && std::strtoll(pid->c_str(), nullptr, 10) != ::getpid()) return std::nullopt;
    char* end = nullptr;
    const auto value = std::strtoll(usec->c_str(), &end, 10);
    if (end == usec->c_str() || *end != '\0' || value <= 0) return std::nullopt;
    return std::chrono::microseconds(value);
}

}  // namespace

service_notifier service_notifier::from_environment() {
    auto socket = take_env("NOTIFY_SOCKET");
    auto usec = take_env("WATCHDOG_USEC");
    auto pid = take_env("WATCHDOG_PID");
    return service_notifier(socket.value_or(""), watchdog_from(usec, pid));
}

service_notifier::service_notifier(std::string socket_path, std::optional<std::chrono::microseconds> watchdog)
    : socket_path_(std::move(socket_path)), watchdog_(watchdog) {
    // Only filesystem paths and abstract names are ours to speak to (systemd also allows
    // vsock addresses, which a ProEventa host does not use).
    if (!socket_path_.empty() && socket_path_[0] != '/' && socket_path_[0] != '@') socket_path_.clear();
    sockaddr_un probe{};
    if (socket_path_.size() >= sizeof probe.sun_path) socket_path_.clear();
}

void service_notifier::notify(std::string_view state) const noexcept {
    if (socket_path_.empty()) return;
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::memcpy(addr.sun_path, socket_path_.data(), socket_path_.size());
    if (addr.sun_path[0] == '@') addr.sun_path[0] = '\0';  // abstract namespace
    const auto length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + socket_path_.size());

    const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
    if (fd < 0) return;
    ssize_t sent;
    do {
        sent = ::sendto(fd, state.data(), state.size(), MSG_NOSIGNAL, reinterpret_cast<const sockaddr*>(&addr),
                        length);
    } while (sent < 0 && errno == EINTR);
    ::close(fd);
}

std::optional<std::chrono::microseconds> service_notifier::watchdog_interval() const {
    if (!watchdog_ || socket_path_.empty()) return std::nullopt;
    return *watchdog_ / 2;
}

}  // namespace proeventa::os
