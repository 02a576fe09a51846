#pragma once
// Asking at a terminal, with line editing and history (libedit): used when a
// command that needs fields is run at a terminal without them.

#include <optional>
#include <string>

namespace consult::cli {

/// Whether standard input is a terminal (asking is allowed).
bool can_ask();

/// One line typed after `prompt` (shown on standard error, so that standard
/// output keeps only results); nullopt at end of input (Ctrl-D).
std::optional<std::string> ask_line(const std::string& prompt);

} // namespace consult::cli
