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

#include <set>
#include <vector>
#include <string>
#include <string_view>

namespace consult::people {

enum class Kind { resident, member, guest, body };

/// A stored key for `k` ("resident", "member", "guest", "body").
std::string_view to_string(Kind k) noexcept;

/// What a recorded field holds. The field decides, never the name's text:
/// a resident who shares a name with a councillor, a guest or a guest's body
/// stays a resident where the record has a resident.
enum class Field {
  /// Whoever raised an issue, a stakeholder, an owner, a voter on an owners'
  /// roll, a donor: a resident, unless the community's TOML lists the name
  /// among its `organisations` (a body raising a matter, a company owning
  /// units). Councillors in such a field are masked too: the record does
  /// not say that it is the councillor and not a namesake.
  resident,
  /// Who holds a member's proxy: a member if the roster or the meeting has
  /// them as one, an organisation as listed, else a resident.
  proxy,
  /// Who spoke at a meeting: a member (roster or attendance), a guest (the
  /// meeting's attendance) or an organisation, else a resident.
  speaker,
};

/// The people a community has recorded as other than residents.
class Directory {
public:
  Directory() = default;
  /// Members of every seat of `c`'s council and of its other bodies (any
  /// term), the bodies it configures, and its organisations.
  explicit Directory(const config::Community& c);

  /// Records that `name` took part in a meeting as `k`. A name recorded as
  /// a resident there is a resident in every field of that meeting, even if
  /// a councillor or guest has the same name.
  void add(std::string_view name, Kind k);

  /// What the name in a field of kind `f` is.
  Kind kind_of(std::string_view name, Field f) const;

  /// `name`, held by a field of kind `f`, as it may be shown: members,
  /// guests and bodies named; a resident masked (joint owners each masked)
  /// unless `reveal`.
  std::string shown(std::string_view name, Field f, bool reveal = false) const;

  /// Several names of fields of kind `f` joined by "、", each shown().
  std::string shown_all(const std::vector<std::string>& names, Field f,
                        bool reveal = false) const;

private:
  std::set<std::string, std::less<>> members_, guests_, organisations_, residents_;
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
