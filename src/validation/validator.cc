#include "validation/validator.h"

#include <algorithm>
#include <chrono>
#include <set>
#include <unordered_map>

namespace opgv::validation {

namespace {

constexpr size_t kMaxCellInReport = 200;

std::string inQuotesDe(std::string_view text) { return "„" + std::string(text) + "“"; }

std::string cutCell(std::string_view cell) {
  if (cell.size() <= kMaxCellInReport) return std::string(cell);
  size_t end = kMaxCellInReport;
  while (end > 0 && (static_cast<unsigned char>(cell[end]) & 0xC0) == 0x80) --end;  // whole UTF-8 characters
  return std::string(cell.substr(0, end)) + "…";
}

// A copy of the field that casts canonical spreadsheet values: same constraints and categories,
// the Table Schema default formats.
Field canonicalField(const Field& field) {
  Field copy = field;
  switch (field.type()) {
    case FieldType::kNumber:
    case FieldType::kInteger:
      copy.cast.number = NumberFormat{};
      break;
    case FieldType::kBoolean:
      copy.cast.boolean = BooleanFormat{};
      break;
    case FieldType::kDate:
    case FieldType::kTime:
    case FieldType::kDatetime:
      copy.cast.temporal = TemporalFormat{};
      break;
    default:
      break;
  }
  return copy;
}

std::string fieldList(const Schema& schema, const std::vector<size_t>& fields) {
  std::string out;
  for (size_t i : fields) {
    if (!out.empty()) out += ", ";
    out += schema.fields[i].name;
  }
  return out;
}

}  // namespace

std::string columnLetters(int64_t column) {
  std::string letters;
  while (column > 0) {
    int64_t remainder = (column - 1) % 26;
    letters.insert(letters.begin(), static_cast<char>('A' + remainder));
    column = (column - 1) / 26;
  }
  return letters;
}

struct TableValidator::Impl {
  // 1-based column of a schema field; 0 when the file had no header to map (empty file, a
  // reading error before the first row) or the field has no column.
  int64_t columnNumberOf(size_t field) const {
    if (field >= mapping.columnOfField.size() || !mapping.columnOfField[field]) return 0;
    return static_cast<int64_t>(*mapping.columnOfField[field]) + 1;
  }

  struct UniqueState {
    std::vector<size_t> fields;
    KeySet keys;
    bool primary = false;
    // The previous row's key, inserted one row late (see TableValidator::row).
    bool deferred = false;
    std::string deferredKey;
    uint64_t deferredHash = 0;
    std::string deferredShown;  // the key's cells as the user wrote them
  };
  struct PendingReference {
    int64_t row = 0;
    int64_t line = 0;
    std::string key;
    std::string shown;  // the cells as the user wrote them
    bool rowWasValid = true;  // counted in invalidRows already if not
  };
  struct ForeignKeyState {
    const ForeignKey* definition = nullptr;
    std::vector<size_t> fields;
    std::shared_ptr<const KeySet> target;  // another resource's keys
    // Self references: the referenced fields' keys of this table, and rows still waiting for a
    // key that may come further down.
    std::vector<size_t> referencedFields;
    KeySet ownKeys;
    std::vector<PendingReference> pending;
    uint64_t pendingBytes = 0;
    bool targetMissingReported = false;
  };

  explicit Impl(const Schema& s, ValidationLimits l) : schema(s), limits(l) {
    for (const Field& field : schema.fields) canonical.push_back(canonicalField(field));
    if (!schema.primaryKey.empty()) {
      UniqueState pk;
      pk.primary = true;
      for (const auto& name : schema.primaryKey) {
        if (auto index = schema.fieldIndex(name)) pk.fields.push_back(*index);
      }
      uniques.push_back(std::move(pk));
    }
    for (const auto& key : schema.uniqueKeys) {
      UniqueState state;
      for (const auto& name : key) {
        if (auto index = schema.fieldIndex(name)) state.fields.push_back(*index);
      }
      uniques.push_back(std::move(state));
    }
    for (size_t i = 0; i < schema.fields.size(); ++i) {
      if (schema.fields[i].constraints.unique) {
        UniqueState state;
        state.fields.push_back(i);
        uniques.push_back(std::move(state));
      }
    }
    for (const auto& fk : schema.foreignKeys) {
      ForeignKeyState state;
      state.definition = &fk;
      for (const auto& name : fk.fields) {
        if (auto index = schema.fieldIndex(name)) state.fields.push_back(*index);
      }
      if (fk.selfReference()) {
        for (const auto& name : fk.referenceFields) {
          if (auto index = schema.fieldIndex(name)) state.referencedFields.push_back(*index);
        }
      }
      foreignKeys.push_back(std::move(state));
    }
    values.resize(schema.fields.size());
    cellTexts.resize(schema.fields.size());
    fieldValid.resize(schema.fields.size());
  }

