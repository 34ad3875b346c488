// Writing a generated network as a scenario (spec/scenario.md): the YAML file and the firms and
// links CSV files it includes, streamed to std::ostream in 1 MiB blocks so that no file is ever
// held in memory. The columns are the format's own plus the loader's extension columns
// (certifications, assessment.E/S/G, due_diligence.*, contract.*) and two free columns on firms,
// `x-tier` and `x-chain`. Opening, renaming and removing files is the caller's business (the
// CLI writes to temporary names and renames).
#pragma once

#include <charconv>
#include <cstdint>
#include <ostream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include <diligence/core/diagnostics.hpp>
#include <diligence/generate/generator.hpp>

namespace diligence::generate {

/// Options of the CSV writers.
struct WriteOptions {
  /// Threads that produce links (1 = the calling thread only; 0 = one per hardware thread). The
  /// files are the same whatever the number.
  unsigned threads = 1;
  /// Called now and then with phase "firms_csv" or "links_csv" and done/total firms.
  ProgressCallback progress;
};

/// The header row of firms.csv (without the line break).
inline constexpr std::string_view kFirmsCsvHeader =
    "id,country,sector,employees,turnover_eur,eu_turnover_eur,cluster,exporter,certifications,"
    "assessment.E,assessment.S,assessment.G,due_diligence.policy_reviewed,"
    "due_diligence.code_of_conduct,due_diligence.risk_assessment,due_diligence.mapped_tiers,"
    "due_diligence.prevention_plans,due_diligence.contractual_assurances,"
    "due_diligence.sme_support,due_diligence.complaints_procedure,"
    "due_diligence.stakeholder_engagement,due_diligence.remediation,"
    "due_diligence.annual_statement,due_diligence.transition_plan,x-tier,x-chain";

/// The header row of links.csv (without the line break).
inline constexpr std::string_view kLinksCsvHeader =
    "supplier,buyer,spend_eur,share,commodity,contract.code_of_conduct,contract.audit_rights,"
    "contract.since";

/// Writes every firm of `gen` as firms.csv. @return the number of rows.
/// @throws std::ios_base::failure when the stream fails (if its exceptions are enabled);
/// otherwise check the stream afterwards.
std::uint64_t write_firms_csv(std::ostream& out, const NetworkGenerator& gen,
                              const WriteOptions& options = {});

/// Writes every link of `gen` as links.csv (buyer by buyer). O(links) time, O(threads × (block
/// of text + largest supplier count)) memory. @return what was written.
LinkCounts write_links_csv(std::ostream& out, const NetworkGenerator& gen,
                           const WriteOptions& options = {});

/// Writes the scenario YAML that includes the two CSV files (names relative to the YAML file),
/// with the options that made it as comments.
void write_scenario_yaml(std::ostream& out, const NetworkGenerator& gen,
                         std::string_view firms_csv = "firms.csv",
                         std::string_view links_csv = "links.csv");

namespace detail {

/// An append-only text buffer with the few formatters the writers need.
class CsvText {
 public:
  std::string text;
  void put(char c) { text.push_back(c); }
  void put(std::string_view s) { text.append(s); }
  void put_uint(std::uint64_t v) {
    char buf[24];
    const auto r = std::to_chars(buf, buf + sizeof buf, v);
    text.append(buf, r.ptr);
  }
  /// A number with at most `decimals` decimals, trailing zeros dropped (`0.25`, `1`).
  void put_fixed(double v, int decimals) {
    char buf[64];
    const auto r = std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, decimals);
    char* end = r.ptr;
    if (decimals > 0) {
      while (end[-1] == '0') --end;
      if (end[-1] == '.') --end;
    }
    text.append(buf, end);
  }
  void put_bool(bool b) { put(b ? std::string_view("true") : std::string_view("false")); }
  void put_date(Date d) { put(d.to_string()); }
  void put_id(const NetworkGenerator& gen, model::FirmIndex i) {
    char buf[16];
    text.append(buf, gen.write_id(i, buf));
  }
};

inline void put_firm(CsvText& o, const NetworkGenerator& gen, const GeneratedFirm& f) {
  o.put_id(gen, f.index);
  o.put(',');
  o.put(f.country);
  o.put(',');
  o.put(f.sector);
  o.put(',');
  o.put_uint(f.employees);
  o.put(',');
  o.put_fixed(f.turnover_eur, 0);
  o.put(',');
  if (f.eu_turnover_eur) o.put_fixed(*f.eu_turnover_eur, 0);
  o.put(',');
  o.put(f.cluster);
  o.put(',');
  o.put_bool(f.exporter);
  o.put(',');
  bool first = true;
  for (std::size_t i = 0; i < NetworkGenerator::num_certifications(); ++i)
    if (f.certifications & (1u << i)) {
      if (!first) o.put(';');
      o.put(NetworkGenerator::certification_name(i));
      first = false;
    }
  for (const double* v :
       {f.assessment ? &f.assessment->e : nullptr, f.assessment ? &f.assessment->s : nullptr,
        f.assessment ? &f.assessment->g : nullptr}) {
    o.put(',');
    if (v) o.put_fixed(*v, 2);
  }
  const model::DueDiligence none;
  const model::DueDiligence& d = f.due_diligence ? *f.due_diligence : none;
  auto date = [&](const std::optional<Date>& v) {
    o.put(',');
    if (v) o.put_date(*v);
  };
  auto flag = [&](const std::optional<bool>& v) {
    o.put(',');
    if (v) o.put_bool(*v);
  };
  auto unit = [&](const std::optional<double>& v) {
    o.put(',');
    if (v) o.put_fixed(*v, 2);
  };
  date(d.policy_reviewed);
  flag(d.code_of_conduct);
  date(d.risk_assessment);
  o.put(',');
  if (d.mapped_tiers) o.put_uint(*d.mapped_tiers);
  unit(d.prevention_plans);
  unit(d.contractual_assurances);
  flag(d.sme_support);
  flag(d.complaints_procedure);
  flag(d.stakeholder_engagement);
  flag(d.remediation);
  flag(d.annual_statement);
  flag(d.transition_plan);
  o.put(',');
  o.put(to_string(f.tier));
  o.put(',');
  o.put(NetworkGenerator::chain_id(f.chain));
  o.put('\n');
}

inline void put_link(CsvText& o, const NetworkGenerator& gen, const GeneratedLink& l) {
  o.put_id(gen, l.supplier);
  o.put(',');
  o.put_id(gen, l.buyer);
  o.put(',');
  if (l.spend_eur) o.put_fixed(*l.spend_eur, 0);
  o.put(',');
  if (l.share) o.put_fixed(*l.share, 7);
  o.put(',');
  o.put(l.commodity);
  o.put(',');
  if (l.contract.code_of_conduct) o.put_bool(*l.contract.code_of_conduct);
  o.put(',');
  if (l.contract.audit_rights) o.put_bool(*l.contract.audit_rights);
  o.put(',');
  if (l.contract.since) o.put_date(*l.contract.since);
  o.put('\n');
}

/// YAML double-quoted scalar.
inline std::string yaml_quoted(std::string_view s) {
  std::string out = "\"";
  for (const char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) continue;
    out += c;
  }
  return out + "\"";
}

}  // namespace detail

