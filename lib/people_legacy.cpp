// The masking of documents made before people were recorded by kind, kept
// byte for byte so that `consult verify --export` can make those documents
// again (consult/people.hpp, people::legacy). Nothing new uses it.

#include "consult/people.hpp"

#include "consult/text.hpp"

#include <algorithm>
#include <vector>

namespace consult::people::legacy {

namespace {

/// The characters of `s` (UTF-8 sequences by their lead byte; a stray byte
/// on its own).
std::vector<std::string_view> characters(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    std::size_t n = c < 0x80 ? 1 : c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
    if (i + n > s.size() || !text::valid_utf8(s.substr(i, n))) n = 1;
    out.push_back(s.substr(i, n));
    i += n;
  }
  return out;
}

} // namespace

std::string mask_name(std::string_view name) {
  const auto ps = characters(text::trim(name));
  if (ps.empty()) return {};
  if (ps.size() == 1) return std::string(ps[0]);
  if (ps.size() == 2) return std::string(ps[0]) + "*";
  const std::size_t keep_front = ps.size() >= 4 ? 2 : 1;
  std::string out;
  for (std::size_t i = 0; i < keep_front; ++i)
    out += ps[i];
  for (std::size_t i = keep_front; i + 1 < ps.size(); ++i)
    out += "*";
  out += ps.back();
  return out;
}

bool personal_name(std::string_view name) {
  const auto t = text::trim(name);
  for (char ch : t)
    if (ch >= '0' && ch <= '9') return false;
  static constexpr std::string_view kBodies[] = {
      "公司", "物业", "委员会", "业委会", "居委会", "住户", "业主", "居民", "代表", "局",
      "所",   "站",   "中心",   "办",     "队",     "部",   "会",   "组",   "店",   "厂",
      "学校", "医院", "银行",   "单位",   "集团",   "协会", "们",   "方"};
  for (const auto suffix : kBodies)
    if (t.size() > suffix.size() && t.substr(t.size() - suffix.size()) == suffix) return false;
  return true;
}

std::string mask_person(std::string_view name) {
  return personal_name(name) ? mask_name(name) : std::string(text::trim(name));
}

std::string mask_place(std::string_view place) {
  for (std::string_view mark : {"号楼", "栋", "幢", "座"}) {
    const auto at = place.find(mark);
    if (at != std::string_view::npos) return std::string(place.substr(0, at + mark.size()));
  }
  return std::any_of(place.begin(), place.end(), [](char c) { return c >= '0' && c <= '9'; })
             ? std::string("***")
             : std::string(place);
}

} // namespace consult::people::legacy
