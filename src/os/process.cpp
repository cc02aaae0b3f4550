#include <proeventa/os/process.hpp>

#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <stdexcept>

extern char** environ;

namespace proeventa::os {
namespace fs = std::filesystem;

namespace {

std::vector<std::string> child_environment(const run_options& options) {
    std::vector<std::string> env;
    for (char** e = environ; e && *e; ++e) {
        const std::string_view v(*e);
        const bool dropped = std::any_of(options.drop_env_prefixes.begin(), options.drop_env_prefixes.end(),
                                         [&](const std::string& p) { return v.starts_with(p); });
        if (dropped) continue;
        if (options.as && (v.starts_with("HOME=") || v.starts_with("USER=") || v.starts_with("LOGNAME=")))
            continue;
        env.emplace_back(v);
    }
    if (options.as) {
        env.push_back("HOME=" + options.as->home);
        env.push_back("USER=" + options.as->name);
        env.push_back("LOGNAME=" + options.as->name);
    }
    return env;
}

std::vector<char*> pointers(std::vector<std::string>& strings) {
    std::vector<char*> out;
    for (auto& s : strings) out.push_back(s.data());
    out.push_back(nullptr);
    return out;
}

}  // namespace

std::string run_output::describe() const {
    std::string text = output;
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return "exit status " + std::to_string(status) + (text.empty() ? "" : ": " + text);
}

run_output run(const fs::path& program, const std::vector<std::string>& args, const run_options& options) {
    // Everything the child needs is prepared before fork: the child of a multithreaded parent
    // may only make async-signal-safe calls.
    std::vector<std::string> arg_strings{program.string()};
    arg_strings.insert(arg_strings.end(), args.begin(), args.end());
    auto argv = pointers(arg_strings);
    auto env_strings = child_environment(options);
    auto envp = pointers(env_strings);
    const std::string cwd = options.cwd.string();
    const auto& as = options.as;

    int fds[2];
    if (pipe2(fds, O_CLOEXEC) != 0)
        throw std::runtime_error(std::string("pipe failed: ") + std::strerror(errno));
    const pid_t pid = fork();
    if (pid < 0) {
        const int e = errno;
        close(fds[0]);
        close(fds[1]);
        throw std::runtime_error(std::string("fork failed: ") + std::strerror(e));
    }
    if (pid == 0) {
        auto die = [](const char* message) {
            (void)!write(2, message, std::strlen(message));
            _exit(126);
        };
        setsid();
        const int null_fd = open("/dev/null", O_RDONLY);
        if (null_fd >= 0) dup2(null_fd, 0);
        dup2(fds[1], 1);
        dup2(fds[1], 2);
        sigset_t none;
        sigemptyset(&none);
        sigprocmask(SIG_SETMASK, &none, nullptr);
        signal(SIGPIPE, SIG_DFL);
        if (as) {
            if (setgroups(1, &as->gid) != 0) die("setgroups failed\n");
            if (setgid(as->gid) != 0) die("setgid failed\n");
            if (setuid(as->uid) != 0) die("setuid failed\n");
        }
        if (chdir(cwd.c_str()) != 0) die("chdir failed\n");
        close_range(3, ~0U, 0);
        execve(argv[0], argv.data(), envp.data());
        die("exec failed\n");
    }
    close(fds[1]);
    run_output out;
    char buffer[4096];
    for (;;) {
        const ssize_t n = read(fds[0], buffer, sizeof buffer);
        if (n > 0) {
            out.output.append(buffer, static_cast<std::size_t>(n));
        } else if (n == 0 || errno != EINTR) {
            break;
        }
    }
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) throw std::runtime_error("waitpid failed");
    }
    out.status = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return out;
}

std::optional<fs::path> find_in_path(std::string_view name) {
    const char* path = std::getenv("PATH");
    std::stringstream dirs(path ? path : "/usr/local/bin:/usr/bin:/bin");
    std::string dir;
    while (std::getline(dirs, dir, ':')) {
        if (dir.empty()) continue;
        const fs::path candidate = fs::path(dir) / name;
        if (executable(candidate)) return candidate;
    }
    return std::nullopt;
}

bool executable(const fs::path& file) { return access(file.c_str(), X_OK) == 0; }

}  // namespace proeventa::os
