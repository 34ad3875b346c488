#!/usr/bin/env python3
"""Checks that an HTML report is self-contained, structurally sound and renders in a real browser.

    render_check.py [options] REPORT.html

Structure (no browser needed):
  html-head       the page starts with a doctype, declares UTF-8 and has a non-empty <title>
  self-contained  no attribute refers to anything outside the page: src, href, poster, srcset,
                  action, data and xlink:href hold only "#fragment" or "data:" values, no attribute
                  value holds an http:// or https:// URL (xmlns namespace names excepted), no CSS
                  url() other than data: or #fragment, no @import
  no-script       no <script> element (the reports have none; --allow-script turns this off)
  svg-xml         every <svg> element parses as XML (xml.etree), has role="img", a non-empty
                  aria-label, a positive width and height and at least one shape
  charts          every --expect-aria PATTERN (fnmatch) matches the aria-label of some chart,
                  every --expect-svg-class NAME is a class of some chart, and there are at least
                  --min-svgs charts

Rendering (Debian's chromium, headless, a fresh profile, no network: every host name resolves to
nothing and the page's requests are read back from chromium's net log):
  render          chromium exits 0 within --timeout seconds and writes the screenshot
  size            the screenshot has exactly the window's width x height pixels
  not-blank       at least --min-colours distinct colours, at least --min-ink of the pixels differ
                  from the background (the most common colour) and, when the page has charts, at
                  least --min-chroma of the pixels are clearly coloured (not grey)
  console         chromium logged no console message (chromium 156 logs console.error, .warn, .log
                  and uncaught exceptions alike as `INFO:CONSOLE:<line>] "<text>", source: <url>`;
                  a report has no script, so any console message is an error) and nothing FATAL
  network         the page requested nothing but file: and data: URLs

Exit status: 0 every check passed; 1 a check failed; 2 bad usage; 77 (ctest SKIP_RETURN_CODE) the
structure checks passed but there is no chromium to render with, unless DILIGENCE_REQUIRE_BROWSER=1,
which makes a missing browser a failure. The last line names the failed checks in a fixed order:
`render_check: FAIL page.html: failed [console, network]`.

`--save-screenshot FILE` keeps the screenshot; `--window-size 1280xfull` first measures the page's
height (one extra chromium run with --dump-dom on a copy that writes its scrollHeight into the DOM)
and then renders the whole page. `--self-test` checks the PNG decoder (filters 0-4, colour types 2
and 6) and the blank-page measure on synthetic images, without a browser.

Standard library only: PNG decoding is zlib + struct here, with the Up and Sub filters done on whole
rows at once (SIMD within a Python integer) and Average and Paeth byte by byte.
"""

import argparse
import collections
import fnmatch
import json
import os
import pathlib
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
import zlib

EXIT_PASS, EXIT_FAIL, EXIT_USAGE, EXIT_SKIP = 0, 1, 2, 77
CHECK_ORDER = ["html-head", "self-contained", "no-script", "svg-xml", "charts",
               "render", "size", "not-blank", "console", "network"]
BROWSERS = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
MAX_FULL_HEIGHT = 16000

# -------- PNG --------


class PngError(Exception):
    pass


def _swar_masks(n):
    high = int.from_bytes(b"\x80" * n, "big")
    return high, high ^ ((1 << (8 * n)) - 1)


def _add_bytes(a, b, high, low):
    """Byte-wise a + b mod 256 of two equally long rows held as big-endian integers."""
    return ((a & low) + (b & low)) ^ ((a ^ b) & high)


