// The numbers behind `diligence summary` (see summary.hpp).
#include "summary.hpp"

#include <algorithm>
#include <cstdio>
#include <set>
#include <sstream>
#include <string_view>
#include <utility>

#include <diligence/model/codes.hpp>
#include <diligence/model/structure.hpp>
#include <diligence/risk/tiers.hpp>

#include "table.hpp"

namespace diligence::cli {
namespace {

// Short names of the NACE Rev. 2 sections A..U, for the text report.
constexpr std::string_view kNaceSections[21] = {"Agriculture, forestry, fishing",
                                                "Mining and quarrying",
                                                "Manufacturing",
                                                "Electricity, gas, steam",
                                                "Water, sewerage, waste",
                                                "Construction",
                                                "Wholesale and retail trade",
                                                "Transportation and storage",
                                                "Accommodation and food",
                                                "Information and communication",
                                                "Financial and insurance",
                                                "Real estate",
                                                "Professional, scientific, technical",
                                                "Administrative and support",
                                                "Public administration",
                                                "Education",
                                                "Health and social work",
                                                "Arts and recreation",
                                                "Other services",
                                                "Households as employers",
                                                "Extraterritorial bodies"};

std::string_view section_name(const std::string& letter) {
  if (letter.size() != 1 || letter[0] < 'A' || letter[0] > 'U') return "";
  return kNaceSections[letter[0] - 'A'];
}

std::string percent(std::uint64_t part, std::uint64_t whole) {
  if (whole == 0) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%",
                100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return buf;
}

std::string plural(std::uint64_t n, std::string_view one, std::string_view many) {
  return std::to_string(n) + " " + std::string(n == 1 ? one : many);
}

// Entries of a count map, by count descending, then key.
std::vector<std::pair<std::string, std::uint64_t>> by_count(
    const std::map<std::string, std::uint64_t>& counts) {
  std::vector<std::pair<std::string, std::uint64_t>> v(counts.begin(), counts.end());
  std::stable_sort(v.begin(), v.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  return v;
}

}  // namespace

Summary summarize(const model::Scenario& scenario) {
  const model::SupplyNetwork& net = scenario.network;
  const auto n = static_cast<model::FirmIndex>(net.num_firms());
  Summary s;
  s.name = scenario.name;
  s.as_of = scenario.as_of.to_string();
  s.as_of_given = scenario.as_of_given;
  s.firms = n;
  s.links = net.num_links();
  s.warnings = scenario.warnings.size();

  std::vector<model::FirmIndex> large;
  for (model::FirmIndex i = 0; i < n; ++i) {
    const model::Firm& f = net.firm(i);
    const model::SizeClass size = net.size_class(i);
    ++s.size_classes[static_cast<std::size_t>(size)];
    if (size == model::SizeClass::kLarge) large.push_back(i);
    ++s.countries[f.country];
    ++s.sectors[std::string(1, model::nace_section(f.sector))];
    if (f.cluster.empty())
      ++s.no_cluster;
    else
      ++s.clusters[f.cluster];
    if (f.exporter) ++s.exporters;
    if (net.suppliers(i).empty() && net.buyers(i).empty()) ++s.isolated;
  }

  const model::Components weak = model::weak_components(net);
  s.weak_components = weak.count();
  s.largest_weak = weak.largest();
  const model::Components strong = model::strong_components(net);
  for (const std::uint32_t size : strong.sizes) {
    if (size < 2) continue;
    ++s.cycles;
    s.firms_in_cycles += size;
    s.largest_cycle = std::max<std::uint64_t>(s.largest_cycle, size);
  }

  // Largest firms first: turnover descending, firms without turnover after all others, then id.
  std::sort(large.begin(), large.end(), [&](model::FirmIndex a, model::FirmIndex b) {
    const auto& ta = net.firm(a).turnover_eur;
    const auto& tb = net.firm(b).turnover_eur;
    if (ta.has_value() != tb.has_value()) return ta.has_value();
    if (ta && tb && *ta != *tb) return *ta > *tb;
    return net.firm(a).id < net.firm(b).id;
  });
  if (large.size() > kDepthFirms) large.resize(kDepthFirms);
  for (const model::FirmIndex i : large) {
    const risk::Tiers t = risk::tiers(net, i);
    FirmDepth d;
    d.id = net.firm(i).id;
    d.name = net.firm(i).display_name();
    d.turnover_eur = net.firm(i).turnover_eur;
    d.max_tier = t.max_tier();
    d.upstream_firms = t.upstream_count();
    s.max_tier = std::max(s.max_tier.value_or(0), d.max_tier);
    s.depth.push_back(std::move(d));
  }
  return s;
}

nlohmann::json to_json(const Summary& s) {
  using nlohmann::json;
  json size_classes = json::object();
  for (const model::SizeClass c : model::kAllSizeClasses)
    size_classes[std::string(model::to_string(c))] = s.size_classes[static_cast<std::size_t>(c)];
  json depth_firms = json::array();
  for (const FirmDepth& d : s.depth) {
    depth_firms.push_back({{"id", d.id},
                           {"name", d.name},
                           {"turnover_eur", d.turnover_eur ? json(*d.turnover_eur) : json(nullptr)},
                           {"max_tier", d.max_tier},
                           {"upstream_firms", d.upstream_firms}});
  }
  return json{
      {"name", s.name.empty() ? json(nullptr) : json(s.name)},
      {"as_of", s.as_of},
      {"as_of_given", s.as_of_given},
      {"firms", s.firms},
      {"links", s.links},
      {"size_classes", size_classes},
      {"countries", s.countries},
      {"sectors", s.sectors},
      {"clusters", s.clusters},
      {"no_cluster", s.no_cluster},
      {"exporters", s.exporters},
      {"components",
       {{"weak", s.weak_components}, {"largest_weak", s.largest_weak}, {"isolated", s.isolated}}},
      {"cycles",
       {{"count", s.cycles}, {"firms_in_cycles", s.firms_in_cycles}, {"largest", s.largest_cycle}}},
      {"depth",
       {{"firms", depth_firms}, {"max_tier", s.max_tier ? json(*s.max_tier) : json(nullptr)}}},
      {"warnings", s.warnings},
  };
}

std::string to_text(const Summary& s) {
  std::ostringstream out;
  Table head;
  head.row({"Scenario", s.name.empty() ? "(no name)" : s.name});
  head.row({"As of", s.as_of + (s.as_of_given ? "" : " (not given: the day it was loaded)")});
  head.row({"Firms", std::to_string(s.firms)});
  head.row({"Links", std::to_string(s.links)});
  head.row({"Exporters", std::to_string(s.exporters)});
  head.row({"Warnings", std::to_string(s.warnings)});
  head.left_align(1);
  head.print(out, "");

  out << "\nSize classes (EU Recommendation 2003/361/EC)\n";
  Table sizes;
  for (const model::SizeClass c : model::kAllSizeClasses) {
    const std::uint64_t k = s.size_classes[static_cast<std::size_t>(c)];
    sizes.row({std::string(model::to_string(c)), std::to_string(k), percent(k, s.firms)});
  }
  sizes.print(out);

  out << "\nCountries\n";
  Table countries;
  for (const auto& [c, k] : by_count(s.countries))
    countries.row({c, std::to_string(k), percent(k, s.firms)});
  countries.print(out);

  out << "\nSectors (NACE Rev. 2 sections)\n";
  Table sectors;
  for (const auto& [c, k] : by_count(s.sectors))
    sectors.row({c, std::to_string(k), percent(k, s.firms), std::string(section_name(c))});
  sectors.left_align(3);
  sectors.print(out);

  out << "\nClusters\n";
  Table clusters;
  for (const auto& [c, k] : by_count(s.clusters))
    clusters.row({c, std::to_string(k), percent(k, s.firms)});
  clusters.row({"(none)", std::to_string(s.no_cluster), percent(s.no_cluster, s.firms)});
  clusters.print(out);

  out << "\nStructure\n";
  Table structure;
  structure.row({"Weakly connected components", std::to_string(s.weak_components),
                 "largest " + plural(s.largest_weak, "firm", "firms") + ", " +
                     plural(s.isolated, "isolated firm", "isolated firms")});
  structure.row({"Supply cycles", std::to_string(s.cycles),
                 plural(s.firms_in_cycles, "firm", "firms") + " in cycles, largest " +
                     plural(s.largest_cycle, "firm", "firms")});
  structure.left_align(2);
  structure.print(out);

  out << "\nUpstream depth of the largest firms";
  if (s.depth.empty()) {
    out << "\n  (no large firms)\n";
    return out.str();
  }
  out << " (deepest tier " << *s.max_tier << ")\n";
  Table depth;
  depth.row({"id", "name", "max tier", "upstream firms"});
  for (const FirmDepth& d : s.depth)
    depth.row({d.id, d.name, std::to_string(d.max_tier), std::to_string(d.upstream_firms)});
  depth.left_align(1);
  depth.print(out);
  return out.str();
}

}  // namespace diligence::cli
