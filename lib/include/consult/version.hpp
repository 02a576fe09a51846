#pragma once
/// \file Versions of consult and of the libraries it was built with.

#include <string>
#include <utility>
#include <vector>

namespace consult {

/// consult's own version, e.g. "0.1.0".
const char* version() noexcept;

/// (library, version) for every library libconsult uses, as loaded at run
/// time where the library can tell.
std::vector<std::pair<std::string, std::string>> library_versions();

} // namespace consult
