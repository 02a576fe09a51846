#include "consult/error.hpp"

namespace consult {

int exit_status(ErrorKind kind) noexcept {
  switch (kind) {
  case ErrorKind::usage:
    return 64;
  case ErrorKind::data:
    return 65;
  case ErrorKind::no_input:
    return 66;
  case ErrorKind::cant_create:
    return 73;
  case ErrorKind::io:
    return 74;
  case ErrorKind::busy:
    return 75;
  case ErrorKind::config:
    return 78;
  case ErrorKind::internal:
    return 70;
  }
  return 70;
}

Error::Error(ErrorKind kind, std::string message, std::string where, std::string hint)
    : std::runtime_error(std::move(message)), kind_(kind), where_(std::move(where)),
      hint_(std::move(hint)) {}

} // namespace consult
