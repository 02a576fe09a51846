// Fills a ledger with N issues through libconsult (real events, real hash
// chain, real projection), for the benchmarks in this directory.
//
//   consult_bench_fill LEDGER CONFIG N
//
// Issues are spread over two years, all channels and categories, and over
// the configuration's communities in turn; one in ten is accepted. A fixed
// seed makes the ledger the same every time.

#include "consult/config.hpp"
#include "consult/issues.hpp"
#include "consult/ledger.hpp"

#include <fmt/format.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

using namespace consult;

int main(int argc, char** argv) {
  if (argc != 4) {
    std::fprintf(stderr, "usage: consult_bench_fill LEDGER CONFIG N\n");
    return 64;
  }
  const std::string path = argv[1];
  const auto cfg = config::load(argv[2]);
  const long n = std::strtol(argv[3], nullptr, 10);

  ledger::Session session;
  session.actor = "bench";
  session.clock = clock::Clock(*clock::parse_instant("2026-11-21 10:00", clock::kDefaultZone));
  ledger::Ledger::init(path, session);
  ledger::Ledger l(path, ledger::Access::write, session);
  l.db().exec("PRAGMA synchronous = OFF"); // a fixture, not a record: fill fast

  std::mt19937_64 rng(20261121);
  const auto start = std::chrono::steady_clock::now();
  const auto first_day = std::chrono::sys_days{std::chrono::year{2024} / 11 / 21};
  static const char* const kTitles[] = {
      "楼道灯不亮",     "屋顶漏水", "停车位不足",     "垃圾分类点太远", "儿童活动室开放时间",
      "电动车楼道充电", "噪音扰民", "绿化带缺少维护", "老人助餐点",     "单元门禁损坏"};
  const long batch = 10000;
  for (long done = 0; done < n;) {
    const long upto = std::min(n, done + batch);
    l.write([&] {
      for (; done < upto; ++done) {
        const auto& community =
            cfg.communities[static_cast<std::size_t>(done) % cfg.communities.size()];
        issues::NewIssue issue;
        issue.title = fmt::format("{} #{}", kTitles[rng() % std::size(kTitles)], done + 1);
        issue.channel = community.channels[rng() % community.channels.size()].key;
        issue.category = community.categories[rng() % community.categories.size()].key;
        issue.place = fmt::format("{}号楼{}单元", rng() % 40 + 1, rng() % 6 + 1);
        issue.raised_by = "张小明";
        issue.phone = "13812341234";
        issue.raised_on = std::chrono::year_month_day{first_day + std::chrono::days{rng() % 730}};
        const auto id = issues::add(l, community, issue);
        if (rng() % 10 == 0) issues::change(l, id, {model::IssueAction::accept});
      }
    });
    std::fprintf(stderr, "\r%ld issues", done);
  }
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr, "\nfilled %ld issues in %.1f s (%.0f issues/s)\n", n, secs,
               static_cast<double>(n) / secs);
  l.db().exec("PRAGMA wal_checkpoint(TRUNCATE)");
  return 0;
}
