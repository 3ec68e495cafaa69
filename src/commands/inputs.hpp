#pragma once
// The input half of the command layer: which files a command reads. Every
// subcommand that takes a list of files or folders (lint, redact, fmt, show)
// expands its arguments here, so they all pick the same files:
//   - a file named on the command line is always taken, whatever its name
//     (a missing one too: reading it reports why it cannot be read);
//   - a folder is searched recursively for *.yaml and *.yml, .cassette.yaml
//     excepted; folders whose name starts with '.' (.git, .venv, .cache) are
//     not descended into (the folder named itself is, whatever its name);
//   - symbolic links to files are taken, links to folders are not followed
//     (no loops, nothing outside the tree);
//   - a folder's files come sorted (byte order of their paths), and each file
//     once, at its first mention; `cassette lint .` shows `a/b.yaml`;
//   - "-" is standard input, taken as it is.
#include "commands/common.hpp"

#include <set>
#include <string>
#include <vector>

namespace cassette::cli {

struct Inputs {
    std::vector<std::string> files;
    // Files found below a named folder, not named themselves: another
    // recorder's file among them is skipped with a note, not an error.
    std::set<std::string> found_below;
    // False when a folder could not be listed (reported).
    bool ok = true;

    bool found(const std::string& file) const { return found_below.count(file) > 0; }
};

Inputs expand_paths(Io& io, const std::vector<std::string>& paths);

} // namespace cassette::cli
