#include "module_imports.hpp"

#include <algorithm>
#include <cctype>
#include <deque>
#include <optional>
#include <set>

namespace bistime::http::detail {
namespace {

bool is_identifier_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '$';
}

bool is_space(char c) {
    return std::isspace(static_cast<unsigned char>(c)) != 0;
}

// Whether a statement may begin at `at`: at the start of the text, or after a
// line break, ';' or '}' with only spaces and tabs between. This keeps
// `foo.import`, `'import'` and an `import:` key inside a line out.
bool begins_statement(std::string_view text, std::size_t at) {
    while (at > 0 && (text[at - 1] == ' ' || text[at - 1] == '\t')) {
        --at;
    }
    return at == 0 || text[at - 1] == '\n' || text[at - 1] == '\r' || text[at - 1] == ';' ||
           text[at - 1] == '}';
}

// The quoted text starting at `at` (a quote), or nothing when unterminated.
std::optional<std::string_view> quoted_at(std::string_view text, std::size_t at) {
    const std::size_t end = text.find(text[at], at + 1);
    if (end == std::string_view::npos) {
        return std::nullopt;
    }
    return text.substr(at + 1, end - at - 1);
}

// The specifier of a static import or re-export whose keyword ends just before
// `at`. For `import` a string may follow at once; otherwise a clause
// (`{ a, b }`, `* as ns`, `name`) that ends in `from` comes before it.
std::optional<std::string_view> specifier_after(std::string_view text, std::size_t at,
                                                bool is_import) {
    while (at < text.size() && is_space(text[at])) {
        ++at;
    }
    if (at >= text.size() || text[at] == '(' || text[at] == '.') {
        return std::nullopt;  // import(…) and import.meta load nothing statically
    }
    if (is_import && (text[at] == '\'' || text[at] == '"')) {
        return quoted_at(text, at);
    }
    const std::size_t quote = text.find_first_of("'\"", at);
    if (quote == std::string_view::npos) {
        return std::nullopt;
    }
    std::string_view clause = text.substr(at, quote - at);
    // Declarations (`export const x = '…'`, `export function f() {…}`) hold
    // one of these before their first string; an import clause never does.
    if (clause.find_first_of(";=()") != std::string_view::npos) {
        return std::nullopt;
    }
    while (!clause.empty() && is_space(clause.back())) {
        clause.remove_suffix(1);
    }
    constexpr std::string_view k_from = "from";
    if (clause.size() <= k_from.size() || !clause.ends_with(k_from) ||
        is_identifier_char(clause[clause.size() - k_from.size() - 1])) {
        return std::nullopt;
    }
    return quoted_at(text, quote);
}

// `specifier` resolved against the folder of `path`; nothing for a bare or
// absolute specifier, or one that climbs out of the app.
std::optional<std::string> resolve(std::string_view path, std::string_view specifier) {
    if (!specifier.starts_with("./") && !specifier.starts_with("../")) {
        return std::nullopt;
    }
    std::vector<std::string_view> parts;
    const std::size_t slash = path.rfind('/');
    const std::string joined =
        (slash == std::string_view::npos ? std::string() : std::string(path.substr(0, slash + 1))) +
        std::string(specifier);
    std::string_view rest = joined;
    while (!rest.empty()) {
        const std::size_t end = std::min(rest.find('/'), rest.size());
        const std::string_view part = rest.substr(0, end);
        rest.remove_prefix(std::min(end + 1, rest.size()));
        if (part == "..") {
            if (parts.empty()) {
                return std::nullopt;
            }
            parts.pop_back();
        } else if (!part.empty() && part != ".") {
            parts.push_back(part);
        }
    }
    std::string resolved;
    for (const std::string_view part : parts) {
        resolved += (resolved.empty() ? "" : "/") + std::string(part);
    }
    return resolved;
}

}  // namespace

std::vector<std::string> static_imports(std::string_view path, std::string_view source) {
    std::vector<std::string> found;
    for (std::size_t at = 0; at + 6 <= source.size(); ++at) {
        const std::string_view word = source.substr(at, 6);
        const bool is_import = word == "import";
        if ((!is_import && word != "export") || !begins_statement(source, at) ||
            (at + 6 < source.size() && is_identifier_char(source[at + 6]))) {
            continue;
        }
        const auto specifier = specifier_after(source, at + 6, is_import);
        if (!specifier) {
            continue;
        }
        auto resolved = resolve(path, *specifier);
        if (resolved && std::find(found.begin(), found.end(), *resolved) == found.end()) {
            found.push_back(std::move(*resolved));
        }
    }
    return found;
}

std::vector<std::string> static_closure(
    const std::map<std::string, std::string_view, std::less<>>& modules, std::string_view entry) {
    std::vector<std::string> closure;
    std::set<std::string, std::less<>> seen{std::string(entry)};
    std::deque<std::string> pending{std::string(entry)};
    while (!pending.empty()) {
        const std::string path = std::move(pending.front());
        pending.pop_front();
        const auto found = modules.find(path);
        if (found == modules.end()) {
            continue;
        }
        closure.push_back(path);
        for (std::string& imported : static_imports(path, found->second)) {
            if (seen.insert(imported).second) {
                pending.push_back(std::move(imported));
            }
        }
    }
    return closure;
}

}  // namespace bistime::http::detail
