// Helpers of the directive tests: firms with size figures in one line, networks without links
// (scope reads firms and groups only), the shipped profiles, and an error matcher.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include <diligence/core/error.hpp>
#include <diligence/directive/scope.hpp>
#include <diligence/io/directive_io.hpp>
#include <diligence/model/network_builder.hpp>

namespace diligence::test {

/// A firm's size figures; absent = not given.
struct Size {
  std::optional<std::uint64_t> employees;
  std::optional<double> turnover_eur;
  std::optional<double> eu_turnover_eur;
  std::vector<std::pair<std::string, std::uint64_t>> by_country = {};
  std::string parent = {};
};

inline model::Firm sized_firm(std::string id, std::string country, const Size& s) {
  model::Firm f;
  f.id = std::move(id);
  f.country = std::move(country);
  f.sector = "C27";
  f.employees = s.employees;
  f.turnover_eur = s.turnover_eur;
  f.eu_turnover_eur = s.eu_turnover_eur;
  f.employees_by_country = s.by_country;
  f.parent = s.parent;
  return f;
}

/// A network of the given firms and no links.
inline model::SupplyNetwork firms_only(std::vector<model::Firm> firms) {
  model::NetworkBuilder nb;
  for (auto& f : firms) nb.add_firm(std::move(f));
  return nb.build();
}

/// The shipped profile with this id (loaded once per test binary).
inline const directive::DirectiveProfile& shipped(const std::string& id) {
  static const directive::DirectiveProfile csddd2024 = io::find_profile("csddd-2024");
  static const directive::DirectiveProfile csddd2026 = io::find_profile("csddd-2026");
  static const directive::DirectiveProfile lksg = io::find_profile("lksg");
  if (id == "csddd-2024") return csddd2024;
  if (id == "csddd-2026") return csddd2026;
  return lksg;
}

/// The decision for firm `id`.
inline directive::ScopeDecision decide(const model::SupplyNetwork& net,
                                       const directive::DirectiveProfile& profile,
                                       const std::string& id, Date as_of) {
  return directive::scope_of(net, profile, net.index_of(id), as_of);
}

/// Expects `f` to throw a diligence::Error with this id, line, column and key path.
inline void expect_error(const std::function<void()>& f, const std::string& id, std::uint32_t line,
                         std::uint32_t column, const std::string& key) {
  try {
    f();
    ADD_FAILURE() << "expected error " << id << " at " << line << ":" << column << " (" << key
                  << ")";
  } catch (const Error& e) {
    EXPECT_EQ(e.id(), id) << e.what();
    EXPECT_EQ(e.location().line, line) << e.what();
    EXPECT_EQ(e.location().column, column) << e.what();
    EXPECT_EQ(e.key_path(), key) << e.what();
  }
}

}  // namespace diligence::test
