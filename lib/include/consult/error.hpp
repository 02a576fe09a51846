#pragma once
/// \file
/// The one error type of consult: a kind (which maps to an exit status), a
/// message, the place it concerns, and a hint telling the user what to do.

#include <stdexcept>
#include <string>

namespace consult {

/// What went wrong, as the exit statuses of DESIGN.md (sysexits.h) count it.
enum class ErrorKind {
  usage,       ///< 64: the command line is wrong
  data,        ///< 65: input data is wrong (bad row, unknown key, illegal transition)
  no_input,    ///< 66: an input file (or the ledger) does not exist
  cant_create, ///< 73: an output file cannot be created
  io,          ///< 74: reading or writing failed
  busy,        ///< 75: the ledger is busy; try again
  config,      ///< 78: the configuration is wrong
  internal,    ///< 70: a bug in consult
};

/// The process exit status for an error kind.
int exit_status(ErrorKind kind) noexcept;

/// An error a user can act on. `where` is a place such as `file:line:col`,
/// `row 12, column 'phone'` or `issue 42`; `hint` says how to fix it.
class Error : public std::runtime_error {
public:
  Error(ErrorKind kind, std::string message, std::string where = {}, std::string hint = {});

  ErrorKind kind() const noexcept { return kind_; }
  const std::string& where() const noexcept { return where_; }
  const std::string& hint() const noexcept { return hint_; }

private:
  ErrorKind kind_;
  std::string where_;
  std::string hint_;
};

} // namespace consult
