#pragma once
// The output half of the command layer: every file a command writes goes
// through here. Atomic (temporary file beside the target, fsync, rename,
// mode kept), checked before it replaces anything (the new text must read
// back as the same data; the file must still hold what was read), and
// streamed for big files. Used by fmt, redact and convert.
#include "util/parallel.hpp"
#include "commands/common.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace cassette::cli {

// Write `data` to `path` atomically ("-" is stdout). Returns false after
// reporting an error.
// `read_as`: for an in-place rewrite, the bytes the command read from `path`.
// When the file no longer holds them (another process or an editor changed
// it while we worked), nothing is written: replacing it would silently drop
// that change. The check narrows the race to the moment between it and the
// rename; it cannot close it (no file locking in go-vcr's world).
// A mapped `read_as` (a big file) is not compared byte for byte (the mapping
// shows the file as it is now): its inode, size and times must be those it
// had when it was mapped.
bool write_output(Io& io, const std::string& path, std::string_view data, const SourceText* read_as = nullptr);

// write_output in two halves, for a text that is still being checked
// (verify_written) when it could already go to disk: the constructor writes
// the temporary file beside `path` and leaves its fsync (and, with
// `read_as`, the comparison of the file with what was read) to another
// thread; finish() waits for it and puts the file in place. Destroyed
// without finish(), nothing is written. "-" only prints `data` in finish().
// The constructor has used `data` by the time it returns: the check may
// move the text away and back (verify_written_borrowing) meanwhile.
class PendingOutput {
public:
    // Hands a text to `sink` a piece at a time.
    using Producer = std::function<void(const std::function<bool(std::string_view)>& sink)>;

    // `threads` single: the flush runs on the calling thread.
    PendingOutput(const std::string& path, std::string_view data, const SourceText* read_as = nullptr,
                  const util::ThreadBudget& threads = {});
    // The text handed to `write` by `produce` a piece at a time, straight
    // into the temporary file (a big file's new text is never in memory
    // whole); written() then maps that file for the check. Not for "-".
    // The file is flushed from keep() (or finish()) on: dropped before,
    // a text found unchanged costs no fsync.
    PendingOutput(const std::string& path, const Producer& produce, const SourceText* read_as,
                  const util::ThreadBudget& threads = {});
    // The temporary file's text (mapped); nullopt when it could not be
    // written (finish() reports why) or mapped.
    std::optional<SourceText> written() const;
    // Start flushing the temporary file now (on another thread).
    void keep();
    ~PendingOutput();
    PendingOutput(const PendingOutput&) = delete;
    PendingOutput& operator=(const PendingOutput&) = delete;
    // Returns false after reporting an error, as write_output does.
    bool finish(Io& io, std::string_view data = {});

    struct State;

private:
    void start_flush();
    std::unique_ptr<State> m_state;
};

// A big file's new text (`produce` hands it over in pieces) goes straight
// into the temporary file for `target`, compared with `c`'s source as it
// goes: it is never whole in memory. Unless it is the source again going
// back in place (`pending` is then left empty), the file is flushed and
// the text checked from it (verify_written_source): `problem` says why the
// check failed, else `pending` waits for finish(). Returns whether the text
// differs from the source. Ends the phases "write", and "verify" when
// checked.
bool stage_new_text(const Cassette& c, const std::string& path, const std::string& target,
                    const PendingOutput::Producer& produce, Phases& phases, std::optional<PendingOutput>& pending,
                    std::optional<std::string>& problem, const util::ThreadBudget& threads = {});

} // namespace cassette::cli
