#include "output_stream.h"

#include <catch2/catch.hpp>

namespace hostgraft {
namespace {

TEST_CASE("output stream: untouched documents stay views into the input, joined where they touch", "[output]") {
  auto input = std::make_shared<const std::string>("a: 1\n---\nb: 2\n---\nc: 3\n");
  std::string_view in = *input;
  OutputStream out(input);
  out.AddView(in.substr(0, 5));   // "a: 1\n"
  out.AddView(in.substr(5, 9));   // "---\nb: 2\n" continues it
  out.AddText("---\nc: 4\n");     // an edited document
  out.AddView(in.substr(0, 5));   // a view that does not continue the text
  out.AddText("");                // nothing
  REQUIRE(out.pieces().size() == 3);
  CHECK(out.pieces()[0].data() == input->data());  // not a copy
  CHECK(out.pieces()[0] == "a: 1\n---\nb: 2\n");
  CHECK(out.Text() == "a: 1\n---\nb: 2\n---\nc: 4\na: 1\n");
  CHECK(out.size() == out.Text().size());
  CHECK(out.back() == '\n');
  CHECK(out.Mentions("c: 4"));
  CHECK_FALSE(out.Mentions("c: 3"));
  CHECK(OutputStream().empty());
}

}  // namespace
}  // namespace hostgraft
