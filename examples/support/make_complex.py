#!/usr/bin/env python3
"""Builds examples/support/complex-2000: a fictional Korean industrial complex of 2 000 SME tenants
in the supply chains of EU buyers, for the `diligence support` example (docs/support.md).

    python3 examples/support/make_complex.py [OUT_DIR]     # default: complex-2000 beside this file

The output is deterministic (seeded) and is checked in; run the script again only to change the
example. All firms are fictional. Figures are plausible orders of magnitude, not data.

Shape (edges point from supplier to buyer, the way goods flow):

    EU buyers (targets: csddd-2026 applies on 2029-09-01)   DE-AUTO  FR-ELEC  SE-MACH  NL-MED
        ▲ shares of their procurement                        (IT-PUMP: EU, below the thresholds)
    Korean exporters (large, non-EU, below csddd-2026's EU turnover threshold)
        KR-EXP-AUTO  KR-EXP-BATT  KR-EXP-ELEC  KR-EXP-MACH  KR-EXP-MEDI
        ▲ spend                                        40 tenants also export to EU buyers directly
    tenants, layer 2 (260)   direct suppliers of the exporters          tier 2 of a target
    tenants, layer 3 (500)   suppliers of layer 2, some machining ⇄ tooling cycles    tier 3
    tenants, layer 4 (550)   suppliers of layer 3                       tier 4: not urgent
    tenants, layer 5 (350)   suppliers of layer 4                       tier 5
    domestic tenants (300)   supply Korean shipyards and builders only  not upstream of a target
    overseas inputs          CN steel and chemicals, VN textiles, ID rubber, a DR Congo cobalt
                             trader and an Indonesian tin smelter supply tenants of layers 3 to 5

Tenants: micro 35 %, small 45 %, medium 18 %, 2 % without turnover (size unknown). 60 tenants of
deeper layers export elsewhere (so they are urgent although far from the EU buyers). 500 tenants
took the KICOX self-diagnosis: their E, S and G scores are drawn around the pre-consulting means of
reference/regulation.md (E 54.9 %, S 69.4 %, G 24.3 %). Twelve tenants have a known incident. Tenants with scores or an
incident are written in scenario.yaml (the CSV format has no assessment or incident column); the
other tenants are in firms.csv.
"""
import math
import os
import random
import sys

SEED = 20240521
N_TENANTS = 2000
LAYERS = [("L1", 40), ("L2", 260), ("L3", 500), ("L4", 550), ("L5", 350), ("D", 300)]
AS_OF = "2029-09-01"

