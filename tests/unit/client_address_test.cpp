// Which address a request is counted and logged under, behind (trusted) reverse proxies.
#include <proeventa/http/client_address.hpp>

#include <catch2/catch.hpp>

#include <stdexcept>

using namespace proeventa;

namespace {

net::ip::address ip(const char* text) { return net::ip::make_address(text); }

}  // namespace

TEST_CASE("trusted proxy lists: IPv4 and IPv6 CIDRs and bare addresses", "[http][client_address]") {
    const auto list = network_list::parse(" 127.0.0.1/32, 10.0.0.0/8 ,192.168.1.7,2001:db8::/32, ::1 ");
    REQUIRE(list.networks().size() == 5);
    CHECK(list.networks()[2].to_string() == "192.168.1.7/32");
    CHECK(list.networks()[4].to_string() == "::1/128");
    CHECK(list.contains(ip("127.0.0.1")));
    CHECK_FALSE(list.contains(ip("127.0.0.2")));
    CHECK(list.contains(ip("10.255.1.2")));
    CHECK_FALSE(list.contains(ip("11.0.0.1")));
    CHECK(list.contains(ip("192.168.1.7")));
    CHECK_FALSE(list.contains(ip("192.168.1.8")));
    CHECK(list.contains(ip("2001:db8:ffff::1")));
    CHECK_FALSE(list.contains(ip("2001:db9::1")));
    CHECK(list.contains(ip("::1")));
    // A dual-stack socket's spelling of an IPv4 peer is the same peer.
    CHECK(list.contains(ip("::ffff:10.1.2.3")));
    CHECK(network_list::parse("::ffff:10.0.0.0/104").contains(ip("10.9.9.9")));
    CHECK(network_list::parse("0.0.0.0/0").contains(ip("203.0.113.1")));
    CHECK_FALSE(network_list::parse("0.0.0.0/0").contains(ip("2001:db8::1")));
    CHECK(network_list::parse("").empty());
    CHECK(network_list::parse(" , ").empty());
}

TEST_CASE("bad trusted proxy entries are refused with the entry named", "[http][client_address]") {
    for (const char* bad : {"10.0.0.0/33", "::/129", "10.0.0.0/", "10.0.0.0/-1", "10.0.0.0/8/8", "10.0.0",
                            "localhost", "10.0.0.0/ 8", "1.2.3.4.5", "10.0.0.1/8", "2001:db8::1/32", "*"}) {
        INFO(bad);
        try {
            (void)network_list::parse(bad);
            FAIL("accepted");
        } catch (const std::invalid_argument& e) {
            CHECK(std::string(e.what()).find(std::string("'") + bad + "'") != std::string::npos);
        }
    }
    try {
        (void)parse_ip_network("10.0.0.1/8");
    } catch (const std::invalid_argument& e) {
        CHECK(std::string(e.what()).find("did you mean 10.0.0.0/8?") != std::string::npos);
    }
}

TEST_CASE("X-Forwarded-For is believed only from a trusted peer", "[http][client_address]") {
    const auto trusted = network_list::parse("127.0.0.1/32,10.0.0.0/8");
    const network_list nobody;

    // A direct client forging the header is still itself.
    CHECK(client_address("203.0.113.9", "198.51.100.1", trusted) == "203.0.113.9");
    CHECK(client_address("203.0.113.9", "198.51.100.1", nobody) == "203.0.113.9");
    CHECK(client_address("127.0.0.1", "198.51.100.1", nobody) == "127.0.0.1");

    // nginx on loopback: $proxy_add_x_forwarded_for appends the address it saw.
    CHECK(client_address("127.0.0.1", "198.51.100.1", trusted) == "198.51.100.1");
    // The client's own (forged) entries are to the left and are never read.
    CHECK(client_address("127.0.0.1", "1.1.1.1, 2.2.2.2, 198.51.100.1", trusted) == "198.51.100.1");
    CHECK(client_address("127.0.0.1", "not-an-ip, 198.51.100.1", trusted) == "198.51.100.1");
    // Trusted hops on the right are skipped: a load balancer in 10/8 in front of nginx.
    CHECK(client_address("127.0.0.1", "198.51.100.1, 10.0.0.5", trusted) == "198.51.100.1");
    CHECK(client_address("10.0.0.7", "198.51.100.1,10.1.1.1,127.0.0.1", trusted) == "198.51.100.1");
    // Every hop trusted: the left-most is the furthest we know of.
    CHECK(client_address("127.0.0.1", "10.0.0.9, 10.0.0.5", trusted) == "10.0.0.9");
    // Several headers read as one list, in order; empty list elements are ignored.
    CHECK(client_address("127.0.0.1", "198.51.100.1,,203.0.113.4 ,", trusted) == "203.0.113.4");
    // IPv6, and IPv4-mapped spellings come out as IPv4.
    CHECK(client_address("127.0.0.1", "2001:DB8:0::1", trusted) == "2001:db8::1");
    CHECK(client_address("::ffff:127.0.0.1", "::ffff:198.51.100.1", trusted) == "198.51.100.1");
}

TEST_CASE("malformed forwarded entries fall back to the peer", "[http][client_address]") {
    const auto trusted = network_list::parse("127.0.0.1");
    CHECK(client_address("127.0.0.1", "", trusted) == "127.0.0.1");
    CHECK(client_address("127.0.0.1", " , ", trusted) == "127.0.0.1");
    for (const char* bad : {"garbage", "198.51.100.1:4711", "[2001:db8::1]", "198.51.100.1 203.0.113.4",
                            "999.1.1.1", "198.51.100.1, unknown"}) {
        INFO(bad);
        CHECK(client_address("127.0.0.1", bad, trusted) == "127.0.0.1");
    }
    // Within the trusted chain too: a trusted hop that forwarded garbage vouches for nothing.
    CHECK(client_address("127.0.0.1", "198.51.100.1, nonsense, 127.0.0.1", trusted) == "127.0.0.1");
}

TEST_CASE("the request form joins every X-Forwarded-For header and ignores them when nothing is trusted",
          "[http][client_address]") {
    request req{http::verb::get, "/", 11};
    req.insert("X-Forwarded-For", "198.51.100.1");
    req.insert("X-Forwarded-For", "203.0.113.4");
    CHECK(client_address("127.0.0.1", req, network_list::parse("127.0.0.1")) == "203.0.113.4");
    CHECK(client_address("127.0.0.1", req, network_list::parse("127.0.0.1,203.0.113.0/24")) == "198.51.100.1");
    CHECK(client_address("127.0.0.1", req, network_list{}) == "127.0.0.1");
    CHECK(client_address("127.0.0.1", request{http::verb::get, "/", 11}, network_list::parse("127.0.0.1")) ==
          "127.0.0.1");
}
