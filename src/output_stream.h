// write: the output stream as a list of pieces. A document no step edited is
// a view into the input buffer, never copied; edited and generated
// documents are texts the stream owns. Nothing reaches stdout until the
// whole run has succeeded, and then it goes out in a few writev calls.
#pragma once

#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hostgraft {

class OutputStream {
 public:
  OutputStream() = default;
  // Views added later point into `input`, which the stream keeps alive.
  explicit OutputStream(std::shared_ptr<const std::string> input) : input_(std::move(input)) {}

  // Bytes of the input; a view that continues the previous one joins it.
  void AddView(std::string_view bytes);
  // Bytes the stream keeps (an edited or generated document); returns where
  // they are kept, valid as long as the stream (moving it keeps them).
  std::string_view AddText(std::string text);

  bool empty() const { return size_ == 0; }
  size_t size() const { return size_; }
  char back() const { return pieces_.back().back(); }  // not on an empty stream
  const std::vector<std::string_view>& pieces() const { return pieces_; }
  // Whether `text` occurs within one piece (a host within one document).
  bool Mentions(std::string_view text) const;
  // The whole stream as one string (reading it again, tests).
  std::string Text() const;

 private:
  std::shared_ptr<const std::string> input_;
  std::deque<std::string> texts_;  // a deque: adding one never moves the others
  std::vector<std::string_view> pieces_;
  size_t size_ = 0;
  bool last_is_view_ = false;  // the last piece may grow by the view that continues it
};

}  // namespace hostgraft
