// Firms and links from CSV. One pass over each file: the header names the columns, every data row
// becomes one firm or link, each cell is converted where it is read so that an error names the
// exact cell. Errors the builder finds later are placed by reading the file again
// (locate_csv_cell), so loading keeps no per-cell positions in memory.
//
// Memory: the file is mapped, not copied, and the pages behind the reader are given back as it
// moves on, so the text of a 4 GB links file never sits in memory beside the parsed links. A
// first pass counts the lines so that the builder reserves its arrays once (a growing vector
// briefly holds its old and new buffers, 1.5 to 3 times the data). Links go to the builder as ids
// and parsed values (no SupplyLink strings per row); a commodity cell's text is split and interned
// once and then looked up by its text.
#include "io/scenario_csv.hpp"

#include <array>
#include <functional>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include <diligence/core/error_ids.hpp>

#include "io/csv_reader.hpp"
#include "io/fields.hpp"

namespace diligence::io::detail {
namespace {

// The enumerators are in the order of kFirmColumns (column_name indexes it by enumerator).
enum class FirmColumn {
  kId,
  kName,
  kCountry,
  kSector,
  kEmployees,
  kTurnover,
  kEuTurnover,
  kParent,
  kCluster,
  kExporter,
  kCertifications,
  kAssessmentE,
  kAssessmentS,
  kAssessmentG,
  kPolicyReviewed,
  kCodeOfConduct,
  kRiskAssessment,
  kMappedTiers,
  kPreventionPlans,
  kContractualAssurances,
  kSmeSupport,
  kComplaintsProcedure,
  kStakeholderEngagement,
  kRemediation,
  kAnnualStatement,
  kTransitionPlan,
  kIgnored
};
constexpr std::array<std::pair<std::string_view, FirmColumn>, 26> kFirmColumns = {{
    {"id", FirmColumn::kId},
    {"name", FirmColumn::kName},
    {"country", FirmColumn::kCountry},
    {"sector", FirmColumn::kSector},
    {"employees", FirmColumn::kEmployees},
    {"turnover_eur", FirmColumn::kTurnover},
    {"eu_turnover_eur", FirmColumn::kEuTurnover},
    {"parent", FirmColumn::kParent},
    {"cluster", FirmColumn::kCluster},
    {"exporter", FirmColumn::kExporter},
    {"certifications", FirmColumn::kCertifications},  // extension: a ';' list
    // Extensions: self-assessment pillar scores (all three or none in a row) and the
    // due-diligence evidence keys, typed as in the YAML.
    {"assessment.E", FirmColumn::kAssessmentE},
    {"assessment.S", FirmColumn::kAssessmentS},
    {"assessment.G", FirmColumn::kAssessmentG},
    {"due_diligence.policy_reviewed", FirmColumn::kPolicyReviewed},
    {"due_diligence.code_of_conduct", FirmColumn::kCodeOfConduct},
    {"due_diligence.risk_assessment", FirmColumn::kRiskAssessment},
    {"due_diligence.mapped_tiers", FirmColumn::kMappedTiers},
    {"due_diligence.prevention_plans", FirmColumn::kPreventionPlans},
    {"due_diligence.contractual_assurances", FirmColumn::kContractualAssurances},
    {"due_diligence.sme_support", FirmColumn::kSmeSupport},
    {"due_diligence.complaints_procedure", FirmColumn::kComplaintsProcedure},
    {"due_diligence.stakeholder_engagement", FirmColumn::kStakeholderEngagement},
    {"due_diligence.remediation", FirmColumn::kRemediation},
    {"due_diligence.annual_statement", FirmColumn::kAnnualStatement},
    {"due_diligence.transition_plan", FirmColumn::kTransitionPlan},
}};

enum class LinkColumn {
  kSupplier,
  kBuyer,
  kSpend,
  kShare,
  kCommodity,
  kCodeOfConduct,
  kAuditRights,
  kSince,
  kIgnored
};
constexpr std::array<std::pair<std::string_view, LinkColumn>, 8> kLinkColumns = {{
    {"supplier", LinkColumn::kSupplier},
    {"buyer", LinkColumn::kBuyer},
    {"spend_eur", LinkColumn::kSpend},
    {"share", LinkColumn::kShare},
    {"commodity", LinkColumn::kCommodity},
    {"contract.code_of_conduct", LinkColumn::kCodeOfConduct},  // extensions: contract terms
    {"contract.audit_rights", LinkColumn::kAuditRights},
    {"contract.since", LinkColumn::kSince},
}};

/// The header row: column kinds in file order, checked for unknown, repeated and missing names.
template <typename Column, std::size_t N>
std::vector<Column> read_header(CsvReader& reader, CsvRecord& record, const CsvInclude& file,
                                const std::array<std::pair<std::string_view, Column>, N>& known,
                                std::initializer_list<std::string_view> required, Column ignored) {
  if (!reader.next(record))
    throw ParseError(errc::kCsvHeader,
                     "the file is empty; expected a header row naming the columns", file.key,
                     Location{file.display, 1, 1});
  std::vector<Column> columns;
  std::vector<std::string_view> names;
  for (const CsvField& f : record.fields) {
    const std::string_view name = f.text;
    if (name.empty())
      throw ParseError(errc::kCsvHeader, "empty column name in the header", file.key,
                       reader.locate(f));
    for (const auto n : names)
      if (n == name)
        throw ValidationError(errc::kDuplicateKey,
                              "column '" + std::string(name) + "' appears twice", file.key,
                              reader.locate(f));
    names.push_back(name);
    if (name.starts_with("x-")) {
      columns.push_back(ignored);
      continue;
    }
    std::optional<Column> kind;
    for (const auto& [n, c] : known)
      if (n == name) kind = c;
    if (!kind) {
      std::string list;
      for (const auto& [n, c] : known) list += (list.empty() ? "" : ", ") + std::string(n);
      throw ValidationError(errc::kUnknownKey,
                            "unknown column '" + std::string(name) + "' (known: " + list +
                                "; columns starting with x- are free)",
                            file.key, reader.locate(f));
    }
    columns.push_back(*kind);
  }
  for (const auto r : required) {
    bool found = false;
    for (const auto n : names) found = found || n == r;
    if (!found)
      throw ValidationError(errc::kMissingKey, "the header has no '" + std::string(r) + "' column",
                            file.key, Location{file.display, record.line, 1});
  }
  return columns;
}

void check_field_count(const CsvReader& reader, const CsvRecord& record, std::size_t expected) {
  if (record.fields.size() == expected) return;
  const CsvField& at =
      record.fields.size() > expected ? record.fields[expected] : record.fields.back();
  throw ParseError(errc::kCsvFieldCount,
                   "row has " + std::to_string(record.fields.size()) + " cells, the header has " +
                       std::to_string(expected),
                   {}, reader.locate(at));
}

// Cells are converted with an empty reference; the key path and position are added only when a
// conversion fails, so the hot path builds no strings.
const std::string kNoKey;
const Location kNoLocation;
const ValueRef ref{kNoKey, kNoLocation};

template <typename Column, std::size_t N>
std::string_view column_name(const std::array<std::pair<std::string_view, Column>, N>& known,
                             Column c) {
  return known[static_cast<std::size_t>(c)].first;
}

std::string row_key(const char* list, std::size_t index, std::string_view column) {
  return std::string(list) + "[" + std::to_string(index) + "]." + std::string(column);
}

/// The first segment of the part of a key path after `firms[i].` / `links[j].`.
std::string_view field_of(std::string_view key_path) {
  const auto dot = key_path.find("].");
  if (dot == std::string_view::npos) return {};
  std::string_view rest = key_path.substr(dot + 2);
  return rest;
}

/// Places an error raised by the builder for this row at the cell it names.
template <typename Column, std::size_t N>
void place(Error& e, const CsvReader& reader, const CsvRecord& record,
           const std::vector<Column>& columns,
           const std::array<std::pair<std::string_view, Column>, N>& known) {
  const std::string_view field = field_of(e.key_path());
  for (std::size_t c = 0; c < columns.size(); ++c)
    for (const auto& [n, kind] : known)
      if (kind == columns[c] && (field == n || field.starts_with(std::string(n) + "."))) {
        e.set_location(reader.locate(record.fields[c]));
        return;
      }
  e.set_location(reader.locate(record.fields.front()));
}

/// The assessment.E/S/G columns of a firms header: all three or none.
struct PillarColumns {
  std::array<std::optional<std::size_t>, 3> at;  // E, S, G
  [[nodiscard]] bool any() const { return at[0] || at[1] || at[2]; }
};

PillarColumns pillar_columns(const std::vector<FirmColumn>& columns, const CsvReader& reader,
                             const CsvRecord& header, const CsvInclude& file) {
  PillarColumns p;
  for (std::size_t c = 0; c < columns.size(); ++c) {
    if (columns[c] == FirmColumn::kAssessmentE) p.at[0] = c;
    if (columns[c] == FirmColumn::kAssessmentS) p.at[1] = c;
    if (columns[c] == FirmColumn::kAssessmentG) p.at[2] = c;
  }
  if (!p.any()) return p;
  constexpr const char* kNames[] = {"assessment.E", "assessment.S", "assessment.G"};
  std::size_t present = 0;
  while (!p.at[present]) ++present;
  for (std::size_t k = 0; k < 3; ++k)
    if (!p.at[k])
      throw ValidationError(errc::kMissingKey,
                            std::string("the header has '") + kNames[present] + "' but no '" +
                                kNames[k] + "' column (give all three pillar scores or none)",
                            file.key, reader.locate(header.fields[*p.at[present]]));
  return p;
}

void report(const LoadOptions& options, std::string_view phase, const CsvReader& reader) {
  if (options.progress) options.progress(Progress{phase, reader.bytes_read(), reader.size()});
}

/// Every 65536 rows: progress, and the pages before the current record go back to the system.
void checkpoint(const LoadOptions& options, std::string_view phase, const CsvReader& reader,
                const CsvRecord& record, FileText& text) {
  report(options, phase, reader);
  text.release_before(record.fields.front().offset);
}

/// Commodity cells seen so far and their interned sets: a links file repeats few distinct lists,
/// so each text is split and interned once.
class CommodityCache {
 public:
  /// The set of the list in `text`. @throws as split_list, for a text not seen before.
  model::CommoditySet get(std::string_view text, model::NetworkBuilder& builder) {
    if (last_ && text == last_->first) return last_->second;
    auto it = seen_.find(text);
    if (it == seen_.end())
      it = seen_.emplace(std::string(text), builder.commodity_set(split_list(text, ref))).first;
    last_ = &*it;
    return it->second;
  }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const noexcept {
      return std::hash<std::string_view>{}(s);
    }
  };
  std::unordered_map<std::string, model::CommoditySet, Hash, std::equal_to<>> seen_;
  const std::pair<const std::string, model::CommoditySet>* last_ = nullptr;
};

}  // namespace

