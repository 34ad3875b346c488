// Questionnaire files (format diligence-questionnaire/1): the shipped kesg-sme questionnaire, every
// loader error with its id, line, column and key path, the checks of `assessment.answers` when a
// scenario is loaded with questionnaires, and the korea-battery example's answers scored.
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <diligence/core/error_ids.hpp>
#include <diligence/io/questionnaire_io.hpp>
#include <diligence/io/risk_model_io.hpp>

#include "io_test_support.hpp"

namespace diligence::testing {
namespace {

const std::filesystem::path kSource = DILIGENCE_SOURCE_DIR;

risk::Questionnaire load_q(const std::string& yaml) {
  return io::load_questionnaire_text(yaml, "q.yaml");
}

// ───────────────────────────── the shipped questionnaire ─────────────────────────────

TEST(KesgSme, LoadsWithTheSmeSubsetShape) {
  const auto q = io::load_questionnaire(kSource / "data" / "questionnaires" / "kesg-sme.yaml");
  EXPECT_EQ(q.id, "kesg-sme");
  EXPECT_NE(q.source.find("K-ESG"), std::string::npos);
  EXPECT_NE(q.source.find("not the official"), std::string::npos);
  EXPECT_EQ(q.scale_min, 0);
  EXPECT_EQ(q.scale_max, 4);
  ASSERT_EQ(q.scale_labels.size(), 5u);
  EXPECT_EQ(q.scale_labels.front(), (std::pair<int, std::string>{0, "none"}));
  EXPECT_EQ(q.scale_labels.back(), (std::pair<int, std::string>{4, "fully"}));
  ASSERT_EQ(q.stages.size(), 4u);
  EXPECT_EQ(q.stages[0].id, "beginner");
  EXPECT_EQ(q.stages[0].below, 0.4);
  EXPECT_EQ(q.stages[1].id, "developing");
  EXPECT_EQ(q.stages[2].id, "established");
  EXPECT_EQ(q.stages[3].id, "leading");
  EXPECT_FALSE(q.stages[3].below.has_value());

  // 27 items: D1-D3 disclosure (G), E1-E8 environment (E), S1-S9 social (S), G1-G7 governance (G).
  ASSERT_EQ(q.items.size(), 27u);
  std::vector<std::string> want;
  for (int i = 1; i <= 3; ++i) want.push_back("D" + std::to_string(i));
  for (int i = 1; i <= 8; ++i) want.push_back("E" + std::to_string(i));
  for (int i = 1; i <= 9; ++i) want.push_back("S" + std::to_string(i));
  for (int i = 1; i <= 7; ++i) want.push_back("G" + std::to_string(i));
  for (std::size_t i = 0; i < want.size(); ++i) {
    const auto& it = q.items[i];
    SCOPED_TRACE(want[i]);
    EXPECT_EQ(it.id, want[i]);
    const char letter = want[i][0];
    const char* area = letter == 'D'   ? "disclosure"
                       : letter == 'E' ? "environment"
                       : letter == 'S' ? "social"
                                       : "governance";
    EXPECT_EQ(it.area, area);
    EXPECT_EQ(it.pillar, letter == 'E'   ? risk::Pillar::kE
                         : letter == 'S' ? risk::Pillar::kS
                                         : risk::Pillar::kG);
    EXPECT_EQ(it.weight, 1.0);
    EXPECT_GT(it.text.size(), 40u);
    EXPECT_EQ(it.text.back(), '?');
    EXPECT_GT(it.advice.size(), 40u);
  }
}

TEST(KesgSme, DefaultQuestionnairesHoldIt) {
  const auto all = io::default_questionnaires();
  ASSERT_FALSE(all.empty());
  bool found = false;
  for (const auto& q : all) found = found || (q.id == "kesg-sme" && q.items.size() == 27);
  EXPECT_TRUE(found);
}

// The four firms of examples/scenarios/korea-battery that answered kesg-sme: every answer scores.
TEST(KesgSme, KoreaExampleAnswersAllScore) {
  const auto questionnaires = io::default_questionnaires();
  io::LoadOptions options;
  options.questionnaires = &questionnaires;
  const auto s = io::load_scenario(
      kSource / "examples" / "scenarios" / "korea-battery" / "scenario.yaml", options);
  const risk::Questionnaire* q = nullptr;
  for (const auto& c : questionnaires)
    if (c.id == "kesg-sme") q = &c;
  ASSERT_NE(q, nullptr);
  int answered = 0;
  for (const auto& f : s.network.firms()) {
    if (!f.assessment || f.assessment->questionnaire.empty()) continue;
    SCOPED_TRACE(f.id);
    EXPECT_EQ(f.assessment->questionnaire, "kesg-sme");
    const auto r = risk::score_answers(*q, f.assessment->answers);
    EXPECT_EQ(r.answered, 27u);
    EXPECT_EQ(r.items, 27u);
    ++answered;
  }
  EXPECT_EQ(answered, 4);

  // KR-NOK-04 by hand (scale 0..4, every weight 1):
  //   E: 3+2+2+1+2+1+0+2 = 13 of 32          → 0.40625
  //   S: 3+2+3+2+1+2+1+0+2 = 16 of 36        → 4/9
  //   G: D 2+1+2 and G 2+1+2+1+0+1+1 = 13 of 40 → 0.325
  //   overall (0.40625 + 4/9 + 0.325) / 3 ≈ 0.39190 → beginner (< 0.4)
  const auto& nok04 = s.network.firm(s.network.index_of("KR-NOK-04"));
  const auto r = risk::score_answers(*q, nok04.assessment->answers);
  EXPECT_DOUBLE_EQ(r.scores.e, 0.40625);
  EXPECT_DOUBLE_EQ(r.scores.s, 4.0 / 9.0);
  EXPECT_DOUBLE_EQ(r.scores.g, 0.325);
  EXPECT_DOUBLE_EQ(r.overall, (0.40625 + 4.0 / 9.0 + 0.325) / 3.0);
  EXPECT_EQ(r.stage, "beginner");
  // Advice for answers 0 (gap 1: E7, G5, S8) then answers 1 (gap 0.75, by id).
  std::vector<std::string> order;
  for (const auto& a : r.advice) order.push_back(a.item);
  EXPECT_EQ(order, (std::vector<std::string>{"E7", "G5", "S8", "D2", "E4", "E6", "G2", "G4", "G6",
                                             "G7", "S5", "S7"}));
}

// ─────────────────────────────────── loader errors ───────────────────────────────────

// A valid questionnaire; each error case below replaces one line of it.
std::vector<std::string> base_lines() {
  return {
      "format: diligence-questionnaire/1",                    // 1
      "id: mini",                                             // 2
      "scale: {min: 0, max: 4}",                              // 3
      "stages:",                                              // 4
      "  - {id: low, below: 0.5}",                            // 5
      "  - {id: high}",                                       // 6
      "items:",                                               // 7
      "  - {id: E1, area: environment, text: Q, advice: A}",  // 8
  };
}

/// The base text with some lines replaced (an empty replacement drops the line).
std::string edit(const std::vector<std::pair<int, std::string>>& changes) {
  std::string out;
  const auto lines = base_lines();
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string* replacement = nullptr;
    for (const auto& [line, text] : changes)
      if (static_cast<std::size_t>(line) == i + 1) replacement = &text;
    if (!replacement)
      out += lines[i] + "\n";
    else if (!replacement->empty())
      out += *replacement + "\n";
  }
  return out;
}
std::string with(int line, const std::string& replacement) { return edit({{line, replacement}}); }

TEST(QuestionnaireFile, BaseLoadsWithDefaults) {
  const auto q = load_q(with(0, ""));
  EXPECT_EQ(q.id, "mini");
  EXPECT_TRUE(q.title.empty());
  EXPECT_TRUE(q.scale_labels.empty());
  ASSERT_EQ(q.items.size(), 1u);
  EXPECT_EQ(q.items[0].pillar, risk::Pillar::kE);  // from the area
  EXPECT_EQ(q.items[0].weight, 1.0);
  EXPECT_EQ(q.items[0].advice, "A");
}

TEST(QuestionnaireFile, PillarDefaultsByAreaAndMayBeStated) {
  const auto q =
      load_q(with(8,
                  "  - {id: D1, area: disclosure, text: Q, advice: A}\n"
                  "  - {id: D2, area: disclosure, pillar: S, weight: 2.5, text: Q, "
                  "advice: A}\n"
                  "  - {id: S1, area: social, text: Q, advice: A}\n"
                  "  - {id: G1, area: governance, text: Q, advice: A, x-ref: K-ESG G-1-1}"));
  ASSERT_EQ(q.items.size(), 4u);
  EXPECT_EQ(q.items[0].pillar, risk::Pillar::kG);
  EXPECT_EQ(q.items[1].pillar, risk::Pillar::kS);
  EXPECT_EQ(q.items[1].weight, 2.5);
  EXPECT_EQ(q.items[2].pillar, risk::Pillar::kS);
  EXPECT_EQ(q.items[3].pillar, risk::Pillar::kG);
}

struct Case {
  const char* name;
  std::string yaml;
  ExpectedError want;
};

std::vector<Case> cases() {
  const std::string item = "  - {id: E1, area: environment, ";  // the next key starts at column 33
  return {
      // --- top level ---
      {"yaml_syntax", "format: [\n", {errc::kYamlSyntax, 2, 0, ""}},
      {"not_a_map", "- a\n", {errc::kType, 1, 1, ""}},
      {"format_missing", with(1, ""), {errc::kFormatVersion, 1, 1, "format"}},
      {"format_unknown",
       with(1, "format: diligence-questionnaire/2"),
       {errc::kFormatVersion, 1, 9, "format"}},
      {"format_of_a_scenario",
       with(1, "format: diligence/1"),
       {errc::kFormatVersion, 1, 9, "format"}},
      {"unknown_top_key", with(2, "id: mini\ntitel: x"), {errc::kUnknownKey, 3, 1, "titel"}},
      {"duplicate_top_key", with(2, "id: mini\nid: maxi"), {errc::kDuplicateKey, 3, 1, "id"}},
      {"id_missing", with(2, ""), {errc::kMissingKey, 1, 1, "id"}},
      {"id_bad", with(2, "id: k esg"), {errc::kBadId, 2, 5, "id"}},
      {"title_list", with(2, "id: mini\ntitle: [a]"), {errc::kType, 3, 8, "title"}},
      // --- scale ---
      {"scale_missing", with(3, ""), {errc::kMissingKey, 1, 1, "scale"}},
      {"scale_not_a_map", with(3, "scale: 4"), {errc::kType, 3, 8, "scale"}},
      {"scale_max_missing", with(3, "scale: {min: 0}"), {errc::kMissingKey, 3, 8, "scale.max"}},
      {"scale_min_not_below_max",
       with(3, "scale: {min: 4, max: 4}"),
       {errc::kRange, 3, 22, "scale.max"}},
      {"scale_reversed", with(3, "scale: {min: 5, max: 1}"), {errc::kRange, 3, 22, "scale.max"}},
      {"scale_fraction", with(3, "scale: {min: 0.5, max: 4}"), {errc::kType, 3, 14, "scale.min"}},
      {"scale_quoted", with(3, "scale: {min: \"0\", max: 4}"), {errc::kType, 3, 14, "scale.min"}},
      {"scale_unknown_key",
       with(3, "scale: {min: 0, max: 4, step: 1}"),
       {errc::kUnknownKey, 3, 25, "scale.step"}},
      {"label_off_scale",
       with(3, "scale: {min: 0, max: 4, labels: {5: top}}"),
       {errc::kRange, 3, 34, "scale.labels.5"}},
      {"label_not_integer",
       with(3, "scale: {min: 0, max: 4, labels: {top: 4}}"),
       {errc::kType, 3, 34, "scale.labels.top"}},
      {"label_twice",
       with(3, "scale: {min: 0, max: 4, labels: {1: a, 01: b}}"),
       {errc::kDuplicateKey, 3, 40, "scale.labels.01"}},
      // --- stages ---
      {"stages_missing", edit({{4, ""}, {5, ""}, {6, ""}}), {errc::kMissingKey, 1, 1, "stages"}},
      {"stages_empty", edit({{4, "stages: []"}, {5, ""}, {6, ""}}), {errc::kType, 4, 9, "stages"}},
      {"stage_not_increasing",
       with(6, "  - {id: mid, below: 0.5}\n  - {id: high}"),
       {errc::kRange, 6, 22, "stages[1].below"}},
      {"stage_decreasing",
       with(6, "  - {id: mid, below: 0.3}\n  - {id: high}"),
       {errc::kRange, 6, 22, "stages[1].below"}},
      {"last_stage_bounded",
       with(6, "  - {id: high, below: 0.9}"),
       {errc::kRange, 6, 23, "stages[1].below"}},
      {"stage_below_missing",
       with(5, "  - {id: low}"),
       {errc::kMissingKey, 5, 5, "stages[0].below"}},
      {"stage_below_above_1",
       with(5, "  - {id: low, below: 1.5}"),
       {errc::kRange, 5, 22, "stages[0].below"}},
      {"stage_below_text",
       with(5, "  - {id: low, below: half}"),
       {errc::kType, 5, 22, "stages[0].below"}},
      {"stage_id_twice", with(6, "  - {id: low}"), {errc::kDuplicateKey, 6, 10, "stages[1].id"}},
      {"stage_id_missing",
       with(6, "  - {name: high}"),
       {errc::kUnknownKey, 6, 6, "stages[1].name"}},
      {"stage_id_missing_only_x",
       with(6, "  - {x-name: high}"),
       {errc::kMissingKey, 6, 5, "stages[1].id"}},
      {"stage_unknown_key",
       with(5, "  - {id: low, bellow: 0.5}"),
       {errc::kUnknownKey, 5, 15, "stages[0].bellow"}},
      // --- items ---
      {"items_missing", edit({{7, ""}, {8, ""}}), {errc::kMissingKey, 1, 1, "items"}},
      {"items_not_a_list", edit({{7, "items: {E1: x}"}, {8, ""}}), {errc::kType, 7, 8, "items"}},
      {"item_id_twice",
       with(8, item + "text: Q, advice: A}\n  - {id: E1, area: social, text: Q, advice: A}"),
       {errc::kDuplicateKey, 9, 10, "items[1].id"}},
      {"item_id_bad",
       with(8, "  - {id: E 1, area: environment, text: Q, advice: A}"),
       {errc::kBadId, 8, 10, "items[0].id"}},
      {"item_area_unknown",
       with(8, "  - {id: E1, area: climate, text: Q, advice: A}"),
       {errc::kBadEnum, 8, 20, "items[0].area"}},
      {"item_pillar_unknown",
       with(8, item + "pillar: X, text: Q, advice: A}"),
       {errc::kBadEnum, 8, 41, "items[0].pillar"}},
      {"item_pillar_lower_case",
       with(8, item + "pillar: e, text: Q, advice: A}"),
       {errc::kBadEnum, 8, 41, "items[0].pillar"}},
      {"item_weight_zero",
       with(8, item + "weight: 0, text: Q, advice: A}"),
       {errc::kRange, 8, 41, "items[0].weight"}},
      {"item_weight_negative",
       with(8, item + "weight: -1, text: Q, advice: A}"),
       {errc::kRange, 8, 41, "items[0].weight"}},
      {"item_weight_infinite",
       with(8, item + "weight: .inf, text: Q, advice: A}"),
       {errc::kRange, 8, 41, "items[0].weight"}},
      {"item_weight_nan",
       with(8, item + "weight: .nan, text: Q, advice: A}"),
       {errc::kRange, 8, 41, "items[0].weight"}},
      {"item_weight_text",
       with(8, item + "weight: high, text: Q, advice: A}"),
       {errc::kType, 8, 41, "items[0].weight"}},
      {"item_weight_quoted",
       with(8, item + "weight: '2', text: Q, advice: A}"),
       {errc::kType, 8, 41, "items[0].weight"}},
      {"item_text_missing",
       with(8, item + "advice: A}"),
       {errc::kMissingKey, 8, 5, "items[0].text"}},
      {"item_advice_missing",
       with(8, item + "text: Q}"),
       {errc::kMissingKey, 8, 5, "items[0].advice"}},
      {"item_area_missing",
       with(8, "  - {id: E1, text: Q, advice: A}"),
       {errc::kMissingKey, 8, 5, "items[0].area"}},
      {"item_text_empty",
       with(8, item + "text: '', advice: A}"),
       {errc::kType, 8, 39, "items[0].text"}},
      {"item_unknown_key",
       with(8, item + "text: Q, advice: A, note: x}"),
       {errc::kUnknownKey, 8, 53, "items[0].note"}},
      {"item_not_a_map", with(8, "  - E1"), {errc::kType, 8, 5, "items[0]"}},
  };
}

TEST(QuestionnaireFile, Errors) {
  for (const auto& c : cases()) {
    SCOPED_TRACE(std::string(c.name) + "\n" + c.yaml);
    expect_error([&] { (void)load_q(c.yaml); }, c.want);
  }
}

TEST(QuestionnaireFile, ErrorTypesAndMessage) {
  expect_error<ValidationError>([] { (void)load_q(with(3, "scale: {min: 4, max: 4}")); },
                                {errc::kRange, 3, 22, "scale.max", "q.yaml"});
  expect_error<ParseError>([] { (void)load_q(with(3, "scale: {min: x, max: 4}")); },
                           {errc::kType, 3, 14, "scale.min"});
  try {
    (void)load_q(with(8, "  - {id: E1, area: environment, pillar: X, text: Q, advice: A}"));
    ADD_FAILURE() << "no error";
  } catch (const ValidationError& e) {
    EXPECT_STREQ(e.what(),
                 "q.yaml:8:41: error[input.bad_value]: items[0].pillar: expected one of E, S, G, "
                 "got 'X'");
  }
}

TEST(QuestionnaireFile, MissingFile) {
  ScratchDir dir;
  expect_error<IoError>([&] { (void)io::load_questionnaire(dir.path() / "none.yaml"); },
                        {errc::kFileNotFound, 0});
}

TEST(QuestionnaireFile, FileNameInPositions) {
  ScratchDir dir;
  const auto p = dir.write("mine.yaml", with(2, "id: k esg"));
  expect_error([&] { (void)io::load_questionnaire(p); }, {errc::kBadId, 2, 5, "id", "mine.yaml"});
}

// ─────────────────────── answers checked when a scenario is loaded ───────────────────────

std::string firm_with(const std::string& questionnaire, const std::string& answers) {
  std::string s = "format: diligence/1\n";              // 1
  s += "firms:\n";                                      // 2
  s += "  - id: A\n";                                   // 3
  s += "    country: KR\n";                             // 4
  s += "    sector: C25\n";                             // 5
  s += "    assessment:\n";                             // 6
  s += "      questionnaire: " + questionnaire + "\n";  // 7: value at column 22
  s += "      answers: " + answers + "\n";              // 8: '{' at column 16
  return s;
}

class ScenarioAnswers : public ::testing::Test {
 protected:
  void SetUp() override {
    questionnaires_ = {load_q(with(8,
                                   "  - {id: E1, area: environment, text: Q, advice: A}\n"
                                   "  - {id: S1, area: social, text: Q, advice: A}"))};
    options_.questionnaires = &questionnaires_;
  }
  model::Scenario load(const std::string& yaml) const {
    return io::load_scenario_text(yaml, options_, "s.yaml");
  }
  std::vector<risk::Questionnaire> questionnaires_;
  io::LoadOptions options_;
};

TEST_F(ScenarioAnswers, ValidAnswersLoadAsWritten) {
  const auto s = load(firm_with("mini", "{E1: 3, S1: Yes}"));
  const auto& a = *s.network.firm(0).assessment;
  EXPECT_EQ(a.questionnaire, "mini");
  ASSERT_EQ(a.answers.size(), 2u);
  EXPECT_EQ(a.answers[0], (std::pair<std::string, std::string>{"E1", "3"}));
  EXPECT_EQ(a.answers[1], (std::pair<std::string, std::string>{"S1", "Yes"}));
}

TEST_F(ScenarioAnswers, UncheckedWithoutQuestionnaires) {
  const auto s = io::load_scenario_text(firm_with("other", "{X1: 9}"), {}, "s.yaml");
  EXPECT_EQ(s.network.firm(0).assessment->answers.size(), 1u);
}

TEST_F(ScenarioAnswers, Errors) {
  const std::string a = "firms[0].assessment.";
  const std::vector<Case> errs = {
      {"unknown_questionnaire",
       firm_with("kesg-big", "{E1: 3}"),
       {errc::kUnknownQuestionnaire, 7, 22, a + "questionnaire"}},
      // {E1: 2, X1: 3}: E1 at 17, its value at 21; X1 at 24, its value at 28.
      {"unknown_item",
       firm_with("mini", "{E1: 2, X1: 3}"),
       {errc::kUnknownItem, 8, 24, a + "answers.X1"}},
      {"item_ids_are_case_sensitive",
       firm_with("mini", "{e1: 2}"),
       {errc::kUnknownItem, 8, 17, a + "answers.e1"}},
      {"above_scale", firm_with("mini", "{E1: 2, S1: 5}"), {errc::kRange, 8, 28, a + "answers.S1"}},
      {"below_scale", firm_with("mini", "{E1: -1}"), {errc::kRange, 8, 21, a + "answers.E1"}},
      {"fraction", firm_with("mini", "{E1: 2.5}"), {errc::kType, 8, 21, a + "answers.E1"}},
      {"word", firm_with("mini", "{E1: maybe}"), {errc::kType, 8, 21, a + "answers.E1"}},
      {"block_map",
       firm_with("mini", "\n        E1: 1\n        S1: often"),
       {errc::kType, 10, 13, a + "answers.S1"}},
  };
  for (const auto& c : errs) {
    SCOPED_TRACE(std::string(c.name) + "\n" + c.yaml);
    expect_error([&] { (void)load(c.yaml); }, c.want);
  }
}

// ─────────────────────────────────────── docs ───────────────────────────────────────

std::vector<std::string> fenced(const std::filesystem::path& file, const std::string& fence) {
  std::ifstream in(file);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  std::vector<std::string> out;
  std::size_t pos = 0;
  while ((pos = text.find("```" + fence + "\n", pos)) != std::string::npos) {
    const std::size_t start = pos + 4 + fence.size();
    const std::size_t end = text.find("```", start);
    if (end == std::string::npos) break;
    out.push_back(text.substr(start, end - start));
    pos = end + 3;
  }
  return out;
}

// The questionnaire examples in docs/formats.md and docs/questionnaires.md must load.
TEST(Docs, QuestionnaireExamplesLoad) {
  int blocks = 0;
  for (const char* doc : {"formats.md", "questionnaires.md"}) {
    for (const auto& yaml : fenced(kSource / "docs" / doc, "yaml-questionnaire")) {
      SCOPED_TRACE(std::string(doc) + "\n" + yaml);
      EXPECT_NO_THROW((void)io::load_questionnaire_text(yaml, doc));
      ++blocks;
    }
  }
  EXPECT_GE(blocks, 2);
}

// The worked example of docs/questionnaires.md, with the numbers the page gives.
TEST(Docs, QuestionnairesWorkedExample) {
  const auto blocks = fenced(kSource / "docs" / "questionnaires.md", "yaml-questionnaire");
  ASSERT_FALSE(blocks.empty());
  const auto q = io::load_questionnaire_text(blocks.front(), "questionnaires.md");
  const auto r =
      risk::score_answers(q, {{"E1", "3"}, {"E2", "no"}, {"S1", "4"}, {"S2", "1"}, {"G1", "2"}});
  EXPECT_EQ(r.scores.e, 0.25);   // (1 · 0.75 + 2 · 0) / 3
  EXPECT_EQ(r.scores.s, 0.625);  // (1 · 1 + 1 · 0.25) / 2
  EXPECT_EQ(r.scores.g, 0.25);   // (1 · 0.5 + 1 · 0) / 2
  EXPECT_EQ(r.overall, 0.375);
  EXPECT_EQ(r.stage, "beginner");
  ASSERT_EQ(r.advice.size(), 3u);
  EXPECT_EQ(r.advice[0].item, "E2");
  EXPECT_EQ(r.advice[0].gap, 2.0);
  EXPECT_EQ(r.advice[1].item, "D1");
  EXPECT_EQ(r.advice[1].gap, 1.0);
  EXPECT_EQ(r.advice[2].item, "S2");
  EXPECT_EQ(r.advice[2].gap, 0.75);
}

}  // namespace
}  // namespace diligence::testing
