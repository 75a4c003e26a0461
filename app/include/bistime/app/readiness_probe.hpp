// The server's probe mode (`bistime-server --probe`): asks a running server
// on this machine whether it is ready, for health checks where no HTTP
// client is installed (the slim container image has no curl).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>

namespace bistime::app {

// GET http://{host}:{port}/ready, each step bounded by `timeout`. True when
// the answer is 200; false when it is anything else, or nothing came.
bool server_is_ready(const std::string& host, std::uint16_t port,
                     std::chrono::milliseconds timeout = std::chrono::seconds(3));

}  // namespace bistime::app
