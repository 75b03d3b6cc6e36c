/**
 * Readability checks of a rendered dashboard page, run in the browser by the
 * browser tests and by `npm run screenshots`:
 *  - the page body never scrolls sideways (a wide table may scroll inside its own box);
 *  - no table cell (th/td) and nothing inside one cuts its text (overflow hidden or an
 *    ellipsis with more text than room);
 *  - no cell shows Framework's error box;
 *  - every chart (a Plot svg) sits in a figure with a title, the unit in the title or
 *    subtitle ("… (tin, bài)"), and a legend; no two tick labels of an axis overlap (flat
 *    labels by their boxes, turned ones by the distance between their lines) or run outside the chart.
 */
import type { Page } from "playwright-core";

/** The two widths every page is checked and photographed at: desktop and phone. */
export const VIEWPORTS = [
  { width: 1400, height: 900 },
  { width: 390, height: 844 },
] as const;

export type LayoutProblem =
  | { kind: "body-scroll"; scrollWidth: number; innerWidth: number }
  | { kind: "cut-text"; tag: string; text: string; scrollWidth: number; clientWidth: number }
  | { kind: "chart"; missing: ("title" | "unit" | "legend")[]; title: string }
  | { kind: "cell-error"; text: string }
  | { kind: "tick-overlap"; chart: string; a: string; b: string }
  | { kind: "tick-clipped"; chart: string; text: string };

/**
 * Waits until the page's cells have run and the charts are drawn at their final width: fonts
 * loaded, then no change under #observablehq-main for `quietMs` (a cell that depends on `width`
 * draws again once the page has laid out), at most `maxMs`.
 */
export async function settle(page: Page, { quietMs = 300, maxMs = 5_000 } = {}): Promise<void> {
  await page.waitForSelector("#observablehq-main h1", { timeout: 20_000 });
  await page.evaluate(`new Promise((done) => {
    document.fonts.ready.then(() => {
      const main = document.querySelector("#observablehq-main") ?? document.body;
      let timer = setTimeout(finish, ${quietMs});
      const cap = setTimeout(finish, ${maxMs});
      const observer = new MutationObserver(() => { clearTimeout(timer); timer = setTimeout(finish, ${quietMs}); });
      observer.observe(main, {childList: true, subtree: true, attributes: true});
      function finish() { observer.disconnect(); clearTimeout(timer); clearTimeout(cap); done(); }
    });
  })`);
}

/** The layout problems of the page as it is now (empty when it reads well). */
export async function auditLayout(page: Page): Promise<LayoutProblem[]> {
  // A string, so no bundler or test runner rewrites the code run in the browser.
  return page.evaluate(`(() => {
    const problems = [];
    const root = document.documentElement;
    if (root.scrollWidth > window.innerWidth) problems.push({kind: "body-scroll", scrollWidth: root.scrollWidth, innerWidth: window.innerWidth});
    const main = document.querySelector("#observablehq-main") ?? document.body;
    for (const el of main.querySelectorAll(".observablehq--error")) problems.push({kind: "cell-error", text: (el.textContent ?? "").trim().slice(0, 120)});
    const visible = (el) => el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden";
    const cuts = (el) => {
      const style = getComputedStyle(el);
      const clips = style.textOverflow === "ellipsis" || style.overflowX === "hidden" || style.overflowX === "clip";
      return clips && el.scrollWidth > el.clientWidth + 1;
    };
    for (const cell of main.querySelectorAll("th, td")) {
      if (!visible(cell)) continue;
      for (const el of [cell, ...cell.querySelectorAll("*")]) {
        if (el instanceof SVGElement || !visible(el) || !cuts(el)) continue;
        problems.push({kind: "cut-text", tag: el.tagName.toLowerCase(), text: (el.textContent ?? "").trim().slice(0, 80), scrollWidth: el.scrollWidth, clientWidth: el.clientWidth});
        break;
      }
    }
    const isChart = (svg) => [...svg.classList].some((c) => /^plot-[0-9a-f]+$/.test(c));
    for (const svg of main.querySelectorAll("svg")) {
      if (!isChart(svg) || !visible(svg)) continue;
      const figure = svg.closest("figure");
      const heading = figure?.querySelector(":scope > h2");
      const sub = figure?.querySelector(":scope > h3");
      const title = (heading?.textContent ?? "").trim();
      const missing = [];
      if (!title) missing.push("title");
      if (!/\\([^)]+\\)/.test(title + " " + (sub?.textContent ?? ""))) missing.push("unit");
      const legend = figure && [...figure.querySelectorAll("*")].some((el) => [...el.classList].some((c) => /^plot-[0-9a-f]+-(swatches|ramp)$/.test(c)));
      if (!legend) missing.push("legend");
      if (missing.length) problems.push({kind: "chart", missing, title});
      for (const axis of svg.querySelectorAll('g[aria-label$="tick label"]')) {
        const ticks = [...axis.querySelectorAll("text")].map((t) => {
          const m = t.getCTM();
          const angle = m ? Math.atan2(m.b, m.a) : 0;
          return {text: (t.textContent ?? "").trim(), box: t.getBoundingClientRect(), x: m?.e ?? 0, y: m?.f ?? 0, angle, size: parseFloat(getComputedStyle(t).fontSize) || 10};
        }).filter((t) => t.text && t.box.width > 0);
        const frame = svg.getBoundingClientRect();
        const clipped = ticks.find((t) => t.box.left < frame.left - 1 || t.box.right > frame.right + 1 || t.box.top < frame.top - 1 || t.box.bottom > frame.bottom + 1);
        if (clipped) problems.push({kind: "tick-clipped", chart: title, text: clipped.text});
        const horizontal = /x-axis/.test(axis.getAttribute("aria-label") ?? "");
        ticks.sort((p, q) => (horizontal ? p.x - q.x : p.y - q.y));
        for (let i = 1; i < ticks.length; ++i) {
          const p = ticks[i - 1], q = ticks[i];
          const turned = Math.abs(p.angle) > 0.02;
          const overlap = turned
            ? Math.abs((horizontal ? q.x - p.x : q.y - p.y) * Math.sin(p.angle)) < p.size * 0.9
            : p.box.right > q.box.left + 1 && q.box.right > p.box.left + 1 && p.box.bottom > q.box.top + 1 && q.box.bottom > p.box.top + 1;
          if (overlap) { problems.push({kind: "tick-overlap", chart: title, a: p.text, b: q.text}); break; }
        }
      }
    }
    return problems;
  })()`);
}

/** One line for a report: what is wrong and where. */
export function formatLayoutProblem(p: LayoutProblem): string {
  switch (p.kind) {
    case "body-scroll":
      return `page body ${p.scrollWidth}px wide on a ${p.innerWidth}px screen (sideways scroll)`;
    case "cut-text":
      return `<${p.tag}> cuts its text (${p.scrollWidth}px in ${p.clientWidth}px): "${p.text}"`;
    case "chart":
      return `chart "${p.title || "(no title)"}" has no ${p.missing.join(", no ")}`;
    case "cell-error":
      return `a cell failed: ${p.text}`;
    case "tick-clipped":
      return `chart "${p.chart}": tick label "${p.text}" runs outside the chart`;
    case "tick-overlap":
      return `chart "${p.chart}": tick labels "${p.a}" and "${p.b}" overlap`;
  }
}
