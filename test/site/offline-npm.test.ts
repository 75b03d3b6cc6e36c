import { existsSync, mkdtempSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { dropStaleBundles, NOT_INSTALLED, OfflineNpm, OfflineNpmError, parseSpecifier } from "../../pipelines/site/offline-npm.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const npm = new OfflineNpm({ root: ROOT });

describe("parseSpecifier", () => {
  it("splits plain, versioned, scoped and deep specifiers", () => {
    expect(parseSpecifier("d3")).toEqual({ name: "d3", version: undefined, path: "" });
    expect(parseSpecifier("d3-array@3.2.4/+esm")).toEqual({ name: "d3-array", version: "3.2.4", path: "+esm" });
    expect(parseSpecifier("@observablehq/plot@0.6.17/dist/plot.umd.js")).toEqual({
      name: "@observablehq/plot",
      version: "0.6.17",
      path: "dist/plot.umd.js",
    });
  });
});

describe("OfflineNpm", () => {
  it("answers registry look-ups with the version in node_modules", async () => {
    const installed = npm.installedVersion("htl");
    const latest = await (await npm.handle(new URL("https://registry.npmjs.org/htl/latest"))).json();
    expect(latest.version).toBe(installed);
    const all = await (await npm.handle(new URL("https://registry.npmjs.org/htl"))).json();
    expect(Object.keys(all.versions)).toEqual([installed]);
  });

  it("bundles a package to ESM and keeps its bare imports external at installed versions", async () => {
    const version = npm.installedVersion("@observablehq/inputs");
    const res = await npm.handle(new URL(`https://cdn.jsdelivr.net/npm/@observablehq/inputs@${version}/+esm`));
    expect(res.headers.get("content-type")).toMatch(/^application\/javascript/);
    const code = await res.text();
    expect(code).toContain(`/npm/htl@${npm.installedVersion("htl")}/+esm`);
    expect(code).toContain(`/npm/isoformat@${npm.installedVersion("isoformat")}/+esm`);
    expect(code).toMatch(/export\s*\{/);
    expect(code).not.toMatch(/from\s*["']htl["']/);
  });

  it("serves raw files from the package folder", async () => {
    const version = npm.installedVersion("htl");
    const res = await npm.handle(new URL(`https://cdn.jsdelivr.net/npm/htl@${version}/package.json`));
    expect((await res.json()).name).toBe("htl");
  });

  it("fails clearly for a package that is not installed", async () => {
    const reg = await (await npm.handle(new URL("https://registry.npmjs.org/left-pad-not-here/latest"))).json();
    expect(reg.version).toBe(NOT_INSTALLED);
    await expect(npm.handle(new URL(`https://cdn.jsdelivr.net/npm/left-pad-not-here@${NOT_INSTALLED}/+esm`))).rejects.toThrow(
      /package "left-pad-not-here" is not installed.*npm install left-pad-not-here/,
    );
  });

  it("refuses a version other than the installed one, naming both", async () => {
    await expect(npm.handle(new URL("https://cdn.jsdelivr.net/npm/htl@0.0.1/+esm"))).rejects.toThrow(/htl@0\.0\.1 was requested/);
  });

  it("refuses every other host", async () => {
    await expect(npm.handle(new URL("https://fonts.googleapis.com/css2?family=X"))).rejects.toBeInstanceOf(OfflineNpmError);
  });

  it("bundles CommonJS packages, inlining what they require()", async () => {
    const root = mkdtempSync(join(tmpdir(), "offline-npm-"));
    const pkg = (name: string, main: string, code: string) => {
      mkdirSync(join(root, "node_modules", name), { recursive: true });
      writeFileSync(join(root, "node_modules", name, "package.json"), JSON.stringify({ name, version: "1.0.0", main }));
      writeFileSync(join(root, "node_modules", name, main), code);
    };
    pkg("cjs-dep", "index.js", "module.exports = function twice(x) { return 2 * x; };");
    pkg("cjs-main", "index.js", "const twice = require('cjs-dep'); module.exports = { four: twice(2) };");
    const local = new OfflineNpm({ root });
    const code = await (await local.handle(new URL("https://cdn.jsdelivr.net/npm/cjs-main@1.0.0/+esm"))).text();
    expect(code).toMatch(/return 2\s*\*\s*\w/); // the dependency inlined (minified: names shortened)
    expect(code).not.toContain("/npm/cjs-dep");
    const mod = await import(`data:text/javascript,${encodeURIComponent(code)}`);
    expect(mod.default.four).toBe(4);
  });

  it("bundles d3 as one self-contained module: a page that draws a chart does not fetch thirty d3-* modules", async () => {
    const version = npm.installedVersion("d3");
    const code = await (await npm.handle(new URL(`https://cdn.jsdelivr.net/npm/d3@${version}/+esm`))).text();
    expect(code).not.toMatch(/\/npm\/d3-/);
    expect(code).not.toMatch(/\bimport\s*[{*"']|from\s*["']/); // no import left at all
    const d3 = await import(`data:text/javascript,${encodeURIComponent(code)}`);
    expect(d3.sum([1, 2, 3])).toBe(6);
    expect(d3.rollups([{ k: "a" }, { k: "a" }, { k: "b" }], (v: unknown[]) => v.length, (d: { k: string }) => d.k)).toEqual([["a", 2], ["b", 1]]);
    expect(typeof d3.scaleLinear).toBe("function");
  });

  it("bundles Plot with its small dependencies but one shared d3, and apache-arrow with tslib and flatbuffers", async () => {
    const plot = await (await npm.handle(new URL(`https://cdn.jsdelivr.net/npm/@observablehq/plot@${npm.installedVersion("@observablehq/plot")}/+esm`))).text();
    expect([...new Set([...plot.matchAll(/["'](\/npm\/[^"']+)["']/g)].map((m) => m[1]))]).toEqual([`/npm/d3@${npm.installedVersion("d3")}/+esm`]);
    const arrow = await (await npm.handle(new URL(`https://cdn.jsdelivr.net/npm/apache-arrow@${npm.installedVersion("apache-arrow")}/+esm`))).text();
    expect(arrow).not.toMatch(/\/npm\//);
  });

  it("minifies bundles, as jsDelivr's +esm bundles are", async () => {
    const version = npm.installedVersion("htl");
    const code = await (await npm.handle(new URL(`https://cdn.jsdelivr.net/npm/htl@${version}/+esm`))).text();
    expect(code.split("\n").length).toBeLessThan(10);
    expect(code).not.toMatch(/^\s*\/\/ .*node_modules/m); // no per-file path comments of an unminified bundle
  });
});

describe("dropStaleBundles", () => {
  it("drops npm bundles cached by an older bundler and keeps those of the current one", () => {
    const dir = join(mkdtempSync(join(tmpdir(), "npm-cache-")), "_npm");
    mkdirSync(join(dir, "d3-array@3.2.4"), { recursive: true });
    writeFileSync(join(dir, "d3-array@3.2.4", "_esm.js"), "export {}");
    expect(dropStaleBundles(dir)).toBe(true);
    expect(existsSync(join(dir, "d3-array@3.2.4"))).toBe(false);
    mkdirSync(join(dir, "d3@7.9.2"), { recursive: true });
    writeFileSync(join(dir, "d3@7.9.2", "_esm.js"), "export {}");
    expect(dropStaleBundles(dir)).toBe(false);
    expect(readdirSync(dir).filter((f) => !f.startsWith("."))).toEqual(["d3@7.9.2"]);
  });
});
