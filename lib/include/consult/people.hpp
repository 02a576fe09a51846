#pragma once
/// \file
/// Who a name belongs to, as recorded — never guessed from how it reads.
///
/// consult records four kinds of people (docs/privacy.md):
/// - a **member** of the council, in a seat: the community's TOML roster;
/// - a **guest** from a body (列席单位, 特邀嘉宾): recorded as NAME=BODY when a
///   meeting's attendance is taken;
/// - a **body** (单位): an organisation the community's TOML lists under
///   `organisations`, or a guest's body;
/// - a **resident** (居民): everyone else — whoever raised an issue, a
///   stakeholder, a speaker, a voter on an owners' roster, a donor, an owner.
///
/// Members, guests and bodies act in a public role and are named; a
/// resident's name is personal data (个人信息保护法) and shown masked unless
/// staff ask to see it (`--reveal`). A name that merely ends like a body's
/// (李方, 陈晓方, 王立会) is a resident's all the same.

#include "consult/config.hpp"

#include <map>
#include <string>
#include <string_view>

namespace consult::people {

enum class Kind { resident, member, guest, body };

/// A stored key for `k` ("resident", "member", "guest", "body").
std::string_view to_string(Kind k) noexcept;

/// The people a community has recorded as other than residents.
class Directory {
public:
  Directory() = default;
  /// Members of every seat of `c`'s council (any term) and its organisations.
  explicit Directory(const config::Community& c);

  /// Records `name` as of kind `k` (a meeting's guest, a guest's body, a
  /// member who attended); a resident needs no recording.
  void add(std::string_view name, Kind k);

  /// What `name` is: resident unless recorded otherwise.
  Kind kind_of(std::string_view name) const;

  /// `name` as it may be shown: members, guests and bodies named; a
  /// resident masked (joint owners each masked) unless `reveal`.
  std::string shown(std::string_view name, bool reveal = false) const;

  /// Several names joined by "、", each shown().
  std::string shown_all(const std::vector<std::string>& names, bool reveal = false) const;

private:
  std::map<std::string, Kind, std::less<>> known_;
};

} // namespace consult::people

namespace consult::people::legacy {

/// How documents were masked before people were recorded by kind (export
/// stamps without a renderer version): a name was taken for a body's when it
/// ended in words such as 公司, 会, 所, 方 or held a digit, and a resident's
/// name kept its first one or two characters and its last. Kept only so that
/// `consult verify --export` can make such a document again exactly; nothing
/// new is masked this way.
std::string mask_name(std::string_view name);
bool personal_name(std::string_view name);
std::string mask_person(std::string_view name);
std::string mask_place(std::string_view place);

} // namespace consult::people::legacy
