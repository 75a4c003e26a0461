// RenderedBodies: the text of an event's reads (the event itself, its best
// times, schedules, grid and CSV), kept by read and revision, so that a crowd
// refreshing an unchanged event is answered by sending bytes already written
// instead of writing them again for each request.
//
// A body is kept only while it is current: the lookup names the revision the
// event has now (from its row, read for the request), so a kept body is never
// older than the last write. Bodies larger than half the bound are not kept;
// they are written piece by piece for each request, as before, so that one
// huge read cannot take the memory of many small ones. Such a body (its
// compact data) is shared, not kept: while a request is still sending it,
// the next reader of the same read at the same revision sends the same one
// rather than reading and holding its own copy of the data.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <utility>

#include "bistime/core/versioned_cache.hpp"
#include "bistime/http/api_message.hpp"

namespace bistime::http::detail {

// A body as the cache holds it: its pieces written out, and gzipped for the
// clients that accept it (every browser does; a crowd of phones refreshing a
// large event then downloads a tenth of it); or, when its text passed the
// limit, nothing but that fact, so that the next request at the same
// revision does not try again.
class RenderedBody {
  public:
    // Bodies shorter than this are not worth a gzip form.
    static constexpr std::size_t k_min_gzip_bytes = 1024;

    // Writes `body` out, unless its text passes `max_bytes`.
    static std::shared_ptr<const RenderedBody> render(const PiecewiseBody& body,
                                                      std::size_t max_bytes);

    // Null when the body was too large to keep.
    const std::shared_ptr<const PiecewiseBody>& body() const { return body_; }
    // The body gzipped; null when it was not kept or is short.
    const std::shared_ptr<const std::string>& gzipped() const { return gzipped_; }
    std::size_t bytes() const { return bytes_; }

  private:
    std::shared_ptr<const PiecewiseBody> body_;
    std::shared_ptr<const std::string> gzipped_;
    std::size_t bytes_ = 0;
};

// A body written whole already, as one piece: a small read kept like the
// large ones.
std::shared_ptr<const PiecewiseBody> single_piece(std::string text);
// The same without a copy: `text` shared with whoever else holds it (a kept
// gzip form, sent to many readers at once).
std::shared_ptr<const PiecewiseBody> shared_piece(std::shared_ptr<const std::string> text);

// What a read sends: its pieces, and its gzip form when one is kept.
// `streamed`: too large to keep, so written (and compressed) as it is sent.
struct KeptBody {
    std::shared_ptr<const PiecewiseBody> pieces;
    std::shared_ptr<const std::string> gzipped;
    bool streamed = false;
};

class RenderedBodies {
  public:
    // At most `max_bytes` of bodies; 0 keeps none.
    explicit RenderedBodies(std::size_t max_bytes) : cache_(max_bytes) {}

    // A request's turn to read `read` from storage, held until it has its
    // body (and so until a body too large to keep is shared, latest()).
    class Turn {
      public:
        Turn() = default;
        Turn(RenderedBodies* owner, std::string read) : owner_(owner), read_(std::move(read)) {}
        Turn(Turn&& other) noexcept
            : owner_(std::exchange(other.owner_, nullptr)), read_(std::move(other.read_)) {}
        Turn& operator=(Turn&&) = delete;
        ~Turn() {
            if (owner_ != nullptr) {
                owner_->end_turn(read_);
            }
        }

      private:
        RenderedBodies* owner_ = nullptr;
        std::string read_;
    };
    // Waits (at most k_turn_wait) while another request has the turn for
    // `read`, when its body was too large to keep (and none is kept now):
    // such a body is read whole from storage, and a crowd asking at once
    // would each hold a copy of its data (about 60 MB resident for the
    // largest event's CSV) where one shared copy serves them all.
    Turn turn(const std::string& read);
    static constexpr std::chrono::seconds k_turn_wait{5};

    // The body kept for `read` (the route, the event and the query), or one
    // too large to keep that a request is still sending, and the revision it
    // was written at; nullopt when there is neither.
    std::optional<std::pair<std::string, std::shared_ptr<const PiecewiseBody>>> latest(
        const std::string& read);

    // The body of `read` at `revision`: the one kept, else `make()` written
    // out (once, however many requests ask together) and kept; a body too
    // large to keep is `make()` itself, written as it is sent, without a
    // gzip form.
    template <typename Make>
    KeptBody at(const std::string& read, const std::string& revision, Make make) {
        std::shared_ptr<const PiecewiseBody> made;
        auto rendered = cache_.find_or_load(
            read, revision, [&]() -> Result<std::shared_ptr<const RenderedBody>> {
                made = make();
                return RenderedBody::render(*made, cache_.max_bytes() / 2);
            });
        if (rendered && (*rendered)->body()) {
            return {(*rendered)->body(), (*rendered)->gzipped(), false};
        }
        return {shared_stream(read, revision, made ? std::move(made) : make()), nullptr, true};
    }

    CacheStats stats() const { return cache_.stats(); }

  private:
    // The body being sent for `read` at `revision` when there is one still
    // alive (it then replaces `body`, which is dropped); else `body`, noted
    // as that one.
    std::shared_ptr<const PiecewiseBody> shared_stream(const std::string& read,
                                                       const std::string& revision,
                                                       std::shared_ptr<const PiecewiseBody> body);

    VersionedCache<std::string, std::string, RenderedBody> cache_;
    struct Stream {
        std::string revision;
        std::weak_ptr<const PiecewiseBody> body;
    };
    std::mutex streams_mutex_;
    std::map<std::string, Stream> streams_;  // by read; entries whose body died are pruned

    void end_turn(const std::string& read);
    std::mutex turns_mutex_;
    std::condition_variable turn_ended_;
    std::set<std::string> reading_;  // the reads whose turn is taken
};

}  // namespace bistime::http::detail
