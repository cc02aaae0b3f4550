// CTest fixture: one throwaway PostgreSQL cluster for the whole test run.
//   test_cluster start DIR   wipes DIR (stopping a leftover cluster), starts a cluster there,
//                            writes its conninfo (database `postgres`) to DIR/conninfo
//   test_cluster stop DIR    stops it and removes DIR
#include <proeventa/db/local_cluster.hpp>

#include <chrono>
#include <exception>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string_view>

namespace fs = std::filesystem;

namespace {

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void wipe(const fs::path& dir) {
    if (!fs::exists(dir)) return;
    // Thrown away: no shutdown checkpoint. After a whole run it would write out the pages of a
    // hundred databases, over a minute on a busy disk.
    const auto start = std::chrono::steady_clock::now();
    proeventa::db::local_cluster::discard_existing(dir);
    const auto stopped = seconds_since(start);
    fs::remove_all(dir);
    // Both steps wait on the disk; when this fixture is slow, say which one was.
    std::cout << "stopped in " << stopped << " s, removed in " << seconds_since(start) - stopped << " s\n";
}

int start(const fs::path& dir) {
    wipe(dir);
    auto cluster = proeventa::db::local_cluster::start(dir);
    // Tests create their own databases, so they get the maintenance database.
    const auto conninfo = cluster.conninfo_for("postgres");
    const auto tmp = dir / "conninfo.tmp";
    {
        std::ofstream out(tmp, std::ios::trunc);
        out << conninfo;
        if (!out) throw std::runtime_error("cannot write " + tmp.string());
    }
    fs::rename(tmp, dir / "conninfo");  // readers never see half a line
    cluster.detach();
    std::cout << "test cluster running: " << conninfo << "\n";
    return 0;
}

int stop(const fs::path& dir) {
    wipe(dir);
    std::cout << "test cluster stopped and removed: " << dir.string() << "\n";
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 3 || (std::string_view(argv[1]) != "start" && std::string_view(argv[1]) != "stop")) {
        std::cerr << "usage: test_cluster start|stop DIR\n";
        return 2;
    }
    try {
        const fs::path dir = fs::absolute(argv[2]);
        return std::string_view(argv[1]) == "start" ? start(dir) : stop(dir);
    } catch (const std::exception& e) {
        std::cerr << "test_cluster " << argv[1] << ": " << e.what() << "\n";
        return 1;
    }
}