# Sector mix of the tenants: (NACE code, weight, what they supply).
SECTORS = [
    ("C25.62", 14, "machined parts"), ("C25.61", 6, "plating services"),
    ("C25.73", 5, "tooling"), ("C28.41", 6, "machine tools"), ("C28.29", 6, "machinery parts"),
    ("C29.32", 15, "auto parts"), ("C26.11", 7, "electronics"), ("C27.20", 4, "battery parts"),
    ("C27.33", 4, "wiring devices"), ("C22.19", 8, "rubber parts"), ("C22.29", 6, "plastic parts"),
    ("C20.59", 5, "chemicals"), ("C24.10", 3, "steel"), ("C24.42", 2, "aluminium"),
    ("C13.96", 3, "technical textiles"), ("C32.50", 3, "medical consumables"),
    ("H49.41", 2, "freight transport"), ("N81.22", 1, "cleaning services"),
]
# Commodities the risk model knows, on the links of tenants of these sectors.
COMMODITY = {"C24.10": "steel", "C24.42": "aluminium", "C26.11": "electronics",
             "C22.19": "rubber", "C13.96": "cotton", "C27.20": "nickel"}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "complex-2000")
    os.makedirs(out, exist_ok=True)
    rng = random.Random(SEED)
    sector_codes = [s[0] for s in SECTORS]
    sector_weights = [s[1] for s in SECTORS]
    what = {s[0]: s[2] for s in SECTORS}

    tenants = []  # dicts
    layer_of = {}
    n = 0
    for layer, count in LAYERS:
        for _ in range(count):
            n += 1
            tid = f"KR-T{n:04d}"
            r = rng.random()
            if r < 0.35:
                employees, turnover = rng.randint(3, 9), rng.randint(3, 19) * 100_000
            elif r < 0.80:
                employees, turnover = rng.randint(10, 49), rng.randint(21, 99) * 100_000
            elif r < 0.98:
                employees, turnover = rng.randint(50, 240), rng.randint(11, 49) * 1_000_000
            else:
                employees, turnover = rng.randint(10, 120), None
            sector = rng.choices(sector_codes, sector_weights)[0]
            if layer == "L1":
                sector = rng.choice(["C29.32", "C26.11", "C25.62", "C32.50", "C27.33"])
            t = {"id": tid, "sector": sector, "employees": employees, "turnover": turnover,
                 "layer": layer, "exporter": layer == "L1", "scores": None, "incident": None}
            tenants.append(t)
            layer_of[tid] = layer
    by_layer = {layer: [t for t in tenants if t["layer"] == layer] for layer, _ in LAYERS}
    for t in rng.sample(by_layer["L3"] + by_layer["L4"] + by_layer["L5"], 60):
        t["exporter"] = True
    # KICOX self-diagnosis for 500 tenants, around the pre-consulting means.
    def clip(v):
        return min(1.0, max(0.0, v))
    for t in rng.sample(tenants, 500):
        t["scores"] = (round(clip(rng.gauss(0.549, 0.15)), 2), round(clip(rng.gauss(0.694, 0.12)), 2),
                       round(clip(rng.gauss(0.243, 0.12)), 2))
    for t, cat in zip(rng.sample(by_layer["L3"] + by_layer["L4"] + by_layer["L5"] + by_layer["D"], 12),
                      ["health_safety"] * 5 + ["wages_hours"] * 3 + ["pollution"] * 2 + ["forced_labour"] * 2):
        t["incident"] = cat

    links = []  # (supplier, buyer, spend, share, commodity)

    def spend_for(t):
        base = {True: 4.0, False: 1.0}[t["employees"] >= 50]
        return int(round(base * rng.lognormvariate(12.5, 0.9), -3))

    def commodity_of(t):
        return COMMODITY.get(t["sector"], what[t["sector"]])

    exporters = ["KR-EXP-AUTO", "KR-EXP-BATT", "KR-EXP-ELEC", "KR-EXP-MACH", "KR-EXP-MEDI"]
    exporter_sector = {"KR-EXP-AUTO": ["C29.32", "C25.62", "C22.19", "C22.29", "C28.29", "C27.33"],
                       "KR-EXP-BATT": ["C27.20", "C24.42", "C20.59", "C25.62", "C26.11"],
                       "KR-EXP-ELEC": ["C26.11", "C27.33", "C22.29", "C25.73", "C20.59"],
                       "KR-EXP-MACH": ["C28.41", "C28.29", "C25.62", "C25.61", "C24.10"],
                       "KR-EXP-MEDI": ["C32.50", "C13.96", "C22.29", "C20.59"]}
    # EU buyers' shares from the exporters and the directly exporting tenants.
    eu_links = {"DE-AUTO": [("KR-EXP-AUTO", 0.06), ("KR-EXP-BATT", 0.08)],
                "FR-ELEC": [("KR-EXP-ELEC", 0.07), ("KR-EXP-BATT", 0.03)],
                "SE-MACH": [("KR-EXP-MACH", 0.05), ("KR-EXP-AUTO", 0.02)],
                "NL-MED": [("KR-EXP-MEDI", 0.09), ("KR-EXP-ELEC", 0.02)],
                "IT-PUMP": [("KR-EXP-MACH", 0.04)]}
    l1_buyers = {"C29.32": "DE-AUTO", "C26.11": "FR-ELEC", "C25.62": "SE-MACH", "C32.50": "NL-MED",
                 "C27.33": "FR-ELEC"}
    for t in by_layer["L1"]:
        buyer = l1_buyers[t["sector"]]
        if rng.random() < 0.15:
            buyer = "IT-PUMP"
        eu_links[buyer].append((t["id"], round(rng.uniform(0.001, 0.006), 4)))
    for buyer, sups in eu_links.items():
        for s, share in sups:
            links.append((s, buyer, None, share, None))
    # Exporters buy from layer 1 and 2 tenants (by sector) and from each other.
    def pick_exporters(t, k):
        fits = [e for e in exporters if t["sector"] in exporter_sector[e]] or exporters
        return rng.sample(fits, min(k, len(fits)))
    for t in by_layer["L1"]:
        for e in pick_exporters(t, 1):
            links.append((t["id"], e, spend_for(t), None, commodity_of(t)))
    for t in by_layer["L2"]:
        for e in pick_exporters(t, 1 if rng.random() < 0.7 else 2):
            links.append((t["id"], e, spend_for(t), None, commodity_of(t)))
    links.append(("KR-EXP-BATT", "KR-EXP-AUTO", 180_000_000, None, "batteries"))
    links.append(("KR-EXP-ELEC", "KR-EXP-AUTO", 95_000_000, None, "electronics"))
    # Deeper layers: each tenant supplies 1-3 tenants of the layer below it.
    seen = set((l[0], l[1]) for l in links)

    def add(s, b, spend, commodity):
        if s == b or (s, b) in seen:
            return
        seen.add((s, b))
        links.append((s, b, spend, None, commodity))
    for upper, lower in [("L3", "L2"), ("L4", "L3"), ("L5", "L4")]:
        buyers = by_layer[lower]
        for t in by_layer[upper]:
            k = rng.choices([1, 2, 3], [0.55, 0.3, 0.15])[0]
            for b in rng.sample(buyers, k):
                add(t["id"], b["id"], spend_for(t), commodity_of(t))
    # Machining ⇄ tooling and plating cycles inside layer 3.
    l3 = by_layer["L3"]
    for _ in range(30):
        a, b = rng.sample(l3, 2)
        add(a["id"], b["id"], spend_for(a), commodity_of(a))
        add(b["id"], a["id"], spend_for(b), commodity_of(b))
    # Domestic tenants: Korean shipyards and builders, and each other.
    for t in by_layer["D"]:
        add(t["id"], rng.choice(["KR-DOM-SHIP", "KR-DOM-BUILD"]), spend_for(t), commodity_of(t))
        if rng.random() < 0.3:
            add(t["id"], rng.choice(by_layer["D"])["id"], spend_for(t), commodity_of(t))
    # Overseas inputs into the deeper layers.
    overseas = [("CN-STEEL", "steel", ["C25.62", "C25.73", "C28.41", "C28.29", "C24.10"]),
                ("CN-CHEM", "chemicals", ["C20.59", "C22.19", "C22.29", "C25.61"]),
                ("VN-TEX", "cotton", ["C13.96", "C32.50"]),
                ("ID-RUBBER", "rubber", ["C22.19"]),
                ("CD-TRADE", "cobalt", ["C27.20"]),
                ("ID-TIN", "tin", ["C26.11", "C27.33"])]
    for firm, commodity, sectors in overseas:
        for t in by_layer["L3"] + by_layer["L4"] + by_layer["L5"]:
            if t["sector"] in sectors and rng.random() < 0.35:
                add(firm, t["id"], int(round(rng.uniform(50_000, 900_000), -3)), commodity)

    write_yaml(out, tenants)
    write_firms_csv(out, tenants)
    write_links_csv(out, links)
    print(f"{len(tenants)} tenants, {len(links)} links -> {out}")


