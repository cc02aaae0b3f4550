#include "layout.hpp"

#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace proeventa::db::embedded_pg {
namespace fs = std::filesystem;

namespace {

void require_plain_path(const fs::path& p) {
    // pg_ctl pastes the data directory into a /bin/sh command line (inside double quotes).
    const auto s = p.string();
    if (s.find_first_of("\"$`\\\n") != std::string::npos)
        throw std::runtime_error("the data folder path " + s +
                                 " contains a character PostgreSQL's pg_ctl cannot handle "
                                 "(\" $ ` \\ or a newline); choose another --data-dir");
}

void require_short_socket_path(const layout& l) {
    const auto socket = (l.run / (std::string(".s.PGSQL.") + cluster_port)).string();
    if (socket.size() >= sizeof(sockaddr_un{}.sun_path))
        throw std::runtime_error("the data folder path is too long for a Unix socket (" + socket + " has " +
                                 std::to_string(socket.size()) + " characters, at most " +
                                 std::to_string(sizeof(sockaddr_un{}.sun_path) - 1) +
                                 "); choose a shorter --data-dir");
}

}  // namespace

void check_reachable(const layout& l, const os::user& u) {
    for (fs::path p = l.root.parent_path(); !p.empty(); p = p.parent_path()) {
        struct stat st {};
        if (::stat(p.c_str(), &st) == 0) {
            const bool ok = st.st_uid == u.uid   ? (st.st_mode & S_IXUSR) != 0
                            : st.st_gid == u.gid ? (st.st_mode & S_IXGRP) != 0
                                                 : (st.st_mode & S_IXOTH) != 0;
            if (!ok)
                throw std::runtime_error("the embedded PostgreSQL runs as user '" + u.name +
                                         "' (the server runs as "
                                         "root), which cannot enter " +
                                         p.string() +
                                         ": make it searchable (chmod o+x) or choose a --data-dir elsewhere");
        }
        if (p == p.root_path()) break;
    }
}

namespace {

void give_to(const fs::path& p, const os::user& u) {
    if (lchown(p.c_str(), u.uid, u.gid) != 0)
        throw std::runtime_error("cannot hand " + p.string() + " to user " + u.name + ": " +
                                 std::strerror(errno));
}

}  // namespace

layout layout_of(const fs::path& data_dir) {
    layout l;
    l.root = fs::weakly_canonical(fs::absolute(data_dir)) / "pg";
    l.data = l.root / "data";
    l.run = l.root / "run";
    l.log_dir = l.root / "log";
    l.log_file = l.log_dir / "postgresql.log";
    return l;
}

void check_paths(const layout& l) {
    require_plain_path(l.root);
    require_short_socket_path(l);
}

void prepare_folders(const layout& l, const std::optional<os::user>& runner) {
    for (const auto& dir : {l.root, l.run, l.log_dir}) {
        fs::create_directories(dir);
        fs::permissions(dir, fs::perms::owner_all, fs::perm_options::replace);
    }
    if (!runner) return;
    for (const auto& dir : {l.root, l.run, l.log_dir}) give_to(dir, *runner);
    if (fs::exists(l.log_file)) give_to(l.log_file, *runner);
    struct stat st {};
    if (::stat(l.data.c_str(), &st) == 0 && st.st_uid != runner->uid) {
        // A cluster created by another user (a copied folder, an older run as someone else).
        give_to(l.data, *runner);
        for (const auto& entry : fs::recursive_directory_iterator(l.data)) give_to(entry.path(), *runner);
    }
}

}  // namespace proeventa::db::embedded_pg