namespace {
std::size_t read_firms(const CsvInclude& file, model::NetworkBuilder& builder,
                       const LoadOptions& options);
std::size_t read_links(const CsvInclude& file, model::NetworkBuilder& builder,
                       const LoadOptions& options);

/// Runs a reader; syntax errors, which know no key of their own, name the include key.
template <typename Read>
std::size_t keyed(const CsvInclude& file, Read read) {
  try {
    return read();
  } catch (Error& e) {
    if (e.key_path().empty()) e.set_key_path(file.key);
    throw;
  }
}
}  // namespace

std::size_t load_firms_csv(const CsvInclude& file, model::NetworkBuilder& builder,
                           const LoadOptions& options) {
  return keyed(file, [&] { return read_firms(file, builder, options); });
}

std::size_t load_links_csv(const CsvInclude& file, model::NetworkBuilder& builder,
                           const LoadOptions& options) {
  return keyed(file, [&] { return read_links(file, builder, options); });
}

namespace {
std::size_t read_firms(const CsvInclude& file, model::NetworkBuilder& builder,
                       const LoadOptions& options) {
  FileText text(file.path, file.key, file.key_location);
  builder.reserve(builder.num_firms() + text.count_lines(), builder.num_links());
  CsvReader reader(text.text(), file.display);
  CsvRecord record;
  const auto columns = read_header(reader, record, file, kFirmColumns, {"id", "country", "sector"},
                                   FirmColumn::kIgnored);
  const PillarColumns pillars = pillar_columns(columns, reader, record, file);
  std::size_t rows = 0;
  while (reader.next(record)) {
    check_field_count(reader, record, columns.size());
    const std::size_t index = builder.num_firms();
    model::Firm firm;
    model::PillarScores scores;
    int pillars_given = 0;
    model::DueDiligence dd;
    bool dd_given = false;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const CsvField& cell = record.fields[c];
      if (columns[c] == FirmColumn::kIgnored) continue;
      if (cell.text.empty()) {
        if (columns[c] == FirmColumn::kId || columns[c] == FirmColumn::kCountry ||
            columns[c] == FirmColumn::kSector)
          throw ValidationError(errc::kMissingKey, "required value is empty",
                                row_key("firms", index, column_name(kFirmColumns, columns[c])),
                                reader.locate(cell));
        continue;
      }
      try {
        switch (columns[c]) {
          case FirmColumn::kId:
            firm.id = cell.text;
            break;
          case FirmColumn::kName:
            firm.name = cell.text;
            break;
          case FirmColumn::kCountry:
            firm.country = cell.text;
            break;
          case FirmColumn::kSector:
            firm.sector = cell.text;
            break;
          case FirmColumn::kEmployees:
            firm.employees = parse_count(cell.text, ref);
            break;
          case FirmColumn::kTurnover:
            firm.turnover_eur = parse_amount(cell.text, ref);
            break;
          case FirmColumn::kEuTurnover:
            firm.eu_turnover_eur = parse_amount(cell.text, ref);
            break;
          case FirmColumn::kParent:
            firm.parent = cell.text;
            break;
          case FirmColumn::kCluster:
            firm.cluster = cell.text;
            break;
          case FirmColumn::kExporter:
            firm.exporter = parse_bool(cell.text, ref);
            break;
          case FirmColumn::kCertifications:
            firm.certifications = split_list(cell.text, ref);
            break;
          case FirmColumn::kAssessmentE:
            scores.e = parse_unit(cell.text, ref);
            break;
          case FirmColumn::kAssessmentS:
            scores.s = parse_unit(cell.text, ref);
            break;
          case FirmColumn::kAssessmentG:
            scores.g = parse_unit(cell.text, ref);
            break;
          case FirmColumn::kPolicyReviewed:
            dd.policy_reviewed = parse_date(cell.text, ref);
            break;
          case FirmColumn::kCodeOfConduct:
            dd.code_of_conduct = parse_bool(cell.text, ref);
            break;
          case FirmColumn::kRiskAssessment:
            dd.risk_assessment = parse_date(cell.text, ref);
            break;
          case FirmColumn::kMappedTiers: {
            const std::uint64_t tiers = parse_count(cell.text, ref);
            if (tiers > 1000)
              throw ValidationError(errc::kRange, "expected a number of tiers ≤ 1000", kNoKey,
                                    kNoLocation);
            dd.mapped_tiers = static_cast<std::uint32_t>(tiers);
            break;
          }
          case FirmColumn::kPreventionPlans:
            dd.prevention_plans = parse_unit(cell.text, ref);
            break;
          case FirmColumn::kContractualAssurances:
            dd.contractual_assurances = parse_unit(cell.text, ref);
            break;
          case FirmColumn::kSmeSupport:
            dd.sme_support = parse_bool(cell.text, ref);
            break;
          case FirmColumn::kComplaintsProcedure:
            dd.complaints_procedure = parse_bool(cell.text, ref);
            break;
          case FirmColumn::kStakeholderEngagement:
            dd.stakeholder_engagement = parse_bool(cell.text, ref);
            break;
          case FirmColumn::kRemediation:
            dd.remediation = parse_bool(cell.text, ref);
            break;
          case FirmColumn::kAnnualStatement:
            dd.annual_statement = parse_bool(cell.text, ref);
            break;
          case FirmColumn::kTransitionPlan:
            dd.transition_plan = parse_bool(cell.text, ref);
            break;
          case FirmColumn::kIgnored:
            break;
        }
        if (columns[c] >= FirmColumn::kAssessmentE && columns[c] <= FirmColumn::kAssessmentG)
          ++pillars_given;
        if (columns[c] >= FirmColumn::kPolicyReviewed && columns[c] <= FirmColumn::kTransitionPlan)
          dd_given = true;
      } catch (Error& e) {
        e.set_key_path(row_key("firms", index, column_name(kFirmColumns, columns[c])));
        e.set_location(reader.locate(cell));
        throw;
      }
    }
    if (pillars_given == 3) {
      firm.assessment.emplace();
      firm.assessment->scores = scores;
    } else if (pillars_given > 0) {
      for (std::size_t k = 0; k < 3; ++k) {
        const CsvField& cell = record.fields[*pillars.at[k]];
        if (!cell.text.empty()) continue;
        const std::string_view name = column_name(kFirmColumns, columns[*pillars.at[k]]);
        throw ValidationError(errc::kMissingKey,
                              "missing pillar score '" + std::string(name.substr(11)) +
                                  "' (give assessment.E, assessment.S and assessment.G, or none)",
                              row_key("firms", index, name), reader.locate(cell));
      }
    }
    if (dd_given) firm.due_diligence = dd;
    try {
      builder.add_firm(std::move(firm));
    } catch (Error& e) {
      place(e, reader, record, columns, kFirmColumns);
      throw;
    }
    if ((++rows & 0xFFFF) == 0) checkpoint(options, "firms_csv", reader, record, text);
  }
  report(options, "firms_csv", reader);
  return rows;
}

