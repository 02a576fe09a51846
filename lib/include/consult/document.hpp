#pragma once
/// \file
/// Documents people print, post and file — minutes, notices, statements —
/// as a list of blocks (headings, paragraphs, tables, signature lines)
/// written out as Markdown, a self-contained printable A4 HTML page, or a
/// Word document (DOCX). Output is a pure function of the blocks: the same
/// blocks give the same bytes.
///
/// Every export carries a stamp naming what it is and the ledger event it
/// reflects; `consult verify --export FILE` reads the stamp back and
/// regenerates the file to compare (see docs/minutes.md).

#include "consult/personal.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace consult::document {

struct Block {
  enum class Kind {
    title,      ///< the document's title
    heading,    ///< a section heading
    subheading, ///< a heading within a section
    paragraph,
    note,       ///< a paragraph set apart (an amendment, a notice's period)
    table,      ///< header and rows
    fields,     ///< label: value lines (rows of two cells)
    signatures, ///< signature lines, one per row cell
  };
  Kind kind = Kind::paragraph;
  std::string text{};
  std::vector<std::string> header{};
  std::vector<std::vector<std::string>> rows{};
};

/// What an export is, and the ledger event it reflects.
struct Stamp {
  std::string kind;    ///< minutes | decision-notice | results-notice | fund-notice
  std::string subject; ///< what it is of: a meeting id, a decision id, "heping 2026-11"
  std::string format;  ///< md | html | json | docx
  bool is_public = false;
  std::string at;       ///< when it was generated (RFC 3339)
  std::int64_t seq = 0; ///< the ledger's last event when generated
  std::string hash;     ///< that event's hash
  /// The version of its format's writer that made the file; 0 for the one
  /// this consult makes new documents with (renderer_version()). A stamp
  /// without the member was made by writer 1, from before writers had
  /// versions: the file is made again with the writer its stamp names, so
  /// what an earlier writer made still verifies.
  int renderer = 0;
  nlohmann::json to_json() const;
  static std::optional<Stamp> from_json(const nlohmann::json& j);
  /// "ledger event 123 (sha256 3f2a…)", for people.
  std::string line() const;
};

/// The writer version this consult makes new documents of `format` with:
/// 5 for every format (writer 5: a fund statement is of one account book,
/// a body's headed and signed by the body, with entries in kind in their own
/// section and a balance below zero marked as advanced, fund::statement;
/// writer 4: a decision notice is signed by the body
/// that decided, signed_by_body; minutes of a meeting of residents list the
/// body's members beside the heads). Writer 2: Markdown text escaped (below), and in every
/// format people named or masked by their recorded kind (typed_persons);
/// writer 3: besides, free text masks a phone run on into a building number
/// and doors before 门口, 家, 楼下 (text_rules). A stamp naming a higher
/// version than this was made by a newer consult.
int renderer_version(std::string_view format) noexcept;

/// The ledger schema that came with version `renderer` of the writers (2:
/// schema 9; 5: schema 12, the books); 0 for writers 1, 3 and 4, which came
/// without a schema change. Once a ledger has it, the writer before is retired: no document
/// of a later event can carry its stamp. (Writer 2 is not retired by
/// writer 3: a document of writer 2 verifies whatever its event.)
int renderer_schema(int renderer) noexcept;

/// Whether a document of `stamp` names people by their recorded kind
/// (writer 2 of every format): residents masked, members, guests and bodies
/// named. Writer 1 guessed from how a name ends (people::legacy); its
/// documents are made again that way only to verify them.
bool typed_persons(const Stamp& stamp) noexcept;

/// The writer version of `stamp`: its `renderer`, or renderer_version()
/// for a stamp this consult is about to write.
int writer_of(const Stamp& stamp) noexcept;

/// Whether a decision notice of `stamp` is signed by the body that decided
/// (writer 4: the owners' assembly signs its owners' decisions, and
/// objections go where its file says), not always by the residents'
/// committee as writers 1 to 3 signed it.
bool signed_by_body(const Stamp& stamp) noexcept;

/// Which numbers and doors the free text of a document of `stamp` masks
/// (personal::TextRules): writer 3 finds a phone run on into a building
/// number and doors before 门口, 家, 楼下; writers 1 and 2 did not, and their
/// documents are made again as they were.
personal::TextRules text_rules(const Stamp& stamp) noexcept;

/// The document as Markdown; the stamp closes it as an HTML comment.
///
/// Writer 2 (new documents) writes every text as the characters it is, in
/// whatever renderer shows the file (CommonMark, GitHub's, Python-Markdown,
/// pandoc): `<`, `>`, `&` and `~` as entities, the other characters that
/// make Markdown (`\`, `` ` ``, `*`, `_`, `[`, `]`, `{`, `}`, `#`, `|`)
/// with a backslash, and a line that would open a list, a heading, a quote
/// or a code block made plain. So nothing a resident wrote becomes HTML, a
/// script, a link, an image, emphasis, a heading or a table cell.
/// Writer 1, for verifying files made before it, wrote text as it was.
std::string markdown(const std::vector<Block>& blocks, const Stamp& stamp);

/// One text as Markdown writer 2 writes it inside a line (a paragraph's
/// line, a table cell, a heading): see markdown(). Line breaks are the
/// caller's: they are not expected here, and control characters become
/// spaces.
std::string markdown_text(std::string_view text);

/// A self-contained HTML page for printing on A4 (no scripts, fonts or
/// images from elsewhere; Chinese fonts named in order of preference).
std::string html(const std::vector<Block>& blocks, const Stamp& stamp, const std::string& lang);

/// A Word document (Office Open XML), openable by Word, WPS and LibreOffice;
/// the stamp is the zip archive's comment. Deterministic: fixed timestamps.
std::string docx(const std::vector<Block>& blocks, const Stamp& stamp, const std::string& lang);

/// The stamp of an exported file's bytes: the comment of a DOCX, the
/// "export" member of JSON, the stamp comment of Markdown and HTML.
std::optional<Stamp> read_stamp(const std::string& bytes);

/// Text for XML and HTML: & < > " escaped; control characters other than
/// line feeds and tabs become spaces (XML 1.0 cannot carry them).
std::string escape_xml(std::string_view text);

} // namespace consult::document
