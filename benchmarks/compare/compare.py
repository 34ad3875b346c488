#!/usr/bin/python3
"""The Python side of the side-by-side comparison (benchmarks/compare/README.md).

Reads what compare_kernels wrote (the backward CSR, the own terms c, diligence's exposure x and
tiers, meta.json) and what bandwidth wrote, runs the same tasks in scipy.sparse, python-igraph,
graph-tool and networkx, checks that every result agrees with diligence's (exits 1 when one does
not) and prints the result tables as Markdown (also written to --out).

Tasks:
  tiers   full upstream breadth-first search from the focal firm on the reversed graph
          (buyer -> supplier); only the traversal is timed, the graph construction is reported
          on its own row. Agreement: the hop distances equal diligence's tiers exactly.
  linear  x = c + lam W x, W[b, s] = w(s, b), to the same guarantee as diligence: every entry
          within `tolerance` of the exact solution. Agreement: max |x - x_diligence| <= 10 tol.
          (i) Jacobi / fixed-point iteration with sparse @ dense over all K columns at once,
              stopped by the same a-posteriori bound q/(1-q) ||x_k+1 - x_k||_inf <= tol,
              q = lam * max_b sum_s w(s, b);
          (ii) BiCGSTAB per column on (I - lam W) x = c, stopped at ||r||_2 <= (1 - q) tol.
              Since ||(I - lam W)^-1||_inf <= 1 / (1 - q), ||x - x*||_inf <= ||r||_inf / (1 - q)
              <= ||r||_2 / (1 - q) <= tol: the same guarantee (the true residual is checked
              afterwards, since BiCGSTAB's own is a recurrence).
          Both for all K columns and for K = 1 (the first column).

Times: best of --reps runs after one warm-up, time.perf_counter.
Must run under Debian's /usr/bin/python3 (the python3-* packages).
"""

import argparse
import json
import os
import platform
import sys
import time

import numpy as np
import scipy
import scipy.sparse as sp
import scipy.sparse.linalg as spla


def best_of(reps, f):
    """Runs f once as a warm-up, then reps times; returns (shortest time, last result)."""
    result = f()
    best = float("inf")
    for _ in range(reps):
        t0 = time.perf_counter()
        result = f()
        best = min(best, time.perf_counter() - t0)
    return best, result


def once(f):
    t0 = time.perf_counter()
    result = f()
    return time.perf_counter() - t0, result


class Data:
    def __init__(self, d):
        with open(os.path.join(d, "meta.json")) as f:
            self.meta = json.load(f)
        m = self.meta
        self.n, self.m, self.K = m["n"], m["m"], m["K"]
        self.lam, self.tol = m["lambda"], m["tolerance"]
        self.focal = m["focal"]["index"]
        rd = lambda name, dt: np.fromfile(os.path.join(d, name), dtype=dt)
        self.off = rd("in_offsets.u32", "<u4").astype(np.int64)
        self.src = rd("in_sources.u32", "<u4").astype(np.int64)
        self.w = rd("in_weights.f64", "<f8")
        self.c = rd("own_terms.f64", "<f8").reshape(self.n, self.K)
        self.x = rd("exposure.f64", "<f8").reshape(self.n, self.K)
        self.tiers = rd("tiers.i32", "<i4")
        assert self.off.shape == (self.n + 1,) and self.off[-1] == self.m
        assert self.src.shape == (self.m,) and self.w.shape == (self.m,)
        assert self.tiers.shape == (self.n,)
        # Reversed edges buyer -> supplier, in backward-CSR order.
        self.buyer = np.repeat(np.arange(self.n, dtype=np.int64), np.diff(self.off))


# --- linear exposure -----------------------------------------------------------------------------


def jacobi(W, c, lam, bound, tol, max_iter=100000):
    x = c.copy()
    for it in range(1, max_iter + 1):
        y = W @ x
        y *= lam
        y += c
        change = np.max(np.abs(y - x)) if y.size else 0.0
        x = y
        if bound * change <= tol:
            return x, it
    raise RuntimeError("Jacobi did not converge in %d iterations" % max_iter)


def krylov(A, c, atol):
    x = np.empty_like(c)
    iters = 0

    def count(_):
        nonlocal iters
        iters += 1

    for j in range(c.shape[1]):
        b = np.ascontiguousarray(c[:, j])
        xj, info = spla.bicgstab(A, b, x0=b.copy(), tol=0.0, atol=atol, maxiter=10000,
                                 callback=count)
        if info != 0:
            raise RuntimeError("bicgstab failed on column %d (info %d)" % (j, info))
        x[:, j] = xj
    return x, iters


