// The facts behind the generator's shape: six value chains with what each tier of them makes
// (NACE Rev. 2 class, the commodity the risk model knows, the countries that produce it with
// rough shares of world output), named industrial complexes, country productivity groups, size
// class mixes per tier and certifications. The country shares are rounded public orders of
// magnitude (USGS Mineral Commodity Summaries, FAOSTAT, OECD/WTO trade data, industry
// reports) meant to give the generated networks a plausible geography, not statistics.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace diligence::generate::detail {

/// One product line: who makes it (chain, tier), its NACE class, the commodity on the links from
/// its makers (names of data/risk/default.yaml; a `;` list for mixed materials), the producing
/// countries with weights (`"CD:70 ID:10"`), and its share of the tier in its chain.
struct ProductSpec {
  std::uint8_t chain;
  std::uint8_t tier;
  std::string_view sector;
  std::string_view commodity;
  std::string_view countries;
  double share;
};

/// Value chains: id and share of all firms.
struct ChainSpec {
  std::string_view id;
  double share;
};

inline constexpr std::array<ChainSpec, 6> kChains = {{
    {"vehicles_batteries", 0.30},
    {"electronics", 0.25},
    {"machinery", 0.12},
    {"food", 0.13},
    {"textiles", 0.12},
    {"wood_paper", 0.08},
}};

