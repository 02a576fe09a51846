// Schema 10's step: the events written before, resealed with their personal
// data apart (consult/sealing.hpp, docs/schema.md "Schema 10").

#include "consult/error.hpp"
#include "consult/events.hpp"
#include "consult/events_ledger.hpp"
#include "consult/hash.hpp"
#include "consult/i18n.hpp"
#include "consult/ledger.hpp"
#include "consult/sealing.hpp"

#include <SQLiteCpp/Statement.h>
#include <fmt/format.h>

namespace consult::ledger {

using nlohmann::json;

std::string sealed_hash_line(std::int64_t seq, const std::string& hash) {
  return std::to_string(seq) + '\t' + hash + '\n';
}

namespace {

[[noreturn]] void refuse(std::int64_t seq, const std::string& kind) {
  throw Error(ErrorKind::data,
              i18n::tr(N_("cannot upgrade the ledger to schema 10: event {} ({}) does not match "
                          "its hash"),
                       seq, kind),
              {},
              _("nothing was written; run 'consult verify' with the consult that wrote the "
                "ledger, and restore it from a backup"));
}

struct Row {
  std::int64_t n;
  std::string key; ///< "" for none
  bool null_key;
  std::string data;
};

} // namespace

void reseal(SQLite::Database& db) {
  const std::int64_t after =
      db.execAndGet("SELECT after_seq FROM schema_upgrade WHERE version = 10").getInt64();
  if (after == 0) return;

  // The log's own append-only triggers are lifted for the step and made
  // again from consult's SQL for them.
  std::vector<std::string> triggers;
  for (const auto& o : expected_schema())
    if (o.type == "trigger" && (o.table == "event" || o.table == "event_item" ||
                                  o.table == "personal_value")) {
      db.exec("DROP TRIGGER IF EXISTS \"" + o.name + "\"");
      triggers.push_back(o.sql);
    }

  SQLite::Statement batch(db, fmt::format("SELECT {} FROM event WHERE seq > ? AND seq <= ? "
                                          "ORDER BY seq LIMIT 2000",
                                          kEventColumns));
  SQLite::Statement items(db, "SELECT n, key, data FROM event_item WHERE seq = ? ORDER BY n");
  SQLite::Statement set_item(db, "UPDATE event_item SET data = ? WHERE seq = ? AND n = ?");
  SQLite::Statement set_event(db,
                              "UPDATE event SET payload = ?, prev_hash = ?, hash = ? WHERE seq = ?");
  SQLite::Statement keep(db, "INSERT INTO sealed_hash (seq, hash) VALUES (?, ?)");
  SQLite::Statement drop_sealed(db, "DELETE FROM personal_value WHERE seq = ?");
  Unsealer unsealer(db);

  std::string prev_old = kGenesisHash, prev_new = kGenesisHash, last_at;
  hash::Sha256 hashes;
  std::int64_t done = 0;
  for (;;) {
    batch.reset();
    batch.bind(1, done);
    batch.bind(2, after);
    std::vector<Event> events;
    while (batch.executeStep())
      events.push_back(read_event(batch));
    if (events.empty()) break;
    for (auto& e : events) {
      if (e.seq != done + 1 || e.prev_hash != prev_old || event_hash(e) != e.hash)
        refuse(e.seq, e.kind);
      const std::string old_hash = e.hash;
      const events::Kind* kind = events::find(e.kind);
      json payload = json::parse(e.payload, nullptr, false);
      if (!kind || payload.is_discarded()) refuse(e.seq, e.kind);

      std::vector<Sealed> sealed;
      std::vector<Row> rows;
      if (kind->has_items) {
        items.reset();
        items.bind(1, e.seq);
        hash::Sha256 old_digest;
        while (items.executeStep()) {
          Row r{items.getColumn(0).getInt64(), items.getColumn(1).getString(),
                items.getColumn(1).isNull(), items.getColumn(2).getString()};
          old_digest.update(item_line(r.n, r.key, r.data));
          rows.push_back(std::move(r));
        }
        if (!items_match(e.payload, static_cast<std::int64_t>(rows.size()), old_digest.hex()))
          refuse(e.seq, e.kind);
      }
      // Seal, then check that what is sealed reads back byte for byte.
      std::vector<std::string> new_rows;
      hash::Sha256 new_digest;
      for (const auto& r : rows) {
        const auto data = json::parse(r.data, nullptr, false);
        new_rows.push_back(data.is_discarded() ? r.data : canonical(split(data, sealed)));
        new_digest.update(item_line(r.n, r.key, new_rows.back()));
      }
      json sealed_payload = split(payload, sealed);
      if (kind->has_items) sealed_payload["items_sha256"] = new_digest.hex();
      store_sealed(db, e.seq, sealed);
      bool same = true;
      try {
        for (std::size_t i = 0; same && i < rows.size(); ++i)
          same = canonical(unsealer.unseal_text(new_rows[i], e.seq)) == rows[i].data;
        json back = unsealer.unseal(sealed_payload, e.seq);
        if (kind->has_items) back["items_sha256"] = payload["items_sha256"];
        same = same && canonical(back) == e.payload;
      } catch (const std::exception&) {
        same = false;
      }
      if (!same) { // left as it was
        drop_sealed.reset();
        drop_sealed.bind(1, e.seq);
        drop_sealed.exec();
      } else {
        for (std::size_t i = 0; i < rows.size(); ++i) {
          if (new_rows[i] == rows[i].data) continue;
          set_item.reset();
          set_item.bind(1, new_rows[i]);
          set_item.bind(2, e.seq);
          set_item.bind(3, rows[i].n);
          set_item.exec();
        }
        e.payload = canonical(sealed_payload);
      }
      e.prev_hash = prev_new;
      e.hash = event_hash(e);
      set_event.reset();
      set_event.bind(1, e.payload);
      set_event.bind(2, e.prev_hash);
      set_event.bind(3, e.hash);
      set_event.bind(4, e.seq);
      set_event.exec();
      keep.reset();
      keep.bind(1, e.seq);
      keep.bind(2, old_hash);
      keep.exec();
      hashes.update(sealed_hash_line(e.seq, old_hash));
      prev_old = old_hash;
      prev_new = e.hash;
      last_at = e.at;
      done = e.seq;
    }
  }
  if (done != after) refuse(done + 1, "?");

  // The record of it, chained after them.
  Event r;
  r.seq = after + 1;
  r.at = last_at;
  r.actor = "consult";
  r.kind = std::string(events::kLedgerReseal);
  r.entity = "ledger";
  r.payload = canonical(events::LedgerReseal{after, prev_old, hashes.hex()}.to_json());
  r.prev_hash = prev_new;
  r.hash = event_hash(r);
  SQLite::Statement ins(db, "INSERT INTO event (seq, at, actor, kind, entity, payload, prev_hash, "
                            "hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  ins.bind(1, r.seq);
  ins.bind(2, r.at);
  ins.bind(3, r.actor);
  ins.bind(4, r.kind);
  ins.bind(5, r.entity);
  ins.bind(6, r.payload);
  ins.bind(7, r.prev_hash);
  ins.bind(8, r.hash);
  ins.exec();
  SQLite::Statement head(db, "UPDATE ledger_head SET seq = ?, hash = ? WHERE id = 1");
  head.bind(1, r.seq);
  head.bind(2, r.hash);
  head.exec();

  for (const auto& sql : triggers)
    db.exec(sql);
}

} // namespace consult::ledger
