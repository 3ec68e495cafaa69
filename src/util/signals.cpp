#include "util/signals.hpp"

#include <atomic>
#include <csignal>
#include <cstdint>
#include <cstring>
#include <mutex>
#include <unistd.h>

namespace cassette::util {

namespace {

// Fixed slots: a handler cannot allocate or lock. A slot is filled, then
// published by its state; the handler reads only published slots.
constexpr int kSlots = 32;
constexpr size_t kPathMax = 4096;

struct TempSlot {
    std::atomic<int> state{0}; // 0 free, 1 being filled or emptied, 2 published
    char path[kPathMax];
};

struct MapSlot {
    std::atomic<int> state{0};
    uintptr_t begin = 0, end = 0;
    char path[kPathMax];
};

TempSlot g_temps[kSlots];
MapSlot g_maps[kSlots];

template <class Slot>
int take_slot(Slot* slots, const std::string& path) {
    if (path.size() >= kPathMax) return -1;
    for (int i = 0; i < kSlots; ++i) {
        int expected = 0;
        if (slots[i].state.compare_exchange_strong(expected, 1)) {
            std::memcpy(slots[i].path, path.c_str(), path.size() + 1);
            return i;
        }
    }
    return -1;
}

void say(const char* s) {
    size_t n = std::strlen(s);
    while (n > 0) {
        const ssize_t k = ::write(2, s, n);
        if (k <= 0) return;
        s += k;
        n -= size_t(k);
    }
}

void remove_temporaries() {
    for (auto& t : g_temps)
        if (t.state.load() == 2) ::unlink(t.path);
}

void on_stop(int sig) {
    remove_temporaries();
    // Die of the signal, as the caller expects (a shell reports 130 for ^C).
    std::signal(sig, SIG_DFL);
    ::raise(sig);
}

struct sigaction g_previous_bus;

void on_bus(int sig, siginfo_t* info, void* context) {
    const uintptr_t at = reinterpret_cast<uintptr_t>(info ? info->si_addr : nullptr);
    for (auto& m : g_maps) {
        if (m.state.load() != 2 || at < m.begin || at >= m.end) continue;
        remove_temporaries();
        say(m.path);
        say(": error: the file was cut short by another process while cassette read it; nothing was written "
            "(run again)\n");
        ::_exit(2);
    }
    // Not ours: whatever would have happened without us.
    if (g_previous_bus.sa_flags & SA_SIGINFO) {
        if (g_previous_bus.sa_sigaction) {
            g_previous_bus.sa_sigaction(sig, info, context);
            return;
        }
    } else if (g_previous_bus.sa_handler != SIG_DFL && g_previous_bus.sa_handler != SIG_IGN &&
               g_previous_bus.sa_handler != nullptr) {
        g_previous_bus.sa_handler(sig);
        return;
    }
    std::signal(sig, SIG_DFL); // returning re-runs the access, which now ends the process
}

void install() {
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
        struct sigaction old {};
        if (::sigaction(sig, nullptr, &old) != 0 || old.sa_handler == SIG_IGN) continue; // nohup keeps its say
        struct sigaction sa {};
        sa.sa_handler = on_stop;
        sigemptyset(&sa.sa_mask);
        ::sigaction(sig, &sa, nullptr);
    }
    struct sigaction sa {};
    sa.sa_sigaction = on_bus;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    struct sigaction previous {};
    ::sigaction(SIGBUS, &sa, &previous);
    if (previous.sa_sigaction != on_bus) g_previous_bus = previous;
}

void install_once() {
    static std::once_flag once;
    std::call_once(once, install);
}

} // namespace

void install_signal_handlers() { install(); }

int remember_temporary(const std::string& path) {
    install_once();
    const int slot = take_slot(g_temps, path);
    if (slot >= 0) g_temps[slot].state.store(2);
    return slot;
}

void forget_temporary(int slot) {
    if (slot >= 0 && slot < kSlots) g_temps[slot].state.store(0);
}

int remember_mapping(const void* begin, size_t size, const std::string& path) {
    install_once();
    const int slot = take_slot(g_maps, path);
    if (slot < 0) return -1;
    g_maps[slot].begin = reinterpret_cast<uintptr_t>(begin);
    g_maps[slot].end = reinterpret_cast<uintptr_t>(begin) + size;
    g_maps[slot].state.store(2);
    return slot;
}

void forget_mapping(int slot) {
    if (slot >= 0 && slot < kSlots) g_maps[slot].state.store(0);
}

} // namespace cassette::util