def decode_png(data):
    """(width, height, bytes per pixel, rows) of an 8-bit RGB or RGBA, non-interlaced PNG.

    rows is a list of `bytes`, one per scan line, without filter bytes.
    @throws PngError for anything else or a damaged file.
    """
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise PngError("not a PNG file")
    pos, ihdr, idat = 8, None, []
    while pos + 12 <= len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind = data[pos + 4:pos + 8]
        body = data[pos + 8:pos + 8 + length]
        (crc,) = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        if len(body) != length or zlib.crc32(kind + body) != crc:
            raise PngError("damaged chunk %r" % kind)
        pos += 12 + length
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    if ihdr is None or not idat:
        raise PngError("no IHDR or IDAT chunk")
    width, height, depth, colour, compression, filtering, interlace = ihdr
    if depth != 8 or colour not in (2, 6) or compression or filtering or interlace:
        raise PngError("unsupported PNG: bit depth %d, colour type %d, interlace %d"
                       % (depth, colour, interlace))
    bpp = 3 if colour == 2 else 4
    stride = width * bpp
    raw = zlib.decompress(b"".join(idat))
    if len(raw) != height * (stride + 1):
        raise PngError("image data has %d bytes, expected %d" % (len(raw), height * (stride + 1)))
    high, low = _swar_masks(stride)
    rows, prior = [], bytes(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], raw[start + 1:start + 1 + stride]
        if kind == 0:
            row = line
        elif kind == 1:  # Sub: an inclusive prefix sum per channel, log2(width) whole-row adds
            x, shift = int.from_bytes(line, "big"), bpp
            while shift < stride:
                x = _add_bytes(x, x >> (8 * shift), high, low)
                shift *= 2
            row = x.to_bytes(stride, "big")
        elif kind == 2:  # Up
            row = _add_bytes(int.from_bytes(line, "big"), int.from_bytes(prior, "big"), high,
                             low).to_bytes(stride, "big")
        elif kind == 3:  # Average
            out = bytearray(line)
            for i in range(stride):
                left = out[i - bpp] if i >= bpp else 0
                out[i] = (out[i] + ((left + prior[i]) >> 1)) & 0xFF
            row = bytes(out)
        elif kind == 4:  # Paeth
            out = bytearray(line)
            for i in range(stride):
                a = out[i - bpp] if i >= bpp else 0
                b = prior[i]
                c = prior[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
                out[i] = (out[i] + pred) & 0xFF
            row = bytes(out)
        else:
            raise PngError("row %d has unknown filter type %d" % (y, kind))
        rows.append(row)
        prior = row
    return width, height, bpp, rows


def encode_png(width, height, bpp, rows, filters=(0,)):
    """A PNG of the given rows, row y filtered with filters[y % len(filters)] (for tests)."""
    stride = width * bpp
    raw, prior = bytearray(), bytes(stride)
    for y, row in enumerate(rows):
        kind = filters[y % len(filters)]
        out = bytearray(stride)
        for i in range(stride):
            a = row[i - bpp] if i >= bpp else 0
            b = prior[i]
            c = prior[i - bpp] if i >= bpp else 0
            if kind == 0:
                pred = 0
            elif kind == 1:
                pred = a
            elif kind == 2:
                pred = b
            elif kind == 3:
                pred = (a + b) >> 1
            else:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else (b if pb <= pc else c)
            out[i] = (row[i] - pred) & 0xFF
        raw += bytes([kind]) + out
        prior = row

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body))

    colour = 2 if bpp == 3 else 6
    return (b"\x89PNG\r\n\x1a\n"
            + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, colour, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(bytes(raw), 9)) + chunk(b"IEND", b""))


def pixel_stats(width, height, bpp, rows):
    """(distinct colours, share of non-background pixels, share of coloured pixels)."""
    counts = collections.Counter()
    for row in rows:
        first = row[:bpp]
        if row == first * width:  # one colour across the row: the common case of a page
            counts[first[:3]] += width
        else:
            counts.update(row[i:i + 3] for i in range(0, len(row), bpp))
    total = width * height
    if total == 0:
        return 0, 0.0, 0.0
    background, bg_count = counts.most_common(1)[0]
    coloured = sum(n for c, n in counts.items() if max(c) - min(c) >= 48)
    return len(counts), 1.0 - bg_count / total, coloured / total


# -------- structure --------

