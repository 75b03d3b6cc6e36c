/**
 * Reading a registry YAML file with locations: every problem becomes an issue
 * `file:line: field: what is wrong`, collected (never thrown one at a time).
 */
import { isMap, LineCounter, parseDocument, type Document, type Node } from "yaml";
import { fromVietnamWallClock } from "../time/vietnam-time.ts";
import { registryInvalidSummary, registryMessage, type RegistryCode, type RegistryParams, type RegistryProblem } from "./messages.ts";

export interface RegistryIssue {
  file: string;
  line: number;
  field: string;
  /** Stable code of the problem (pipelines/registry/messages.ts; classify/lexicon-messages.ts for the lexicon). */
  code: string;
  params?: RegistryParams;
  /** The Vietnamese sentence of `code` with `params`. */
  message: string;
}

/** A located issue with its Vietnamese sentence. */
export const registryIssue = (file: string, line: number, field: string, code: RegistryCode, params?: RegistryParams): RegistryIssue => ({
  file,
  line,
  field,
  code,
  ...(params ? { params } : {}),
  message: registryMessage(code, params),
});

export const formatIssue = (i: RegistryIssue): string => `${i.file}:${i.line}: ${i.field}: ${i.message}`;

export class RegistryValidationError extends Error {
  constructor(
    readonly issues: RegistryIssue[],
    summary: string = registryInvalidSummary(null, issues.length),
  ) {
    super(`${summary}:\n${issues.map(formatIssue).join("\n")}`);
  }
}

export type Path = (string | number)[];

export function pathLabel(path: Path): string {
  return path.reduce<string>((s, p) => (typeof p === "number" ? `${s}[${p}]` : s ? `${s}.${p}` : p), "");
}

/** One parsed YAML file: its plain value, and the line of any path in it. */
export class YamlFile {
  private constructor(
    readonly file: string,
    private readonly doc: Document,
    private readonly lines: LineCounter,
    readonly issues: RegistryIssue[],
    readonly value: unknown,
  ) {}

