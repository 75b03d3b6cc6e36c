import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { AdapterContext } from "../../data-loaders/types.ts";

export const FIXTURES = join(import.meta.dirname, "fixtures");

export const fixture = (path: string) => readFileSync(join(FIXTURES, path), "utf-8");

/** A fixed "now" for every adapter test: 24/11/2026 10:00 in Vietnam. */
export const NOW = new Date("2026-11-24T10:00:00+07:00");

export const ctx = (extra: Partial<AdapterContext> = {}): AdapterContext => ({ now: NOW, ...extra });
