#pragma once
/// \file
/// Translation of user-facing text through GNU gettext (text domain "consult").
/// Every string a person reads is written `_("…")`; strings that must be
/// marked where they are defined but translated later are `N_("…")`.
///
/// The library only looks messages up. Choosing the language is the
/// program's business, done once at start (the locale, LANGUAGE, and
/// bindtextdomain for kTextDomain; see cmd/consult/main.cpp): gettext reads
/// the language from process-wide state, so every Session in a process
/// speaks the same language.

#include <fmt/format.h>

#include <string>

namespace consult::i18n {

/// The gettext text domain of consult's messages.
inline constexpr const char* kTextDomain = "consult";

/// The directory the message catalogues were installed to at build time.
std::string default_localedir();

/// The translation of `msgid` in the current locale, or `msgid` itself.
const char* translate(const char* msgid) noexcept;

/// The word for a key consult stores and shows (an issue's or meeting's
/// status, a vote's method or result, an agenda item's outcome, a priority,
/// an attendance), translated; any other text comes back as it is.
std::string key_label(const std::string& key);

/// Formats a translated fmt pattern: `tr("issue {} not found", id)`.
template <typename... Args> std::string tr(const char* msgid, Args&&... args) {
  return fmt::format(fmt::runtime(translate(msgid)), std::forward<Args>(args)...);
}

} // namespace consult::i18n

#ifndef _
#define _(msgid) ::consult::i18n::translate(msgid)
#endif
#ifndef N_
#define N_(msgid) msgid
#endif
