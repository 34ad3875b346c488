// The audit configuration loader: format `diligence-audit-config/1` (YAML, yaml-cpp kept private;
// docs/audits.md). One pass over the tree; every key optional except `format`, a key not given
// keeps the default of audit::AuditConfig. Every error names the position of the offending key
// or value and its key path (`visits.detection.unannounced`); the first error ends the load.
#include <algorithm>
#include <array>
#include <charconv>
#include <filesystem>
#include <string>
#include <string_view>

#include <yaml-cpp/yaml.h>

#include <diligence/core/error_ids.hpp>
#include <diligence/io/audit_config_io.hpp>
#include <diligence/io/risk_model_io.hpp>

#include "io/fields.hpp"
#include "io/files.hpp"
#include "io/yaml_reader.hpp"

namespace diligence::io {
namespace {

using detail::ValueRef;

constexpr std::string_view kFormat = "diligence-audit-config/1";

/// The shortest text that reads back to `v`.
std::string shortest(double v) {
  char buf[32];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

class AuditConfigLoader : public detail::YamlReader {
 public:
  explicit AuditConfigLoader(std::string file) : YamlReader(std::move(file)) {}

  audit::AuditConfig load(std::string_view text);

 private:
  /// One of `values` by its to_string name; input.bad_value otherwise.
  template <typename E, std::size_t N>
  [[nodiscard]] E choice(const YAML::Node& node, const std::string& key,
                         const std::array<E, N>& values) const {
    const std::string s = nonempty_text(node, key);
    std::string allowed;
    for (const E v : values) {
      if (s == to_name(v)) return v;
      allowed += (allowed.empty() ? "" : ", ") + std::string(to_name(v));
    }
    detail::bad_enum(s, allowed, ValueRef{key, at(node)});
  }
  static const char* to_name(audit::VisitType v) { return audit::to_string(v); }
  static const char* to_name(audit::SampleWeight w) { return audit::to_string(w); }
  static const char* to_name(audit::Grade g) { return audit::to_string(g); }

  /// Calls `read(node, key)` when `parent.name` is given.
  template <typename F>
  void optional(const YAML::Node& parent, const std::string& parent_key, std::string_view name,
                F read) const {
    const YAML::Node n = parent[std::string(name)];
    if (given(n)) read(n, join(parent_key, name));
  }

  void sampling(const YAML::Node& node, audit::AuditConfig& c) const;
  void visits(const YAML::Node& node, audit::AuditConfig& c) const;
  void grading(const YAML::Node& node, audit::AuditConfig& c) const;
};

constexpr std::array<audit::Grade, 3> kGrades = {audit::Grade::kCritical, audit::Grade::kMajor,
                                                 audit::Grade::kMinor};

void AuditConfigLoader::sampling(const YAML::Node& node, audit::AuditConfig& c) const {
  check_map(node, "sampling", {"size", "weight", "note"}, "a map {size, weight}");
  optional(node, "sampling", "size", [&](const YAML::Node& n, const std::string& k) {
    const std::uint64_t v = count(n, k);
    if (v > 1'000'000)
      throw ValidationError(errc::kRange, "expected a sample size of at most 1000000", k, at(n));
    c.sample_size = static_cast<std::size_t>(v);
  });
  optional(node, "sampling", "weight", [&](const YAML::Node& n, const std::string& k) {
    c.sample_weight = choice(n, k, audit::kSampleWeights);
  });
}

void AuditConfigLoader::visits(const YAML::Node& node, audit::AuditConfig& c) const {
  check_map(node, "visits", {"detection", "assign", "note"}, "a map {detection, assign}");
  optional(node, "visits", "detection", [&](const YAML::Node& d, const std::string& dk) {
    check_map(d, dk, {"desk_review", "announced", "unannounced"},
              "a map visit type -> detection probability in [0,1]");
    for (const audit::VisitType v : audit::kVisitTypes)
      optional(d, dk, audit::to_string(v), [&](const YAML::Node& n, const std::string& k) {
        c.detection[static_cast<std::size_t>(v)] = unit(n, k);
      });
  });
  optional(node, "visits", "assign", [&](const YAML::Node& a, const std::string& ak) {
    check_map(a, ak, {"high_risk", "direct", "other"}, "a map {high_risk, direct, other}");
    optional(a, ak, "high_risk", [&](const YAML::Node& n, const std::string& k) {
      c.visit_high_risk = choice(n, k, audit::kVisitTypes);
    });
    optional(a, ak, "direct", [&](const YAML::Node& n, const std::string& k) {
      c.visit_direct = choice(n, k, audit::kVisitTypes);
    });
    optional(a, ak, "other", [&](const YAML::Node& n, const std::string& k) {
      c.visit_other = choice(n, k, audit::kVisitTypes);
    });
  });
}

void AuditConfigLoader::grading(const YAML::Node& node, audit::AuditConfig& c) const {
  check_map(node, "grading", {"critical_severity", "major_severity", "note"},
            "a map {critical_severity, major_severity}");
  optional(node, "grading", "critical_severity",
           [&](const YAML::Node& n, const std::string& k) { c.critical_severity = unit(n, k); });
  optional(node, "grading", "major_severity",
           [&](const YAML::Node& n, const std::string& k) { c.major_severity = unit(n, k); });
  if (c.major_severity > c.critical_severity) {
    const bool major_given = given(node["major_severity"]);
    const char* name = major_given ? "major_severity" : "critical_severity";
    throw ValidationError(errc::kRange,
                          "major_severity " + shortest(c.major_severity) +
                              " is above critical_severity " + shortest(c.critical_severity),
                          join("grading", name), at(node[name]));
  }
}

audit::AuditConfig AuditConfigLoader::load(std::string_view text_in) {
  const YAML::Node root = detail::parse_yaml(text_in, file());
  if (!root.IsMap())
    throw ParseError(errc::kType,
                     "expected a map with 'format: diligence-audit-config/1' at the top level of "
                     "the audit configuration",
                     {}, Location{file(), 1, 1});
  const YAML::Node format = root["format"];
  if (!given(format))
    throw ValidationError(errc::kFormatVersion, "missing 'format: diligence-audit-config/1'",
                          "format", Location{file(), 1, 1});
  if (!format.IsScalar() || format.Scalar() != kFormat)
    throw ValidationError(errc::kFormatVersion,
                          "unsupported format '" + (format.IsScalar() ? format.Scalar() : "?") +
                              "'; this version reads audit configurations of format "
                              "'diligence-audit-config/1'",
                          "format", at(format));
  check_map(root, {},
            {"format", "id", "title", "source", "notes", "high_risk_threshold", "sampling",
             "visits", "grading", "substantiated_knowledge", "penalty", "monte_carlo"});
  audit::AuditConfig c;
  c.id = std::filesystem::path(file()).stem().string();
  optional(root, {}, "id",
           [&](const YAML::Node& n, const std::string& k) { c.id = nonempty_text(n, k); });
  optional(root, {}, "title",
           [&](const YAML::Node& n, const std::string& k) { c.title = nonempty_text(n, k); });
  optional(root, {}, "source",
           [&](const YAML::Node& n, const std::string& k) { c.source = nonempty_text(n, k); });
  optional(root, {}, "notes", [&](const YAML::Node& n, const std::string& k) {
    check_list(n, k, "a list of text notes");
    for (std::size_t i = 0; i < n.size(); ++i) c.notes.push_back(nonempty_text(n[i], index(k, i)));
  });
  optional(root, {}, "high_risk_threshold",
           [&](const YAML::Node& n, const std::string& k) { c.high_risk_threshold = unit(n, k); });
  optional(root, {}, "sampling", [&](const YAML::Node& n, const std::string&) { sampling(n, c); });
  optional(root, {}, "visits", [&](const YAML::Node& n, const std::string&) { visits(n, c); });
  optional(root, {}, "grading", [&](const YAML::Node& n, const std::string&) { grading(n, c); });
  optional(root, {}, "substantiated_knowledge", [&](const YAML::Node& s, const std::string& sk) {
    check_map(s, sk, {"priority_at_least", "note"}, "a map {priority_at_least}");
    optional(s, sk, "priority_at_least", [&](const YAML::Node& n, const std::string& k) {
      c.substantiated_priority = unit(n, k);
    });
  });
  optional(root, {}, "penalty", [&](const YAML::Node& p, const std::string& pk) {
    check_map(p, pk, {"exposure_from", "note"}, "a map {exposure_from}");
    optional(p, pk, "exposure_from", [&](const YAML::Node& n, const std::string& k) {
      c.penalty_from = choice(n, k, kGrades);
    });
  });
  optional(root, {}, "monte_carlo", [&](const YAML::Node& m, const std::string& mk) {
    check_map(m, mk, {"incident_scale", "note"}, "a map {incident_scale}");
    optional(m, mk, "incident_scale", [&](const YAML::Node& n, const std::string& k) {
      c.incident_scale = amount(n, k);
      if (c.incident_scale > 1e6)
        throw ValidationError(errc::kRange, "expected an incident scale of at most 1000000", k,
                              at(n));
    });
  });
  return c;
}

}  // namespace

audit::AuditConfig load_audit_config_text(std::string_view yaml, std::string name) {
  AuditConfigLoader loader(std::move(name));
  return loader.load(yaml);
}

audit::AuditConfig load_audit_config(const std::filesystem::path& path) {
  return load_audit_config_text(detail::read_file(path), path.string());
}

audit::AuditConfig default_audit_config() {
  return load_audit_config(data_dir() / "audit" / "default.yaml");
}

}  // namespace diligence::io