TAG_RE = re.compile(r"<([a-zA-Z][a-zA-Z0-9:-]*)((?:\s[^<>]*?)?)\s*/?>", re.S)
ATTR_RE = re.compile(r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?""")
URL_ATTRS = {"src", "href", "xlink:href", "poster", "srcset", "action", "formaction", "data",
             "background", "manifest", "ping", "longdesc", "cite", "codebase", "icon"}
CSS_URL_RE = re.compile(r"""url\(\s*["']?\s*([^"')\s]*)""", re.I)
SHAPES = {"rect", "line", "polyline", "polygon", "circle", "ellipse", "path", "text", "image",
          "use"}


def local_name(tag):
    return tag.rsplit("}", 1)[-1]


def svg_blocks(html):
    """The outermost <svg>...</svg> elements of the page, nested ones kept inside."""
    blocks, depth, start = [], 0, 0
    for m in re.finditer(r"<svg\b|</svg\s*>", html, re.I):
        if m.group(0)[1] != "/":
            if depth == 0:
                start = m.start()
            depth += 1
        elif depth > 0:
            depth -= 1
            if depth == 0:
                blocks.append(html[start:m.end()])
    if depth:
        blocks.append(html[start:])  # unclosed: let the XML parser say so
    return blocks


def is_local_reference(value):
    v = value.strip()
    return v == "" or v.startswith("#") or v.lower().startswith("data:")


def check_structure(html, args):
    """A list of (check, ok, detail) for the structure checks, and the chart labels found."""
    results = []

    head = []
    if not re.match(r"\s*<!doctype html\s*>", html, re.I):
        head.append("no <!DOCTYPE html> at the start")
    if not re.search(r"""<meta\s+charset\s*=\s*["']?utf-8""", html, re.I):
        head.append('no <meta charset="utf-8">')
    title = re.search(r"<title>(.*?)</title>", html, re.I | re.S)
    if not title or not title.group(1).strip():
        head.append("no or empty <title>")
    results.append(("html-head", not head, "; ".join(head) or "doctype, UTF-8, title %r"
                    % title.group(1).strip()[:70]))

    external = []
    for tag in TAG_RE.finditer(html):
        for m in ATTR_RE.finditer(tag.group(2)):
            name = m.group(1).lower()
            value = next((g for g in m.groups()[1:] if g is not None), "")
            if name.startswith("xmlns"):
                continue
            where = "<%s %s=%r>" % (tag.group(1), name, value[:80])
            if name in URL_ATTRS and not is_local_reference(value):
                external.append(where)
            elif re.search(r"https?://|^\s*//", value, re.I):
                external.append(where)
            elif name == "style":
                external += ["<%s style=\"url(%s)\">" % (tag.group(1), u)
                             for u in CSS_URL_RE.findall(value) if not is_local_reference(u)]
    for style in re.findall(r"<style\b[^>]*>(.*?)</style>", html, re.I | re.S):
        external += ["CSS url(%s)" % u for u in CSS_URL_RE.findall(style)
                     if not is_local_reference(u)]
        if re.search(r"@import\b", style, re.I):
            external.append("CSS @import")
    results.append(("self-contained", not external,
                    "refers outside the page: " + ", ".join(external[:5])
                    + (" and %d more" % (len(external) - 5) if len(external) > 5 else "")
                    if external else "no reference outside the page"))

    scripts = len(re.findall(r"<script\b", html, re.I))
    results.append(("no-script", args.allow_script or scripts == 0,
                    "%d <script> element(s)%s" % (scripts, " (allowed)" if args.allow_script
                                                  else "")))

    problems, labels, classes = [], [], []
    blocks = svg_blocks(html)
    for n, block in enumerate(blocks, 1):
        try:
            root = ET.fromstring(block)
        except ET.ParseError as e:
            problems.append("chart %d is not well-formed XML: %s" % (n, e))
            continue
        label = (root.get("aria-label") or "").strip()
        name = "chart %d (%s)" % (n, label or "no label")
        if local_name(root.tag) != "svg":
            problems.append("%s: root element is <%s>" % (name, local_name(root.tag)))
        if root.get("role") != "img":
            problems.append('%s: no role="img"' % name)
        if not label:
            problems.append("%s: no aria-label" % name)
        try:
            if not (float(root.get("width", "0")) > 0 and float(root.get("height", "0")) > 0):
                problems.append("%s: width or height is not positive" % name)
        except ValueError:
            problems.append("%s: width or height is not a number" % name)
        if not any(local_name(e.tag) in SHAPES for e in root.iter()):
            problems.append("%s: draws nothing" % name)
        labels.append(label)
        classes.append(set((root.get("class") or "").split()))
    results.append(("svg-xml", not problems, "; ".join(problems[:5]) if problems else
                    "%d chart(s), each well-formed XML with role=\"img\" and an aria-label"
                    % len(blocks)))

    missing = ["aria-label %r" % p for p in args.expect_aria
               if not any(fnmatch.fnmatchcase(lab, p) for lab in labels)]
    missing += ["class %r" % c for c in args.expect_svg_class if not any(c in s for s in classes)]
    if len(blocks) < args.min_svgs:
        missing.append("at least %d charts (found %d)" % (args.min_svgs, len(blocks)))
    expected = len(args.expect_aria) + len(args.expect_svg_class)
    detail = ("missing " + ", ".join(missing) + "; charts found: "
              + ", ".join(repr(lab) for lab in labels)) if missing else \
        "%d expected chart(s) present among %d" % (expected, len(blocks))
    results.append(("charts", not missing, detail))
    return results, len(blocks)


# -------- browser --------

CONSOLE_RE = re.compile(r":CONSOLE(?::\d+|\(\d+\))\]")
NOISE_RE = re.compile(r"dbus|D-Bus|Floss|UPower|vaapi|InitializeSandbox|unexpected operator")
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:", "chrome:", "chrome-extension:",
                 "devtools:", "chrome-untrusted:")


def browser_names(explicit):
    if explicit:
        return [explicit]
    if os.environ.get("DILIGENCE_CHROMIUM"):
        return [os.environ["DILIGENCE_CHROMIUM"]]
    return BROWSERS


def find_browser(explicit):
    for name in browser_names(explicit):
        path = shutil.which(name)
        if path:
            return path
    return None


def browser_flags(profile, width, height):
    return ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-extensions", "--disable-dev-shm-usage", "--hide-scrollbars",
            "--force-device-scale-factor=1", "--force-color-profile=srgb",
            "--host-resolver-rules=MAP * ~NOTFOUND", "--user-data-dir=" + profile,
            "--window-size=%d,%d" % (width, height)]


def run_browser(cmd, workdir, timeout, log_path):
    """(exit status or None on timeout, seconds). The whole process group dies on timeout."""
    env = dict(os.environ, HOME=workdir, XDG_CONFIG_HOME=os.path.join(workdir, "config"),
               XDG_CACHE_HOME=os.path.join(workdir, "cache"),
               DBUS_SESSION_BUS_ADDRESS="disabled:")
    begin = time.monotonic()
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT,
                                env=env, start_new_session=True)
        try:
            status = proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            status = None
        finally:  # also reaps helpers a clean exit may leave behind
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                pass
            proc.wait()
    return status, time.monotonic() - begin


