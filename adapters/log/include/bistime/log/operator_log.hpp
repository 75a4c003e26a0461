// The operator's log: the lines bistime-server writes about itself, as
// opposed to the one line per request (the HTTP adapter's request log).
//
// Every line is written with a single write(2), so lines from different
// threads never mix. In JSON format every line is one JSON object, valid
// UTF-8 whatever bytes the message held. Messages are written by the
// server's own code: they must never carry SQL text, secrets or what a
// person typed (names, titles) — only what an operator needs to act.
#pragma once

#include <string>
#include <string_view>

namespace bistime::log {

enum class Format { text, json };
enum class Level { info, warning, error };

// Chooses the format of every line from now on (text by default). Call it
// once at start-up, before other threads log.
void set_format(Format format);
Format format();

// Writes one line to stderr. Text: "bistime: <message>". JSON: {"time",
// "level", "message"}.
void write(Level level, std::string_view message);
// The server's start and stop lines, to stdout, where the request log goes
// too. Text: the message as it is. JSON: as write() at level info.
void announce(std::string_view message);

// Appends `text` to `out` as a JSON string: quotes, backslashes and control
// characters escaped, and each byte that is not part of valid UTF-8 written
// as the visible text `\xNN` (a JSON "\\xNN"), so that the line stays valid
// UTF-8 and the byte can still be read off it.
void append_json_string(std::string& out, std::string_view text);

// The time now as "2026-12-02T15:04:05.123Z".
std::string utc_now();

}  // namespace bistime::log
