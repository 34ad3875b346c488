// Test helpers for the report module: a well-formedness check for the subset of XML that
// report::Svg emits, and small lookups of elements and attributes in its output.
#pragma once

#include <cmath>
#include <cstdlib>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace diligence::report::xml_check {

/// A small well-formedness check for the subset of XML the writer emits: every tag closes in
/// order, attributes are quoted, and text holds no raw '<' or '&' outside entities.
inline ::testing::AssertionResult well_formed(const std::string& xml) {
  std::vector<std::string> open;
  std::size_t i = 0;
  while (i < xml.size()) {
    if (xml[i] == '&') {
      const auto semi = xml.find(';', i);
      const std::string entity = xml.substr(i, semi == std::string::npos ? 1 : semi - i + 1);
      if (entity != "&amp;" && entity != "&lt;" && entity != "&gt;" && entity != "&quot;" &&
          entity != "&#39;")
        return ::testing::AssertionFailure() << "bad entity at " << i << ": " << entity;
      i = semi + 1;
      continue;
    }
    if (xml[i] != '<') {
      if (xml[i] == '>') return ::testing::AssertionFailure() << "raw '>' at " << i;
      ++i;
      continue;
    }
    const auto end = xml.find('>', i);
    if (end == std::string::npos) return ::testing::AssertionFailure() << "unclosed tag at " << i;
    std::string tag = xml.substr(i + 1, end - i - 1);
    i = end + 1;
    if (tag.empty() || tag == "/") return ::testing::AssertionFailure() << "empty tag at " << i;
    // Quotes inside the tag must pair up and hold no '<'.
    std::size_t quotes = 0;
    for (const char c : tag) {
      if (c == '"') ++quotes;
      if (c == '<') return ::testing::AssertionFailure() << "'<' inside a tag: " << tag;
    }
    if (quotes % 2) return ::testing::AssertionFailure() << "unpaired quote: " << tag;
    if (tag.front() == '/') {
      const std::string name = tag.substr(1);
      if (open.empty() || open.back() != name)
        return ::testing::AssertionFailure()
               << "</" << name << "> closes " << (open.empty() ? "nothing" : open.back());
      open.pop_back();
      continue;
    }
    if (tag.back() == '/') continue;  // self-closing
    open.push_back(tag.substr(0, tag.find(' ')));
  }
  if (!open.empty()) return ::testing::AssertionFailure() << "<" << open.back() << "> not closed";
  return ::testing::AssertionSuccess();
}

/// Occurrences of `what` in `s` (not overlapping).
inline std::size_t count(const std::string& s, const std::string& what) {
  std::size_t n = 0;
  for (auto i = s.find(what); i != std::string::npos; i = s.find(what, i + what.size())) ++n;
  return n;
}

/// The opening tag (`<circle cx="1" ...>`) of the element whose hover title is exactly
/// `escaped_title` (as written, with entities), or "" when there is none.
inline std::string element_with_title(const std::string& svg, const std::string& escaped_title) {
  const auto at = svg.find("<title>" + escaped_title + "</title>");
  if (at == std::string::npos || at == 0) return {};
  const auto open = svg.rfind('<', at - 1);
  return svg.substr(open, at - open);
}

/// The opening tag of the first element with class exactly `css_class`, or "" when there is none.
inline std::string element_with_class(const std::string& svg, const std::string& css_class) {
  const auto at = svg.find(" class=\"" + css_class + '"');
  if (at == std::string::npos) return {};
  const auto open = svg.rfind('<', at);
  return svg.substr(open, svg.find('>', at) - open + 1);
}

/// The value of attribute `name` in the opening tag `tag`, or "" when absent.
inline std::string attribute(const std::string& tag, const std::string& name) {
  const std::string key = ' ' + name + "=\"";
  const auto at = tag.find(key);
  if (at == std::string::npos) return {};
  const auto from = at + key.size();
  return tag.substr(from, tag.find('"', from) - from);
}

/// attribute() as a number (NaN when absent).
inline double number_attribute(const std::string& tag, const std::string& name) {
  const std::string v = attribute(tag, name);
  return v.empty() ? std::nan("") : std::strtod(v.c_str(), nullptr);
}

}  // namespace diligence::report::xml_check