def measure_height(browser, html_path, width, workdir, timeout):
    """The page's scrollHeight at the given width, from a copy that writes it into its DOM."""
    probe = os.path.join(workdir, "measure.html")
    with open(html_path, "rb") as f:
        page = f.read()
    script = (b"<script>window.addEventListener('load',()=>{document.body.setAttribute("
              b"'data-render-check-height',String(document.documentElement.scrollHeight))})"
              b"</script>")
    with open(probe, "wb") as f:
        f.write(page + script)
    log = os.path.join(workdir, "measure.log")
    cmd = [browser] + browser_flags(os.path.join(workdir, "profile-measure"), width, 800) + [
        "--dump-dom", pathlib.Path(probe).as_uri()]
    status, _ = run_browser(cmd, workdir, timeout, log)
    with open(log, "r", errors="replace") as f:
        m = re.search(r'data-render-check-height="(\d+)"', f.read())
    if status != 0 or not m:
        raise RuntimeError("could not measure the page height (chromium status %s)" % status)
    return int(m.group(1))


def page_requests(netlog_path):
    """URLs the page itself requested (its network isolation key or initiator is file://)."""
    with open(netlog_path, "r", errors="replace") as f:
        text = f.read()
    try:
        events = json.loads(text).get("events", [])
    except json.JSONDecodeError:  # cut short by a kill: chromium writes one event per line
        events = []
        for line in text.splitlines():
            try:
                events.append(json.loads(line.strip().rstrip(",")))
            except json.JSONDecodeError:
                pass
    urls = set()
    for event in events:
        if not isinstance(event, dict):
            continue
        params = event.get("params") or {}
        url = params.get("url")
        if not isinstance(url, str) or url.lower().startswith(LOCAL_SCHEMES):
            continue
        nik, initiator = str(params.get("network_isolation_key", "")), params.get("initiator")
        if "file://" in nik or initiator == "null" or str(initiator).startswith("file:"):
            urls.add(url)
    return sorted(urls)


