// `cassette completions bash|zsh|fish`: the shell completion scripts,
// generated from the command table itself (CLI11's app: every subcommand,
// its options, their value kinds and choices) and the lint rule registry.
// completions/ holds what this prints (a test compares them); after a new
// flag, `make completions` rewrites them.
//
// What an option's value completes to comes from the option:
//   a CLI::IsMember check   its choices (`--format text|json|...`)
//   type_name "FILE"        file names (`--config`, `-o`)
//   type_name "RULE"        lint rule ids, comma-separated (`--select`)
//   anything else           a free value (nothing offered)
// Positional arguments complete to cassette, HAR and JSON files and
// folders, or to their choices when they have an IsMember check.
#include "commands/commands.hpp"
#include "lint/registry.hpp"
#include "lint/rule.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <sstream>

namespace cassette::cli {

namespace {

enum class ValueKind { None, Free, File, Choice, Rule };

struct OptionSpec {
    std::vector<std::string> shorts, longs; // without dashes
    std::string description;
    ValueKind value = ValueKind::None;
    std::vector<std::string> choices;
    bool repeatable = false;
    bool ends_run = false;             // --help, --version: nothing follows
    std::vector<std::string> excludes; // names with dashes of options it excludes
    std::string value_name;            // "format", "file", ...
};

struct CommandSpec {
    std::string name, summary;
    std::vector<OptionSpec> options;
    std::vector<std::string> positional_choices; // empty: files and folders
};

struct Model {
    std::vector<OptionSpec> global;
    std::vector<CommandSpec> commands;
    std::vector<std::string> rules;
};

// "Output: text (default), json or sarif (GitHub)" -> "Output: text, json or sarif".
std::string short_description(const std::string& d) {
    std::string out;
    int depth = 0;
    for (size_t i = 0; i < d.size(); ++i) {
        if (d[i] == '(') {
            if (depth++ == 0)
                while (!out.empty() && out.back() == ' ') out.pop_back();
            continue;
        }
        if (d[i] == ')' && depth > 0) {
            --depth;
            continue;
        }
        if (depth == 0) out += d[i];
    }
    if (out.size() > 90)
        if (size_t semi = out.find("; "); semi != std::string::npos) out.resize(semi);
    while (!out.empty() && (out.back() == ' ' || out.back() == '.')) out.pop_back();
    return out;
}

// The {a,b,c} of an IsMember check in "TEXT:{a,b,c}".
std::vector<std::string> choices_of(const std::string& type_name) {
    std::vector<std::string> out;
    const size_t open = type_name.find('{'), close = type_name.rfind('}');
    if (open == std::string::npos || close == std::string::npos || close < open) return out;
    std::stringstream list(type_name.substr(open + 1, close - open - 1));
    for (std::string item; std::getline(list, item, ',');) out.push_back(item);
    return out;
}

std::string dashed(const OptionSpec& o, size_t k) {
    return k < o.shorts.size() ? "-" + o.shorts[k] : "--" + o.longs[k - o.shorts.size()];
}

std::vector<std::string> names_of(const OptionSpec& o) {
    std::vector<std::string> out;
    for (size_t k = 0; k < o.shorts.size() + o.longs.size(); ++k) out.push_back(dashed(o, k));
    return out;
}

OptionSpec spec_of(const CLI::Option& opt, bool top_level) {
    OptionSpec s;
    s.shorts = opt.get_snames();
    s.longs = opt.get_lnames();
    s.description = short_description(opt.get_description());
    const std::string type = opt.get_type_name();
    if (opt.get_expected_max() == 0 || opt.get_items_expected_max() == 0) {
        s.value = ValueKind::None;
    } else if (auto c = choices_of(type); !c.empty()) {
        s.value = ValueKind::Choice;
        s.choices = c;
    } else if (type == "FILE") {
        s.value = ValueKind::File;
    } else if (type == "RULE") {
        s.value = ValueKind::Rule;
    } else {
        s.value = ValueKind::Free;
    }
    std::string base = type.substr(0, type.find(':'));
    std::transform(base.begin(), base.end(), base.begin(), [](unsigned char ch) { return char(std::tolower(ch)); });
    s.value_name = s.value == ValueKind::Choice && !s.longs.empty() ? s.longs.front() : base.empty() ? "value" : base;
    s.repeatable = s.value != ValueKind::None && opt.get_expected_max() > 1;
    s.ends_run = top_level && (std::find(s.longs.begin(), s.longs.end(), "help") != s.longs.end() ||
                               std::find(s.longs.begin(), s.longs.end(), "version") != s.longs.end());
    for (const CLI::Option* x : opt.get_excludes()) {
        for (const auto& n : x->get_snames()) s.excludes.push_back("-" + n);
        for (const auto& n : x->get_lnames()) s.excludes.push_back("--" + n);
    }
    return s;
}

Model model_of(const CLI::App& app) {
    Model m;
    for (const CLI::Option* o : app.get_options())
        if (!o->get_positional()) m.global.push_back(spec_of(*o, true));
    for (const auto& sub : subcommands()) {
        const CLI::App* a = app.get_subcommand(sub.name);
        CommandSpec c;
        c.name = sub.name;
        c.summary = sub.summary;
        for (const CLI::Option* o : a->get_options()) {
            if (o->get_positional()) {
                if (auto ch = choices_of(o->get_type_name()); !ch.empty()) c.positional_choices = ch;
                continue;
            }
            c.options.push_back(spec_of(*o, false));
        }
        m.commands.push_back(std::move(c));
    }
    std::sort(m.commands.begin(), m.commands.end(),
              [](const CommandSpec& a, const CommandSpec& b) { return a.name < b.name; });
    for (const lint::Rule* r : lint::all_rules()) m.rules.emplace_back(r->id);
    return m;
}

std::string join(const std::vector<std::string>& v, const char* sep = " ") {
    std::string out;
    for (size_t i = 0; i < v.size(); ++i) out += (i ? sep : "") + v[i];
    return out;
}

// 'text' in a single-quoted shell word.
std::string squote(const std::string& s) {
    std::string out = "'";
    for (char ch : s) out += ch == '\'' ? std::string("'\\''") : std::string(1, ch);
    return out + "'";
}

const char* k_header_note = "generated by `cassette completions %s` from the command table: do not edit;\n"
                            "# after a change to the options, run `make completions`.";

std::string header(const char* shell, const char* what, const std::string& install) {
    char note[256];
    std::snprintf(note, sizeof note, k_header_note, shell);
    return std::string("# ") + what + " completion for cassette(1), " + note + "\n# Install: " + install + "\n";
}

// Global options that may also follow the subcommand (-q, -v): all but
// --help and --version.
std::vector<OptionSpec> carried(const Model& m) {
    std::vector<OptionSpec> out;
    for (const auto& g : m.global)
        if (!g.ends_run) out.push_back(g);
    return out;
}

std::string bash(const Model& m) {
    std::ostringstream o;
    o << header("bash", "bash", "/usr/share/bash-completion/completions/cassette");
    std::vector<std::string> names;
    for (const auto& c : m.commands) names.push_back(c.name);
    std::vector<std::string> top;
    for (const auto& g : m.global)
        for (const auto& n : names_of(g)) top.push_back(n);
    o << "_cassette() {\n"
         "    local cur prev words cword\n"
         "    if declare -F _init_completion >/dev/null; then\n"
         "        _init_completion || return\n"
         "    else\n"
         "        cur=${COMP_WORDS[COMP_CWORD]}; prev=${COMP_WORDS[COMP_CWORD-1]}; words=(\"${COMP_WORDS[@]}\"); "
         "cword=$COMP_CWORD\n"
         "    fi\n"
         "    local subcommands=\""
      << join(names) << "\"\n    local rules=\"" << join(m.rules) << "\"\n"
      << "    local sub=\"\" i\n"
         "    for ((i = 1; i < cword; i++)); do\n"
         "        case ${words[i]} in -*) ;; *) sub=${words[i]}; break ;; esac\n"
         "    done\n"
         "    if [[ -z $sub ]]; then\n"
         "        COMPREPLY=($(compgen -W \"$subcommands "
      << join(top)
      << "\" -- \"$cur\"))\n"
         "        return\n"
         "    fi\n"
         "    local opts=\"\" words_only=\"\"\n"
         "    case $sub in\n";
    const std::vector<OptionSpec> extra = carried(m);
    for (const auto& c : m.commands) {
        o << "    " << c.name << ")\n";
        std::ostringstream cases;
        std::vector<std::string> all;
        for (const auto& s : c.options) {
            const std::string pattern = join(names_of(s), "|");
            for (const auto& n : names_of(s)) all.push_back(n);
            switch (s.value) {
            case ValueKind::None: break;
            case ValueKind::Free: cases << "        " << pattern << ") return ;;\n"; break;
            case ValueKind::File: cases << "        " << pattern << ") COMPREPLY=($(compgen -f -- \"$cur\")); return ;;\n"; break;
            case ValueKind::Choice:
                cases << "        " << pattern << ") COMPREPLY=($(compgen -W \"" << join(s.choices)
                      << "\" -- \"$cur\")); return ;;\n";
                break;
            case ValueKind::Rule:
                cases << "        " << pattern
                      << ") local pre=\"\"; [[ $cur == *,* ]] && pre=${cur%,*},\n"
                         "            COMPREPLY=($(compgen -P \"$pre\" -W \"$rules\" -- \"${cur##*,}\")); return ;;\n";
                break;
            }
        }
        for (const auto& g : extra)
            for (const auto& n : names_of(g)) all.push_back(n);
        if (!cases.str().empty()) o << "        case $prev in\n" << cases.str() << "        esac\n";
        o << "        opts=\"" << join(all) << "\"";
        if (!c.positional_choices.empty()) o << "; words_only=\"" << join(c.positional_choices) << "\"";
        o << " ;;\n";
    }
    o << "    esac\n"
         "    if [[ $cur == -* ]]; then\n"
         "        COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n"
         "    elif [[ -n $words_only ]]; then\n"
         "        COMPREPLY=($(compgen -W \"$words_only\" -- \"$cur\"))\n"
         "    else\n"
         "        # cassette, HAR and JSON files, and folders (without extglob)\n"
         "        local f\n"
         "        COMPREPLY=()\n"
         "        while IFS= read -r f; do\n"
         "            case $f in *.yaml|*.yml|*.har|*.json) COMPREPLY+=(\"$f\") ;; *) [[ -d $f ]] && COMPREPLY+=(\"$f\") ;; esac\n"
         "        done < <(compgen -f -- \"$cur\")\n"
         "    fi\n"
         "}\n"
         "complete -o filenames -F _cassette cassette\n";
    return o.str();
}

// A description inside zsh's _arguments brackets: ']' and ':' escaped.
std::string zsh_desc(const std::string& d) {
    std::string out;
    for (char ch : d) {
        if (ch == ']' || ch == ':' || ch == '[' || ch == '\\') out += '\\';
        out += ch;
    }
    return out;
}

std::string zsh_option(const OptionSpec& s) {
    const std::vector<std::string> names = names_of(s);
    std::string exclusion;
    std::vector<std::string> ex = s.excludes;
    if (s.ends_run) {
        exclusion = "(- *)";
    } else {
        if (names.size() > 1 && !s.repeatable) ex.insert(ex.begin(), names.begin(), names.end());
        if (!ex.empty()) exclusion = "(" + join(ex) + ")";
    }
    std::string tail = "[" + zsh_desc(s.description) + "]";
    switch (s.value) {
    case ValueKind::None: break;
    case ValueKind::Free: tail += ":" + s.value_name + ":"; break;
    case ValueKind::File: tail += ":" + s.value_name + ":_files"; break;
    case ValueKind::Choice: tail += ":" + s.value_name + ":(" + join(s.choices) + ")"; break;
    case ValueKind::Rule: tail += ":rules:_cassette_rules"; break;
    }
    const std::string star = s.repeatable ? "*" : "";
    std::string out;
    if (names.size() == 1) return squote(exclusion + star + names[0] + tail);
    // '(-o --output)'{-o,--output}'[...]...'
    if (!exclusion.empty() || !star.empty()) out += squote(exclusion + star);
    out += "{" + join(names, ",") + "}";
    out += squote(tail);
    return out;
}

std::string zsh(const Model& m) {
    std::ostringstream o;
    o << "#compdef cassette\n"
      << header("zsh", "zsh", "a folder on $fpath, e.g. /usr/share/zsh/site-functions/_cassette") << "\n"
      << "_cassette_rules() {\n    local -a rules\n    rules=(" << join(m.rules) << ")\n"
      << "    _values -s , 'rule' $rules\n}\n\n"
      << "_cassette() {\n    local -a subcommands\n    subcommands=(\n";
    for (const auto& c : m.commands) o << "        " << squote(c.name + ":" + c.summary) << "\n";
    o << "    )\n    _arguments -C \\\n";
    for (const auto& g : m.global) o << "        " << zsh_option(g) << " \\\n";
    o << "        '1: :->subcommand' \\\n"
         "        '*:: :->args' && return\n"
         "    case $state in\n"
         "    subcommand)\n"
         "        _describe -t subcommands 'cassette subcommand' subcommands ;;\n"
         "    args)\n"
         "        case $words[1] in\n";
    const std::vector<OptionSpec> extra = carried(m);
    for (const auto& c : m.commands) {
        o << "        " << c.name << ")\n            _arguments \\\n";
        for (const auto& s : c.options) o << "                " << zsh_option(s) << " \\\n";
        for (const auto& g : extra) o << "                " << zsh_option(g) << " \\\n";
        if (!c.positional_choices.empty())
            o << "                " << squote("1:" + c.name + ":(" + join(c.positional_choices) + ")") << " ;;\n";
        else
            o << "                '*:file or folder:_files -g \"*.(yaml|yml|har|json)(-.)\"' ;;\n";
    }
    o << "        esac ;;\n    esac\n}\n\n_cassette \"$@\"\n";
    return o.str();
}

std::string fish_option(const std::string& condition, const OptionSpec& s) {
    std::string line = "complete -c cassette";
    if (!condition.empty()) line += " -n " + condition;
    for (const auto& n : s.shorts) line += " -s " + n;
    for (const auto& n : s.longs) line += " -l " + n;
    switch (s.value) {
    case ValueKind::None: break;
    case ValueKind::Free: line += " -x"; break;
    case ValueKind::File: line += " -r -F"; break;
    case ValueKind::Choice: line += " -x -a " + squote(join(s.choices)); break;
    case ValueKind::Rule: line += " -x -a \"$rules\""; break;
    }
    return line + " -d " + squote(s.description) + "\n";
}

std::string fish(const Model& m) {
    std::ostringstream o;
    o << header("fish", "fish", "/usr/share/fish/vendor_completions.d/cassette.fish");
    std::vector<std::string> names;
    for (const auto& c : m.commands) names.push_back(c.name);
    o << "set -l subcommands " << join(names) << "\n"
      << "set -l rules " << join(m.rules) << "\n"
      << "complete -c cassette -f\n";
    const std::string top = "\"not __fish_seen_subcommand_from $subcommands\"";
    for (const auto& g : m.global) o << fish_option(g.ends_run ? top : "", g);
    for (const auto& c : m.commands)
        o << "complete -c cassette -n " << top << " -a " << c.name << " -d " << squote(c.summary) << "\n";
    for (const auto& c : m.commands) {
        const std::string in = squote("__fish_seen_subcommand_from " + c.name);
        o << "\n# " << c.name << "\n";
        if (!c.positional_choices.empty())
            o << "complete -c cassette -n " << in << " -x -a " << squote(join(c.positional_choices)) << "\n";
        else
            o << "complete -c cassette -n " << in << " -F\n";
        for (const auto& s : c.options) o << fish_option(in, s);
    }
    return o.str();
}

} // namespace

std::string completion_script(const CLI::App& app, const std::string& shell) {
    const Model m = model_of(app);
    if (shell == "bash") return bash(m);
    if (shell == "zsh") return zsh(m);
    if (shell == "fish") return fish(m);
    return {};
}

void setup_completions(CLI::App& app, Io& io, int& exit_code) {
    auto shell = std::make_shared<std::string>();
    CLI::App* sub = app.add_subcommand("completions", summary_of("completions"));
    sub->add_option("SHELL", *shell, "The shell: bash, zsh or fish")->required()->check(CLI::IsMember({"bash", "zsh", "fish"}));
    sub->footer("Prints the script on stdout, e.g. cassette completions bash > ~/.local/share/bash-completion/completions/cassette\n"
                "(installed packages already have them). Exit status: 0, or 2 on a usage error.");
    const CLI::App* root = &app;
    sub->callback([shell, root, &io, &exit_code] {
        io.out << completion_script(*root, *shell);
        exit_code = kExitOk;
    });
}

} // namespace cassette::cli
