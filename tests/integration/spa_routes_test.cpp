// Which paths the server answers with the SPA: its own pages (web/routes.json) and its files get
// 200; every other path is a 404 (the SPA's page for a browser, the JSON error for an API
// client); no request reads a file outside the app. Against the real binary, serving the copy
// embedded at build time and, with --web-root, the folder on disk.
#include "test_support.hpp"

#include <filesystem>
#include <fstream>
#include <regex>

#include <unistd.h>

using namespace proeventa::test;

namespace {

// What Chromium sends when it navigates.
const std::map<std::string, std::string> browser = {
    {"Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,"
               "image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7"}};
const std::map<std::string, std::string> api_client = {{"Accept", "application/json"}};

bool is_app_page(const http_result& r) {
    return r.header("content-type").rfind("text/html", 0) == 0 &&
           r.body.find("<main id=\"main\"") != std::string::npos;
}

void check_not_found_json(const http_result& r) {
    INFO(r.status << " " << r.body);
    CHECK(r.status == 404);
    CHECK(r.header("content-type").rfind("application/json", 0) == 0);
    const auto body = r.json().as_object();
    CHECK(body.at("code") == "not_found");
    CHECK(body.at("status_code").as_int64() == 404);
    CHECK(body.at("error").is_string());
}

void check_spa_pages(client& c) {
    for (const std::string target :
         {"/", "/events", "/events?q=jazz", "/event/123", "/event/123?from=list", "/login",
          "/login?next=%2Fme%2Freservations", "/signup", "/checkout?r=1,2", "/me/reservations",
          "/organizer", "/organizer/events/new", "/organizer/events/7/edit",
          "/organizer/events/7/reservations", "/organizer/venues/new", "/admin/users",
          // Each segment is percent-decoded, as the SPA's router decodes it.
          "/%6Cogin", "/event/%31%32"}) {
        for (const auto& accept : {browser, api_client}) {
            auto r = c.request("GET", target, {}, accept);
            INFO(target << " -> " << r.status);
            CHECK(r.status == 200);
            CHECK(is_app_page(r));
        }
    }
    auto head = c.request("HEAD", "/event/5", {}, browser);
    CHECK(head.status == 200);
    CHECK(head.body.empty());
}

void check_not_found(client& c) {
    // Paths the SPA has no page for, including parameters it would not accept (ids are positive
    // integers without leading zeros) and trailing slashes.
    for (const std::string target :
         {"/no-such-route", "/no/such/page?x=1", "/event/abc", "/event/0", "/event/012",
          "/event/1234567890123456789", "/event/", "/event/1/", "/login/", "//login",
          "/organizer/events/x/edit", "/login%2Fx", "/index"}) {
        INFO(target);
        check_not_found_json(c.request("GET", target, {}, api_client));
        check_not_found_json(c.request("GET", target));
        check_not_found_json(c.request("GET", target, {}, {{"Accept", "*/*"}}));
        auto page = c.request("GET", target, {}, browser);
        CHECK(page.status == 404);
        CHECK(is_app_page(page));
        CHECK(page.header("cache-control") == "no-store");
        auto head = c.request("HEAD", target, {}, browser);
        CHECK(head.status == 404);
        CHECK(head.body.empty());
        CHECK(c.request("HEAD", target, {}, api_client).status == 404);
    }
    // The API's own prefixes always answer JSON, whatever the client prefers.
    check_not_found_json(c.request("GET", "/api/v1/no-such-route", {}, browser));
    check_not_found_json(c.request("GET", "/events/no-such-route", {}, browser));
    check_not_found_json(c.request("GET", "/events/events/not-a-number", {}, browser));
}

void check_no_escape(client& c) {
    for (const std::string target :
         {"/../../etc/passwd", "/../../../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
          "/%2E%2E/%2E%2E/%2E%2E/%2E%2E/etc/passwd", "/..%2f..%2f..%2f..%2fetc%2fpasswd",
          "/%2e%2e%2f%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/assets/../../../../etc/passwd",
          "/assets/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/v/x/../../../../etc/passwd",
          "/..\\..\\..\\..\\etc\\passwd", "/assets\\..\\..\\..\\etc\\passwd",
          "/%5c..%5c..%5c..%5cetc%5cpasswd", "/..%5c..%5c..%5c..%5cetc%5cpasswd",
          "/assets/js/main.js%00.html", "/%2e%2e/routes.json", "/.%2e/.%2e/etc/passwd",
          "/%zz/../etc/passwd"}) {
        for (const auto& accept : {browser, api_client}) {
            auto r = c.request("GET", target, {}, accept);
            INFO(target << " -> " << r.status << " " << r.body.substr(0, 200));
            CHECK(r.status >= 400);
            CHECK(r.status < 500);
            CHECK(r.body.find("root:") == std::string::npos);
        }
    }
}

void check_assets(client& c) {
    auto js = c.get("/assets/js/main.js");
    CHECK(js.status == 200);
    CHECK(js.header("content-type").rfind("text/javascript", 0) == 0);
    auto routes = c.get("/routes.json");
    REQUIRE(routes.status == 200);
    CHECK(routes.header("content-type") == "application/json");
    CHECK(routes.json().at("routes").as_array().size() > 5);
    CHECK(c.get("/favicon.svg").status == 200);
    CHECK(c.request("GET", "/assets/css/base.css", {}, browser).status == 200);
    check_not_found_json(c.get("/assets/js/no-such-file.js"));
    CHECK(c.request("GET", "/assets/js/no-such-file.js", {}, browser).status == 404);
}

std::filesystem::path web_folder() {
    // tests/integration/<this file> -> the repository's web/
    return std::filesystem::path(__FILE__).parent_path().parent_path().parent_path() / "web";
}

}  // namespace

