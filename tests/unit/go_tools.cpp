#include "go_tools.hpp"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <poll.h>
#include <signal.h>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

namespace fs = std::filesystem;

namespace testing_support {

namespace {

bool go_available() {
    static const bool ok = [] {
        if (std::system("command -v go >/dev/null 2>&1") != 0) return false;
        return fs::exists("/usr/share/gocode/src/gopkg.in/yaml.v2") &&
               fs::exists("/usr/share/gocode/src/gopkg.in/yaml.v3");
    }();
    return ok;
}

} // namespace

std::optional<std::string> go_tool(const std::string& name) {
    static std::mutex mu;
    static std::map<std::string, std::optional<std::string>> built;
    std::lock_guard<std::mutex> lock(mu);
    if (auto it = built.find(name); it != built.end()) return it->second;
    std::optional<std::string> result;
    if (go_available()) {
        const std::string src = std::string(CASSETTE_SOURCE_DIR) + "/tests/go/" + name;
        const std::string out_dir = std::string(CASSETTE_BINARY_DIR) + "/go";
        fs::create_directories(out_dir);
        const std::string out = out_dir + "/" + name;
        // GOPATH mode: Debian's Go packages live in /usr/share/gocode; no network.
        const std::string cmd = "cd '" + src + "' && GO111MODULE=off GOPATH=/usr/share/gocode GOFLAGS= GOCACHE='" +
                                out_dir + "/cache' go build -o '" + out + "' . 2>&1";
        RunResult r = run_process({"/bin/sh", "-c", cmd});
        if (r.exit_code == 0) {
            result = out;
        } else {
            std::fprintf(stderr, "go build %s failed:\n%s\n", name.c_str(), r.out.c_str());
        }
    }
    built[name] = result;
    return result;
}

RunResult run_process(const std::vector<std::string>& argv, const std::string& input) {
    RunResult r;
    int in_pipe[2], out_pipe[2], err_pipe[2];
    if (pipe(in_pipe) != 0 || pipe(out_pipe) != 0 || pipe(err_pipe) != 0) return r;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(in_pipe[0], 0);
        dup2(out_pipe[1], 1);
        dup2(err_pipe[1], 2);
        close(in_pipe[0]); close(in_pipe[1]);
        close(out_pipe[0]); close(out_pipe[1]);
        close(err_pipe[0]); close(err_pipe[1]);
        std::vector<char*> args;
        for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
        args.push_back(nullptr);
        execvp(args[0], args.data());
        _exit(127);
    }
    close(in_pipe[0]);
    close(out_pipe[1]);
    close(err_pipe[1]);
    signal(SIGPIPE, SIG_IGN);
    size_t written = 0;
    bool in_open = true;
    if (input.empty()) { close(in_pipe[1]); in_open = false; }
    else fcntl(in_pipe[1], F_SETFL, O_NONBLOCK);
    bool out_open = true, err_open = true;
    char buf[65536];
    while (out_open || err_open) {
        pollfd fds[3];
        int n = 0;
        int out_i = -1, err_i = -1, in_i = -1;
        if (out_open) { fds[n] = {out_pipe[0], POLLIN, 0}; out_i = n++; }
        if (err_open) { fds[n] = {err_pipe[0], POLLIN, 0}; err_i = n++; }
        if (in_open) { fds[n] = {in_pipe[1], POLLOUT, 0}; in_i = n++; }
        if (poll(fds, n, -1) < 0) { if (errno == EINTR) continue; break; }
        if (in_i >= 0 && (fds[in_i].revents & (POLLOUT | POLLERR | POLLHUP))) {
            ssize_t w = write(in_pipe[1], input.data() + written, input.size() - written);
            if (w > 0) written += size_t(w);
            if (w < 0 && errno != EAGAIN) written = input.size();
            if (written >= input.size()) { close(in_pipe[1]); in_open = false; }
        }
        if (out_i >= 0 && (fds[out_i].revents & (POLLIN | POLLHUP | POLLERR))) {
            ssize_t k = read(out_pipe[0], buf, sizeof buf);
            if (k > 0) r.out.append(buf, size_t(k)); else { close(out_pipe[0]); out_open = false; }
        }
        if (err_i >= 0 && (fds[err_i].revents & (POLLIN | POLLHUP | POLLERR))) {
            ssize_t k = read(err_pipe[0], buf, sizeof buf);
            if (k > 0) r.err.append(buf, size_t(k)); else { close(err_pipe[0]); err_open = false; }
        }
    }
    if (in_open) close(in_pipe[1]);
    int status = 0;
    waitpid(pid, &status, 0);
    r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return r;
}

std::string hex(std::string_view s) {
    static constexpr char kHex[] = "0123456789abcdef";
    if (s.empty()) return "-";
    std::string out;
    for (unsigned char c : s) {
        out += kHex[c >> 4];
        out += kHex[c & 15];
    }
    return out;
}

std::string unx(std::string_view token) {
    std::string out;
    for (size_t i = 1; i + 1 < token.size(); i += 2)
        out += char(std::stoi(std::string(token.substr(i, 2)), nullptr, 16));
    return out;
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

void write_file(const std::string& path, const std::string& data) {
    std::ofstream out(path, std::ios::binary);
    out << data;
}

} // namespace testing_support
