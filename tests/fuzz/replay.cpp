// Runs fuzz targets over files without a fuzzer: the checked-in corpus and
// every crash once found, in each `make test` (and under the sanitizers in
// `make asan`).
//
//   consult_fuzz_replay [--verbose] [--max-rss-mb N] TARGET PATH...
//
// A PATH may be a directory. --verbose says why each refused input was
// refused (checking that a seed reaches the code it is meant for);
// --max-rss-mb fails the run if the process ever held more memory than that
// (a hostile file must not make a reader's memory grow: see
// regressions/xlsx-parts/wide-rows.txt).
#include "targets.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <sys/resource.h>

namespace fs = std::filesystem;

namespace {

int run_file(const consult::fuzz::Target& target, const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    std::fprintf(stderr, "cannot read %s\n", file.c_str());
    return 1;
  }
  const std::vector<char> bytes((std::istreambuf_iterator<char>(in)),
                                std::istreambuf_iterator<char>());
  target.run(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
  return 0;
}

} // namespace

int main(int argc, char** argv) {
  long max_rss_mb = 0;
  for (;;) {
    if (argc > 1 && std::string(argv[1]) == "--verbose") {
      consult::fuzz::set_verbose(true);
      ++argv;
      --argc;
    } else if (argc > 2 && std::string(argv[1]) == "--max-rss-mb") {
      max_rss_mb = std::stol(argv[2]);
      argv += 2;
      argc -= 2;
    } else {
      break;
    }
  }
  if (argc < 3) {
    std::fprintf(stderr,
                 "usage: consult_fuzz_replay [--verbose] [--max-rss-mb N] TARGET PATH...\n");
    return 64;
  }
  const auto* target = consult::fuzz::find(argv[1]);
  if (!target) {
    std::fprintf(stderr, "no fuzz target %s; the targets are:", argv[1]);
    for (const auto& t : consult::fuzz::targets())
      std::fprintf(stderr, " %s", t.name);
    std::fprintf(stderr, "\n");
    return 64;
  }
  int files = 0, failed = 0;
  for (int i = 2; i < argc; ++i) {
    const fs::path p = argv[i];
    if (!fs::exists(p)) {
      std::fprintf(stderr, "no such file or directory: %s\n", argv[i]);
      return 66;
    }
    std::vector<fs::path> list;
    if (fs::is_directory(p)) {
      for (const auto& e : fs::recursive_directory_iterator(p))
        if (e.is_regular_file()) list.push_back(e.path());
      std::sort(list.begin(), list.end());
    } else {
      list.push_back(p);
    }
    for (const auto& f : list) {
      failed += run_file(*target, f);
      ++files;
    }
  }
  rusage usage{};
  ::getrusage(RUSAGE_SELF, &usage);
  const long peak_mb = usage.ru_maxrss / 1024;
  std::printf("%s: %d inputs replayed, %d unreadable, peak memory %ld MiB\n", target->name, files,
              failed, peak_mb);
  if (max_rss_mb > 0 && peak_mb > max_rss_mb) {
    std::fprintf(stderr, "%s: peak memory %ld MiB is over the %ld MiB allowed\n", target->name,
                 peak_mb, max_rss_mb);
    return 1;
  }
  return failed ? 1 : 0;
}