def check_rendering(browser, html_path, args, width, height, has_charts, workdir):
    results = []
    png = os.path.join(workdir, "screenshot.png")
    netlog = os.path.join(workdir, "netlog.json")
    log_path = os.path.join(workdir, "chromium.log")
    cmd = [browser] + browser_flags(os.path.join(workdir, "profile"), width, height) + [
        "--screenshot=" + png, "--log-net-log=" + netlog, "--enable-logging=stderr", "--v=0",
        pathlib.Path(html_path).resolve().as_uri()]
    status, seconds = run_browser(cmd, workdir, args.timeout, log_path)
    with open(log_path, "r", errors="replace") as f:
        log = f.read().splitlines()
    tail = [line for line in log if not NOISE_RE.search(line)][-8:]
    if status is None:
        results.append(("render", False, "chromium did not finish in %g s (killed); log: %s"
                        % (args.timeout, " | ".join(tail))))
    elif status != 0 or not os.path.exists(png):
        results.append(("render", False, "chromium exited %d%s; log: %s" % (
            status, "" if os.path.exists(png) else " without a screenshot", " | ".join(tail))))
    else:
        results.append(("render", True, "%s in %.1f s" % (os.path.basename(browser), seconds)))

    if os.path.exists(png):
        try:
            with open(png, "rb") as f:
                w, h, bpp, rows = decode_png(f.read())
            ok = (w, h) == (args.expect_width or width, args.expect_height or height)
            results.append(("size", ok, "%dx%d%s" % (w, h, "" if ok else ", expected %dx%d" % (
                args.expect_width or width, args.expect_height or height))))
            colours, ink, chroma = pixel_stats(w, h, bpp, rows)
            min_chroma = args.min_chroma if has_charts else 0.0
            ok = colours >= args.min_colours and ink >= args.min_ink and chroma >= min_chroma
            results.append(("not-blank", ok, "%d colours (min %d), %.2f %% non-background "
                            "(min %.2f %%), %.2f %% coloured (min %.2f %%)" % (
                                colours, args.min_colours, 100 * ink, 100 * args.min_ink,
                                100 * chroma, 100 * min_chroma)))
        except PngError as e:
            results.append(("size", False, "unreadable screenshot: %s" % e))
            results.append(("not-blank", False, "unreadable screenshot"))
        if args.save_screenshot:
            shutil.copyfile(png, args.save_screenshot)
    else:
        results.append(("size", False, "no screenshot"))
        results.append(("not-blank", False, "no screenshot"))

    console = [line.split("] ", 1)[-1] for line in log if CONSOLE_RE.search(line)]
    fatal = [line for line in log if ":FATAL:" in line]
    results.append(("console", not console and not fatal and status is not None,
                    "; ".join((console + fatal)[:5]) if console or fatal else
                    "no console message" if status is not None else "chromium was killed"))

    try:
        urls = page_requests(netlog) if os.path.exists(netlog) else None
    except (OSError, ValueError) as e:
        urls, error = None, str(e)
    else:
        error = "no net log"
    if urls is None:
        results.append(("network", False, "cannot read chromium's net log: %s" % error))
    else:
        results.append(("network", not urls, "requested " + ", ".join(urls[:5]) if urls
                        else "no request beyond file: and data:"))
    return results, cmd


# -------- self-test --------


def self_test():
    """The PNG decoder against the encoder on every filter and both colour types."""
    failures = 0
    for bpp in (3, 4):
        width, height = 37, 23
        rows = [bytes(((x * 7 + y * 13 + c * 71) ^ (x * y)) & 0xFF for x in range(width)
                      for c in range(bpp)) for y in range(height)]
        for filters in ((0,), (1,), (2,), (3,), (4,), (0, 1, 2, 3, 4)):
            got = decode_png(encode_png(width, height, bpp, rows, filters))
            ok = got == (width, height, bpp, rows)
            failures += not ok
            print("  %s  decode colour type %d, filters %s" % ("ok  " if ok else "FAIL",
                                                                2 if bpp == 3 else 6, filters))
    white = [b"\xff" * (64 * 3)] * 48
    colours, ink, _ = pixel_stats(64, 48, 3, decode_png(encode_png(64, 48, 3, white, (1, 4)))[3])
    ok = colours == 1 and ink == 0.0
    failures += not ok
    print("  %s  a white image is blank: %d colour, %.2f %% ink" % ("ok  " if ok else "FAIL",
                                                                   colours, 100 * ink))
    striped = [bytes([200, 30, 30] * 64) if y % 4 == 0 else b"\xff" * 192 for y in range(48)]
    colours, ink, chroma = pixel_stats(64, 48, 3, striped)
    ok = colours == 2 and abs(ink - 0.25) < 1e-9 and abs(chroma - 0.25) < 1e-9
    failures += not ok
    print("  %s  red stripes: %d colours, %.2f %% ink, %.2f %% coloured" % (
        "ok  " if ok else "FAIL", colours, 100 * ink, 100 * chroma))
    try:
        decode_png(encode_png(4, 4, 3, [b"\0" * 12] * 4)[:-20] + b"\0" * 20)
        failures += 1
        print("  FAIL  a damaged PNG is rejected")
    except PngError:
        print("  ok    a damaged PNG is rejected")
    print("render_check: %s self-test" % ("PASS" if failures == 0 else "FAIL"))
    return EXIT_PASS if failures == 0 else EXIT_FAIL


