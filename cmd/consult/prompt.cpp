#include "prompt.hpp"

#include <editline/readline.h>

#include <cstdio>
#include <cstdlib>
#include <unistd.h>

namespace consult::cli {

bool can_ask() {
  return ::isatty(STDIN_FILENO) == 1;
}

std::optional<std::string> ask_line(const std::string& prompt) {
  static const bool ready = [] {
    rl_outstream = stderr; // prompts and echo beside the results, not in them
    rl_readline_name = "consult";
    using_history();
    return true;
  }();
  (void)ready;
  char* line = ::readline(prompt.c_str());
  if (!line) return std::nullopt;
  std::string text(line);
  std::free(line);
  if (!text.empty()) add_history(text.c_str());
  return text;
}

} // namespace consult::cli
