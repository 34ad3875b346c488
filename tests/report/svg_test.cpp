// report::Svg: escaping, number formatting, well-formed output, group balance, the colour scale.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include <diligence/report/svg.hpp>

#include "xml_check.hpp"

namespace diligence::report {
namespace {

using xml_check::well_formed;

TEST(Svg, TheWellFormednessCheckRejectsBrokenMarkup) {
  EXPECT_FALSE(well_formed("<g><rect/>"));
  EXPECT_FALSE(well_formed("<g></svg>"));
  EXPECT_FALSE(well_formed("<text>a & b</text>"));
  EXPECT_FALSE(well_formed("<rect x=\"1/>"));
  EXPECT_FALSE(well_formed("a <> b"));
  EXPECT_TRUE(well_formed("<g><title>a &amp; b</title><rect x=\"1\"/></g>"));
}

TEST(Svg, EscapesTextAttributesAndTitles) {
  EXPECT_EQ(xml_escape(R"(a<b>&"c"'d')"), "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39;");
  Svg svg(100, 50);
  svg.rect(1, 2, 3, 4, Style::filled("url(\"x\")"), "R&D <Korea>");
  svg.text(5, 6, "tier <1> & \"more\"");
  const std::string out = svg.str("a \"chart\"");
  EXPECT_NE(out.find("<title>R&amp;D &lt;Korea&gt;</title>"), std::string::npos) << out;
  EXPECT_NE(out.find(">tier &lt;1&gt; &amp; &quot;more&quot;</text>"), std::string::npos) << out;
  EXPECT_NE(out.find("fill=\"url(&quot;x&quot;)\""), std::string::npos) << out;
  EXPECT_NE(out.find("aria-label=\"a &quot;chart&quot;\""), std::string::npos) << out;
  EXPECT_TRUE(well_formed(out)) << out;
}

TEST(Svg, NumbersHaveAtMostTwoDecimalsAndNoExponent) {
  EXPECT_EQ(svg_number(0), "0");
  EXPECT_EQ(svg_number(-0.001), "0");  // no "-0"
  EXPECT_EQ(svg_number(1.5), "1.5");
  EXPECT_EQ(svg_number(2.0 / 3.0), "0.67");
  EXPECT_EQ(svg_number(-12.345), "-12.35");
  EXPECT_EQ(svg_number(1e9), "1000000000");
  EXPECT_EQ(svg_number(1e-9), "0");
  EXPECT_THROW((void)svg_number(std::nan("")), UsageError);
  EXPECT_THROW((void)svg_number(1.0 / 0.0), UsageError);
}

TEST(Svg, ElementsAndGroupsAreWellFormed) {
  Svg svg(640, 480);
  svg.begin_group("tier", "tier 1: 3 firms");
  svg.circle(10, 10, 4, Style::filled(risk_colour(0.3)).with_stroke("#333"), "KR-01");
  svg.line(0, 0, 10, 10, Style::stroked("#999", 0.5));
  const Point pts[] = {{0, 0}, {1.25, 2.5}, {3, 4}};
  svg.polyline(pts, Style::stroked("#000"));
  svg.path("M 0 0 L 10 10", Style::stroked("#000").with_opacity(0.5));
  svg.text(1, 1, "rotated", TextStyle::sized(12).anchored("end").bolded().rotated(-45));
  svg.end_group();
  const std::string out = svg.str();
  EXPECT_TRUE(well_formed(out)) << out;
  EXPECT_EQ(out.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"480\"", 0),
            0u);
  EXPECT_NE(out.find("points=\"0,0 1.25,2.5 3,4\""), std::string::npos);
  EXPECT_NE(out.find("opacity=\"0.5\""), std::string::npos);
  EXPECT_NE(out.find("transform=\"rotate(-45 1 1)\""), std::string::npos);
  EXPECT_EQ(out.find("http://", out.find("xmlns") + 40), std::string::npos)
      << "no external reference";
}

TEST(Svg, RejectsUnbalancedGroupsAndBadSizes) {
  Svg svg(10, 10);
  EXPECT_THROW(svg.end_group(), UsageError);
  svg.begin_group();
  EXPECT_THROW((void)svg.str(), UsageError);
  svg.end_group();
  EXPECT_NO_THROW((void)svg.str());
  EXPECT_THROW(Svg(0, 10), UsageError);
  EXPECT_THROW(Svg(10, -1), UsageError);
  EXPECT_THROW(svg.rect(std::nan(""), 0, 1, 1, {}), UsageError);
}

TEST(RiskColour, EndpointsMidpointsAndClamping) {
  EXPECT_EQ(risk_colour(0.0), "#ffffcc");
  EXPECT_EQ(risk_colour(1.0), "#800026");
  EXPECT_EQ(risk_colour(0.5), "#fd8d3c");    // the middle stop exactly
  EXPECT_EQ(risk_colour(0.125), "#ffeca1");  // halfway between the first two stops, rounded
  EXPECT_EQ(risk_colour(-3.0), risk_colour(0.0));
  EXPECT_EQ(risk_colour(7.0), risk_colour(1.0));
  EXPECT_EQ(risk_colour(std::nan("")), "#bbbbbb");
}

}  // namespace
}  // namespace diligence::report