# -------- main --------


def parse_size(text):
    m = re.fullmatch(r"(\d+)[x,](\d+|full)", text)
    if not m:
        raise argparse.ArgumentTypeError("expected WIDTHxHEIGHT or WIDTHxfull, got %r" % text)
    return int(m.group(1)), (None if m.group(2) == "full" else int(m.group(2)))


def main(argv):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("html", nargs="?", help="the report to check")
    ap.add_argument("--self-test", action="store_true", help="test the PNG decoder and exit")
    ap.add_argument("--window-size", type=parse_size, default=(1280, 1600),
                    help="WIDTHxHEIGHT of the browser window and screenshot, or WIDTHxfull for "
                    "the whole page (default 1280x1600)")
    ap.add_argument("--expect-size", type=parse_size, default=None,
                    help="the screenshot size to expect (default: the window size)")
    ap.add_argument("--expect-aria", action="append", default=[], metavar="PATTERN",
                    help="a chart whose aria-label matches this fnmatch pattern must exist")
    ap.add_argument("--expect-svg-class", action="append", default=[], metavar="NAME",
                    help="a chart with this class must exist")
    ap.add_argument("--min-svgs", type=int, default=0, help="at least this many charts")
    ap.add_argument("--min-colours", type=int, default=16)
    ap.add_argument("--min-ink", type=float, default=0.01,
                    help="least share of non-background pixels (default 0.01)")
    ap.add_argument("--min-chroma", type=float, default=0.001,
                    help="least share of coloured pixels when the page has charts (0.001)")
    ap.add_argument("--allow-script", action="store_true", help="do not fail on <script>")
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds for chromium (60)")
    ap.add_argument("--chromium", help="the browser (default: DILIGENCE_CHROMIUM, then "
                    + ", ".join(BROWSERS) + " on PATH)")
    ap.add_argument("--save-screenshot", metavar="PNG", help="keep the screenshot here")
    ap.add_argument("--print-command", action="store_true",
                    help="print the chromium command line that made the screenshot")
    args = ap.parse_args(argv)
    if args.self_test:
        return self_test()
    if not args.html:
        ap.error("no HTML file given")
    width, height = args.window_size
    args.expect_width, args.expect_height = args.expect_size or (None, None)
    name = os.path.basename(args.html)

    try:
        with open(args.html, "rb") as f:
            html = f.read().decode("utf-8")
    except (OSError, UnicodeDecodeError) as e:
        print("render_check: FAIL %s: cannot read it as UTF-8: %s" % (name, e))
        return EXIT_FAIL

    results, charts = check_structure(html, args)
    browser = find_browser(args.chromium)
    if browser is None:
        required = os.environ.get("DILIGENCE_REQUIRE_BROWSER", "") not in ("", "0")
        results.append(("render", not required, "no browser (looked for %s)%s" % (
            ", ".join(browser_names(args.chromium)),
            ": DILIGENCE_REQUIRE_BROWSER is set" if required else ": rendering skipped")))
    else:
        workdir = tempfile.mkdtemp(prefix="render-check-")
        command = None
        try:
            if height is None:
                height = min(MAX_FULL_HEIGHT, measure_height(browser, args.html, width, workdir,
                                                             args.timeout))
            rendered, cmd = check_rendering(browser, args.html, args, width, height, charts > 0,
                                            workdir)
            results += rendered
            shown = [c.replace(workdir, "$TMP") for c in cmd[:-1]] + [args.html]
            command = " ".join("'%s'" % c if " " in c else c for c in shown)
        except RuntimeError as e:
            results.append(("render", False, str(e)))
        finally:
            shutil.rmtree(workdir, ignore_errors=True)

    print("render_check: %s (%dx%s)" % (args.html, width, height if height else "full"))
    for check, ok, detail in results:
        print("  %-4s %-15s %s" % ("ok" if ok else "FAIL", check, detail))
    if browser is not None and args.print_command and command:
        print("  command: " + command)
    failed = [c for c in CHECK_ORDER if any(r[0] == c and not r[1] for r in results)]
    if failed:
        print("render_check: FAIL %s: failed [%s]" % (name, ", ".join(failed)))
        return EXIT_FAIL
    if browser is None:
        print("render_check: SKIP %s: structure checks passed, no browser to render with "
              "(install chromium: scripts/install-deps.sh)" % name)
        return EXIT_SKIP
    print("render_check: PASS %s" % name)
    return EXIT_PASS


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
