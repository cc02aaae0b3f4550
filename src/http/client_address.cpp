#include <proeventa/http/client_address.hpp>
#include <proeventa/text.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <stdexcept>

namespace proeventa {
namespace {

using net::ip::address;

using text::trim;

/// A dual-stack socket reports IPv4 clients as ::ffff:a.b.c.d; one spelling per client keeps
/// the throttling keys and the trust checks from depending on how the listener was bound.
address canonical(const address& a) {
    if (a.is_v6() && a.to_v6().is_v4_mapped())
        return net::ip::make_address_v4(net::ip::v4_mapped, a.to_v6());
    return a;
}

std::optional<address> parse_address(std::string_view text) {
    boost::system::error_code ec;
    const auto a = net::ip::make_address(std::string(text), ec);
    if (ec) return std::nullopt;
    return canonical(a);
}

unsigned width(const address& a) { return a.is_v4() ? 32u : 128u; }

/// The 16 bytes of an IPv6 address or the 4 of an IPv4 one (the rest zero), most significant first.
std::array<unsigned char, 16> bytes_of(const address& a) {
    std::array<unsigned char, 16> out{};
    if (a.is_v4()) {
        const auto b = a.to_v4().to_bytes();
        std::copy(b.begin(), b.end(), out.begin());
    } else {
        out = a.to_v6().to_bytes();
    }
    return out;
}

bool same_prefix(const address& a, const address& b, unsigned prefix) {
    const auto x = bytes_of(a), y = bytes_of(b);
    const unsigned whole = prefix / 8, rest = prefix % 8;
    for (unsigned i = 0; i < whole; ++i)
        if (x[i] != y[i]) return false;
    if (rest == 0) return true;
    const auto mask = static_cast<unsigned char>(0xFF << (8 - rest));
    return (x[whole] & mask) == (y[whole] & mask);
}

bool host_bits_zero(const address& a, unsigned prefix) {
    const auto x = bytes_of(a);
    for (unsigned bit = prefix; bit < width(a); ++bit)
        if (x[bit / 8] & (0x80 >> (bit % 8))) return false;
    return true;
}

address masked(const address& a, unsigned prefix) {
    auto x = bytes_of(a);
    for (unsigned bit = prefix; bit < width(a); ++bit)
        x[bit / 8] = static_cast<unsigned char>(x[bit / 8] & ~(0x80 >> (bit % 8)));
    if (a.is_v4()) return net::ip::address_v4({x[0], x[1], x[2], x[3]});
    return net::ip::address_v6(x);
}

}  // namespace

bool ip_network::contains(const address& a) const {
    const auto c = canonical(a);
    return c.is_v4() == base.is_v4() && same_prefix(c, base, prefix);
}

std::string ip_network::to_string() const { return base.to_string() + "/" + std::to_string(prefix); }

ip_network parse_ip_network(std::string_view text) {
    const std::string quoted = "'" + std::string(text) + "'";
    const auto slash = text.find('/');
    boost::system::error_code ec;
    const auto raw = net::ip::make_address(std::string(text.substr(0, slash)), ec);
    if (ec)
        throw std::invalid_argument(quoted + " is not an IP address or CIDR network "
                                    "(e.g. 10.0.0.0/8, 2001:db8::/32, 127.0.0.1)");
    ip_network n;
    n.base = raw;
    n.prefix = width(raw);
    if (slash != std::string_view::npos) {
        const auto digits = text.substr(slash + 1);
        unsigned value = 0;
        bool ok = !digits.empty() && digits.size() <= 3;
        for (char c : digits) {
            ok = ok && c >= '0' && c <= '9';
            value = value * 10 + static_cast<unsigned>(c - '0');
        }
        if (!ok || value > n.prefix)
            throw std::invalid_argument(quoted + ": the prefix length must be 0 to " +
                                        std::to_string(n.prefix));
        n.prefix = value;
    }
    // An operator writing 10.0.0.1/8 may have meant the one host or the whole network:
    // refusing is safer than guessing which of the two to trust.
    if (!host_bits_zero(raw, n.prefix))
        throw std::invalid_argument(quoted + " has bits set past its /" + std::to_string(n.prefix) +
                                    " prefix: did you mean " +
                                    masked(raw, n.prefix).to_string() + "/" +
                                    std::to_string(n.prefix) + "?");
    // Clients are compared in canonical form, so a v4-mapped network must be one too.
    if (raw.is_v6() && raw.to_v6().is_v4_mapped() && n.prefix >= 96) {
        n.base = canonical(raw);
        n.prefix -= 96;
    }
    return n;
}

network_list network_list::parse(std::string_view list) {
    std::vector<ip_network> out;
    while (!list.empty()) {
        const auto comma = list.find(',');
        const auto item = trim(list.substr(0, comma));
        if (!item.empty()) out.push_back(parse_ip_network(item));
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
    }
    return network_list(std::move(out));
}

bool network_list::contains(const address& a) const {
    for (const auto& n : networks_)
        if (n.contains(a)) return true;
    return false;
}

std::string client_address(std::string_view peer, std::string_view forwarded_for,
                           const network_list& trusted) {
    const auto peer_address = parse_address(peer);
    if (!peer_address) return std::string(peer);
    const auto fallback = peer_address->to_string();
    if (!trusted.contains(*peer_address)) return fallback;

    // Each trusted hop appended the address it received from, so walking from the right the
    // first untrusted address is the furthest hop anyone we trust can vouch for. Entries
    // further left came from the client itself and are never read: garbage there is not
    // an excuse to fall back, garbage in the trusted part is.
    std::vector<std::string_view> entries;
    std::size_t start = 0;
    while (start <= forwarded_for.size()) {
        auto comma = forwarded_for.find(',', start);
        if (comma == std::string_view::npos) comma = forwarded_for.size();
        const auto item = trim(forwarded_for.substr(start, comma - start));
        if (!item.empty()) entries.push_back(item);  // RFC 9110 lists may hold empty elements
        start = comma + 1;
    }
    std::optional<address> leftmost;
    for (auto it = entries.rbegin(); it != entries.rend(); ++it) {
        const auto a = parse_address(*it);
        if (!a) return fallback;
        if (!trusted.contains(*a)) return a->to_string();
        leftmost = a;
    }
    return leftmost ? leftmost->to_string() : fallback;
}

std::string client_address(std::string_view peer, const request& req, const network_list& trusted) {
    if (trusted.empty()) return std::string(peer);
    std::string joined;
    const auto [first, last] = req.equal_range("X-Forwarded-For");
    for (auto field = first; field != last; ++field) {
        if (!joined.empty()) joined += ',';
        joined += field->value();
    }
    return client_address(peer, joined, trusted);
}

}  // namespace proeventa
