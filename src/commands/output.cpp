// Safe writes: see output.hpp.
#include "commands/output.hpp"
#include "util/atomic_write.hpp"
#include "util/read_file.hpp"
#include "yaml/writer.hpp"

#include <fcntl.h>
#include <fstream>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace cassette::cli {

// The file at `path` holds exactly `bytes` (read in blocks and compared as
// they come: no second copy of a big file in memory).
static bool file_holds(const std::string& path, std::string_view bytes) {
    std::ifstream in(path, std::ios::binary);
    if (!in.is_open()) return false;
    std::vector<char> block(size_t(1) << 16);
    size_t at = 0;
    for (;;) {
        in.read(block.data(), std::streamsize(block.size()));
        const size_t got = size_t(in.gcount());
        if (got == 0) break;
        if (at + got > bytes.size() || bytes.compare(at, got, block.data(), got) != 0) return false;
        at += got;
    }
    return at == bytes.size() && !in.bad();
}

namespace {

void report_write_error(Io& io, const std::string& path, std::string_view why) { write_error(io, path, why); }

void report_changed(Io& io, const std::string& path) {
    io_error(io, path, "the file changed while cassette was processing it; not written (run again)");
}

} // namespace

bool write_output(Io& io, const std::string& path, std::string_view data, const SourceText* read_as) {
    PendingOutput pending(path, data, read_as);
    return pending.finish(io, data);
}

using util::FileStamp;

struct PendingOutput::State {
    std::string path;
    const SourceText* read_as = nullptr;
    util::StagedFile staged;
    std::optional<std::string> error; // from writing or flushing the temporary file
    bool staged_ok = false;           // the temporary file was written (set before any flush starts)
    bool holds = true;                // the file still held read_as when compared
    std::optional<FileStamp> stamp;   // the file as it was compared
    bool direct = false;              // util::is_direct_target: written in finish(), once checked
    util::ThreadBudget threads;       // 1: the flush runs on the calling thread
    bool flush_started = false;
    util::ThreadGroup flusher;        // last: joined before the rest goes
};

PendingOutput::PendingOutput(const std::string& path, std::string_view data, const SourceText* read_as,
                             const util::ThreadBudget& threads)
    : m_state(std::make_unique<State>()) {
    State& s = *m_state;
    s.path = path;
    s.read_as = read_as;
    s.threads = threads;
    if (path == "-") return;
    // /dev/stdout, a FIFO, /dev/null: nothing to stage; the text goes out in
    // finish(), after the caller's check, as "-" does.
    s.direct = util::is_direct_target(path);
    if (s.direct) return;
    s.error = s.staged.write(path, [&](const util::ChunkWriter& write) { write(data); });
    s.staged_ok = !s.error;
    if (s.error) return;
    start_flush();
}

void PendingOutput::start_flush() {
    State& s = *m_state;
    s.flush_started = true;
    auto flush = [&s] {
        s.error = s.staged.flush();
        if (s.error || !s.read_as) return;
        // Stamp first: a change after it shows in the stamp finish() takes.
        s.stamp = FileStamp::of(s.path);
        if (const FileStamp* mapped = s.read_as->stamp()) s.holds = s.stamp && *s.stamp == *mapped;
        else s.holds = s.stamp && file_holds(s.path, *s.read_as);
    };
    if (s.threads.single()) flush();
    else s.flusher.start(flush);
}

PendingOutput::PendingOutput(const std::string& path, const Producer& produce, const SourceText* read_as,
                             const util::ThreadBudget& threads)
    : m_state(std::make_unique<State>()) {
    State& s = *m_state;
    s.path = path;
    s.read_as = read_as;
    s.threads = threads;
    s.error = s.staged.write(path, produce);
    s.staged_ok = !s.error;
    // The flush waits for keep(): a text found unchanged is dropped unflushed.
}

void PendingOutput::keep() {
    State& s = *m_state;
    if (s.staged_ok && !s.flush_started) start_flush();
}

std::optional<SourceText> PendingOutput::written() const {
    const State& s = *m_state;
    if (s.path == "-" || !s.staged_ok) return std::nullopt;
    const int fd = ::open(s.staged.temp_path().c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    struct stat st {};
    std::shared_ptr<const util::MappedFile> m;
    if (::fstat(fd, &st) == 0) m = util::MappedFile::map(fd, st, s.path);
    ::close(fd);
    if (m) return SourceText(std::move(m));
    // Not mappable (an empty file): its bytes, so that the check still runs.
    std::string bytes;
    if (util::read_whole_file(s.staged.temp_path(), bytes)) return std::nullopt;
    return SourceText(std::move(bytes));
}

namespace {

// A new text handed over in pieces, compared with the text that was read;
// the pages of a mapped source are dropped behind the comparison.
class TextComparison {
public:
    explicit TextComparison(const SourceText& source) : m_source(source) {}
    void add(std::string_view piece) {
        const std::string_view src = m_source;
        if (!m_changed && (m_at + piece.size() > src.size() || src.compare(m_at, piece.size(), piece) != 0))
            m_changed = true;
        m_at += piece.size();
        const size_t upto = std::min(m_at, src.size());
        if (upto >= m_released + (size_t(4) << 20)) {
            m_source.release(m_released, upto);
            m_released = upto;
        }
    }
    // Some byte or the length differs (after the last piece).
    bool changed() const { return m_changed || m_at != m_source.size(); }

private:
    const SourceText& m_source;
    size_t m_at = 0, m_released = 0;
    bool m_changed = false;
};

} // namespace

bool stage_new_text(const Cassette& c, const std::string& path, const std::string& target,
                    const PendingOutput::Producer& produce, Phases& phases, std::optional<PendingOutput>& pending,
                    std::optional<std::string>& problem, const util::ThreadBudget& threads) {
    TextComparison cmp(c.source);
    pending.emplace(
        target,
        [&](const std::function<bool(std::string_view)>& write) {
            produce([&](std::string_view piece) {
                cmp.add(piece);
                return write(piece);
            });
        },
        target == path ? &c.source : nullptr, threads);
    phases.done("write");
    const bool changed = cmp.changed();
    if (!changed && target == path) {
        pending.reset(); // the same bytes: nothing to check or replace
        return false;
    }
    pending->keep();
    if (std::optional<SourceText> text = pending->written())
        problem = yaml::verify_written_source(c, *text, threads); // (not written: finish() says why)
    phases.done("verify");
    return changed;
}

PendingOutput::~PendingOutput() { m_state->flusher.join(); }

bool PendingOutput::finish(Io& io, std::string_view data) {
    State& s = *m_state;
    if (s.path == "-") {
        io.out << data;
        io.out.flush();
        return bool(io.out);
    }
    if (s.direct) {
        std::optional<std::string> err = s.staged.write(s.path, [&](const util::ChunkWriter& write) { write(data); });
        if (!err) err = s.staged.flush();
        if (err) {
            report_write_error(io, s.path, *err);
            return false;
        }
        return true;
    }
    keep();
    s.flusher.join();
    if (s.error) {
        report_write_error(io, s.path, *s.error);
        return false;
    }
    if (s.read_as && (!s.holds || FileStamp::of(s.path) != s.stamp)) {
        report_changed(io, s.path);
        return false;
    }
    if (auto err = s.staged.commit()) {
        report_write_error(io, s.path, *err);
        return false;
    }
    return true;
}

} // namespace cassette::cli
