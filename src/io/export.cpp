// Writers of GraphML, Graphviz DOT and CSV exports of a supplier network with its risk figures
// (see include/diligence/io/export.hpp).
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <numeric>
#include <ostream>
#include <sstream>
#include <string_view>

#include <diligence/core/error.hpp>
#include <diligence/core/error_ids.hpp>
#include <diligence/io/export.hpp>

namespace diligence::io {
namespace {

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// The shortest text that reads back to the same double.
std::string number(double v) {
  char buf[32];
  const auto res = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, res.ptr);
}

// `v` with at most `decimals` decimals, trailing zeros removed (0.600 → 0.6, 1.000 → 1).
std::string short_number(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

// Calls `emit(code_point, bytes)` for every UTF-8 sequence of `text`, and `emit(-1, byte)` for
// every byte that does not start a valid sequence (overlong forms, surrogates and values above
// U+10FFFF are invalid).
template <typename Emit>
void for_each_code_point(std::string_view text, Emit&& emit) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t n = text.size();
  std::size_t i = 0;
  while (i < n) {
    const unsigned char c = s[i];
    std::size_t len = 0;
    char32_t cp = 0;
    if (c < 0x80) {
      len = 1;
      cp = c;
    } else if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    }
    bool ok = len > 0 && i + len <= n;
    for (std::size_t j = 1; ok && j < len; ++j) {
      if ((s[i + j] & 0xC0) != 0x80)
        ok = false;
      else
        cp = (cp << 6) | (s[i + j] & 0x3F);
    }
    if (ok) {
      constexpr char32_t kMin[5] = {0, 0, 0x80, 0x800, 0x10000};
      ok = cp >= kMin[len] && cp <= 0x10FFFF && !(cp >= 0xD800 && cp <= 0xDFFF);
    }
    if (!ok) {
      emit(-1, text.substr(i, 1));
      ++i;
      continue;
    }
    emit(static_cast<long>(cp), text.substr(i, len));
    i += len;
  }
}

// XML character data (attribute = true: inside a double-quoted attribute value). Characters
// XML 1.0 cannot carry (C0 controls other than tab, LF, CR; U+FFFE, U+FFFF) and invalid UTF-8
// become U+FFFD.
std::string xml(std::string_view text, bool attribute) {
  std::string out;
  out.reserve(text.size());
  for_each_code_point(text, [&](long cp, std::string_view bytes) {
    switch (cp) {
      case '&':
        out += "&amp;";
        return;
      case '<':
        out += "&lt;";
        return;
      case '>':
        out += "&gt;";
        return;
      case '"':
        out += attribute ? "&quot;" : "\"";
        return;
      case '\r':
        out += "&#13;";
        return;  // a literal CR would be normalised away
      case '\n':
        out += attribute ? "&#10;" : "\n";
        return;
      case '\t':
        out += attribute ? "&#9;" : "\t";
        return;
      default:
        break;
    }
    if (cp < 0 || cp < 0x20 || cp == 0xFFFE || cp == 0xFFFF)
      out += kReplacement;
    else
      out += bytes;
  });
  return out;
}

// A double-quoted DOT string: `"` and `\` escaped, a line break (LF, CRLF or CR) as `\n`; other
// control characters and invalid UTF-8 become U+FFFD.
std::string dot_string(std::string_view text) {
  std::string out = "\"";
  bool after_cr = false;
  for_each_code_point(text, [&](long cp, std::string_view bytes) {
    const bool cr = cp == '\r';
    if (cp == '\n' && after_cr) {
      after_cr = false;
      return;  // the CR of a CRLF already wrote the line break
    }
    after_cr = cr;
    if (cp == '"')
      out += "\\\"";
    else if (cp == '\\')
      out += "\\\\";
    else if (cp == '\n' || cr)
      out += "\\n";
    else if (cp == '\t')
      out += ' ';
    else if (cp < 0x20 || cp == 0x7F)
      out += kReplacement;
    else
      out += bytes;
  });
  return out + "\"";
}