// Iron ore and bauxite mining carry the risk model's `steel` and `aluminium` rows (its nearest
// entries: the aluminium row names bauxite mining); every other commodity is the material itself.
inline constexpr ProductSpec kProducts[] = {
    // --- vehicles and batteries --------------------------------------------------------------
    {0, 0, "B07.29", "cobalt", "CD:70 ID:10 AU:6 PH:6 RU:4 CA:4", 0.10},
    {0, 0, "B07.29", "lithium", "AU:45 CL:25 CN:15 AR:10 BO:5", 0.08},
    {0, 0, "B07.29", "nickel", "ID:50 PH:15 RU:10 CA:10 AU:8 BR:7", 0.10},
    {0, 0, "B08.99", "natural graphite", "CN:75 BR:10 IN:10 CA:5", 0.05},
    {0, 0, "B07.10", "steel", "AU:35 BR:30 IN:12 CN:10 ZA:8 CA:5", 0.25},
    {0, 0, "B07.29", "aluminium", "AU:30 CN:20 BR:15 ID:13 IN:12 RU:10", 0.10},
    {0, 0, "B07.29", "copper", "CL:30 PE:18 CD:12 CN:10 US:8 ZM:8 MX:7 AU:7", 0.12},
    {0, 0, "A01.29", "rubber", "TH:35 ID:30 VN:12 IN:10 MY:8 CI:5", 0.10},
    {0, 1, "C24.45", "cobalt", "CN:75 FI:10 JP:8 BE:7", 0.10},
    {0, 1, "C20.13", "lithium", "CN:65 CL:20 AU:10 AR:5", 0.08},
    {0, 1, "C24.45", "nickel", "ID:45 CN:35 JP:8 FI:6 CA:6", 0.10},
    {0, 1, "C23.99", "natural graphite", "CN:90 JP:5 KR:5", 0.05},
    {0, 1, "C24.10", "steel", "CN:50 IN:8 JP:9 KR:7 DE:8 US:6 TR:6 BR:6", 0.30},
    {0, 1, "C24.42", "aluminium", "CN:55 IN:8 RU:7 CA:8 DE:6 US:6 BR:5 AU:5", 0.12},
    {0, 1, "C24.44", "copper", "CN:45 CL:12 JP:10 DE:8 RU:7 KR:6 US:6 PL:6", 0.12},
    {0, 1, "C22.19", "rubber", "TH:35 ID:25 MY:15 VN:12 CN:13", 0.13},
    {0, 2, "C25.62", "steel", "CN:35 KR:12 JP:10 IN:8 MX:6 DE:6 TH:5 PL:5 TR:5 TW:4 CZ:4", 0.30},
    {0, 2, "C25.50", "steel", "CN:35 KR:12 JP:10 IN:8 MX:6 DE:6 TH:5 PL:5 TR:5 TW:4 CZ:4", 0.15},
    {0, 2, "C24.53", "aluminium", "CN:40 KR:10 JP:10 MX:8 DE:8 IN:8 PL:6 CZ:5 TH:5", 0.15},
    {0, 2, "C27.32", "copper", "CN:40 MX:12 KR:8 JP:8 VN:8 PL:8 RO:6 TH:5 IN:5", 0.15},
    {0, 2, "C20.59", "nickel; cobalt; lithium", "CN:60 KR:20 JP:15 PL:5", 0.15},
    {0, 2, "C23.99", "natural graphite", "CN:85 JP:10 KR:5", 0.10},
    {0, 3, "C27.20", "electronics", "CN:45 KR:20 JP:12 HU:8 PL:8 DE:4 US:3", 0.25},
    {0, 3, "C29.32", "steel", "CN:30 JP:12 KR:10 DE:10 MX:8 PL:6 CZ:6 TH:6 IN:6 US:6", 0.35},
    {0, 3, "C22.11", "rubber", "CN:35 JP:12 TH:10 KR:8 IN:8 US:7 DE:6 FR:5 IT:5 ID:4", 0.15},
    {0, 3, "C26.11", "electronics", "CN:40 TW:15 KR:12 JP:12 MY:8 DE:5 US:8", 0.15},
    {0, 3, "C27.32", "copper", "CN:35 MX:15 RO:8 VN:10 PL:10 TH:8 IN:7 KR:7", 0.10},
    {0, 4, "C29.32", "steel", "DE:18 JP:15 CN:20 KR:12 US:10 FR:5 MX:5 PL:4 CZ:4 IT:4 ES:3", 0.50},
    {0, 4, "C27.20", "electronics", "CN:40 KR:25 JP:12 PL:8 HU:8 DE:7", 0.20},
    {0, 4, "C29.31", "electronics", "DE:20 JP:20 CN:20 KR:12 US:10 FR:6 MX:6 HU:6", 0.30},
    {0, 5, "C29.10", "steel", "DE:30 FR:10 IT:8 SE:6 CZ:4 ES:4 NL:2 KR:12 JP:14 US:10", 1.00},
    // --- electronics -------------------------------------------------------------------------
    {1, 0, "B07.29", "tin", "ID:30 CN:22 MM:18 PE:10 BO:10 CD:10", 0.15},
    {1, 0, "B07.29", "tantalum", "CD:40 BR:15 NG:15 CN:10 AU:10 RU:10", 0.08},
    {1, 0, "B07.29", "tungsten", "CN:80 VN:8 RU:6 BO:6", 0.08},
    {1, 0, "B07.29", "gold",
     "CN:11 AU:10 RU:10 GH:9 US:7 CA:7 ZA:7 CD:7 PE:6 MX:6 ID:5 BR:5 CO:5 PH:5", 0.20},
    {1, 0, "B08.99", "mica", "IN:60 CN:25 BR:15", 0.07},
    {1, 0, "B07.29", "copper", "CL:30 PE:18 CD:12 CN:10 US:8 ZM:8 MX:7 AU:7", 0.27},
    {1, 0, "B07.29", "cobalt", "CD:70 ID:10 AU:6 PH:6 RU:4 CA:4", 0.15},
    {1, 1, "C24.43", "tin", "CN:45 ID:25 MY:12 PE:8 TH:5 BO:5", 0.15},
    {1, 1, "C24.45", "tantalum", "CN:45 US:15 JP:15 DE:10 TH:15", 0.10},
    {1, 1, "C24.45", "tungsten", "CN:85 VN:5 AT:5 JP:5", 0.10},
    {1, 1, "C24.41", "gold", "CH:45 CN:13 IN:12 AU:8 US:8 CA:7 JP:7", 0.15},
    {1, 1, "C20.13", "polysilicon", "CN:85 DE:7 US:4 MY:4", 0.15},
    {1, 1, "C24.44", "copper", "CN:45 CL:12 JP:10 DE:8 RU:7 KR:6 US:6 PL:6", 0.25},
    {1, 1, "C24.45", "cobalt", "CN:75 FI:10 JP:8 BE:7", 0.10},
    {1, 2, "C26.11", "electronics", "CN:45 TW:12 KR:8 JP:8 VN:8 MY:7 TH:5 IN:4 PH:3", 0.55},
    {1, 2, "C26.12", "electronics", "CN:45 TW:12 KR:8 JP:8 VN:8 MY:7 TH:5 IN:4 PH:3", 0.30},
    {1, 2, "C27.32", "copper", "CN:40 VN:15 MX:10 KR:8 JP:8 TH:8 IN:6 PL:5", 0.15},
    {1, 3, "C26.11", "electronics", "CN:40 TW:15 KR:12 JP:10 VN:8 MY:5 US:5 DE:5", 0.40},
    {1, 3, "C26.20", "electronics", "CN:45 TW:15 KR:10 VN:10 JP:8 MY:5 MX:7", 0.20},
    {1, 3, "C27.90", "polysilicon", "CN:80 VN:6 MY:5 KR:4 US:3 DE:2", 0.15},
    {1, 3, "C26.30", "electronics", "CN:45 VN:12 KR:10 TW:10 JP:8 IN:8 MX:7", 0.25},
    {1, 4, "C26.20", "electronics", "CN:35 TW:10 KR:12 JP:12 US:10 DE:8 MX:5 VN:8", 0.40},
    {1, 4, "C26.30", "electronics", "CN:35 KR:15 VN:12 TW:8 JP:10 US:8 IN:7 DE:5", 0.30},
    {1, 4, "C27.11", "copper", "CN:35 DE:12 JP:12 KR:8 US:8 IT:7 MX:6 IN:6 CZ:6", 0.15},
    {1, 4, "C27.90", "polysilicon", "CN:80 VN:6 MY:5 KR:4 US:3 DE:2", 0.15},
    {1, 5, "C26.20", "electronics", "US:35 KR:15 JP:15 DE:10 NL:5 FR:5 IT:5 SE:5 FI:5", 0.40},
    {1, 5, "C26.30", "electronics", "US:35 KR:20 JP:15 FI:10 SE:10 DE:5 FR:5", 0.30},
    {1, 5, "C27.51", "electronics", "KR:20 DE:20 JP:15 US:15 IT:10 SE:10 FR:5 ES:5", 0.30},
    // --- machinery ---------------------------------------------------------------------------
    {2, 0, "B07.10", "steel", "AU:35 BR:30 IN:12 CN:10 ZA:8 CA:5", 0.60},
    {2, 0, "B07.29", "copper", "CL:30 PE:18 CD:12 CN:10 US:8 ZM:8 MX:7 AU:7", 0.20},
    {2, 0, "B07.29", "aluminium", "AU:30 CN:20 BR:15 ID:13 IN:12 RU:10", 0.20},
    {2, 1, "C24.10", "steel", "CN:50 IN:8 JP:9 KR:7 DE:8 US:6 TR:6 BR:6", 0.60},
    {2, 1, "C24.44", "copper", "CN:45 CL:12 JP:10 DE:8 RU:7 KR:6 US:6 PL:6", 0.20},
    {2, 1, "C24.42", "aluminium", "CN:55 IN:8 RU:7 CA:8 DE:6 US:6 BR:5 AU:5", 0.20},
    {2, 2, "C25.62", "steel", "CN:30 IN:10 DE:10 IT:8 KR:8 JP:8 PL:6 TR:6 CZ:5 TW:5 US:4", 0.40},
    {2, 2, "C25.50", "steel", "CN:30 IN:10 DE:10 IT:8 KR:8 JP:8 PL:6 TR:6 CZ:5 TW:5 US:4", 0.20},
    {2, 2, "C24.51", "steel", "CN:40 IN:15 DE:8 JP:8 KR:6 BR:6 TR:6 IT:6 US:5", 0.20},
    {2, 2, "C24.53", "aluminium", "CN:40 IN:10 DE:10 IT:10 JP:8 KR:8 MX:7 PL:7", 0.20},
    {2, 3, "C28.15", "steel", "CN:25 DE:15 JP:12 IT:10 KR:8 US:8 IN:7 TW:5 CZ:5 PL:5", 0.40},
    {2, 3, "C27.11", "copper", "CN:30 DE:12 JP:12 IT:8 KR:8 US:8 IN:8 CZ:7 MX:7", 0.30},
    {2, 3, "C28.13", "steel", "CN:25 DE:15 IT:12 JP:10 US:10 KR:8 IN:8 DK:6 FR:6", 0.30},
    {2, 4, "C28.29", "steel", "DE:25 CN:15 JP:15 IT:12 US:12 KR:6 SE:5 FR:5 AT:5", 0.50},
    {2, 4, "C28.41", "steel", "DE:25 JP:18 IT:14 CN:14 US:10 KR:7 TW:6 AT:6", 0.50},
    {2, 5, "C28.92", "steel", "DE:25 SE:10 FI:6 FR:6 IT:8 AT:5 NL:4 JP:16 KR:8 US:12", 0.40},
    {2, 5, "C28.30", "steel", "DE:25 IT:15 FR:10 NL:5 AT:5 PL:5 JP:10 KR:5 US:20", 0.30},
    {2, 5, "C28.22", "steel", "DE:25 FI:12 SE:8 IT:10 FR:8 AT:7 JP:12 KR:6 US:12", 0.30},
    // --- food --------------------------------------------------------------------------------
    {3, 0, "A01.27", "cocoa", "CI:40 GH:20 ID:10 NG:8 BR:7 CO:5 PE:5 MX:5", 0.20},
    {3, 0, "A01.27", "coffee", "BR:35 VN:20 CO:12 ID:8 ET:8 IN:5 PE:5 MX:4 CI:3", 0.15},
    {3, 0, "A01.26", "palm oil", "ID:55 MY:30 TH:5 CO:4 NG:3 BR:3", 0.20},
    {3, 0, "A01.11", "soya", "BR:40 US:30 AR:15 IN:5 CN:5 CA:5", 0.15},
    {3, 0, "A01.14", "sugar", "BR:40 IN:25 TH:15 CN:5 US:5 MX:5 AU:5", 0.10},
    {3, 0, "A01.42", "cattle", "BR:35 AR:15 US:15 AU:10 CO:5 MX:5 CN:5 IN:5 CA:5", 0.20},
    {3, 1, "C10.82", "cocoa", "CI:20 NL:15 MY:12 DE:10 ID:10 GH:8 BR:8 US:7 BE:5 FR:5", 0.20},
    {3, 1, "C10.83", "coffee", "DE:20 IT:15 US:15 BR:15 VN:15 CO:10 JP:5 CH:5", 0.15},
    {3, 1, "C10.41", "palm oil", "ID:45 MY:35 NL:8 IN:7 DE:5", 0.20},
    {3, 1, "C10.41", "soya", "BR:30 US:30 AR:20 CN:15 NL:5", 0.15},
    {3, 1, "C10.81", "sugar", "BR:35 IN:25 TH:15 US:9 DE:8 FR:8", 0.10},
    {3, 1, "C10.11", "cattle", "BR:35 US:25 AR:10 AU:10 DE:5 IE:5 NL:5 CN:5", 0.20},
    {3, 2, "C10.91", "soya", "NL:10 DE:12 US:15 BR:12 CN:15 FR:8 ES:8 PL:6 TH:6 IN:8", 0.25},
    {3, 2, "C10.82", "cocoa", "NL:15 DE:15 BE:10 FR:8 US:12 CI:10 MY:10 ID:8 BR:6 IT:6", 0.20},
    {3, 2, "C10.89", "sugar", "DE:12 FR:10 NL:8 PL:8 IT:8 US:15 BR:10 TH:10 IN:10 CN:9", 0.20},
    {3, 2, "C20.41", "palm oil", "ID:25 MY:25 DE:10 NL:8 US:10 CN:12 IN:10", 0.20},
    {3, 2, "C10.83", "coffee", "DE:20 IT:15 US:15 BR:12 VN:12 CO:8 JP:8 FR:5 ES:5", 0.15},
    {3, 3, "C10.82", "cocoa", "DE:15 BE:10 NL:8 FR:8 IT:8 PL:6 US:15 JP:6 BR:8 CN:8 MY:8", 0.30},
    {3, 3, "C10.72", "sugar", "DE:12 IT:10 FR:8 PL:8 ES:6 NL:5 US:15 JP:8 CN:12 TH:8 IN:8", 0.25},
    {3, 3, "C10.13", "cattle", "DE:12 PL:8 ES:8 IT:8 FR:6 NL:6 US:18 BR:14 CN:12 TH:8", 0.25},
    {3, 3, "C10.89", "palm oil", "DE:10 NL:8 FR:6 IT:6 US:12 CN:14 ID:14 MY:14 TH:8 IN:8", 0.20},
    {3, 4, "C10.85", "cattle", "DE:15 FR:12 IT:10 ES:8 NL:6 PL:6 US:20 JP:10 CN:8 TH:5", 0.30},
    {3, 4, "C10.82", "cocoa", "DE:15 BE:10 NL:8 FR:10 IT:10 PL:6 US:18 JP:8 CN:8 BR:7", 0.30},
    {3, 4, "C11.07", "sugar", "DE:12 FR:8 IT:8 ES:8 NL:6 PL:6 US:22 JP:10 CN:10 MX:10", 0.20},
    {3, 4, "C20.42", "palm oil", "FR:20 DE:15 IT:8 ES:6 NL:5 US:20 JP:10 KR:8 CN:8", 0.20},
    {3, 5, "C10.82", "cocoa", "DE:20 BE:10 NL:8 FR:12 IT:12 DK:3 US:25 JP:10", 0.25},
    {3, 5, "C11.07", "sugar", "DE:15 FR:10 NL:5 ES:8 IT:8 US:35 JP:12 KR:7", 0.15},
    {3, 5, "G47.11", "cattle", "DE:25 FR:20 NL:8 ES:8 IT:8 BE:4 SE:4 IE:3 US:15 JP:5", 0.40},
    {3, 5, "C20.42", "palm oil", "FR:30 DE:20 NL:10 IT:5 ES:5 US:20 JP:6 KR:4", 0.20},
    // --- textiles and apparel ----------------------------------------------------------------
    {4, 0, "A01.16", "cotton", "IN:24 CN:24 US:14 BR:10 PK:10 UZ:7 TR:6 AU:5", 1.00},
    {4, 1, "C13.10", "cotton", "CN:45 IN:20 PK:10 VN:8 TR:6 UZ:6 BD:5", 1.00},
    {4, 2, "C13.20", "cotton", "CN:40 IN:18 BD:10 PK:8 VN:8 TR:8 IT:4 ID:4", 1.00},
    {4, 3, "C13.30", "cotton", "CN:35 BD:15 IN:15 VN:10 TR:10 PK:5 IT:5 PT:5", 1.00},
    {4, 4, "C14.13", "cotton", "BD:25 CN:25 VN:15 KH:8 IN:8 TR:7 PK:5 MM:4 RO:3", 1.00},
    {4, 5, "C14.13", "cotton", "DE:18 FR:12 ES:15 SE:10 IT:12 NL:8 DK:5 US:15 JP:5", 0.40},
    {4, 5, "G47.71", "cotton", "DE:18 FR:12 ES:15 SE:10 IT:12 NL:8 DK:5 US:15 JP:5", 0.60},
    // --- wood, paper and furniture -----------------------------------------------------------
    {5, 0, "A02.20", "wood", "BR:20 RU:18 ID:12 CA:12 US:10 MY:8 SE:6 FI:6 PL:4 CD:4", 1.00},
    {5, 1, "C16.10", "wood", "CN:20 RU:12 CA:12 US:12 SE:8 FI:8 DE:8 BR:8 VN:6 PL:6", 1.00},
    {5, 2, "C16.21", "wood", "CN:30 VN:12 ID:8 MY:8 PL:8 DE:8 BR:8 US:8 SE:5 FI:5", 0.50},
    {5, 2, "C17.11", "wood", "CN:20 BR:15 US:15 SE:10 FI:10 CA:10 ID:10 CL:5 PL:5", 0.50},
    {5, 3, "C16.23", "wood", "CN:30 VN:15 PL:12 DE:10 IT:8 US:8 MY:7 ID:5 RO:5", 0.50},
    {5, 3, "C17.21", "wood", "CN:30 US:15 DE:12 PL:8 IT:8 FR:7 VN:8 ID:6 BR:6", 0.50},
    {5, 4, "C31.09", "wood", "CN:30 VN:15 PL:15 IT:10 DE:10 US:8 MY:7 RO:5", 0.70},
    {5, 4, "C17.22", "wood", "CN:25 US:20 DE:12 IT:10 PL:8 SE:8 FR:7 ID:5 BR:5", 0.30},
    {5, 5, "C31.09", "wood", "SE:25 DE:20 IT:10 FR:8 NL:5 PL:5 US:20 JP:7", 0.40},
    {5, 5, "G47.59", "wood", "SE:25 DE:20 IT:10 FR:8 NL:5 PL:5 US:20 JP:7", 0.60},
};

