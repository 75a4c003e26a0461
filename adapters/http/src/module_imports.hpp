// The static imports between the web app's own JavaScript modules, so that
// each page's shell can name every module the page will load at once
// (<link rel="modulepreload">) instead of the browser finding them one level
// of imports at a time.
//
// This is a scan of the app's own files, not a JavaScript parser. It finds a
// statement that begins a line (after indentation) or follows ';' or '}' and is
//   import … from './x.js'    import './x.js'    export … from './x.js'
// (the clause may span lines; single or double quotes). Only relative
// specifiers ("./", "../") count, resolved against the importing file's
// folder; bare and absolute ones are left alone. A dynamic import('./x.js')
// is not a static import and is skipped, as is import.meta. It does not skip
// comments or template strings: an app whose comment or string began a line
// with such a statement would have that module preloaded too, which costs a
// fetch and breaks nothing.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace bistime::http::detail {

// The modules `source` (the text of the module at `path`, '/'-separated and
// relative to the app: "js/main.js") imports statically, as paths of the same
// kind ("js/dom.js"), in the order they appear, each once.
std::vector<std::string> static_imports(std::string_view path, std::string_view source);

// The module at `entry` and every module it imports statically, directly or
// through others: the module graph a browser loads before running it. Each
// once, `entry` first, then in the order found. A path not among `modules`
// (path → text) is left out with what only it would import: a missing entry
// gives nothing.
std::vector<std::string> static_closure(
    const std::map<std::string, std::string_view, std::less<>>& modules, std::string_view entry);

}  // namespace bistime::http::detail
