#pragma once
/// \file
/// The fuzz targets: each takes any bytes and feeds them to one reader of
/// hostile input. A reader may refuse the bytes with consult::Error — that
/// is its job — but anything else (a crash, a sanitizer report, another
/// exception, a broken promise such as text that is not UTF-8) aborts.
///
/// The same functions run under libFuzzer (`make fuzz`, tests/fuzz/fuzzer.cpp)
/// and, over the checked-in corpus, in every `make test`
/// (tests/fuzz/replay.cpp), so that a crash once found stays found.

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace consult::fuzz {

struct Target {
  const char* name;
  const char* what;
  void (*run)(const std::uint8_t* data, std::size_t size);
};

/// Every target, in the order `make fuzz` runs them.
const std::vector<Target>& targets();

/// Whether the targets say why a reader refused an input (on stderr).
void set_verbose(bool on);

/// The target called `name`, or nullptr.
const Target* find(std::string_view name);

} // namespace consult::fuzz