def run_linear(data, reps, rows, failures):
    n, lam, tol = data.n, data.lam, data.tol
    W = sp.csr_matrix((data.w, data.src.astype(np.int32), data.off.astype(np.int32)), shape=(n, n))
    row_sums = np.asarray(W.sum(axis=1)).ravel()
    q = lam * min(1.0, float(row_sums.max()) if n else 0.0)
    bound = q / (1.0 - q)
    A = (sp.identity(n, format="csr") - lam * W).tocsr()
    atol = (1.0 - q) * tol
    meta = data.meta
    times = meta["timings_s"]
    for label, cols, key, dil_info in (
        ("linear exposure, K = %d" % data.K, slice(None), "linear_k", meta["linear_k"]),
        ("linear exposure, K = 1", slice(0, 1), "linear_1", meta["linear_1"]),
    ):
        c = np.ascontiguousarray(data.c[:, cols])
        ref = data.x[:, cols]
        # scipy's times exclude building W and A, so the baseline is diligence's solve on a
        # PropagationPlan prepared once; the one-shot call (preparation included) is listed too.
        dil_time = times[key + "_solve"]
        rows.append(row(label, "diligence", dil_time, dil_time,
                        "solve on a prepared plan; residual %.1e, %d sweeps, %.3g link-category "
                        "updates/s" % (dil_info["residual"], dil_info["sweeps"],
                                       dil_info["link_updates"] / dil_time)))
        rows.append(row(label, "diligence, one call", times[key], dil_time,
                        "preparation included (condensation + relabelled CSR: %.3f s)" %
                        times["plan"]))
        results = []
        t, (x, iters) = best_of(reps, lambda: jacobi(W, c, lam, bound, tol))
        results.append(("Jacobi, sparse @ dense, %d iterations" % iters, t, x))
        t, (x, iters) = best_of(reps, lambda: krylov(A, c, atol))
        # The true residual, not BiCGSTAB's recurrence.
        r = np.max(np.abs(c - A @ x)) if x.size else 0.0
        note = "BiCGSTAB per column, %d iterations in all, true residual %.1e" % (iters, r)
        if r > atol:
            note += " (above (1-q) tol = %.1e: the bound does not hold)" % atol
        results.append((note, t, x))
        results.sort(key=lambda e: e[1])
        for i, (note, t, x) in enumerate(results):
            diff = float(np.max(np.abs(x - ref))) if x.size else 0.0
            ok = diff <= 10 * tol
            tool = "scipy.sparse" if i == 0 else "scipy.sparse (slower method)"
            rows.append(row(label, tool, t, dil_time,
                            "%smax abs diff %.1e (%s 10 tol); %s" %
                            ("" if ok else "MISMATCH: ", diff, "<=" if ok else ">", note)))
            if not ok:
                failures.append("%s, %s: max |x - x_diligence| = %g > 10 * %g" %
                                (label, note, diff, tol))
    return q


# --- tiers ---------------------------------------------------------------------------------------


def check_tiers(name, dist, data, failures):
    dist = np.asarray(dist, dtype=np.int64)
    ok = np.array_equal(dist, data.tiers.astype(np.int64))
    if not ok:
        bad = int(np.count_nonzero(dist != data.tiers))
        failures.append("tiers, %s: %d firms differ from diligence" % (name, bad))
        return "MISMATCH: %d firms differ" % bad
    return "exact (%d firms upstream)" % int(np.count_nonzero(dist > 0))


def layers_to_dist(n, vids, layers):
    dist = np.full(n, -1, dtype=np.int64)
    vids = np.asarray(vids, dtype=np.int64)
    for depth in range(len(layers) - 1):
        dist[vids[layers[depth]:layers[depth + 1]]] = depth
    return dist