HEADER = f"""# complex-2000: 2 000 SME tenants of a fictional Korean industrial complex ("Hanbit") in the
# supply chains of EU buyers. Written by examples/support/make_complex.py (seeded); all firms are
# fictional, figures are plausible orders of magnitude, not data. See examples/support/README.md.
#
# Targets of the support (programmes.yaml): the firms to which csddd-2026 applies on {AS_OF}:
# DE-AUTO, FR-ELEC, SE-MACH and NL-MED (EU, more than 5 000 employees and EUR 1 500m). IT-PUMP
# buys from the complex too but is below the thresholds. The Korean exporters are large; their EU
# turnover is below csddd-2026's EUR 1 500m for non-EU companies.
#
# Tenants that took the KICOX self-diagnosis are listed here with their E, S, G scores (the CSV
# format has no assessment column); the other tenants, the exporters' links and every other link
# are in firms.csv and links.csv.

format: diligence/1
name: Hanbit industrial complex (2 000 tenants)
as_of: {AS_OF}
currency: EUR
include:
  firms_csv: firms.csv
  links_csv: links.csv

firms:
  # EU buyers
  - {{id: DE-AUTO, name: Rheinwerk Automobil AG, country: DE, sector: C29.10, employees: 68000, turnover_eur: 52000000000}}
  - {{id: FR-ELEC, name: Électrique de Loire SA, country: FR, sector: C27.90, employees: 21000, turnover_eur: 9000000000}}
  - {{id: SE-MACH, name: Nordkap Maskin AB, country: SE, sector: C28.92, employees: 12000, turnover_eur: 6000000000}}
  - {{id: NL-MED, name: Zeeland Medical BV, country: NL, sector: C32.50, employees: 7500, turnover_eur: 2100000000}}
  - {{id: IT-PUMP, name: Pompe Brianza SpA, country: IT, sector: C28.13, employees: 3200, turnover_eur: 900000000}}
  # Korean exporters and domestic buyers (large)
  - {{id: KR-EXP-AUTO, name: Hanbit Motor Parts, country: KR, sector: C29.32, employees: 4200, turnover_eur: 3100000000, eu_turnover_eur: 900000000, exporter: true}}
  - {{id: KR-EXP-BATT, name: Hanbit Cell, country: KR, sector: C27.20, employees: 2600, turnover_eur: 1900000000, eu_turnover_eur: 700000000, exporter: true}}
  - {{id: KR-EXP-ELEC, name: Hanbit Electronics, country: KR, sector: C26.11, employees: 1800, turnover_eur: 1200000000, eu_turnover_eur: 400000000, exporter: true}}
  - {{id: KR-EXP-MACH, name: Hanbit Machinery, country: KR, sector: C28.41, employees: 900, turnover_eur: 600000000, eu_turnover_eur: 150000000, exporter: true}}
  - {{id: KR-EXP-MEDI, name: Hanbit Medical, country: KR, sector: C32.50, employees: 400, turnover_eur: 150000000, eu_turnover_eur: 60000000, exporter: true}}
  - {{id: KR-DOM-SHIP, name: Hanbit Shipbuilding, country: KR, sector: C30.11, employees: 9000, turnover_eur: 7000000000}}
  - {{id: KR-DOM-BUILD, name: Hanbit Construction, country: KR, sector: F41.20, employees: 5000, turnover_eur: 4000000000}}
  # Overseas inputs
  - {{id: CN-STEEL, name: Hebei Strip Steel, country: CN, sector: C24.10, employees: 8000, turnover_eur: 3000000000}}
  - {{id: CN-CHEM, name: Jiangsu Fine Chemicals, country: CN, sector: C20.59, employees: 1200, turnover_eur: 400000000}}
  - {{id: VN-TEX, name: Dong Nai Textiles, country: VN, sector: C13.96, employees: 600, turnover_eur: 40000000}}
  - {{id: ID-RUBBER, name: Sumatra Rubber Processing, country: ID, sector: C22.19, employees: 700, turnover_eur: 60000000}}
  - {{id: CD-TRADE, name: Lualaba Minerals Trading, country: CD, sector: G46.72, employees: 300, turnover_eur: 30000000}}
  - {{id: ID-TIN, name: Bangka Tin Smelting, country: ID, sector: C24.43, employees: 900, turnover_eur: 200000000}}
  # Tenants with a KICOX self-diagnosis (scores) or a known incident
"""


