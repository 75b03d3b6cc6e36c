/**
 * docs/registry.md lists every validation code with its sentence: each catalogue rendered with
 * ‹param› placeholders must be exactly the docs table (fails when docs and code drift apart).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LEXICON_MESSAGES } from "../../pipelines/classify/lexicon-messages.ts";
import { CRAWL_MESSAGES } from "../../pipelines/crawl/messages.ts";
import { EVIDENCE_MESSAGES } from "../../pipelines/evidence/messages.ts";
import { OVERRIDE_MESSAGES } from "../../pipelines/overrides/messages.ts";
import { PLAN_MESSAGES } from "../../pipelines/plans/messages.ts";
import { REGISTRY_MESSAGES } from "../../pipelines/registry/messages.ts";

const CATALOGUES = { reg: REGISTRY_MESSAGES, plan: PLAN_MESSAGES, ovr: OVERRIDE_MESSAGES, ev: EVIDENCE_MESSAGES, lex: LEXICON_MESSAGES, crawl: CRAWL_MESSAGES };

/** Every parameter reads as ‹name›; a code shown by its label reads as the bare placeholder. */
const PLACEHOLDERS = new Proxy({}, { get: (_, k) => (typeof k === "string" ? `‹${k}›` : undefined) }) as Record<string, string>;
const rendered = (message: (p: Record<string, string>) => string) => message(PLACEHOLDERS).replace(/Không rõ \((‹\w+›)\)/g, "$1");

const docs = readFileSync(join(import.meta.dirname, "..", "..", "docs", "registry.md"), "utf-8");
const documented = new Map([...docs.matchAll(/^\| `([a-z]+\.[a-z_]+)` \| (.*) \|$/gm)].map((m) => [m[1], m[2].replace(/\\\|/g, "|")]));

describe("docs/registry.md lists the catalogues' sentences", () => {
  for (const [area, catalogue] of Object.entries(CATALOGUES)) {
    it(`${area}.*`, () => {
      const fromCode = Object.entries(catalogue).map(([code, message]) => `${code} | ${rendered(message as never)}`);
      const fromDocs = [...documented].filter(([code]) => code.startsWith(`${area}.`)).map(([code, text]) => `${code} | ${text}`);
      expect(fromDocs).toEqual(fromCode);
    });
  }
});
