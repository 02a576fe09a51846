#pragma once
/// \file
/// Witnesses of the ledger's chain, kept outside the ledger's file.
///
/// The hash chain proves that events were not changed one by one; it does not
/// prove that the whole chain was not recomputed after a change by someone
/// holding the file. What does is a point of the chain — an event's number
/// and hash — held somewhere the file's holder cannot reach: a signed
/// checkpoint filed at the street office, a notice posted on the board (its
/// stamp), a backup on another disk, an agenda in the group chat, a list of
/// `SEQ HASH` lines copied by hand. `consult verify --witness FILE…` checks
/// that the ledger still has each point (see docs/reliability.md).
///
/// A checkpoint is a short statement — community, event number, head hash,
/// time — signed with the community's Ed25519 key (consult/sign.hpp), whose
/// private half lives in a file outside the ledger and whose public half is
/// in the community's TOML file.

#include "consult/config.hpp"
#include "consult/ledger.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace consult::witness {

// ------------------------------------------------------------------- keys

/// Where a community's private key is kept unless `--key` says otherwise:
/// beside its TOML file, named by its id (`communities/heping.key`).
std::string default_key_path(const config::Community& community);

/// The line that puts a public key in a community file.
std::string public_key_line(const std::string& public_key);

/// A community file's text with its top-level `public_key` set: the line
/// inserted after the last top-level key (before the first table, where a
/// top-level key must stand), or — with `replace` — the existing line
/// replaced. Every other byte stays as it was. The result is parsed again
/// and must give the same community with that key. Error(config) if the
/// file has a key and `replace` is false, or the line cannot be placed.
std::string with_public_key(const std::string& toml_text, const std::string& name,
                            const std::string& public_key, bool replace);

/// What `consult key init` did.
struct KeyInit {
  std::string key_path;    ///< the private key's file
  std::string public_key;  ///< "ed25519:BASE64"
  std::string line;        ///< `public_key = "…"`, for the community file
  std::string config_path; ///< the community file written, '' if the line is for the user
  bool replaced = false;   ///< a key the community had was replaced
};

/// Makes a new key pair for `community`: the private key to `key_path`
/// (mode 0600, never replacing a file unless `force`) and, when
/// `write_config`, the public key into the community's file
/// (with_public_key). Refuses (Error(cant_create)) a community that has a
/// key already unless `force`. Everything is checked before anything is
/// written.
KeyInit init_key(const config::Community& community, const std::string& key_path, bool force,
                 bool write_config);

// ------------------------------------------------------------ checkpoints

/// The first line of a checkpoint: what it is and its format's version.
inline constexpr const char* kCheckpointHeader = "consult checkpoint 1";

/// A signed statement of the ledger's head.
struct Checkpoint {
  std::string community; ///< the community's id
  std::string name;      ///< its name, for people
  std::int64_t seq = 0;  ///< the ledger's last event
  std::string hash;      ///< that event's hash
  std::string at;        ///< when it was taken (RFC 3339)
  std::string key;       ///< the public key of the signer, "ed25519:BASE64"
  std::string signature; ///< Ed25519 over statement(), base64

  /// The bytes signed: the header and one `key: value` line for each field
  /// but the signature, in a fixed order, each ending in a line feed.
  std::string statement() const;
  /// The whole checkpoint as it is filed: statement() and `signature: …`.
  std::string text() const;
  nlohmann::json to_json() const;
};

/// The private key (PEM text) with which `community` signs, read from
/// `key_path` (sign::read_private_key). Error(config) first if the
/// community has no public key — no one could check what it signs — or if
/// the key's public half is not the community's.
std::string signing_key(const config::Community& community, const std::string& key_path);

/// Takes a checkpoint of the ledger's head for `community`, signed with the
/// private key (PEM text). Reads the ledger; writes nothing. Error(config)
/// if the community has no public key, or one that is not this private
/// key's; Error(data) on an empty ledger.
Checkpoint take(ledger::Ledger& ledger, const config::Community& community,
                const std::string& private_pem);