def run_tiers(data, reps, rows, failures, networkx_max_links, quick):
    meta = data.meta
    label = "tiers (full upstream BFS)"
    build = "build reversed graph"
    dil = meta["timings_s"]["tiers"]
    rows.append(row(label, "diligence", dil, dil, "reference (%d firms upstream, max tier %d)" %
                    (meta["focal"]["upstream_firms"], meta["focal"]["max_tier"])))
    rows.append(row(label, "Boost.Graph (adjacency_list)", meta["timings_s"]["bgl_bfs"], dil,
                    "exact (checked in compare_kernels)" if meta["checks"]["bgl_bfs_equals_tiers"]
                    else "MISMATCH"))
    if not meta["checks"]["bgl_bfs_equals_tiers"]:
        failures.append("tiers, Boost.Graph: distances differ from diligence")
    rows.append(row(build, "Boost.Graph (adjacency_list)", meta["timings_s"]["bgl_build"], None,
                    "add_edge per link"))
    edges = np.column_stack((data.buyer, data.src))

    import igraph
    t, g = once(lambda: igraph.Graph(n=data.n, edges=edges, directed=True))
    rows.append(row(build, "python-igraph", t, None, "Graph(n, edges from a NumPy array)"))
    t, (vids, layers, _) = best_of(reps, lambda: g.bfs(data.focal, mode="out"))
    rows.append(row(label, "python-igraph", t, dil,
                    check_tiers("python-igraph", layers_to_dist(data.n, vids, layers), data,
                                failures) + "; Graph.bfs"))
    del g

    import graph_tool
    import graph_tool.topology

    def gt_build():
        g = graph_tool.Graph(directed=True)
        g.add_vertex(data.n)
        g.add_edge_list(edges)
        return g

    t, g = once(gt_build)
    rows.append(row(build, "graph-tool", t, None, "add_edge_list from a NumPy array"))
    src_v = g.vertex(data.focal)
    t, d = best_of(reps, lambda: graph_tool.topology.shortest_distance(g, source=src_v))
    dist = d.a.astype(np.int64)
    dist[dist == np.iinfo(np.int32).max] = -1
    rows.append(row(label, "graph-tool", t, dil,
                    check_tiers("graph-tool", dist, data, failures) +
                    "; shortest_distance (unweighted)"))
    del g, d

    import networkx as nx
    if quick or data.m > networkx_max_links:
        why = "--quick" if quick else "%d links > %d" % (data.m, networkx_max_links)
        rows.append(row(label, "networkx", None, dil, "skipped (%s)" % why))
    else:
        def nx_build():
            g = nx.DiGraph()
            g.add_nodes_from(range(data.n))
            g.add_edges_from(edges.tolist())
            return g

        t, g = once(nx_build)
        rows.append(row(build, "networkx", t, None, "DiGraph.add_edges_from"))
        t, lengths = best_of(reps, lambda: nx.single_source_shortest_path_length(g, data.focal))
        dist = np.full(data.n, -1, dtype=np.int64)
        for v, d in lengths.items():
            dist[v] = d
        rows.append(row(label, "networkx", t, dil,
                        check_tiers("networkx", dist, data, failures) +
                        "; single_source_shortest_path_length"))
        del g


# --- memory limits -------------------------------------------------------------------------------


def gather_rate(bw, row_bytes, table, threads):
    for g in bw["gather"]:
        if g["row_bytes"] == row_bytes and g["table"] == table and g["threads"] == threads:
            return g["gathers_per_s"]
    return None


def limits_table(data, bw):
    meta = data.meta
    t = meta["timings_s"]
    links = meta["focal"]["links_scanned"]
    threads = sorted({g["threads"] for g in bw["gather"]})
    head = ["kernel", "rate (per s)", "limit probe"]
    for th in threads:
        head += ["limit, %d thr (large / network table)" % th,
                 "share, %d thr (large / network)" % th]
    out = [head]

    def add(kernel, rate, probe, row_bytes, high=None):
        cells = [kernel, "%.3g" % rate + ("" if high is None else " - %.3g" % high), probe]
        for th in threads:
            big = gather_rate(bw, row_bytes, "large", th)
            net = gather_rate(bw, row_bytes, "network", th)
            fmt = lambda v: "%.3g" % v if v else "-"

            def pct(v):
                if not v:
                    return "-"
                lo = "%.0f %%" % (100 * rate / v)
                return lo if high is None else "%s - %.0f %%" % (lo[:-2], 100 * high / v)

            cells += ["%s / %s" % (fmt(big), fmt(net)), "%s / %s" % (pct(big), pct(net))]
        out.append(cells)

    add("tiers, diligence: links scanned", links / t["tiers"],
        "4 B sequential index + random 4 B gather", 4)
    add("tiers, Boost.Graph BFS: links scanned", links / t["bgl_bfs"],
        "4 B sequential index + random 4 B gather", 4)
    for key, k, probe, row_bytes in (("linear_k", data.K, "random 88 B row gather (11 doubles)",
                                      88), ("linear_1", 1, "random 8 B gather", 8)):
        # The solver counts its link-category updates (sweeps and residual check included); one
        # row gather serves k of them.
        gathers = meta[key]["link_updates"] / k
        add("linear K=%d, diligence (prepared plan): row gathers, %d sweeps" %
            (k, meta[key]["sweeps"]), gathers / t[key + "_solve"], probe, row_bytes)
    return out


