// One libFuzzer binary per target: CONSULT_FUZZ_TARGET names it (see
// tests/fuzz/CMakeLists.txt). Run by `make fuzz`.
#include "targets.hpp"

#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const consult::fuzz::Target* target = [] {
    const auto* t = consult::fuzz::find(CONSULT_FUZZ_TARGET);
    if (!t) {
      std::fprintf(stderr, "no fuzz target %s\n", CONSULT_FUZZ_TARGET);
      std::abort();
    }
    return t;
  }();
  target->run(data, size);
  return 0;
}
