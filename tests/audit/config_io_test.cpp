// Audit configuration files (format diligence-audit-config/1): the shipped default equals the
// defaults of audit::AuditConfig, partial files keep the defaults, and every error rule with its
// id, line, column and key path.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include <diligence/audit/config.hpp>
#include <diligence/core/error.hpp>
#include <diligence/core/error_ids.hpp>
#include <diligence/io/audit_config_io.hpp>

namespace diligence::audit::test {
namespace {

const std::string kHead = "format: diligence-audit-config/1\n";

AuditConfig load(const std::string& yaml) { return io::load_audit_config_text(yaml, "c.yaml"); }

void expect_error(const std::string& yaml, const std::string& id, std::uint32_t line,
                  std::uint32_t column, const std::string& key) {
  try {
    (void)load(yaml);
    ADD_FAILURE() << "expected " << id << " for:\n" << yaml;
  } catch (const Error& e) {
    EXPECT_EQ(e.id(), id) << e.what();
    EXPECT_EQ(e.location().file, "c.yaml") << e.what();
    EXPECT_EQ(e.location().line, line) << e.what();
    EXPECT_EQ(e.location().column, column) << e.what();
    EXPECT_EQ(e.key_path(), key) << e.what();
  }
}

TEST(AuditConfigFile, ShippedDefaultEqualsTheStructDefaults) {
  const AuditConfig shipped = io::load_audit_config(std::filesystem::path(DILIGENCE_SOURCE_DIR) /
                                                    "data" / "audit" / "default.yaml");
  const AuditConfig d;
  EXPECT_EQ(shipped.id, "default");
  EXPECT_EQ(shipped.high_risk_threshold, d.high_risk_threshold);
  EXPECT_EQ(shipped.sample_size, d.sample_size);
  EXPECT_EQ(shipped.sample_weight, d.sample_weight);
  EXPECT_EQ(shipped.detection, d.detection);
  EXPECT_EQ(shipped.visit_high_risk, d.visit_high_risk);
  EXPECT_EQ(shipped.visit_direct, d.visit_direct);
  EXPECT_EQ(shipped.visit_other, d.visit_other);
  EXPECT_EQ(shipped.critical_severity, d.critical_severity);
  EXPECT_EQ(shipped.major_severity, d.major_severity);
  EXPECT_EQ(shipped.substantiated_priority, d.substantiated_priority);
  EXPECT_EQ(shipped.penalty_from, d.penalty_from);
  EXPECT_EQ(shipped.incident_scale, d.incident_scale);
  EXPECT_FALSE(shipped.notes.empty());
  EXPECT_NE(shipped.source.find("Illustrative"), std::string::npos);
  check(shipped);
  // default_audit_config() finds the same file through io::data_dir().
  EXPECT_EQ(io::default_audit_config().detection, d.detection);
}

TEST(AuditConfigFile, EveryKeyRead) {
  const AuditConfig c =
      load(kHead +
           "id: strict\n"
           "title: Strict\n"
           "source: our audit manual\n"
           "notes: [one]\n"
           "high_risk_threshold: 0.4\n"
           "sampling: {size: 12, weight: uniform, note: n}\n"
           "visits:\n"
           "  detection: {desk_review: 0.1, announced: 0.4, unannounced: 0.9}\n"
           "  assign: {high_risk: announced, direct: desk_review, other: unannounced}\n"
           "grading: {critical_severity: 0.95, major_severity: 0.5}\n"
           "substantiated_knowledge: {priority_at_least: 0.7}\n"
           "penalty: {exposure_from: critical}\n"
           "monte_carlo: {incident_scale: 0.25}\n"
           "x-owner: compliance\n");
  EXPECT_EQ(c.id, "strict");
  EXPECT_EQ(c.title, "Strict");
  EXPECT_EQ(c.source, "our audit manual");
  EXPECT_EQ(c.notes.size(), 1u);
  EXPECT_DOUBLE_EQ(c.high_risk_threshold, 0.4);
  EXPECT_EQ(c.sample_size, 12u);
  EXPECT_EQ(c.sample_weight, SampleWeight::kUniform);
  EXPECT_DOUBLE_EQ(c.detection_of(VisitType::kDeskReview), 0.1);
  EXPECT_DOUBLE_EQ(c.detection_of(VisitType::kAnnounced), 0.4);
  EXPECT_DOUBLE_EQ(c.detection_of(VisitType::kUnannounced), 0.9);
  EXPECT_EQ(c.visit_high_risk, VisitType::kAnnounced);
  EXPECT_EQ(c.visit_direct, VisitType::kDeskReview);
  EXPECT_EQ(c.visit_other, VisitType::kUnannounced);
  EXPECT_DOUBLE_EQ(c.critical_severity, 0.95);
  EXPECT_DOUBLE_EQ(c.major_severity, 0.5);
  ASSERT_TRUE(c.substantiated_priority);
  EXPECT_DOUBLE_EQ(*c.substantiated_priority, 0.7);
  EXPECT_EQ(c.penalty_from, Grade::kCritical);
  EXPECT_DOUBLE_EQ(c.incident_scale, 0.25);
  EXPECT_EQ(c.grade_for_severity(0.95), Grade::kCritical);
  EXPECT_EQ(c.grade_for_severity(0.94), Grade::kMajor);
  EXPECT_EQ(c.grade_for_severity(0.49), Grade::kMinor);
}

TEST(AuditConfigFile, PartialFileKeepsDefaults) {
  const AuditConfig c =
      io::load_audit_config_text(kHead + "sampling: {size: 9}\n", "configs/small.yaml");
  const AuditConfig d;
  EXPECT_EQ(c.id, "small");  // the file stem without `id`
  EXPECT_EQ(c.sample_size, 9u);
  EXPECT_EQ(c.sample_weight, d.sample_weight);
  EXPECT_EQ(c.detection, d.detection);
  EXPECT_EQ(c.high_risk_threshold, d.high_risk_threshold);
}

TEST(AuditConfigFile, Errors) {
  expect_error("sampling: {size: 3}\n", errc::kFormatVersion, 1, 1, "format");
  expect_error("format: diligence-audit/9\n", errc::kFormatVersion, 1, 9, "format");
  expect_error(kHead + "sampel: {}\n", errc::kUnknownKey, 2, 1, "sampel");
  expect_error(kHead + "sampling: {size: 3, wieght: uniform}\n", errc::kUnknownKey, 2, 21,
               "sampling.wieght");
  expect_error(kHead + "sampling: {size: -1}\n", errc::kRange, 2, 18, "sampling.size");
  expect_error(kHead + "sampling: {weight: random}\n", errc::kBadEnum, 2, 20, "sampling.weight");
  expect_error(kHead + "high_risk_threshold: 1.5\n", errc::kRange, 2, 22, "high_risk_threshold");
  expect_error(kHead + "high_risk_threshold: \"0.5\"\n", errc::kType, 2, 22, "high_risk_threshold");
  expect_error(kHead + "visits:\n  detection: {unannounced: 1.2}\n", errc::kRange, 3, 28,
               "visits.detection.unannounced");
  expect_error(kHead + "visits:\n  detection: {surprise: 0.9}\n", errc::kUnknownKey, 3, 15,
               "visits.detection.surprise");
  expect_error(kHead + "visits:\n  assign: {direct: drone}\n", errc::kBadEnum, 3, 20,
               "visits.assign.direct");
  expect_error(kHead + "grading: {critical_severity: 0.5, major_severity: 0.7}\n", errc::kRange, 2,
               51, "grading.major_severity");
  expect_error(kHead + "grading: {critical_severity: 0.5}\n", errc::kRange, 2, 30,
               "grading.critical_severity");
  expect_error(kHead + "penalty: {exposure_from: severe}\n", errc::kBadEnum, 2, 26,
               "penalty.exposure_from");
  expect_error(kHead + "monte_carlo: {incident_scale: -0.5}\n", errc::kRange, 2, 31,
               "monte_carlo.incident_scale");
  expect_error(kHead + "sampling: {size: 3}\nsampling: {size: 4}\n", errc::kDuplicateKey, 3, 1,
               "sampling");
  expect_error(kHead + "sampling: [3]\n", errc::kType, 2, 11, "sampling");
}

TEST(AuditConfigFile, MissingFile) {
  try {
    (void)io::load_audit_config("/nonexistent/audit.yaml");
    ADD_FAILURE();
  } catch (const IoError& e) {
    EXPECT_EQ(e.id(), errc::kFileNotFound);
  }
}

}  // namespace
}  // namespace diligence::audit::test
