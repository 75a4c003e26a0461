#include "bistime/http/web_site.hpp"

#include <algorithm>
#include <cctype>
#include <optional>
#include <stdexcept>

#include "content_hash.hpp"
#include "gzip.hpp"
#include "module_imports.hpp"
#include "request_target.hpp"

namespace bistime::http {
namespace {

constexpr std::string_view k_assets_prefix = "/assets/";
constexpr std::string_view k_shell = "index.html";
constexpr std::string_view k_main_module = "js/main.js";

struct MediaType {
    std::string_view extension;
    std::string_view content_type;
    bool compressible;
};

constexpr MediaType k_media_types[] = {
    {".html", "text/html; charset=utf-8", true},
    {".js", "text/javascript; charset=utf-8", true},
    {".css", "text/css; charset=utf-8", true},
    {".svg", "image/svg+xml", true},
    {".json", "application/json; charset=utf-8", true},
    {".png", "image/png", false},
};

const MediaType& media_type_of(std::string_view path) {
    static constexpr MediaType k_unknown{"", "application/octet-stream", false};
    for (const MediaType& type : k_media_types) {
        if (path.size() >= type.extension.size() &&
            path.substr(path.size() - type.extension.size()) == type.extension) {
            return type;
        }
    }
    return k_unknown;
}

void add_security_headers(ApiResponse& response, bool is_page) {
    response.headers.emplace_back("X-Content-Type-Options", "nosniff");
    if (is_page) {
        // Everything the app needs comes from this server; nothing inline.
        response.headers.emplace_back(
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
            "frame-ancestors 'none'");
        response.headers.emplace_back("Referrer-Policy", "no-referrer");
    }
}

// The shell's text with the assets' base path in place of each "%ASSETS%".
std::string with_assets_base(std::string_view shell, const std::string& assets_base) {
    std::string bytes(shell);
    constexpr std::string_view k_marker = "%ASSETS%";
    for (auto at = bytes.find(k_marker); at != std::string::npos; at = bytes.find(k_marker, at)) {
        bytes.replace(at, k_marker.size(), assets_base);
        at += assets_base.size();
    }
    return bytes;
}

// `shell` with a modulepreload link for each of `modules` before "</head>"
// (at the end when it has none).
std::string with_preloads(std::string shell, const std::vector<std::string>& modules,
                          const std::string& assets_base) {
    std::string links;
    for (const std::string& script : modules) {
        links += "<link rel=\"modulepreload\" href=\"" + assets_base + '/' + script + "\">\n";
    }
    shell.insert(std::min(shell.find("</head>"), shell.size()), links);
    return shell;
}

}  // namespace

WebSite::WebSite(std::span<const WebFile> files) {
    std::uint64_t build = detail::content_hash("");
    for (const WebFile& file : files) {
        build = detail::content_hash(file.path, build);
        build = detail::content_hash(file.bytes, build);
    }
    build_ = detail::hex(build).substr(0, 12);
    const std::string assets_base = std::string(k_assets_prefix) + build_;

    const WebFile* shell_file = nullptr;
    for (const WebFile& file : files) {
        if (file.path == k_shell) {
            shell_file = &file;
        } else {
            files_.emplace(std::string(file.path), prepare(file.path, std::string(file.bytes)));
        }
    }
    if (shell_file == nullptr) {
        throw std::invalid_argument("the web app has no index.html");
    }
    prepare_shells(files, with_assets_base(shell_file->bytes, assets_base), assets_base);
}

WebSite::Entry WebSite::prepare(std::string_view path, std::string bytes) {
    const MediaType& type = media_type_of(path);
    Entry entry;
    entry.content_type = type.content_type;
    const std::string tag = detail::hex(detail::content_hash(bytes));
    entry.identity.etag = '"' + tag + '"';
    if (type.compressible) {
        std::string compressed = detail::gzip(bytes, 9);  // once per file, at start-up
        if (compressed.size() < bytes.size()) {
            entry.gzip.bytes = std::move(compressed);
            entry.gzip.etag = '"' + tag + "-gz\"";
        }
    }
    entry.identity.bytes = std::move(bytes);
    return entry;
}

void WebSite::prepare_shells(std::span<const WebFile> files, std::string_view shell_text,
                             const std::string& assets_base) {
    std::map<std::string, std::string_view, std::less<>> modules;
    for (const WebFile& file : files) {
        if (file.path.ends_with(".js")) {
            modules.emplace(std::string(file.path), file.bytes);
        }
    }
    const std::vector<std::string> common = detail::static_closure(modules, k_main_module);
    const auto prepare_page = [&](Page page, std::string_view entry_module) {
        std::vector<std::string> preloaded = common;
        for (std::string& script : detail::static_closure(modules, entry_module)) {
            if (std::find(preloaded.begin(), preloaded.end(), script) == preloaded.end()) {
                preloaded.push_back(std::move(script));
            }
        }
        shells_[static_cast<std::size_t>(page)] =
            prepare(k_shell, with_preloads(std::string(shell_text), preloaded, assets_base));
    };
    prepare_page(Page::create, "js/create_page.js");
    prepare_page(Page::event, "js/event_page.js");
    prepare_page(Page::team_start, "js/team_start.js");
    prepare_page(Page::team, "js/team_page.js");
    prepare_page(Page::missing, "");  // no page of its own: main.js's modules alone
}

bool WebSite::serves(std::string_view target) {
    const std::string_view path = target.substr(0, target.find('?'));
    if (path == "/api" || path.substr(0, 5) == "/api/") {
        return false;
    }
    // The operator's routes belong to the router.
    return path != "/health-check" && path != "/health-check/" && path != "/metrics" &&
           path != "/ready";
}

ApiResponse WebSite::handle(const ApiRequest& request) const {
    if (request.method != "GET" && request.method != "HEAD") {
        ApiResponse refused;
        refused.status = code(HttpStatus::method_not_allowed);
        refused.content_type = "text/plain; charset=utf-8";
        refused.body = "method not allowed\n";
        refused.headers.emplace_back("Allow", "GET, HEAD");
        return refused;
    }
    const auto target = detail::parse_request_target(request.target);
    if (!target) {
        return answer(request, shell(Page::missing), HttpStatus::not_found, "no-cache");
    }
    const auto& segments = target->segments;

    // The app's pages: the shell, which routes by the path itself.
    std::optional<Page> page;
    if (segments.empty()) {
        page = Page::create;
    } else if (segments.size() == 2 && (segments[0] == "e" || segments[0] == "t")) {
        page = segments[0] == "e" ? Page::event : Page::team;
    } else if (segments.size() == 1 && segments[0] == "t") {
        page = Page::team_start;
    }
    if (page) {
        return answer(request, shell(*page), HttpStatus::ok, "no-cache");
    }
    if (segments.size() >= 3 && segments[0] == "assets") {
        std::string path = segments[2];
        for (std::size_t i = 3; i < segments.size(); ++i) {
            path += '/' + segments[i];
        }
        const auto found = files_.find(path);
        if (found != files_.end()) {
            // A file of another build (a tab open across a deploy) gets
            // today's bytes, but must not be cached under the old name.
            return answer(
                request, found->second, HttpStatus::ok,
                segments[1] == build_ ? "public, max-age=31536000, immutable" : "no-cache");
        }
        ApiResponse missing;
        missing.status = code(HttpStatus::not_found);
        missing.content_type = "text/plain; charset=utf-8";
        missing.body = "no such file\n";
        add_security_headers(missing, false);
        return missing;
    }
    return answer(request, shell(Page::missing), HttpStatus::not_found, "no-cache");
}

ApiResponse WebSite::answer(const ApiRequest& request, const Entry& entry, HttpStatus status,
                            const std::string& cache_control) const {
    const bool use_gzip =
        !entry.gzip.bytes.empty() && detail::accepts_gzip(request.header("accept-encoding"));
    const Representation& chosen = use_gzip ? entry.gzip : entry.identity;

    ApiResponse response;
    response.status = code(status);
    response.content_type = entry.content_type;
    response.headers.emplace_back("Cache-Control", cache_control);
    if (!entry.gzip.bytes.empty()) {
        response.headers.emplace_back("Vary", "Accept-Encoding");
    }
    add_security_headers(response, entry.content_type.starts_with("text/html"));
    if (status != HttpStatus::ok) {
        // An error page is not a version of anything: no validator.
        response.body = chosen.bytes;
    } else {
        response.headers.emplace_back("ETag", chosen.etag);
        if (detail::etag_matches(request.header("if-none-match"), chosen.etag)) {
            response.status = code(HttpStatus::not_modified);
            return response;
        }
        response.body = chosen.bytes;
    }
    if (use_gzip) {
        response.headers.emplace_back("Content-Encoding", "gzip");
    }
    return response;
}

}  // namespace bistime::http
