#include "output_stream.h"

#include "contains_bytes.h"

namespace hostgraft {

void OutputStream::AddView(std::string_view bytes) {
  if (bytes.empty()) return;
  size_ += bytes.size();
  if (last_is_view_ && pieces_.back().data() + pieces_.back().size() == bytes.data()) {
    pieces_.back() = std::string_view(pieces_.back().data(), pieces_.back().size() + bytes.size());
    return;
  }
  pieces_.push_back(bytes);
  last_is_view_ = true;
}

std::string_view OutputStream::AddText(std::string text) {
  if (text.empty()) return {};
  size_ += text.size();
  pieces_.push_back(texts_.emplace_back(std::move(text)));
  last_is_view_ = false;
  return pieces_.back();
}

bool OutputStream::Mentions(std::string_view text) const {
  for (std::string_view piece : pieces_)
    if (ContainsBytes(piece, text)) return true;
  return false;
}

std::string OutputStream::Text() const {
  std::string out;
  out.reserve(size_);
  for (std::string_view piece : pieces_) out += piece;
  return out;
}

}  // namespace hostgraft