namespace detail {

/// Produces text for consecutive index ranges [begin, end) — `threads` ranges at a time, each by
/// its own thread — and writes them in order. `cut(begin)` returns the end of the range that
/// starts at `begin`; `fill(begin, end, text)` appends its rows and returns its counts.
template <typename Counts, typename Cut, typename Fill, typename Add>
void write_in_order(std::ostream& out, model::FirmIndex first, model::FirmIndex last,
                    unsigned threads, const ProgressCallback& progress, std::string_view phase,
                    Cut cut, Fill fill, Add add) {
  threads =
      std::max(1u, std::min(threads != 0 ? threads : std::thread::hardware_concurrency(), 64u));
  struct Block {
    model::FirmIndex begin = 0, end = 0;
    CsvText text;
    Counts counts{};
  };
  std::vector<Block> blocks(threads);
  model::FirmIndex next = first;
  while (next < last) {
    std::size_t used = 0;
    for (; used < blocks.size() && next < last; ++used) {
      blocks[used].begin = next;
      next = blocks[used].end = cut(next);
    }
    auto run = [&](std::size_t k) {
      Block& b = blocks[k];
      b.text.text.clear();
      b.counts = fill(b.begin, b.end, b.text);
    };
    std::vector<std::thread> pool;
    for (std::size_t k = 1; k < used; ++k) pool.emplace_back(run, k);
    run(0);
    for (auto& t : pool) t.join();
    for (std::size_t k = 0; k < used; ++k) {
      out.write(blocks[k].text.text.data(),
                static_cast<std::streamsize>(blocks[k].text.text.size()));
      add(blocks[k].counts);
    }
    if (progress) progress(Progress{phase, next - first, last - first});
  }
  if (progress) progress(Progress{phase, last - first, last - first});
}

}  // namespace detail