  static parse(file: string, text: string, issues: RegistryIssue[]): YamlFile {
    const lines = new LineCounter();
    const doc = parseDocument(text.normalize("NFC"), { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
    for (const e of [...doc.errors, ...doc.warnings]) {
      const line = e.linePos?.[0]?.line ?? lines.linePos(e.pos[0]).line;
      issues.push(registryIssue(file, line, "(yaml)", "reg.yaml_syntax", { detail: e.message.split("\n")[0] }));
    }
    let value: unknown = null;
    if (!doc.errors.length) {
      try {
        value = doc.toJS({ maxAliasCount: 100 });
      } catch (error) {
        // An unresolved alias or an alias bomb is found only when building the value.
        issues.push(registryIssue(file, 1, "(yaml)", "reg.yaml_value", { detail: (error as Error).message.split("\n")[0] }));
      }
    }
    return new YamlFile(file, doc, lines, issues, value);
  }

  /** Line of the node at `path`, or of its nearest existing ancestor. */
  line(path: Path): number {
    for (let n = path.length; n >= 0; n--) {
      const node = this.doc.getIn(path.slice(0, n), true) as Node | undefined;
      if (node && typeof node === "object" && "range" in node && node.range) return this.lines.linePos(node.range[0]).line;
    }
    return 1;
  }

  /** Line of the value at `path`, or of its key when the value is empty (so "valid_to:" points at its own line). */
  keyLine(path: Path): number {
    const parent = this.doc.getIn(path.slice(0, -1), true);
    const key = path[path.length - 1];
    if (isMap(parent)) {
      const pair = parent.items.find((p) => (p.key as { value?: unknown })?.value === key);
      const valueNode = pair?.value as Node | null | undefined;
      const node = valueNode?.range ? valueNode : (pair?.key as Node | undefined);
      if (node?.range) return this.lines.linePos(node.range[0]).line;
    }
    return this.line(path);
  }

  error(path: Path, code: RegistryCode, params?: RegistryParams): void {
    this.report(path, code, registryMessage(code, params), params);
  }

  /** Record a located issue whose sentence another catalogue wrote (the lexicon's). */
  report(path: Path, code: string, message: string, params?: RegistryParams): void {
    this.issues.push({ file: this.file, line: this.keyLine(path), field: pathLabel(path) || "(tệp)", code, ...(params ? { params } : {}), message });
  }

  /** Report a problem found by a check that does not know the place. */
  problem(path: Path, p: RegistryProblem): void {
    this.error(path, p.code, p.params);
  }
}

/** A YAML mapping at `path`, read field by field with typed, located checks. */
export class Fields {
  private readonly seen = new Set<string>();

  constructor(
    readonly src: YamlFile,
    readonly path: Path,
    readonly obj: Record<string, unknown>,
  ) {}

  static of(src: YamlFile, path: Path, value: unknown): Fields | null {
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      src.error(path, "reg.not_mapping");
      return null;
    }
    return new Fields(src, path, value as Record<string, unknown>);
  }

  at(key: string): Path {
    return [...this.path, key];
  }

  error(key: string, code: RegistryCode, params?: RegistryParams): void {
    this.src.error(this.at(key), code, params);
  }

  private raw(key: string): unknown {
    this.seen.add(key);
    const v = this.obj[key];
    return v === "" ? null : v;
  }

  /** Mark a field as read (for fields handled outside these helpers). */
  mark(key: string): void {
    this.seen.add(key);
  }

  has(key: string): boolean {
    return this.obj[key] !== undefined && this.obj[key] !== null && this.obj[key] !== "";
  }

  str(key: string, required = false): string | null {
    const v = this.raw(key);
    if (v === undefined || v === null) {
      if (required) this.error(key, "reg.required");
      return null;
    }
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    if (typeof v !== "string") {
      this.error(key, "reg.not_text");
      return null;
    }
    const t = v.normalize("NFC").trim();
    if (!t && required) this.error(key, "reg.required");
    return t || null;
  }

  reqStr(key: string): string {
    return this.str(key, true) ?? "";
  }

  strList(key: string, required = false): string[] {
    const v = this.raw(key);
    if (v === undefined || v === null) {
      if (required) this.error(key, "reg.required_list");
      return [];
    }
    const list = Array.isArray(v) ? v : [v];
    const out: string[] = [];
    list.forEach((item, i) => {
      if (typeof item === "string" || typeof item === "number") out.push(String(item).normalize("NFC").trim());
      else this.src.error([...this.at(key), i], "reg.not_text");
    });
    return out;
  }

  int(key: string, opts: { required?: boolean; min?: number; fallback?: number } = {}): number | null {
    const v = this.raw(key);
    if (v === undefined || v === null) {
      if (opts.required) this.error(key, "reg.required");
      return opts.fallback ?? null;
    }
    if (typeof v !== "number" || !Number.isInteger(v)) {
      this.error(key, "reg.not_integer", { value: JSON.stringify(v) });
      return opts.fallback ?? null;
    }
    if (opts.min !== undefined && v < opts.min) {
      this.error(key, "reg.too_small", { min: opts.min, value: v });
      return opts.fallback ?? null;
    }
    return v;
  }

  bool(key: string, fallback: boolean): boolean {
    const v = this.raw(key);
    if (v === undefined || v === null) return fallback;
    if (typeof v !== "boolean") {
      this.error(key, "reg.not_boolean", { value: JSON.stringify(v) });
      return fallback;
    }
    return v;
  }

  oneOf<T extends string>(key: string, values: readonly T[], opts: { required?: boolean; fallback?: T } = {}): T | null {
    const v = this.str(key, opts.required);
    if (v === null) return opts.fallback ?? null;
    if (!(values as readonly string[]).includes(v)) {
      this.error(key, "reg.unknown_value", { value: v, allowed: values.join(", ") });
      return opts.fallback ?? null;
    }
    return v as T;
  }

  date(key: string, required = false): string | null {
    const v = this.str(key, required);
    if (v === null) return null;
    const iso = parseRegistryDate(v);
    if (!iso) this.error(key, "reg.bad_date", { value: v });
    return iso;
  }

  url(key: string, value: string, path: Path = this.at(key)): string | null {
    const problem = urlProblem(value);
    if (problem) {
      this.src.problem(path, problem);
      return null;
    }
    return value;
  }

  /** Report fields that are not part of the schema (typos). Call after reading. */
  rejectUnknown(extra: string[] = []): void {
    for (const key of Object.keys(this.obj)) {
      if (!this.seen.has(key) && !extra.includes(key)) this.error(key, "reg.unknown_field");
    }
  }
}

/** "YYYY-MM-DD" or "DD/MM/YYYY" → "YYYY-MM-DD"; null when the date does not exist (e.g. 31/02). */
export function parseRegistryDate(text: string): string | null {
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text.trim());
  let y: number, mo: number, d: number;
  if (m) [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  else {
    m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text.trim());
    if (!m) return null;
    [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  }
  if (!fromVietnamWallClock(y, mo, d)) return null;
  return `${y}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

export function urlProblem(value: string): RegistryProblem | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { code: "reg.not_url", params: { value } };
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return { code: "reg.url_scheme", params: { value, protocol: url.protocol } };
  return null;
}

/** Read `key` of the root mapping as a list of mappings, yielding each with its path. */
export function listAt(src: YamlFile, key: string): Fields[] {
  const root = src.value;
  if (root === null || root === undefined) return [];
  if (typeof root !== "object" || Array.isArray(root)) {
    src.error([], "reg.root_not_mapping", { key });
    return [];
  }
  const list = (root as Record<string, unknown>)[key];
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) {
    src.error([key], "reg.not_list");
    return [];
  }
  return list.flatMap((item, i) => Fields.of(src, [key, i], item) ?? []);
}
