// A floor for any checker built on libyaml's event parser (bench/run): parses
// every event of stdin and does nothing else. Not part of hostgraft.
#include <yaml.h>

#include <iostream>
#include <sstream>

int main() {
  std::ostringstream input;
  input << std::cin.rdbuf();
  const std::string data = input.str();
  yaml_parser_t parser;
  yaml_parser_initialize(&parser);
  yaml_parser_set_input_string(&parser, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  for (;;) {
    yaml_event_t event;
    if (!yaml_parser_parse(&parser, &event)) return 1;
    bool end = event.type == YAML_STREAM_END_EVENT;
    yaml_event_delete(&event);
    if (end) break;
  }
  yaml_parser_delete(&parser);
  return 0;
}
