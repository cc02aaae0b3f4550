#pragma once
// Who a request comes from when reverse proxies stand in front of us. The TCP peer of a
// proxied request is the proxy, so per-client limits keyed on it would put every client in one
// bucket. X-Forwarded-For names the client, but anyone can send that header: it is believed
// only from peers in --trusted-proxies, and only as far as the chain of trusted hops reaches.
#include <proeventa/net.hpp>

#include <boost/asio/ip/address.hpp>

#include <string>
#include <string_view>
#include <vector>

namespace proeventa {

/// An IPv4 or IPv6 network; a bare address is a /32 or /128.
struct ip_network {
    net::ip::address base;  // host bits are zero
    unsigned prefix = 0;

    bool contains(const net::ip::address& a) const;
    std::string to_string() const;
};

/// "10.0.0.0/8", "2001:db8::/32", "127.0.0.1", "::1". Throws std::invalid_argument with a
/// message fit for a start-up error (it quotes the entry and says what is wrong).
ip_network parse_ip_network(std::string_view text);

/// A set of networks, e.g. the trusted proxies. Empty: nothing is trusted.
class network_list {
public:
    network_list() = default;
    explicit network_list(std::vector<ip_network> networks) : networks_(std::move(networks)) {}
    /// Comma-separated entries (spaces around them ignored); throws std::invalid_argument.
    static network_list parse(std::string_view list);

    bool contains(const net::ip::address& a) const;
    bool empty() const { return networks_.empty(); }
    const std::vector<ip_network>& networks() const { return networks_; }

private:
    std::vector<ip_network> networks_;
};

/// The client's address. `peer` is the TCP peer; `forwarded_for` is every X-Forwarded-For
/// header's value joined with commas, in order. Only when `peer` is trusted, the answer is the
/// right-most forwarded address that is not itself trusted (the left-most when all are); a
/// malformed entry met on the way makes the answer `peer`, as does an empty header.
/// IPv4-mapped IPv6 addresses come out as plain IPv4.
std::string client_address(std::string_view peer, std::string_view forwarded_for,
                           const network_list& trusted);
/// The same for a request: reads (and joins) its X-Forwarded-For headers only if anything is
/// trusted, so a server without proxies does no work and ignores the header.
std::string client_address(std::string_view peer, const request& req, const network_list& trusted);

}  // namespace proeventa