/// A named industrial complex: slug (the `cluster` value), country, and the chains it serves
/// (bit c = chain c). Ordered by rough importance; sizes fall off as a Zipf law over this order.
struct ClusterSpec {
  std::string_view slug;
  std::string_view country;
  std::uint8_t chains;
};

inline constexpr std::uint8_t kVeh = 1, kEle = 2, kMac = 4, kFood = 8, kTex = 16, kWood = 32;

inline constexpr ClusterSpec kNamedClusters[] = {
    {"shenzhen-baoan", "CN", kEle},
    {"suzhou-industrial-park", "CN", kEle | kMac},
    {"noksan", "KR", kVeh | kMac},
    {"dongguan", "CN", kEle | kTex | kWood},
    {"changwon", "KR", kMac | kVeh},
    {"hsinchu-science-park", "TW", kEle},
    {"ningbo", "CN", kVeh | kMac},
    {"banwol-sihwa", "KR", kVeh | kEle | kMac},
    {"toyota-city", "JP", kVeh},
    {"bac-ninh", "VN", kEle},
    {"eastern-seaboard", "TH", kVeh | kEle},
    {"penang", "MY", kEle},
    {"chennai", "IN", kVeh},
    {"ashulia", "BD", kTex},
    {"kunshan", "CN", kEle},
    {"ulsan", "KR", kVeh},
    {"gumi", "KR", kEle},
    {"tianjin-binhai", "CN", kVeh | kMac},
    {"chongqing", "CN", kVeh | kEle},
    {"shaoxing-keqiao", "CN", kTex},
    {"wuxi", "CN", kTex | kMac},
    {"foshan", "CN", kWood | kMac},
    {"binh-duong", "VN", kTex | kWood | kFood},
    {"tiruppur", "IN", kTex},
    {"pune-chakan", "IN", kVeh | kMac},
    {"hamamatsu", "JP", kVeh | kMac},
    {"ochang", "KR", kVeh},
    {"ningde", "CN", kVeh},
    {"yibin", "CN", kVeh},
    {"taichung", "TW", kMac},
    {"kumamoto", "JP", kEle},
    {"hai-phong", "VN", kEle | kVeh},
    {"amata-city", "TH", kVeh | kFood},
    {"johor", "MY", kFood | kEle},
    {"bengaluru", "IN", kEle},
    {"chattogram-epz", "BD", kTex},
    {"cikarang", "ID", kVeh | kEle},
    {"phnom-penh-sez", "KH", kTex},
};

