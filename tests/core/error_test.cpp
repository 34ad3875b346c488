// Tests of the error hierarchy (Location, Error and its subclasses, set_location) and of the
// diagnostics vocabulary (Diagnostic::to_string, DiagnosticList and its sink).
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include <diligence/core/diagnostics.hpp>
#include <diligence/core/error.hpp>
#include <diligence/core/error_ids.hpp>

namespace diligence {
namespace {

TEST(Location, KnownAndToString) {
  EXPECT_FALSE(Location{}.known());
  EXPECT_EQ(Location{}.to_string(), "");
  EXPECT_TRUE((Location{"a.yaml", 0, 0}.known()));
  EXPECT_EQ((Location{"a.yaml", 0, 0}.to_string()), "a.yaml");
  EXPECT_EQ((Location{"a.yaml", 12, 0}.to_string()), "a.yaml:12");
  EXPECT_EQ((Location{"a.yaml", 12, 7}.to_string()), "a.yaml:12:7");
  EXPECT_TRUE((Location{"", 12, 7}.known()));
  EXPECT_EQ((Location{"", 12, 7}.to_string()), "12:7");
  EXPECT_EQ((Location{"", 12, 0}.to_string()), "12");
  // A column without a line is not a position.
  EXPECT_FALSE((Location{"", 0, 7}.known()));
  EXPECT_EQ((Location{"", 0, 7}.to_string()), "");
  EXPECT_EQ((Location{"a.yaml", 0, 7}.to_string()), "a.yaml");
}

TEST(Location, Equality) {
  EXPECT_EQ((Location{"a", 1, 2}), (Location{"a", 1, 2}));
  EXPECT_NE((Location{"a", 1, 2}), (Location{"b", 1, 2}));
  EXPECT_NE((Location{"a", 1, 2}), (Location{"a", 3, 2}));
  EXPECT_NE((Location{"a", 1, 2}), (Location{"a", 1, 3}));
}

TEST(Error, WhatWithEverything) {
  const Error e(errc::kBadCountry, "expected an ISO code", "firms[3].country",
                Location{"scenario.yaml", 12, 7});
  EXPECT_STREQ(
      e.what(),
      "scenario.yaml:12:7: error[input.bad_country]: firms[3].country: expected an ISO code");
  EXPECT_EQ(e.id(), "input.bad_country");
  EXPECT_EQ(e.detail(), "expected an ISO code");
  EXPECT_EQ(e.key_path(), "firms[3].country");
  EXPECT_EQ(e.location(), (Location{"scenario.yaml", 12, 7}));
}

TEST(Error, WhatWithoutParts) {
  EXPECT_STREQ(Error("x.y", "detail").what(), "error[x.y]: detail");
  EXPECT_STREQ(Error("x.y", "detail", "links[0].share").what(),
               "error[x.y]: links[0].share: detail");
  EXPECT_STREQ(Error("x.y", "detail", "", Location{"f.csv", 3, 0}).what(),
               "f.csv:3: error[x.y]: detail");
  EXPECT_STREQ(Error("x.y", "detail", "", Location{"f.csv", 0, 0}).what(),
               "f.csv: error[x.y]: detail");
  EXPECT_STREQ(Error("x.y", "detail", "k", Location{"", 4, 9}).what(),
               "4:9: error[x.y]: k: detail");
  EXPECT_EQ(Error::compose("i", "d", "k", Location{"f", 1, 2}), "f:1:2: error[i]: k: d");
  EXPECT_EQ(Error::compose("i", "d", "", Location{}), "error[i]: d");
}

TEST(Error, SetLocationRewritesWhat) {
  Error e(errc::kRange, "expected a number >= 0", "firms[0].turnover_eur");
  EXPECT_STREQ(e.what(), "error[input.range]: firms[0].turnover_eur: expected a number >= 0");
  EXPECT_FALSE(e.location().known());
  e.set_location(Location{"s.yaml", 5, 18});
  EXPECT_STREQ(e.what(),
               "s.yaml:5:18: error[input.range]: firms[0].turnover_eur: expected a number >= 0");
  EXPECT_EQ(e.location(), (Location{"s.yaml", 5, 18}));
  EXPECT_EQ(e.id(), "input.range");
  EXPECT_EQ(e.key_path(), "firms[0].turnover_eur");
  EXPECT_EQ(e.detail(), "expected a number >= 0");
  e.set_location(Location{});
  EXPECT_STREQ(e.what(), "error[input.range]: firms[0].turnover_eur: expected a number >= 0");
}

TEST(Error, SetLocationOnCaughtSubclassSurvivesRethrow) {
  try {
    try {
      throw ValidationError(errc::kShareSum, "shares sum to 1.2", "links[4].share");
    } catch (Error& e) {
      e.set_location(Location{"links.csv", 6, 4});
      throw;
    }
  } catch (const ValidationError& e) {
    EXPECT_STREQ(e.what(),
                 "links.csv:6:4: error[network.share_sum]: links[4].share: shares sum to 1.2");
    EXPECT_EQ(e.location().line, 6u);
    return;
  }
  FAIL() << "not rethrown as ValidationError";
}

TEST(Error, HierarchyAndCopies) {
  static_assert(std::is_base_of_v<std::runtime_error, Error>);
  static_assert(std::is_base_of_v<Error, ParseError>);
  static_assert(std::is_base_of_v<Error, ValidationError>);
  static_assert(std::is_base_of_v<Error, IoError>);
  static_assert(std::is_base_of_v<Error, UsageError>);
  auto throws = [](auto err) {
    try {
      throw err;
    } catch (const Error& e) {
      return std::string(e.id()) + "|" + e.what();
    }
  };
  EXPECT_EQ(throws(ParseError("yaml.syntax", "bad", "", Location{"a", 1, 1})),
            "yaml.syntax|a:1:1: error[yaml.syntax]: bad");
  EXPECT_EQ(throws(IoError(errc::kFileNotFound, "no such file", "", Location{"b.yaml", 0, 0})),
            "io.file_not_found|b.yaml: error[io.file_not_found]: no such file");
  EXPECT_EQ(throws(UsageError(errc::kUnknownFirmId, "no firm 'X'")),
            "usage.unknown_firm|error[usage.unknown_firm]: no firm 'X'");
  const ValidationError original(errc::kSelfLink, "d", "links[1].buyer", Location{"f", 2, 3});
  const ValidationError copy = original;  // NOLINT(performance-unnecessary-copy-initialization)
  EXPECT_STREQ(copy.what(), original.what());
  EXPECT_EQ(copy.location(), original.location());
  // Catching as std::runtime_error sees the same message.
  try {
    throw original;
  } catch (const std::runtime_error& e) {
    EXPECT_STREQ(e.what(), "f:2:3: error[network.self_link]: links[1].buyer: d");
  }
}

TEST(ErrorIds, StableStrings) {
  EXPECT_STREQ(errc::kBadId, "input.bad_id");
  EXPECT_STREQ(errc::kBadCountry, "input.bad_country");
  EXPECT_STREQ(errc::kBadSector, "input.bad_sector");
  EXPECT_STREQ(errc::kRange, "input.range");
  EXPECT_STREQ(errc::kDuplicateKey, "input.duplicate_key");
  EXPECT_STREQ(errc::kUnknownCategory, "input.unknown_category");
  EXPECT_STREQ(errc::kDuplicateFirm, "network.duplicate_firm");
  EXPECT_STREQ(errc::kUnknownFirm, "network.unknown_firm");
  EXPECT_STREQ(errc::kSelfLink, "network.self_link");
  EXPECT_STREQ(errc::kDuplicateLink, "network.duplicate_link");
  EXPECT_STREQ(errc::kShareSum, "network.share_sum");
  EXPECT_STREQ(errc::kShareMix, "network.share_mix");
  EXPECT_STREQ(errc::kParentCycle, "network.parent_cycle");
  EXPECT_STREQ(errc::kUnknownFirmId, "usage.unknown_firm");
  EXPECT_STREQ(errc::kWarnEqualWeights, "weights.equal");
}

TEST(Diagnostic, ToString) {
  Diagnostic d;
  d.id = "weights.equal";
  d.message = "links into buyer 'B' share equally";
  EXPECT_EQ(d.severity, Severity::kWarning);
  EXPECT_EQ(d.to_string(), "warning[weights.equal]: links into buyer 'B' share equally");
  d.key_path = "firms[1]";
  EXPECT_EQ(d.to_string(), "warning[weights.equal]: firms[1]: links into buyer 'B' share equally");
  d.location = Location{"s.yaml", 9, 3};
  EXPECT_EQ(d.to_string(),
            "s.yaml:9:3: warning[weights.equal]: firms[1]: links into buyer 'B' share equally");
  d.severity = Severity::kNote;
  EXPECT_EQ(d.to_string(),
            "s.yaml:9:3: note[weights.equal]: firms[1]: links into buyer 'B' share equally");
  d.location = Location{"s.yaml", 0, 0};
  d.key_path.clear();
  EXPECT_EQ(d.to_string(), "s.yaml: note[weights.equal]: links into buyer 'B' share equally");
}

Diagnostic make_diag(std::string id, std::string message) {
  Diagnostic d;
  d.id = std::move(id);
  d.message = std::move(message);
  return d;
}

TEST(DiagnosticList, ForwardsToSinkInOrderAndKeeps) {
  std::vector<std::string> seen;
  DiagnosticList list([&](const Diagnostic& d) { seen.push_back(d.to_string()); });
  EXPECT_TRUE(list.items().empty());
  list.add(make_diag("a.one", "first"));
  EXPECT_EQ(seen, (std::vector<std::string>{"warning[a.one]: first"}));
  list.add(make_diag("b.two", "second"));
  EXPECT_EQ(seen, (std::vector<std::string>{"warning[a.one]: first", "warning[b.two]: second"}));
  ASSERT_EQ(list.items().size(), 2u);
  EXPECT_EQ(list.items()[0].id, "a.one");
  EXPECT_EQ(list.items()[1].message, "second");

  const std::vector<Diagnostic> taken = list.take();
  ASSERT_EQ(taken.size(), 2u);
  EXPECT_EQ(taken[0].id, "a.one");
  EXPECT_EQ(taken[1].id, "b.two");
  EXPECT_TRUE(list.items().empty());
  list.add(make_diag("c.three", "third"));
  EXPECT_EQ(seen.size(), 3u);
  ASSERT_EQ(list.items().size(), 1u);
  EXPECT_EQ(list.items()[0].id, "c.three");
}

TEST(DiagnosticList, WorksWithoutSink) {
  DiagnosticList list;
  list.add(make_diag("x", "y"));
  list.add(make_diag("z", "w"));
  ASSERT_EQ(list.items().size(), 2u);
  EXPECT_EQ(list.items()[1].to_string(), "warning[z]: w");
}

}  // namespace
}  // namespace diligence