std::size_t read_links(const CsvInclude& file, model::NetworkBuilder& builder,
                       const LoadOptions& options) {
  FileText text(file.path, file.key, file.key_location);
  builder.reserve(builder.num_firms(), builder.num_links() + text.count_lines());
  CsvReader reader(text.text(), file.display);
  CsvRecord record;
  const auto columns =
      read_header(reader, record, file, kLinkColumns, {"supplier", "buyer"}, LinkColumn::kIgnored);
  CommodityCache commodity_sets;
  std::size_t rows = 0;
  while (reader.next(record)) {
    check_field_count(reader, record, columns.size());
    const std::size_t index = builder.num_links();
    std::string_view supplier, buyer;
    std::optional<double> spend, share;
    model::CommoditySet commodities = model::CommoditySet::kNone;
    model::Contract contract;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      const CsvField& cell = record.fields[c];
      if (columns[c] == LinkColumn::kIgnored) continue;
      if (cell.text.empty()) {
        if (columns[c] == LinkColumn::kSupplier || columns[c] == LinkColumn::kBuyer)
          throw ValidationError(errc::kMissingKey, "required value is empty",
                                row_key("links", index, column_name(kLinkColumns, columns[c])),
                                reader.locate(cell));
        continue;
      }
      try {
        switch (columns[c]) {
          case LinkColumn::kSupplier:
            supplier = cell.text;
            break;
          case LinkColumn::kBuyer:
            buyer = cell.text;
            break;
          case LinkColumn::kSpend:
            spend = parse_amount(cell.text, ref);
            break;
          case LinkColumn::kShare:
            share = parse_unit(cell.text, ref);
            break;
          case LinkColumn::kCommodity:
            commodities = commodity_sets.get(cell.text, builder);
            break;
          case LinkColumn::kCodeOfConduct:
            contract.code_of_conduct = parse_bool(cell.text, ref);
            break;
          case LinkColumn::kAuditRights:
            contract.audit_rights = parse_bool(cell.text, ref);
            break;
          case LinkColumn::kSince:
            contract.since = parse_date(cell.text, ref);
            break;
          case LinkColumn::kIgnored:
            break;
        }
      } catch (Error& e) {
        e.set_key_path(row_key("links", index, column_name(kLinkColumns, columns[c])));
        e.set_location(reader.locate(cell));
        throw;
      }
    }
    try {
      builder.add_link(supplier, buyer, spend, share, commodities, contract);
    } catch (Error& e) {
      place(e, reader, record, columns, kLinkColumns);
      throw;
    }
    if ((++rows & 0xFFFF) == 0) checkpoint(options, "links_csv", reader, record, text);
  }
  report(options, "links_csv", reader);
  return rows;
}

}  // namespace

Location locate_csv_cell(const CsvInclude& file, std::size_t row, std::string_view field) {
  std::optional<FileText> text;
  try {
    text.emplace(file.path);
  } catch (const Error&) {
    return Location{file.display, 0, 0};
  }
  CsvReader reader(text->text(), file.display);
  CsvRecord header, record;
  if (!reader.next(header)) return Location{file.display, 0, 0};
  for (std::size_t r = 0; r <= row; ++r) {
    if (!reader.next(record)) return Location{file.display, 0, 0};
    if ((r & 0xFFFF) == 0) text->release_before(record.fields.front().offset);
  }
  for (std::size_t c = 0; c < header.fields.size() && c < record.fields.size(); ++c)
    if (header.fields[c].text == field ||
        (field.size() > header.fields[c].text.size() && field.starts_with(header.fields[c].text) &&
         field[header.fields[c].text.size()] == '.'))
      return reader.locate(record.fields[c]);
  return reader.locate(record.fields.front());
}

}  // namespace diligence::io::detail