def bandwidth_table(bw):
    out = [["probe", "threads", "size", "GB/s", "rate"]]
    for tr in bw["triad"]:
        out.append(["triad a = b + s c", str(tr["threads"]), "3 x %d MB" % tr["array_mb"],
                    "%.2f (24 B/elt); %.2f with write-allocate (32 B/elt)" %
                    (tr["gb_s"], tr["gb_s_write_allocate"]),
                    "%.3g elements/s" % (tr["elements"] / tr["seconds"])])
    for g in bw["gather"]:
        out.append(["random gather, %d B rows, %s table" % (g["row_bytes"], g["table"]),
                    str(g["threads"]), "%d rows, %.0f MB" % (g["table_rows"], g["table_mb"]),
                    "%.2f (row bytes)" % g["gb_s"], "%.3g gathers/s" % g["gathers_per_s"]])
    return out


# --- output --------------------------------------------------------------------------------------


def row(task, tool, t, ref, agreement):
    if t is None:
        return [task, tool, "-", "-", agreement]
    ratio = "-" if ref is None else "%.2f" % (t / ref)
    return [task, tool, "%.4f s" % t, ratio, agreement]


def markdown(table):
    lines = ["| " + " | ".join(table[0]) + " |", "|" + "---|" * len(table[0])]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in table[1:]]
    return "\n".join(lines)


def cpu_model():
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", required=True, help="compare_kernels output directory")
    ap.add_argument("--bandwidth", help="bandwidth JSON")
    ap.add_argument("--out", required=True, help="Markdown file to write")
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="skip networkx")
    ap.add_argument("--networkx-max-links", type=int, default=2_000_000)
    ap.add_argument("--command", default="", help="the command line, for the report")
    a = ap.parse_args()

    data = Data(a.data)
    failures = []
    rows = [["task", "tool", "time", "ratio vs diligence", "agreement"]]
    run_tiers(data, a.reps, rows, failures, a.networkx_max_links, a.quick)
    q = run_linear(data, a.reps, rows, failures)

    import igraph
    import graph_tool
    import networkx
    meta = data.meta
    doc = []
    doc.append("## Side-by-side comparison\n")
    doc.append("Generated by `benchmarks/compare/run.sh%s` on %s (%d CPUs, %s, Python %s), %s UTC." %
               ((" " + a.command) if a.command else "", cpu_model(), os.cpu_count(),
                platform.platform(), platform.python_version(),
                time.strftime("%Y-%m-%d %H:%M", time.gmtime())))
    doc.append("Network: %d firms, %d links, K = %d categories; focal firm %s (index %d, %d "
               "suppliers, %d firms upstream, max tier %d, chosen among %d OEMs with the most "
               "suppliers). Linear exposure: lambda = %g, u = %g, tolerance %g, q = %.6g." %
               (data.n, data.m, data.K, meta["focal"]["id"], data.focal,
                meta["focal"]["suppliers"], meta["focal"]["upstream_firms"],
                meta["focal"]["max_tier"], meta["focal"]["candidates_tried"], data.lam,
                meta["unmapped_risk"], data.tol, q))
    doc.append("Versions: Boost %s, NumPy %s, SciPy %s, python-igraph %s, graph-tool %s, "
               "networkx %s." % (meta.get("boost", "?"), np.__version__, scipy.__version__,
                                 igraph.__version__, graph_tool.__version__.split()[0],
                                 networkx.__version__))
    doc.append("Times: best of %d runs after a warm-up (diligence and Boost.Graph: "
               "std::chrono::steady_clock in compare_kernels; Python: time.perf_counter). "
               "Ratio = tool time / diligence time (above 1: diligence is faster). Graph "
               "construction is not part of the timed task.\n" % a.reps)
    doc.append(markdown(rows))
    if a.bandwidth:
        with open(a.bandwidth) as f:
            bw = json.load(f)
        doc.append("\n### Against the memory limits\n")
        doc.append("Rates of the kernels above as a share of the random-gather rate measured by "
                   "`bandwidth` (the large table is far beyond the cache; the network table has "
                   "one row per firm, like the kernel's working set). Linear exposure gathers one "
                   "supplier row per link it reads; the solver counts those reads exactly "
                   "(`link_updates`: the acyclic part once, every sweep over a cycle and the "
                   "residual check), and each thread gathers its own group of categories, so a "
                   "K = 11 gather is 40-48 bytes per thread.\n")
        doc.append(markdown(limits_table(data, bw)))
        doc.append("\n### Memory bandwidth probe\n")
        doc.append(markdown(bandwidth_table(bw)))
    if failures:
        doc.append("\n**AGREEMENT FAILURES:**\n\n" + "\n".join("- " + f for f in failures))
    text = "\n\n".join(doc) + "\n"
    os.makedirs(os.path.dirname(os.path.abspath(a.out)), exist_ok=True)
    with open(a.out, "w") as f:
        f.write(text)
    print(text)
    if failures:
        print("compare.py: FAIL: results disagree:\n  " + "\n  ".join(failures), file=sys.stderr)
        return 1
    print("compare.py: all results agree; table written to %s" % a.out, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
