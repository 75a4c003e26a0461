// WebSite: serves the web app's files — every path outside /api/ — the way a
// browser wants them, from memory.
//
// Pages: "/", "/e/{uuid}", "/t" and "/t/{uuid}" answer the app's shell
// (index.html). The shell names its scripts and styles under
// "/assets/{build}/", where {build} is a hash of every file, so those answers
// can be cached for a year ("immutable"), while the shell itself is revalidated
// on each visit ("no-cache"): a new deploy is picked up at once, and a tab
// opened before it keeps loading files that fit together.
//
// Each page's shell also names, as <link rel="modulepreload">, every module
// the page loads at once: the static imports of js/main.js, and those of the
// page's own module ("/" js/create_page.js, "/e/{uuid}" js/event_page.js,
// "/t" js/team_start.js, "/t/{uuid}" js/team_page.js), which main.js may
// import dynamically. The browser then fetches them side by side instead of
// one level of imports at a time. The shell for 404 names main.js's alone; a
// page module the app lacks adds nothing. Each shell is prepared once.
//
// Every answer carries a strong ETag (per encoding) and honours
// If-None-Match with 304; text is sent gzip-compressed when the client
// accepts it. GET and HEAD only. Any other path answers the shell with 404,
// so the app itself says "not found" in the reader's language.
//
// Immutable after construction: safe to use from many threads. Never blocks.
#pragma once

#include <array>
#include <map>
#include <span>
#include <string>
#include <string_view>

#include "bistime/http/api_message.hpp"
#include "bistime/http/http_status.hpp"

namespace bistime::http {

struct WebFile {
    std::string_view path;   // '/'-separated, relative: "index.html", "js/main.js"
    std::string_view bytes;  // must outlive the WebSite
};

class WebSite {
  public:
    // `files` must hold "index.html". In it, "%ASSETS%" is replaced by the
    // assets' base path ("/assets/{build}"), and each page's preload links go
    // before "</head>". Throws std::invalid_argument without index.html.
    explicit WebSite(std::span<const WebFile> files);

    // Whether a request target (path and query) is the site's to answer:
    // anything but /api/…, /health-check, /metrics and /ready.
    static bool serves(std::string_view target);

    ApiResponse handle(const ApiRequest& request) const;

  private:
    struct Representation {
        std::string bytes;
        std::string etag;  // quoted
    };
    struct Entry {
        std::string content_type;
        Representation identity;
        Representation gzip;  // empty when compressing does not pay
    };

    // The shells, one per kind of page; `missing` is the 404 page's.
    enum class Page : std::size_t { create, event, team_start, team, missing, count };

    // A file's answer: its bytes, their ETag, and gzip when it pays.
    static Entry prepare(std::string_view path, std::string bytes);
    // The shell of each page, from index.html and the app's modules.
    void prepare_shells(std::span<const WebFile> files, std::string_view shell_text,
                        const std::string& assets_base);
    ApiResponse answer(const ApiRequest& request, const Entry& entry, HttpStatus status,
                       const std::string& cache_control) const;
    const Entry& shell(Page page) const { return shells_[static_cast<std::size_t>(page)]; }

    std::map<std::string, Entry, std::less<>> files_;  // all but index.html
    std::array<Entry, static_cast<std::size_t>(Page::count)> shells_;
    std::string build_;  // the hash naming this build's assets
};

}  // namespace bistime::http