// One RFC 4180 field.
std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

// A valid XML NmToken: letters, digits and `. - _ :` (ASCII only, to stay on the safe side).
bool is_name_token(std::string_view s) {
  if (s.empty()) return false;
  return std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '-' || c == '_' || c == ':';
  });
}

std::string join(std::span<const std::string> parts, std::string_view sep) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += sep;
    out += parts[i];
  }
  return out;
}

// The risk figures checked against the network, with row access.
class Figures {
 public:
  Figures(const model::SupplyNetwork& net, const RiskAttributes& risk)
      : risk_(risk), k_(risk.categories.size()) {
    const std::size_t want = net.num_firms() * k_;
    auto check = [&](const std::optional<std::span<const double>>& m, const char* what) {
      if (m && m->size() != want)
        throw UsageError(errc::kParameter, std::string("export: ") + what + " has " +
                                               std::to_string(m->size()) + " values, expected " +
                                               std::to_string(net.num_firms()) + " firms × " +
                                               std::to_string(k_) + " categories");
    };
    check(risk.own, "own risk");
    check(risk.exposure, "exposure");
  }
  [[nodiscard]] std::size_t categories() const { return k_; }
  [[nodiscard]] bool has_own() const { return risk_.own && k_ > 0; }
  [[nodiscard]] bool has_exposure() const { return risk_.exposure && k_ > 0; }
  [[nodiscard]] const std::string& category(std::size_t k) const { return risk_.categories[k]; }
  [[nodiscard]] double own(std::size_t i, std::size_t k) const { return (*risk_.own)[i * k_ + k]; }
  [[nodiscard]] double exposure(std::size_t i, std::size_t k) const {
    return (*risk_.exposure)[i * k_ + k];
  }
  [[nodiscard]] double overall(std::size_t i) const {
    const auto row = risk_.exposure->subspan(i * k_, k_);
    return *std::max_element(row.begin(), row.end());
  }

 private:
  const RiskAttributes& risk_;
  std::size_t k_;
};

// Link indices in scenario order.
std::vector<model::LinkIndex> links_in_input_order(const model::SupplyNetwork& net) {
  std::vector<model::LinkIndex> order(net.num_links());
  for (model::LinkIndex l = 0; l < net.num_links(); ++l) order[net.input_order(l)] = l;
  return order;
}

std::string to_string_via(void (*write)(std::ostream&, const model::SupplyNetwork&,
                                        const RiskAttributes&, const ExportOptions&),
                          const model::SupplyNetwork& net, const RiskAttributes& risk,
                          const ExportOptions& options) {
  std::ostringstream out;
  write(out, net, risk, options);
  return std::move(out).str();
}

}  // namespace

std::string exposure_colour(double x) {
  if (!(x >= 0.0)) x = 0.0;  // also NaN
  x = std::min(x, 1.0);
  const auto channel = [](double v) {
    return static_cast<int>(std::lround(255.0 * std::min(1.0, v)));
  };
  char buf[8];
  std::snprintf(buf, sizeof buf, "#%02x%02x00", channel(2.0 * x), channel(2.0 * (1.0 - x)));
  return buf;
}

// --- GraphML ------------------------------------------------------------------------------------