TEST_CASE("embedded SPA: its pages and files are 200, any other path 404, nothing outside it is read") {
    auto db = fresh_database("spa_routes_embedded");
    server_process server({db});
    client c(server.port());
    check_spa_pages(c);
    check_not_found(c);
    check_no_escape(c);
    check_assets(c);

    // The embedded index.html points at content-hashed URLs, which are cached for good.
    auto index = c.get("/");
    std::smatch m;
    const std::regex versioned("\"(/v/[0-9a-f]+/assets/css/base\\.css)\"");
    REQUIRE(std::regex_search(index.body, m, versioned));
    auto css = c.get(m[1].str());
    CHECK(css.status == 200);
    CHECK(css.header("cache-control").find("immutable") != std::string::npos);
    // The prefix is for files only: it names no page.
    const auto prefix = m[1].str().substr(0, m[1].str().find("/assets/"));
    CHECK(c.request("GET", prefix + "/", {}, browser).status == 404);
    CHECK(c.request("GET", prefix + "/login", {}, browser).status == 404);
}

TEST_CASE("--web-root: the same answers from the folder on disk, and a folder is not a file") {
    auto db = fresh_database("spa_routes_web_root");
    server_process server({db, {"--web-root", web_folder().string()}});
    client c(server.port());
    check_spa_pages(c);
    check_not_found(c);
    check_no_escape(c);
    check_assets(c);
    for (const std::string folder : {"/assets", "/assets/js", "/assets/js/pages"}) {
        INFO(folder);
        check_not_found_json(c.get(folder));
    }
}

TEST_CASE("a broken routes.json stops the server at start-up") {
    const auto root = std::filesystem::temp_directory_path() /
                      ("proeventa-spa-" + std::to_string(::getpid()));
    std::filesystem::create_directories(root);
    {
        std::ofstream(root / "index.html") << "<!doctype html><main id=\"main\"></main>";
        std::ofstream(root / "routes.json")
            << R"({"params": {"id": "anything"}, "routes": [{"path": "/x/:id", "page": "x"}]})";
    }
    auto db = fresh_database("spa_routes_broken");
    CHECK_THROWS_WITH(server_process({db, {"--web-root", root.string()}}),
                      Catch::Contains("routes.json") && Catch::Contains("known kind"));
    std::filesystem::remove_all(root);
}