  uint64_t keyBytes() const {
    uint64_t total = collected ? collected->bytesUsed() : 0;
    for (const auto& u : uniques) total += u.keys.bytesUsed();
    for (const auto& f : foreignKeys) total += f.ownKeys.bytesUsed() + f.pendingBytes;
    return total;
  }
  size_t keyCount() const {
    size_t total = collected ? collected->size() : 0;
    for (const auto& u : uniques) total += u.keys.size();
    for (const auto& f : foreignKeys) total += f.ownKeys.size() + f.pending.size();
    return total;
  }

  const Schema& schema;
  ValidationLimits limits;
  std::vector<Field> canonical;
  HeaderMapping mapping;
  bool headerSeen = false;
  size_t labelCount = 0;
  std::vector<UniqueState> uniques;
  std::vector<ForeignKeyState> foreignKeys;
  std::vector<size_t> collectFields;
  std::shared_ptr<KeySet> collected;
  bool keysStopped = false;
  uint64_t peakKeyBytes = 0;
  std::chrono::steady_clock::time_point started = std::chrono::steady_clock::now();

  // Per row, reused.
  std::vector<Value> values;
  std::vector<std::string_view> cellTexts;
  std::vector<char> fieldValid;
  std::string keyBuffer;
  bool rowValid = true;