inline std::uint64_t write_firms_csv(std::ostream& out, const NetworkGenerator& gen,
                                     const WriteOptions& options) {
  out.write(kFirmsCsvHeader.data(), static_cast<std::streamsize>(kFirmsCsvHeader.size()));
  out.put('\n');
  const auto n = static_cast<model::FirmIndex>(gen.num_firms());
  std::uint64_t rows = 0;
  detail::write_in_order<std::uint64_t>(
      out, 0, n, options.threads, options.progress, "firms_csv",
      [n](model::FirmIndex begin) {
        return static_cast<model::FirmIndex>(
            std::min<std::uint64_t>(n, std::uint64_t{begin} + 8192));
      },
      [&gen](model::FirmIndex begin, model::FirmIndex end, detail::CsvText& text) {
        for (model::FirmIndex i = begin; i < end; ++i) detail::put_firm(text, gen, gen.firm(i));
        return std::uint64_t{end - begin};
      },
      [&rows](std::uint64_t r) { rows += r; });
  return rows;
}

inline LinkCounts write_links_csv(std::ostream& out, const NetworkGenerator& gen,
                                  const WriteOptions& options) {
  out.write(kLinksCsvHeader.data(), static_cast<std::streamsize>(kLinksCsvHeader.size()));
  out.put('\n');
  const auto n = static_cast<model::FirmIndex>(gen.num_firms());
  LinkCounts total;
  // Ranges of buyers with about 24 000 planned links (about 1 MiB of text) each; raw-material
  // firms buy nothing.
  detail::write_in_order<LinkCounts>(
      out, gen.tier_begin(1), n, options.threads, options.progress, "links_csv",
      [&gen, n](model::FirmIndex begin) {
        std::uint64_t planned = 0;
        model::FirmIndex end = begin;
        while (end < n && (planned < 24'000 || end == begin))
          planned += gen.planned_suppliers(end++) + 1;
        return end;
      },
      [&gen](model::FirmIndex begin, model::FirmIndex end, detail::CsvText& text) {
        return gen.for_each_link([&](const GeneratedLink& l) { detail::put_link(text, gen, l); },
                                 begin, end);
      },
      [&total](const LinkCounts& c) {
        total.links += c.links;
        total.cycle_links += c.cycle_links;
        total.share_buyers += c.share_buyers;
        total.spend_buyers += c.spend_buyers;
      });
  return total;
}

inline void write_scenario_yaml(std::ostream& out, const NetworkGenerator& gen,
                                std::string_view firms_csv, std::string_view links_csv) {
  const GeneratorOptions& o = gen.options();
  out << "# A synthetic supplier network made by `diligence generate` (docs/generate.md).\n"
      << "# The firms are invented; ids start with the tier: R raw material, P processing,\n"
      << "# M parts, C components, S systems, O OEM.\n"
      << "# firms: " << o.firms << ", seed: " << o.seed << ", links_per_firm: " << o.links_per_firm
      << ", cycle_share: " << o.cycle_share << ", max_cycle_length: " << o.max_cycle_length
      << ",\n# share_buyers: " << o.share_buyers << ", tier_mix: [";
  for (std::size_t t = 0; t < kNumTiers; ++t) out << (t ? ", " : "") << o.tier_mix[t];
  out << "], clusters: " << gen.num_clusters() << ", cluster_membership: " << o.cluster_membership
      << ",\n# local_sourcing: " << o.local_sourcing << ", own_chain: " << o.own_chain
      << ", degree_sigma: " << o.degree_sigma << ", max_suppliers: " << o.max_suppliers
      << ",\n# assessment_share: " << o.assessment_share << ", evidence_share: " << o.evidence_share
      << "\n"
      << "format: diligence/1\n"
      << "name: " << detail::yaml_quoted(o.name) << "\n"
      << "as_of: " << o.as_of.to_string() << "\n"
      << "currency: EUR\n"
      << "include:\n"
      << "  firms_csv: " << detail::yaml_quoted(firms_csv) << "\n"
      << "  links_csv: " << detail::yaml_quoted(links_csv) << "\n";
}

}  // namespace diligence::generate
