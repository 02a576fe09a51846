// Uses libconsult as an installed library: its version, and a rule of
// procedure decided with it (2/3 quorum, more than half of those present).
#include <consult/rules.hpp>
#include <consult/version.hpp>

#include <cstdio>

int main() {
  consult::rules::Profile p;
  p.key = "council-vote";
  p.quorum = {2, 3};
  p.threshold = {1, 2};
  consult::rules::Count c;
  c.members = 11;
  c.present = 8;
  c.yes = 5;
  const auto d = consult::rules::decide(p, c);
  std::printf("libconsult %s: %s\n", consult::version(), d.approved ? "approved" : "rejected");
  return d.approved ? 0 : 1;
}