  // Deferred key checks: without a row callback nobody needs a row's verdict at once, so the
  // unique keys of row N are hashed and their slots prefetched while row N is read, and inserted
  // at row N + 1 (or in finish). The memory latency of the probe then overlaps the casting of the
  // next row instead of stalling it (measured in docs/performance.md).
  bool hasDeferred = false;
  int64_t deferredRow = 0;
  int64_t deferredLine = 0;
  bool deferredRowValid = true;
};

TableValidator::TableValidator(const Schema& schema, ValidationLimits limits)
    : impl_(std::make_unique<Impl>(schema, limits)) {}

TableValidator::~TableValidator() = default;

void TableValidator::setReferencedKeys(const std::string& resource, std::shared_ptr<const KeySet> keys) {
  for (auto& fk : impl_->foreignKeys) {
    if (!fk.definition->selfReference() && fk.definition->resource == resource) fk.target = keys;
  }
}

void TableValidator::collectKeys(const std::vector<std::string>& fields) {
  impl_->collectFields.clear();
  for (const auto& name : fields) {
    if (auto index = impl_->schema.fieldIndex(name)) impl_->collectFields.push_back(*index);
  }
  impl_->collected = std::make_shared<KeySet>();
}

std::shared_ptr<const KeySet> TableValidator::collectedKeys() const { return impl_->collected; }

namespace {

void addError(Report& report, const ValidationLimits& limits, ReportError error) {
  ++report.stats.errors;
  ++report.errorCounts[error.code];
  report.valid = false;
  if (report.errors.size() < limits.maxErrors) {
    report.errors.push_back(std::move(error));
  } else {
    report.truncated = true;
  }
}

std::string cellPosition(int64_t row, int64_t line, const std::string& field, int64_t column) {
  std::string out = describePosition(row, line);
  if (!field.empty()) out += ", Feld " + inQuotesDe(field);
  if (column > 0) out += " (Spalte " + columnLetters(column) + ")";
  return out;
}

}  // namespace

void TableValidator::reportDuplicateKey(size_t uniqueIndex, int64_t row, int64_t line, int64_t first,
                                        const std::string& shown) {
  Impl& s = *impl_;
  const auto& unique = s.uniques[uniqueIndex];
  const Field& firstField = s.schema.fields[unique.fields.front()];
  int64_t column = s.columnNumberOf(unique.fields.front());
  if (unique.primary) {
    addError(report_, s.limits,
             ReportError{std::string(codes::kPrimaryKey),
                         describePosition(row, line) + ": Der Primärschlüssel (" + fieldList(s.schema, unique.fields) +
                             ") = (" + shown + ") kommt schon in Zeile " + std::to_string(first) +
                             " vor. Jede Zeile muss einen eigenen Schlüssel haben.",
                         "primaryKey", row, line, firstField.name, column, cutCell(shown)});
  } else if (unique.fields.size() == 1) {
    addError(report_, s.limits,
             ReportError{std::string(kUniqueError),
                         cellPosition(row, line, firstField.name, column) + ": " +
                             uniqueError(firstField, shown, first).message,
                         "unique", row, line, firstField.name, column, cutCell(shown)});
  } else {
    addError(report_, s.limits,
             ReportError{std::string(kUniqueError),
                         describePosition(row, line) + ": Die Kombination (" + fieldList(s.schema, unique.fields) +
                             ") = (" + shown + ") kommt schon in Zeile " + std::to_string(first) +
                             " vor; sie muss eindeutig sein (uniqueKeys).",
                         "uniqueKeys", row, line, firstField.name, column, cutCell(shown)});
  }
}

void TableValidator::resolveDeferredKeys() {
  Impl& s = *impl_;
  if (!s.hasDeferred) return;
  s.hasDeferred = false;
  bool duplicate = false;
  for (size_t u = 0; u < s.uniques.size(); ++u) {
    auto& unique = s.uniques[u];
    if (!unique.deferred) continue;
    unique.deferred = false;
    int64_t first = unique.keys.insert(unique.deferredKey, unique.deferredHash, s.deferredRow);
    if (first == 0) continue;
    duplicate = true;
    reportDuplicateKey(u, s.deferredRow, s.deferredLine, first, unique.deferredShown);
  }
  if (duplicate && s.deferredRowValid) {
    ++report_.stats.invalidRows;
    for (auto& fk : s.foreignKeys) {
      for (auto it = fk.pending.rbegin(); it != fk.pending.rend() && it->row >= s.deferredRow; ++it) {
        if (it->row == s.deferredRow) it->rowWasValid = false;
      }
    }
  }
}

void TableValidator::header(const std::vector<std::string>& labels, int64_t headerRow, int64_t line) {
  Impl& s = *impl_;
  s.headerSeen = true;
  s.labelCount = labels.size();
  report_.labels = labels;
  std::unordered_map<std::string_view, size_t> firstColumn;
  for (size_t i = 0; i < labels.size(); ++i) {
    const std::string& label = labels[i];
    int64_t column = static_cast<int64_t>(i) + 1;
    if (label.empty()) {
      addError(report_, s.limits,
               ReportError{std::string(codes::kBlankLabel),
                           "Die Spalte " + columnLetters(column) + " hat keine Überschrift. Bitte tragen Sie in " +
                               describePosition(headerRow, line) + " einen Spaltennamen ein.",
                           "", headerRow, line, "", column, ""});
      continue;
    }
    auto [it, inserted] = firstColumn.emplace(label, i);
    if (!inserted) {
      addError(report_, s.limits,
               ReportError{std::string(codes::kDuplicateLabel),
                           "Die Spaltenüberschrift " + inQuotesDe(label) + " kommt mehrfach vor (Spalten " +
                               columnLetters(static_cast<int64_t>(it->second) + 1) + " und " + columnLetters(column) +
                               "). Jede Spalte braucht einen eigenen Namen.",
                           "", headerRow, line, label, column, ""});
    }
  }
  s.mapping = mapHeader(s.schema, labels);
  for (auto& error : s.mapping.errors) {
    addError(report_, s.limits,
             ReportError{std::move(error.code), describePosition(headerRow, line) + ": " + error.message,
                         std::move(error.note), headerRow, line, "", 0, ""});
  }
}

void TableValidator::expectRows(uint64_t rows) {
  Impl& s = *impl_;
  if (s.keysStopped) return;
  constexpr uint64_t kSlotBytesPerKey = 8 * 10 / 7 + 1;  // 8-byte slots at the maximum load of 0.7
  const uint64_t budget = s.limits.maxKeyBytes / 4;
  size_t tables = s.uniques.size() + s.foreignKeys.size() + (s.collected ? 1 : 0);
  if (tables == 0) return;
  const uint64_t perTable = std::min<uint64_t>(rows, budget / tables / kSlotBytesPerKey);
  for (auto& unique : s.uniques) unique.keys.reserve(perTable);
  for (auto& fk : s.foreignKeys) {
    if (!fk.referencedFields.empty()) fk.ownKeys.reserve(perTable);
  }
  if (s.collected) s.collected->reserve(perTable);
}

void TableValidator::row(int64_t row, int64_t line, std::span<const CellInput> cells) {
  Impl& s = *impl_;
  if (!s.headerSeen) {
    std::vector<std::string> names;
    for (const auto& field : s.schema.fields) names.push_back(field.name);
    header(names, 0, 0);
  }
  ++report_.stats.rows;
  bool blank = std::all_of(cells.begin(), cells.end(), [](const CellInput& c) { return c.value.empty() && !c.null; });
  if (blank) {
    addError(report_, s.limits,
             ReportError{std::string(codes::kBlankRow),
                         describePosition(row, line) + " ist leer. Leere Zeilen bitte löschen.", "", row, line, "", 0,
                         ""});
    ++report_.stats.invalidRows;
    if (onRow_) {
      std::fill(s.values.begin(), s.values.end(), Value::null());
      std::fill(s.cellTexts.begin(), s.cellTexts.end(), std::string_view{});
      onRow_(RowOutcome{row, s.values, s.cellTexts, false, true});
    }
    return;
  }
  s.rowValid = true;
  auto fail = [&](ReportError error) {
    s.rowValid = false;
    addError(report_, s.limits, std::move(error));
  };

  const size_t fieldCount = s.schema.fields.size();
  for (size_t i = 0; i < fieldCount; ++i) {
    const Field& field = s.schema.fields[i];
    s.values[i] = Value::null();
    s.cellTexts[i] = {};
    s.fieldValid[i] = 1;
    auto column = s.mapping.columnOfField[i];
    if (!column) continue;  // missing-label already reported
    int64_t columnNumber = static_cast<int64_t>(*column) + 1;
    if (*column >= cells.size()) {
      s.fieldValid[i] = 0;
      fail(ReportError{std::string(codes::kMissingCell),
                       cellPosition(row, line, field.name, columnNumber) + ": Die Zelle fehlt – die Zeile hat nur " +
                           std::to_string(cells.size()) + " von " + std::to_string(s.labelCount) + " Zellen.",
                       "", row, line, field.name, columnNumber, ""});
      continue;
    }
    const CellInput& cell = cells[*column];
    s.cellTexts[i] = cell.value;
    if (cell.null) {
      if (field.constraints.required) {
        s.fieldValid[i] = 0;
        fail(ReportError{std::string(kConstraintError),
                         cellPosition(row, line, field.name, columnNumber) +
                             ": Der Wert fehlt, aber das Feld ist ein Pflichtfeld (Bedingung „required“).",
                         "required", row, line, field.name, columnNumber, cutCell(cell.value)});
      }
      continue;
    }
    auto value = readCell(cell.canonical ? s.canonical[i] : field, cell.value);
    if (!value) {
      s.fieldValid[i] = 0;
      std::string hint;
      // The classic spreadsheet accident: a key like 09162000 typed into a number cell.
      if (cell.canonical && field.type() == FieldType::kString) {
        hint = " Die Zelle ist in der Tabelle als Zahl gespeichert, dabei gehen führende Nullen verloren; bitte die "
               "Spalte als Text formatieren und die Werte neu eintragen.";
      }
      fail(ReportError{std::move(value.error().code),
                       cellPosition(row, line, field.name, columnNumber) + ": " + value.error().message + hint,
                       std::move(value.error().note), row, line, field.name, columnNumber, cutCell(cell.value)});
      continue;
    }
    s.values[i] = std::move(*value);
  }

  if (s.headerSeen && cells.size() > s.labelCount) {
    for (size_t c = s.labelCount; c < cells.size(); ++c) {
      int64_t columnNumber = static_cast<int64_t>(c) + 1;
      fail(ReportError{std::string(codes::kExtraCell),
                       cellPosition(row, line, "", columnNumber) + ": Die Zeile hat mehr Zellen als die Kopfzeile (" +
                           std::to_string(s.labelCount) + "); die Zelle " + inQuotesDe(cutCell(cells[c].value)) +
                           " gehört zu keiner Spalte.",
                       "", row, line, "", columnNumber, cutCell(cells[c].value)});
    }
  }

  // The key of `fields` in s.keyBuffer (reused across rows, so no allocation per row); false when
  // one of them is invalid or null: invalid cells were reported already, a null part means no key
  // (primary keys already failed `required`, unique keys skip it).
  auto buildKey = [&](const std::vector<size_t>& fields) -> bool {
    s.keyBuffer.clear();
    for (size_t f : fields) {
      if (!s.fieldValid[f] || s.values[f].isNull()) return false;
      appendUniqueKey(s.keyBuffer, s.values[f]);
    }
    return true;
  };
  auto shownKey = [&](const std::vector<size_t>& fields) {
    std::string out;
    for (size_t f : fields) {
      if (!out.empty()) out += ", ";
      out += std::string(s.cellTexts[f]);
    }
    return out;
  };

  if (!s.keysStopped) {
    resolveDeferredKeys();
    const bool defer = !onRow_;
    for (size_t u = 0; u < s.uniques.size(); ++u) {
      auto& unique = s.uniques[u];
      if (unique.fields.empty() || !buildKey(unique.fields)) continue;
      if (defer) {
        unique.deferredHash = KeySet::hashOf(s.keyBuffer);
        unique.keys.prefetch(unique.deferredHash);
        unique.deferredKey.assign(s.keyBuffer);
        unique.deferredShown.clear();
        for (size_t f : unique.fields) {
          if (!unique.deferredShown.empty()) unique.deferredShown += ", ";
          unique.deferredShown += s.cellTexts[f];
        }
        unique.deferred = true;
        s.hasDeferred = true;
        s.deferredRow = row;
        s.deferredLine = line;
        continue;
      }
      int64_t first = unique.keys.insert(s.keyBuffer, row);
      if (first == 0) continue;
      s.rowValid = false;
      reportDuplicateKey(u, row, line, first, shownKey(unique.fields));
    }
    for (auto& fk : s.foreignKeys) {
      if (fk.definition->selfReference()) {
        if (!fk.referencedFields.empty() && buildKey(fk.referencedFields)) fk.ownKeys.insert(s.keyBuffer, row);
      }
      if (fk.fields.empty() || !buildKey(fk.fields)) continue;
      if (fk.definition->selfReference()) {
        if (!fk.ownKeys.contains(s.keyBuffer)) {
          fk.pendingBytes += s.keyBuffer.size() + sizeof(Impl::PendingReference);
          fk.pending.push_back(Impl::PendingReference{row, line, s.keyBuffer, shownKey(fk.fields), s.rowValid});
        }
        continue;
      }
      if (!fk.target) continue;  // reported once in finish()
      if (fk.target->contains(s.keyBuffer)) continue;
      const Field& firstField = s.schema.fields[fk.fields.front()];
      int64_t column = s.columnNumberOf(fk.fields.front());
      std::string referenced;
      for (const auto& name : fk.definition->referenceFields) referenced += (referenced.empty() ? "" : ", ") + name;
      fail(ReportError{std::string(codes::kForeignKey),
                       cellPosition(row, line, firstField.name, column) + ": " + inQuotesDe(shownKey(fk.fields)) +
                           " gibt es in " + inQuotesDe(fk.definition->resource) + " (" + referenced +
                           ") nicht. Erlaubt sind nur Werte, die dort vorkommen.",
                       "foreignKeys", row, line, firstField.name, column, cutCell(shownKey(fk.fields))});
    }
    if (s.collected && buildKey(s.collectFields)) s.collected->insert(s.keyBuffer, row);
    uint64_t bytes = s.keyBytes();
    s.peakKeyBytes = std::max(s.peakKeyBytes, bytes);
    if (bytes > s.limits.maxKeyBytes) {
      s.keysStopped = true;
      addError(report_, s.limits,
               ReportError{std::string(codes::kLimitError),
                           "Ab " + describePosition(row, line) + " wurden Schlüssel (Primärschlüssel, eindeutige Werte, " +
                               "Fremdschlüssel) nicht mehr geprüft: ihr Speicher hat die Grenze von " +
                               formatByteSize(s.limits.maxKeyBytes) + " erreicht.",
                           "maxKeyBytes", row, line, "", 0, ""});
      s.hasDeferred = false;
      for (auto& unique : s.uniques) {
        unique.keys.clear();
        unique.deferred = false;
      }
      for (auto& fk : s.foreignKeys) {
        fk.ownKeys.clear();
        fk.pending.clear();
        fk.pending.shrink_to_fit();
        fk.pendingBytes = 0;
      }
    }
  }

  if (s.hasDeferred && s.deferredRow == row) s.deferredRowValid = s.rowValid;
  if (!s.rowValid) {
    ++report_.stats.invalidRows;
    // A forward reference parked above must not count this row a second time in finish().
    for (auto& fk : s.foreignKeys) {
      for (auto it = fk.pending.rbegin(); it != fk.pending.rend() && it->row == row; ++it) it->rowWasValid = false;
    }
  }
  if (onRow_) onRow_(RowOutcome{row, s.values, s.cellTexts, s.rowValid, false});
}

void TableValidator::sourceError(const SourceError& error) {
  if (error.fatal) report_.fatal = true;
  addError(report_, impl_->limits,
           ReportError{error.code, error.message, error.fatal ? "fatal" : "", error.row, error.line, "", 0, ""});
}

void TableValidator::setSourceInfo(const Report& info) {
  report_.source = info.source;
  report_.format = info.format;
  report_.encoding = info.encoding;
  report_.stats.bytes = info.stats.bytes;
  report_.notes.insert(report_.notes.end(), info.notes.begin(), info.notes.end());
}

Report TableValidator::finish() {
  Impl& s = *impl_;
  if (!s.keysStopped) resolveDeferredKeys();
  std::set<int64_t> newlyInvalid;  // rows that only a forward reference makes invalid
  for (auto& fk : s.foreignKeys) {
    const Field* firstField = fk.fields.empty() ? nullptr : &s.schema.fields[fk.fields.front()];
    int64_t column = fk.fields.empty() ? 0 : s.columnNumberOf(fk.fields.front());
    std::string referenced;
    for (const auto& name : fk.definition->referenceFields) referenced += (referenced.empty() ? "" : ", ") + name;
    if (fk.definition->selfReference()) {
      if (s.keysStopped) continue;
      for (const auto& pending : fk.pending) {
        if (fk.ownKeys.contains(pending.key)) continue;
        if (pending.rowWasValid && newlyInvalid.insert(pending.row).second) ++report_.stats.invalidRows;
        addError(report_, s.limits,
                 ReportError{std::string(codes::kForeignKey),
                             cellPosition(pending.row, pending.line, firstField ? firstField->name : "", column) + ": " +
                                 inQuotesDe(pending.shown) + " verweist auf " + referenced +
                                 ", aber keine Zeile dieser Tabelle hat diesen Wert.",
                             "foreignKeys", pending.row, pending.line, firstField ? firstField->name : "", column,
                             cutCell(pending.shown)});
      }
    } else if (!fk.target && !fk.targetMissingReported) {
      fk.targetMissingReported = true;
      report_.notes.push_back("Der Fremdschlüssel auf " + inQuotesDe(fk.definition->resource) +
                              " wurde nicht geprüft, weil dessen Daten nicht vorliegen.");
    }
  }
  std::stable_sort(report_.errors.begin(), report_.errors.end(), [](const ReportError& a, const ReportError& b) {
    if (a.row != b.row) return a.row < b.row;
    return a.fieldNumber < b.fieldNumber;
  });
  report_.stats.keyBytes = s.peakKeyBytes;
  report_.stats.keys = s.keyCount();
  report_.stats.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - s.started).count();
  report_.valid = report_.stats.errors == 0;
  return report_;
}

}  // namespace opgv::validation
