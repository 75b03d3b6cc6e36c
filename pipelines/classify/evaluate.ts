/**
 * Measuring the classifier against labelled lines (`is_cchc`, `cchc_area`):
 * precision, recall and F1 of is_cchc, accuracy of the primary area on the
 * true-CCHC items that carry an area label, and the misclassified items. Pure.
 */
import { canonicalCode } from "../vocabulary/index.ts";
import type { Classification } from "./classify.ts";

export interface Labelled {
  title?: string | null;
  text?: string | null;
  url?: string | null;
  is_cchc: boolean;
  cchc_area?: string | null;
}

export interface Miss {
  line: number;
  title: string;
  expected: string;
  got: string;
  score: number;
}

export interface EvalReport {
  n: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
  area_n: number;
  area_correct: number;
  area_accuracy: number;
  misclassified: Miss[];
  wrong_area: Miss[];
}

/** A title for a report line: the title, else the first words of the text. */
export function displayTitle(item: { title?: string | null; text?: string | null }): string {
  const t = (item.title ?? "").trim() || (item.text ?? "").trim().split("\n")[0];
  return t.length > 100 ? `${t.slice(0, 99)}…` : t;
}

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

/** Compare predictions with labels; `lines[i]` is the 1-based line number of items[i]. */
export function evaluate(items: Labelled[], predictions: Classification[], lines?: number[]): EvalReport {
  let tp = 0, fp = 0, fn = 0, tn = 0, areaN = 0, areaOk = 0;
  const misclassified: Miss[] = [];
  const wrongArea: Miss[] = [];
  items.forEach((item, i) => {
    const p = predictions[i];
    const line = lines?.[i] ?? i + 1;
    const title = displayTitle(item);
    if (item.is_cchc && p.is_cchc) tp++;
    else if (!item.is_cchc && p.is_cchc) fp++;
    else if (item.is_cchc && !p.is_cchc) fn++;
    else tn++;
    if (item.is_cchc !== p.is_cchc) {
      misclassified.push({ line, title, expected: item.is_cchc ? "cchc" : "not", got: p.is_cchc ? `cchc/${p.primary_area}` : "not", score: p.score });
    }
    if (item.is_cchc && item.cchc_area) {
      areaN++;
      // A label may use an earlier spelling of the code (to_chuc_bo_may = bo_may).
      const expected = canonicalCode(item.cchc_area);
      // Strict: an item the classifier missed counts as a wrong area.
      if (p.is_cchc && p.primary_area === expected) areaOk++;
      else wrongArea.push({ line, title, expected, got: p.primary_area ?? "-", score: p.score });
    }
  });
  const precision = ratio(tp, tp + fp);
  const recall = ratio(tp, tp + fn);
  return {
    n: items.length, tp, fp, fn, tn, precision, recall,
    f1: ratio(2 * precision * recall, precision + recall),
    area_n: areaN, area_correct: areaOk, area_accuracy: ratio(areaOk, areaN),
    misclassified, wrong_area: wrongArea,
  };
}
