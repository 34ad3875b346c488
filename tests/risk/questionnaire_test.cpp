// risk::score_answers and risk::stage_of on a hand-made six-item questionnaire with exact expected
// pillar scores (weights, yes/no, unanswered items), stage bounds hit exactly, the order of advice,
// and every scoring error with its id, key path and exception type.
#include <string>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include <diligence/core/error.hpp>
#include <diligence/core/error_ids.hpp>
#include <diligence/risk/questionnaire.hpp>

namespace diligence::risk {
namespace {

using Answers = std::vector<std::pair<std::string, std::string>>;

QuestionnaireItem item(std::string id, std::string area, Pillar p, double w) {
  QuestionnaireItem i;
  i.id = std::move(id);
  i.area = std::move(area);
  i.pillar = p;
  i.weight = w;
  i.text = "question " + i.id;
  i.advice = "advice " + i.id;
  return i;
}

// Scale 0..4; stages beginner < 0.4 ≤ developing < 0.6 ≤ established < 0.8 ≤ leading.
//   pillar E: E1 (w 1), E2 (w 3)
//   pillar S: S1 (w 2), S2 (w 2)
//   pillar G: G1 (w 1), D1 (area disclosure, w 1)
Questionnaire small() {
  Questionnaire q;
  q.id = "small";
  q.scale_min = 0;
  q.scale_max = 4;
  q.stages = {{"beginner", 0.4}, {"developing", 0.6}, {"established", 0.8}, {"leading", {}}};
  q.items = {item("E1", "environment", Pillar::kE, 1), item("E2", "environment", Pillar::kE, 3),
             item("S1", "social", Pillar::kS, 2),      item("S2", "social", Pillar::kS, 2),
             item("G1", "governance", Pillar::kG, 1),  item("D1", "disclosure", Pillar::kG, 1)};
  return q;
}

TEST(ScoreAnswers, WeightedPillarsYesNoAndUnanswered) {
  // E = (1·4/4 + 3·2/4) / 4 = 2.5/4 = 0.625
  // S = (2·1 [yes] + 2·0 [unanswered]) / 4 = 0.5
  // G = (1·0 [no] + 1·3/4) / 2 = 0.375
  // overall = (0.625 + 0.5 + 0.375) / 3 = 0.5 → developing
  const AssessmentResult r =
      score_answers(small(), {{"E1", "4"}, {"E2", "2"}, {"S1", "yes"}, {"G1", "no"}, {"D1", "3"}});
  EXPECT_EQ(r.scores.e, 0.625);
  EXPECT_EQ(r.scores.s, 0.5);
  EXPECT_EQ(r.scores.g, 0.375);
  EXPECT_EQ(r.overall, 0.5);
  EXPECT_EQ(r.stage, "developing");
  EXPECT_EQ(r.answered, 5u);
  EXPECT_EQ(r.items, 6u);
  // a < 0.5: S2 (a 0, gap 2·1 = 2) and G1 (a 0, gap 1); E2 sits at a = 0.5 and gets none.
  ASSERT_EQ(r.advice.size(), 2u);
  EXPECT_EQ(r.advice[0].item, "S2");
  EXPECT_EQ(r.advice[0].area, "social");
  EXPECT_EQ(r.advice[0].text, "advice S2");
  EXPECT_EQ(r.advice[0].gap, 2.0);
  EXPECT_EQ(r.advice[1].item, "G1");
  EXPECT_EQ(r.advice[1].gap, 1.0);
}

TEST(ScoreAnswers, NoAnswersScoresZeroAndAdvisesEverything) {
  const AssessmentResult r = score_answers(small(), {});
  EXPECT_EQ(r.scores, (model::PillarScores{0, 0, 0}));
  EXPECT_EQ(r.overall, 0.0);
  EXPECT_EQ(r.stage, "beginner");
  EXPECT_EQ(r.answered, 0u);
  // Gaps: E2 3, S1 2, S2 2, D1 1, E1 1, G1 1 → by gap, then by id.
  std::vector<std::string> order;
  for (const auto& a : r.advice) order.push_back(a.item);
  EXPECT_EQ(order, (std::vector<std::string>{"E2", "S1", "S2", "D1", "E1", "G1"}));
}

TEST(ScoreAnswers, AllAtTheTopIsLeadingWithoutAdvice) {
  const AssessmentResult r = score_answers(
      small(), {{"E1", "4"}, {"E2", "TRUE"}, {"S1", "Yes"}, {"S2", "4"}, {"G1", "4"}, {"D1", "4"}});
  EXPECT_EQ(r.scores, (model::PillarScores{1, 1, 1}));
  EXPECT_EQ(r.overall, 1.0);
  EXPECT_EQ(r.stage, "leading");
  EXPECT_TRUE(r.advice.empty());
}

TEST(ScoreAnswers, AdviceGapUsesThePartialAnswer) {
  // E2 = 1 → a = 0.25, gap = 3 · 0.75 = 2.25, ahead of S1 and S2 (gap 2 each).
  const AssessmentResult r = score_answers(small(), {{"E2", "1"}});
  ASSERT_GE(r.advice.size(), 3u);
  EXPECT_EQ(r.advice[0].item, "E2");
  EXPECT_EQ(r.advice[0].gap, 2.25);
  EXPECT_EQ(r.advice[1].item, "S1");
  EXPECT_EQ(r.advice[2].item, "S2");
}

TEST(ScoreAnswers, AnswerTextForms) {
  const Questionnaire q = small();
  EXPECT_EQ(answer_value(q, "E1", "0"), 0.0);
  EXPECT_EQ(answer_value(q, "E1", "1"), 0.25);
  EXPECT_EQ(answer_value(q, "E1", " 3 "), 0.75);
  EXPECT_EQ(answer_value(q, "E1", "+2"), 0.5);
  EXPECT_EQ(answer_value(q, "E1", "yes"), 1.0);
  EXPECT_EQ(answer_value(q, "E1", "YES"), 1.0);
  EXPECT_EQ(answer_value(q, "E1", "True"), 1.0);
  EXPECT_EQ(answer_value(q, "E1", "no"), 0.0);
  EXPECT_EQ(answer_value(q, "E1", "FALSE"), 0.0);
}

TEST(ScoreAnswers, ShiftedScale) {
  // Scale 1..5: 1 → 0, 3 → 0.5, 5 → 1; no = 1, yes = 5.
  Questionnaire q = small();
  q.scale_min = 1;
  q.scale_max = 5;
  EXPECT_EQ(answer_value(q, "E1", "1"), 0.0);
  EXPECT_EQ(answer_value(q, "E1", "3"), 0.5);
  EXPECT_EQ(answer_value(q, "E1", "5"), 1.0);
  EXPECT_THROW((void)answer_value(q, "E1", "0"), ValidationError);
  // E = (1·1 + 3·0.5)/4 = 0.625; unanswered items count as the minimum (a = 0).
  const AssessmentResult r = score_answers(q, {{"E1", "5"}, {"E2", "3"}});
  EXPECT_EQ(r.scores.e, 0.625);
  EXPECT_EQ(r.scores.s, 0.0);
}

TEST(ScoreAnswers, PillarWithoutItemsScoresZero) {
  Questionnaire q = small();
  q.items = {item("E1", "environment", Pillar::kE, 1), item("G1", "governance", Pillar::kG, 1)};
  const AssessmentResult r = score_answers(q, {{"E1", "4"}, {"G1", "4"}});
  EXPECT_EQ(r.scores, (model::PillarScores{1, 0, 1}));
  EXPECT_EQ(r.overall, 2.0 / 3.0);
  EXPECT_EQ(r.stage, "established");
}

TEST(StageOf, BoundsBelongToTheNextStage) {
  const Questionnaire q = small();
  EXPECT_EQ(stage_of(q, 0.0).id, "beginner");
  EXPECT_EQ(stage_of(q, 0.3999).id, "beginner");
  EXPECT_EQ(stage_of(q, 0.4).id, "developing");
  EXPECT_EQ(stage_of(q, 0.5999).id, "developing");
  EXPECT_EQ(stage_of(q, 0.6).id, "established");
  EXPECT_EQ(stage_of(q, 0.8).id, "leading");
  EXPECT_EQ(stage_of(q, 1.0).id, "leading");
}

TEST(StageOf, ScoredOverallExactlyAtABound) {
  // Overall exactly 0.5 (see WeightedPillarsYesNoAndUnanswered) with a bound at 0.5.
  Questionnaire q = small();
  q.stages = {{"low", 0.5}, {"high", {}}};
  const AssessmentResult r =
      score_answers(q, {{"E1", "4"}, {"E2", "2"}, {"S1", "yes"}, {"G1", "no"}, {"D1", "3"}});
  ASSERT_EQ(r.overall, 0.5);
  EXPECT_EQ(r.stage, "high");
}

TEST(StageOf, LastStageWithABoundStillTakesHigherScores) {
  Questionnaire q = small();
  q.stages = {{"low", 0.5}, {"high", 0.9}};
  EXPECT_EQ(stage_of(q, 0.95).id, "high");
  q.stages.clear();
  EXPECT_EQ(stage_of(q, 0.5).id, "");
}

struct ErrorCase {
  const char* name;
  Answers answers;
  const char* id;
  const char* key;
  bool parse_error;  // ParseError (input.type) rather than ValidationError
};

TEST(ScoreAnswers, Errors) {
  const std::vector<ErrorCase> cases = {
      {"unknown_item", {{"E1", "1"}, {"X9", "2"}}, errc::kUnknownItem, "answers.X9", false},
      {"lower_case_id", {{"e1", "1"}}, errc::kUnknownItem, "answers.e1", false},
      {"above_scale", {{"S1", "5"}}, errc::kRange, "answers.S1", false},
      {"below_scale", {{"S1", "-1"}}, errc::kRange, "answers.S1", false},
      {"huge", {{"S1", "99999999999999999999999"}}, errc::kRange, "answers.S1", false},
      {"fraction", {{"G1", "2.5"}}, errc::kType, "answers.G1", true},
      {"empty", {{"G1", ""}}, errc::kType, "answers.G1", true},
      {"word", {{"G1", "maybe"}}, errc::kType, "answers.G1", true},
      {"y_is_not_yes", {{"G1", "y"}}, errc::kType, "answers.G1", true},
      {"twice", {{"D1", "1"}, {"D1", "2"}}, errc::kDuplicateKey, "answers.D1", false},
  };
  const Questionnaire q = small();
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    try {
      (void)score_answers(q, c.answers);
      ADD_FAILURE() << "no error";
    } catch (const ParseError& e) {
      EXPECT_TRUE(c.parse_error) << e.what();
      EXPECT_EQ(e.id(), c.id);
      EXPECT_EQ(e.key_path(), c.key);
    } catch (const ValidationError& e) {
      EXPECT_FALSE(c.parse_error) << e.what();
      EXPECT_EQ(e.id(), c.id);
      EXPECT_EQ(e.key_path(), c.key);
    }
  }
}

TEST(ScoreAnswers, BadScaleIsMisuse) {
  Questionnaire q = small();
  q.scale_max = q.scale_min;
  try {
    (void)score_answers(q, {});
    ADD_FAILURE() << "no error";
  } catch (const UsageError& e) {
    EXPECT_EQ(e.id(), errc::kParameter);
    EXPECT_EQ(e.key_path(), "scale");
  }
}

}  // namespace
}  // namespace diligence::risk
