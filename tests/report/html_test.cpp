// The HTML page of the reports: the document shell (doctype, charset, inline stylesheet, no
// script or external reference), escaping of everything given as text, heading anchors, number
// and text columns, cell classes, lists, figures and the footer.
#include <string>

#include <gtest/gtest.h>

#include <diligence/report/html.hpp>

namespace {

using diligence::report::HtmlPage;

std::size_t count_of(const std::string& text, const std::string& needle) {
  std::size_t n = 0;
  for (auto pos = text.find(needle); pos != std::string::npos; pos = text.find(needle, pos + 1))
    ++n;
  return n;
}

TEST(HtmlPage, ShellIsOneSelfContainedDocument) {
  const std::string out = HtmlPage("Risk & <more>").str();
  EXPECT_EQ(out.rfind("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n", 0),
            0u);
  EXPECT_NE(out.find("<title>Risk &amp; &lt;more&gt;</title>"), std::string::npos);
  EXPECT_NE(out.find("<h1>Risk &amp; &lt;more&gt;</h1>"), std::string::npos);
  EXPECT_EQ(count_of(out, "<style>"), 1u);
  EXPECT_EQ(out.find("<script"), std::string::npos);
  EXPECT_EQ(out.find("<link"), std::string::npos);
  EXPECT_EQ(out.find("http"), std::string::npos);
  EXPECT_EQ(out.find("url("), std::string::npos);
  EXPECT_EQ(out.substr(out.size() - 24), "</main>\n</body>\n</html>\n");
}

TEST(HtmlPage, HeadingsGetUniqueAnchors) {
  HtmlPage page("t");
  page.heading("Chain of activities").heading("Monte Carlo").heading("Monte Carlo").heading("***");
  const std::string out = page.str();
  EXPECT_NE(out.find("<h2 id=\"chain-of-activities\">Chain of activities</h2>"), std::string::npos);
  EXPECT_NE(out.find("<h2 id=\"monte-carlo\">Monte Carlo</h2>"), std::string::npos);
  EXPECT_NE(out.find("<h2 id=\"monte-carlo-2\">Monte Carlo</h2>"), std::string::npos);
  EXPECT_NE(out.find("<h2 id=\"section\">***</h2>"), std::string::npos);
}

TEST(HtmlPage, TablesEscapeCellsAndAlignNumbers) {
  HtmlPage page("t");
  page.table({{"firm", "exposure", "grade"}, {"A<B", "0.5", "major"}, {"C&D", "0.25", "minor"}},
             {0, 2}, [](std::size_t r, std::size_t c, const std::string& text) {
               return c == 2 ? "grade-" + text + (r == 1 ? " first" : "") : std::string();
             });
  const std::string out = page.str();
  EXPECT_NE(out.find("<thead><tr><th>firm</th><th class=\"num\">exposure</th><th>grade</th></tr>"
                     "</thead>"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("<tr><td>A&lt;B</td><td class=\"num\">0.5</td><td class=\"grade-major "
                     "first\">major</td></tr>"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("<tr><td>C&amp;D</td><td class=\"num\">0.25</td><td "
                     "class=\"grade-minor\">minor</td></tr>"),
            std::string::npos)
      << out;
  // An empty table writes nothing.
  HtmlPage empty("t");
  empty.table({}, {0});
  EXPECT_EQ(empty.str().find("<table>"), std::string::npos);
}

TEST(HtmlPage, ListsFiguresParagraphsAndFooter) {
  HtmlPage page("t");
  page.paragraph("a \"quoted\" 'word'", "meta")
      .list({{"first", {"evidence: x > y"}}, {"second", {}}})
      .figure("<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>\n", "Exposure < 1")
      .raw("<hr>\n")
      .footer("made by a test");
  const std::string out = page.str();
  EXPECT_NE(out.find("<p class=\"meta\">a &quot;quoted&quot; &#39;word&#39;</p>"),
            std::string::npos);
  EXPECT_NE(out.find("<ol class=\"items\">\n<li>first<ul><li>evidence: x &gt; y</li></ul></li>\n"
                     "<li>second</li>\n</ol>"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>\n"
                     "<figcaption>Exposure &lt; 1</figcaption>\n</figure>"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("<hr>\n"), std::string::npos);
  EXPECT_NE(out.find("<footer>made by a test</footer>\n</main>"), std::string::npos);
}

}  // namespace