/// Reads a checkpoint's text. Line ends may be CRLF and lines may carry
/// trailing blanks (mail and office software add them); nothing else
/// varies. nullopt if the text does not begin with kCheckpointHeader;
/// Error(data) naming the line if it does but is not a well-formed
/// checkpoint (an unknown, missing or repeated field, a bad value).
std::optional<Checkpoint> parse_checkpoint(const std::string& text, const std::string& name);

/// Whether the checkpoint is signed by the holder of `public_key`'s private
/// half (its statement as read, against its signature).
bool signed_by(const Checkpoint& checkpoint, const std::string& public_key);

// -------------------------------------------------------------- witnesses

/// What kind of file a witness is.
enum class Source { checkpoint, document, agenda, backup, list };

/// "checkpoint", "document", "agenda", "backup", "list" (the JSON names).
const char* source_name(Source source);

/// One point of the chain a witness holds: event `seq` had hash `hash`.
struct Point {
  std::int64_t seq = 0;
  std::string hash;
  std::string where; ///< within the file, for lists: "line 3"; '' otherwise
};

/// A file read as a witness.
struct Witness {
  std::string file;
  Source source = Source::list;
  std::string what; ///< for people: "the minutes of meeting 1 (md, public)", "meeting 3's agenda"
  std::vector<Point> points;
  std::optional<Checkpoint> checkpoint; ///< when it is one
};

/// Reads the file `path` as a witness: a checkpoint; an export, notice or
/// statement (its stamp, document::read_stamp); an agenda (Markdown, HTML or
/// JSON, as `consult agenda` and `consult meeting export` write them); a
/// backup (a consult ledger file: its recorded head); or a list of
/// `SEQ HASH` lines (`consult log --head` prints one; `#` starts a comment),
/// or JSON objects with `seq` and `hash` (`consult log --json`).
/// Error(no_input) if it does not exist, Error(data) if it is none of these.
/// `ledger_path`, if given, is refused as a witness of itself.
Witness read(const std::string& path, const std::string& ledger_path = {});

/// What checking one point found.
enum class Status {
  agrees,        ///< the ledger's event has the witnessed hash
  differs,       ///< the ledger's event has another hash
  beyond_head,   ///< the ledger ends before the witnessed event
  bad_signature, ///< a checkpoint not signed by its community's key
};

struct Finding {
  std::string file;
  Source source = Source::list;
  std::string what;
  Point point;
  Status status = Status::agrees;
  std::string ledger_hash;           ///< the ledger's hash of that event ('' beyond the head)
  std::int64_t head = 0;             ///< the ledger's last event
  std::int64_t first_difference = 0; ///< a backup's first event that differs (0: none known)
  std::string problem;               ///< why it fails, for people ('' when it agrees)
  bool ok() const { return status == Status::agrees; }
  nlohmann::json to_json() const;
};

/// Checks one point against the ledger (whose chain verifies).
Finding check_point(ledger::Ledger& ledger, const Point& point);

struct Result {
  std::vector<Finding> findings; ///< one per point, in the order given
  bool ok() const;
  /// The first finding that fails, in the order given; nullptr if none.
  const Finding* first_failure() const;
  /// The highest event below the first failure's that a witness confirmed
  /// (the rewrite came after it); 0 if none.
  std::int64_t agreed_before_failure() const;
  /// The sentence for the first failure: "the ledger was rewritten at or
  /// before event N, which FILE witnessed: …", or for a checkpoint whose
  /// signature fails, that it was altered or forged.
  std::string failure_message() const;
};

/// Checks every point of every witness against the ledger, which must have
/// passed ledger::verify (its chain is then its own: an event's hash
/// vouches for every event before it). A checkpoint's signature is checked
/// first, against the public key of its community in `config`; a bad one is
/// a finding and its point is not trusted. Error(config) when a checkpoint's
/// community, or its public key, is not in `config` (nullptr: none loaded).
Result check(ledger::Ledger& ledger, const config::Config* config,
             const std::vector<Witness>& witnesses);

} // namespace consult::witness
