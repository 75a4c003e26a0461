// The web app's files (adapters/web/app), embedded in the executable at build
// time, so that bistime-server serves its own pages with no other process, no
// file system and no network. The HTTP adapter decides how they are served;
// this library only holds the bytes.
#pragma once

#include <span>
#include <string_view>

namespace bistime::web {

struct EmbeddedFile {
    std::string_view path;   // below adapters/web/app, '/'-separated: "js/main.js"
    std::string_view bytes;  // the file's exact contents; static storage
};

// Every file of the app, in a fixed order.
std::span<const EmbeddedFile> embedded_files();

// The documents the API serves about itself: "openapi.yaml" (docs/).
std::span<const EmbeddedFile> embedded_documents();

}  // namespace bistime::web