def size_fields(t):
    s = f"employees: {t['employees']}"
    if t["turnover"] is not None:
        s += f", turnover_eur: {t['turnover']}"
    return s


def write_yaml(out, tenants):
    lines = [HEADER]
    for t in tenants:
        if t["scores"] is None and t["incident"] is None:
            continue
        extra = ""
        if t["exporter"]:
            extra += ", exporter: true"
        if t["scores"] is not None:
            e, s, g = t["scores"]
            extra += f", assessment: {{scores: {{E: {e}, S: {s}, G: {g}}}}}"
        if t["incident"] is not None:
            extra += f", incidents: [{{category: {t['incident']}, known: true}}]"
        lines.append(f"  - {{id: {t['id']}, country: KR, sector: {t['sector']}, {size_fields(t)}, "
                     f"cluster: hanbit{extra}}}\n")
    lines.append("\nlinks: []\n")
    with open(os.path.join(out, "scenario.yaml"), "w", encoding="utf-8") as f:
        f.write("".join(lines))


def write_firms_csv(out, tenants):
    rows = ["id,country,sector,employees,turnover_eur,cluster,exporter"]
    for t in tenants:
        if t["scores"] is not None or t["incident"] is not None:
            continue
        turnover = "" if t["turnover"] is None else str(t["turnover"])
        rows.append(f"{t['id']},KR,{t['sector']},{t['employees']},{turnover},hanbit,"
                    f"{'true' if t['exporter'] else 'false'}")
    with open(os.path.join(out, "firms.csv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(rows) + "\n")


def write_links_csv(out, links):
    rows = ["supplier,buyer,spend_eur,share,commodity"]
    for s, b, spend, share, commodity in links:
        rows.append(f"{s},{b},{'' if spend is None else spend},{'' if share is None else share},"
                    f"{commodity or ''}")
    with open(os.path.join(out, "links.csv"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(rows) + "\n")


if __name__ == "__main__":
    main()