void write_graphml(std::ostream& out, const model::SupplyNetwork& net, const RiskAttributes& risk,
                   const ExportOptions& options) {
  const Figures fig(net, risk);
  struct Key {
    std::string name;
    const char* domain;  // node or edge
    const char* type;    // string or double
    std::string id;
  };
  std::vector<Key> keys;
  auto key = [&](std::string name, const char* domain, const char* type) {
    keys.push_back({std::move(name), domain, type, {}});
  };
  for (const char* k : {"name", "country", "sector", "size_class"}) key(k, "node", "string");
  if (fig.has_own())
    for (std::size_t k = 0; k < fig.categories(); ++k)
      key("own_" + fig.category(k), "node", "double");
  if (fig.has_exposure()) {
    for (std::size_t k = 0; k < fig.categories(); ++k)
      key("exposure_" + fig.category(k), "node", "double");
    key("overall", "node", "double");
  }
  for (const char* k : {"weight", "spend_eur", "share"}) key(k, "edge", "double");
  key("commodity", "edge", "string");
  for (std::size_t i = 0; i < keys.size(); ++i)
    keys[i].id = is_name_token(keys[i].name) ? keys[i].name : "k" + std::to_string(i);

  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\"\n"
         "    xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n"
         "    xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  for (const Key& k : keys)
    out << "  <key id=\"" << xml(k.id, true) << "\" for=\"" << k.domain << "\" attr.name=\""
        << xml(k.name, true) << "\" attr.type=\"" << k.type << "\"/>\n";
  out << "  <graph id=\"G\" edgedefault=\"directed\">\n";
  if (!options.title.empty()) out << "    <desc>" << xml(options.title, false) << "</desc>\n";

  auto data = [&](std::size_t key_index, const std::string& value) {
    out << "      <data key=\"" << xml(keys[key_index].id, true) << "\">" << xml(value, false)
        << "</data>\n";
  };
  // Key positions: name, country, sector, size_class, then own_*, exposure_*, overall, then
  // the four edge keys.
  const std::size_t own_key = 4;
  const std::size_t exposure_key = own_key + (fig.has_own() ? fig.categories() : 0);
  const std::size_t edge_key = keys.size() - 4;
  for (model::FirmIndex i = 0; i < net.num_firms(); ++i) {
    const model::Firm& f = net.firm(i);
    out << "    <node id=\"" << xml(f.id, true) << "\">\n";
    data(0, f.display_name());
    data(1, f.country);
    data(2, f.sector);
    data(3, std::string(model::to_string(net.size_class(i))));
    if (fig.has_own())
      for (std::size_t k = 0; k < fig.categories(); ++k) data(own_key + k, number(fig.own(i, k)));
    if (fig.has_exposure()) {
      for (std::size_t k = 0; k < fig.categories(); ++k)
        data(exposure_key + k, number(fig.exposure(i, k)));
      data(exposure_key + fig.categories(), number(fig.overall(i)));
    }
    out << "    </node>\n";
  }
  const auto order = links_in_input_order(net);
  for (std::size_t e = 0; e < order.size(); ++e) {
    const model::LinkIndex l = order[e];
    out << "    <edge id=\"e" << e << "\" source=\"" << xml(net.firm(net.link_supplier(l)).id, true)
        << "\" target=\"" << xml(net.firm(net.link_buyer(l)).id, true) << "\">\n";
    data(edge_key, number(net.weight(l)));
    if (const auto spend = net.spend_eur(l)) data(edge_key + 1, number(*spend));
    if (const auto share = net.share(l)) data(edge_key + 2, number(*share));
    if (const auto c = net.commodities(l); !c.empty()) data(edge_key + 3, join(c, ";"));
    out << "    </edge>\n";
  }
  out << "  </graph>\n</graphml>\n";
}

std::string to_graphml(const model::SupplyNetwork& net, const RiskAttributes& risk,
                       const ExportOptions& options) {
  return to_string_via(&write_graphml, net, risk, options);
}

// --- DOT ----------------------------------------------------------------------------------------