/// Where unnamed complexes (`cn-park-57`) lie.
inline constexpr std::string_view kClusterCountries =
    "CN:45 IN:12 VN:10 KR:7 TH:6 MY:5 ID:5 TW:4 JP:4 BD:2";

/// Net turnover per employee (EUR) by country group: median of a log-normal with σ 0.45.
inline constexpr std::string_view kHighIncome =
    "AT BE CY CZ DE DK EE ES FI FR GR HR IE IT LT LU LV MT NL PL PT SE SI SK HU RO BG "
    "US CA AU JP KR TW CH GB";
inline constexpr std::string_view kLowIncome =
    "IN VN ID PH BD PK KH MM CD CI GH NG ET ZM UZ BO PE CO";
inline constexpr double kProductivityHigh = 220'000.0;
inline constexpr double kProductivityMiddle = 70'000.0;
inline constexpr double kProductivityLow = 22'000.0;

/// EU member states (for `eu_turnover_eur`, which only non-EU firms state).
inline constexpr std::string_view kEuMembers =
    "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK";

/// Size-class mix per tier: micro, small, medium, large (EU Recommendation 2003/361/EC classes).
inline constexpr double kSizeMix[6][4] = {
    {0.45, 0.30, 0.15, 0.10},  // raw: smallholders and artisanal mines next to mining majors
    {0.10, 0.25, 0.35, 0.30},  // processing
    {0.30, 0.40, 0.22, 0.08},  // parts: mostly SMEs
    {0.15, 0.35, 0.35, 0.15},  // components
    {0.02, 0.13, 0.35, 0.50},  // systems
    {0.00, 0.00, 0.00, 1.00},  // OEMs: large
};

/// Relative supplier count per tier before the size effect (raw firms buy nothing upstream).
inline constexpr double kTierIntensity[6] = {0.0, 1.2, 0.6, 1.0, 2.0, 3.5};

/// Where the suppliers of a tier-t buyer sit: tier t-1, t-2, and anything further upstream.
inline constexpr double kUpstreamStep[3] = {0.78, 0.17, 0.05};

/// Certifications the generator hands out (names of data/risk/default.yaml).
inline constexpr std::string_view kCertifications[] = {
    "ISO14001",  "ISO45001", "ISO50001", "SA8000",    "RBA-VAP",
    "IATF16949", "FSC",      "RSPO",     "Fairtrade", "Rainforest Alliance",
    "IRMA"};

}  // namespace diligence::generate::detail
