#include "rendered_bodies.hpp"

#include <vector>

#include "gzip.hpp"

namespace bistime::http::detail {
namespace {

// Pieces already written: sending them copies bytes and nothing more.
class WrittenBody final : public PiecewiseBody {
  public:
    explicit WrittenBody(std::vector<std::string> pieces) : pieces_(std::move(pieces)) {}
    std::size_t piece_count() const override { return pieces_.size(); }
    void write_piece(std::size_t index, std::string& out) const override { out += pieces_[index]; }
    std::span<const std::string> written_pieces() const override { return pieces_; }

  private:
    std::vector<std::string> pieces_;
};

// One text shared with other holders: sending it copies nothing.
class SharedPieceBody final : public PiecewiseBody {
  public:
    explicit SharedPieceBody(std::shared_ptr<const std::string> text) : text_(std::move(text)) {}
    std::size_t piece_count() const override { return 1; }
    void write_piece(std::size_t, std::string& out) const override { out += *text_; }
    std::span<const std::string> written_pieces() const override { return {text_.get(), 1}; }

  private:
    std::shared_ptr<const std::string> text_;
};

// Past this many reads noted, the ones no longer being sent are dropped.
constexpr std::size_t k_streams_pruned_at = 64;

}  // namespace

std::shared_ptr<const PiecewiseBody> shared_piece(std::shared_ptr<const std::string> text) {
    return std::make_shared<const SharedPieceBody>(std::move(text));
}

std::shared_ptr<const PiecewiseBody> single_piece(std::string text) {
    std::vector<std::string> pieces;
    pieces.push_back(std::move(text));
    return std::make_shared<const WrittenBody>(std::move(pieces));
}

std::shared_ptr<const RenderedBody> RenderedBody::render(const PiecewiseBody& body,
                                                         std::size_t max_bytes) {
    auto rendered = std::make_shared<RenderedBody>();
    std::vector<std::string> pieces;
    std::size_t total = 0;
    const std::size_t count = body.piece_count();
    pieces.reserve(count);
    for (std::size_t i = 0; i < count && total <= max_bytes; ++i) {
        pieces.emplace_back();
        body.write_piece(i, pieces.back());
        total += pieces.back().capacity() + sizeof(std::string);
    }
    if (total > max_bytes) {
        // Too large to keep: each request writes it as it is sent.
        rendered->bytes_ = sizeof(RenderedBody);
        return rendered;
    }
    std::size_t text = 0;
    for (const std::string& piece : pieces) {
        text += piece.size();
    }
    if (text >= k_min_gzip_bytes) {
        // zlib's fastest level: a large grid compresses about tenfold at it,
        // once per revision, in a fraction of the time its text took.
        auto compressed = std::make_shared<std::string>(gzip(pieces, 1));
        compressed->shrink_to_fit();
        total += compressed->capacity() + sizeof(std::string);
        rendered->gzipped_ = std::move(compressed);
    }
    rendered->body_ = std::make_shared<const WrittenBody>(std::move(pieces));
    rendered->bytes_ = total + sizeof(RenderedBody) + sizeof(WrittenBody);
    return rendered;
}

std::optional<std::pair<std::string, std::shared_ptr<const PiecewiseBody>>> RenderedBodies::latest(
    const std::string& read) {
    auto held = cache_.latest(read);
    if (held && held->second->body()) {
        return std::make_pair(std::move(held->first), held->second->body());
    }
    const std::lock_guard lock(streams_mutex_);
    const auto found = streams_.find(read);
    if (found != streams_.end()) {
        if (auto body = found->second.body.lock()) {
            return std::make_pair(found->second.revision, std::move(body));
        }
    }
    return std::nullopt;
}

std::shared_ptr<const PiecewiseBody> RenderedBodies::shared_stream(
    const std::string& read, const std::string& revision,
    std::shared_ptr<const PiecewiseBody> body) {
    const std::lock_guard lock(streams_mutex_);
    Stream& stream = streams_[read];
    if (stream.revision == revision) {
        if (auto alive = stream.body.lock()) {
            return alive;
        }
    }
    stream.revision = revision;
    stream.body = body;
    if (streams_.size() > k_streams_pruned_at) {
        std::erase_if(streams_, [](const auto& entry) { return entry.second.body.expired(); });
    }
    return body;
}

RenderedBodies::Turn RenderedBodies::turn(const std::string& read) {
    if (auto held = cache_.latest(read); held && held->second->body()) {
        return {};  // kept: each request only asks storage whether it is current
    }
    {
        // Only a read known to be too large to keep takes turns: small ones
        // (with the cache off, every one) go on in parallel as before.
        const std::lock_guard lock(streams_mutex_);
        if (streams_.count(read) == 0) {
            return {};
        }
    }
    std::unique_lock lock(turns_mutex_);
    // Past the wait this request reads on its own, as if it had the turn.
    turn_ended_.wait_for(lock, k_turn_wait, [&] { return reading_.count(read) == 0; });
    reading_.insert(read);
    return Turn(this, read);
}

void RenderedBodies::end_turn(const std::string& read) {
    {
        const std::lock_guard lock(turns_mutex_);
        reading_.erase(read);
    }
    turn_ended_.notify_all();
}

}  // namespace bistime::http::detail