void write_dot(std::ostream& out, const model::SupplyNetwork& net, const RiskAttributes& risk,
               const ExportOptions& options) {
  const Figures fig(net, risk);
  out << "// Supplier network exported by diligence. Arrows point from supplier to buyer; an edge\n"
         "// label is the link weight w(s,b), the buyer's procurement share from the supplier.\n";
  if (fig.has_exposure())
    out << "// Fill colour: overall exposure x (maximum over categories) on a green-yellow-red\n"
           "// scale, #RRGGBB with R = round(255 * min(1, 2x)), G = round(255 * min(1, 2(1 - "
           "x))),\n"
           "// B = 0: x = 0 #00ff00 (green), x = 0.25 #80ff00, x = 0.5 #ffff00 (yellow),\n"
           "// x = 0.75 #ff8000, x = 1 #ff0000 (red).\n";
  else
    out << "// No exposure was computed: every firm is grey.\n";
  out << "digraph diligence {\n";
  if (!options.title.empty())
    out << "  label=" << dot_string(options.title) << ";\n  labelloc=t;\n";
  out << "  rankdir=LR;\n"
         "  node [shape=box, style=\"rounded,filled\", fontname=\"Helvetica\", "
         "fillcolor=\"#d9d9d9\"];\n"
         "  edge [fontname=\"Helvetica\", fontsize=10];\n";
  for (model::FirmIndex i = 0; i < net.num_firms(); ++i) {
    const model::Firm& f = net.firm(i);
    std::string label = f.display_name();
    if (f.display_name() != f.id) label += "\n" + f.id;
    std::string attrs;
    if (fig.has_exposure()) {
      const double x = fig.overall(i);
      label += "\noverall " + short_number(x, 3);
      attrs = ", fillcolor=\"" + exposure_colour(x) + "\"";
    }
    out << "  " << dot_string(f.id) << " [label=" << dot_string(label) << attrs << "];\n";
  }
  for (const model::LinkIndex l : links_in_input_order(net)) {
    const double w = net.weight(l);
    out << "  " << dot_string(net.firm(net.link_supplier(l)).id) << " -> "
        << dot_string(net.firm(net.link_buyer(l)).id) << " [label=\"" << short_number(w, 3)
        << "\", penwidth=" << short_number(1.0 + 3.0 * w, 2) << "];\n";
  }
  out << "}\n";
}

std::string to_dot(const model::SupplyNetwork& net, const RiskAttributes& risk,
                   const ExportOptions& options) {
  return to_string_via(&write_dot, net, risk, options);
}

// --- CSV ----------------------------------------------------------------------------------------

void write_csv(std::ostream& out, const model::SupplyNetwork& net, const RiskAttributes& risk) {
  const Figures fig(net, risk);
  std::vector<std::string> header{"id", "name", "country", "sector", "size_class"};
  if (fig.has_own())
    for (std::size_t k = 0; k < fig.categories(); ++k) header.push_back("own_" + fig.category(k));
  if (fig.has_exposure()) {
    for (std::size_t k = 0; k < fig.categories(); ++k)
      header.push_back("exposure_" + fig.category(k));
    header.emplace_back("overall");
  }
  auto row = [&](const std::vector<std::string>& cells) {
    for (std::size_t c = 0; c < cells.size(); ++c) out << (c ? "," : "") << csv_field(cells[c]);
    out << "\r\n";
  };
  row(header);
  std::vector<std::string> cells;
  for (model::FirmIndex i = 0; i < net.num_firms(); ++i) {
    const model::Firm& f = net.firm(i);
    cells = {f.id, f.display_name(), f.country, f.sector,
             std::string(model::to_string(net.size_class(i)))};
    if (fig.has_own())
      for (std::size_t k = 0; k < fig.categories(); ++k) cells.push_back(number(fig.own(i, k)));
    if (fig.has_exposure()) {
      for (std::size_t k = 0; k < fig.categories(); ++k)
        cells.push_back(number(fig.exposure(i, k)));
      cells.push_back(number(fig.overall(i)));
    }
    row(cells);
  }
}

std::string to_csv(const model::SupplyNetwork& net, const RiskAttributes& risk) {
  std::ostringstream out;
  write_csv(out, net, risk);
  return std::move(out).str();
}

}  // namespace diligence::io
