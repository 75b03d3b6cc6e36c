/**
 * Offline npm for Observable Framework.
 *
 * Framework resolves `npm:` imports by asking the npm registry for versions and
 * by downloading ESM bundles from the jsDelivr CDN. Neither is reproducible nor
 * reachable here, so this module answers those requests from the project's own
 * `node_modules`, at the versions pinned by `package-lock.json`:
 *
 * - `https://registry.npmjs.org/<name>[/<tag>]` → the installed version only;
 * - `https://cdn.jsdelivr.net/npm/<name>@<ver>/+esm` → the installed package
 *   bundled to ESM with esbuild, bare imports kept external as
 *   `/npm/<dep>@<installed ver>/+esm`, `require()`d CommonJS inlined;
 * - `https://cdn.jsdelivr.net/npm/<name>@<ver>/<file>` → the raw file.
 *
 * Any other request to the network is refused with a clear error: nothing
 * leaves the machine during a build. A package that is not installed fails
 * with a message naming the package and the install command.
 *
 * Bundles are minified (as jsDelivr's `+esm` bundles are), and a package in
 * SELF_CONTAINED is bundled with its dependencies: `d3` re-exports thirty
 * `d3-*` packages, and kept external they cost every page that draws a chart
 * (Plot imports `d3`) thirty-one module requests before its first chart
 * (docs/performance.md, "The site at 100,000 articles"). One module instead.
 * Framework caches the bundles (`.observablehq/cache/_npm`): a cache written
 * by another BUNDLE_FORMAT is dropped before a build (dropStaleBundles).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, extname, join, resolve } from "node:path";
import * as esbuild from "esbuild";

export class OfflineNpmError extends Error {}

/**
 * Packages bundled with their dependencies inlined (one module instead of one per dependency), but
 * for the ones named: Plot keeps `d3` external (pages use d3 too: one copy), and inlines
 * interval-tree-1d and isoformat; apache-arrow inlines tslib and flatbuffers.
 */
export const SELF_CONTAINED: ReadonlyMap<string, readonly string[]> = new Map([
  ["d3", []],
  ["@observablehq/plot", ["d3"]],
  ["apache-arrow", []],
]);

/** Changes whenever the bundles change shape (minified; SELF_CONTAINED): older cached bundles are dropped. */
export const BUNDLE_FORMAT = `3 minified, self-contained: ${JSON.stringify([...SELF_CONTAINED])}`;
const FORMAT_STAMP = ".cchc-bundle-format";

/**
 * Framework's cache of npm bundles (`<site root>/.observablehq/cache/_npm`) made by another
 * BUNDLE_FORMAT (or by none) is removed, so the next build bundles again; the folder is then stamped.
 * Returns whether a stale cache was dropped.
 */
export function dropStaleBundles(npmCacheDir: string): boolean {
  const stamp = join(npmCacheDir, FORMAT_STAMP);
  const current = existsSync(stamp) ? readFileSync(stamp, "utf-8") : null;
  if (current === BUNDLE_FORMAT) return false;
  const stale = existsSync(npmCacheDir) && readdirSync(npmCacheDir).length > 0;
  rmSync(npmCacheDir, { recursive: true, force: true });
  mkdirSync(npmCacheDir, { recursive: true });
  writeFileSync(stamp, BUNDLE_FORMAT);
  return stale;
}

/** Version answered for a package that node_modules does not have. */
export const NOT_INSTALLED = "0.0.0-not-installed";

export interface OfflineNpmOptions {
  /** Folder whose node_modules holds the packages (the project root). */
  root: string;
}

interface ParsedSpecifier {
  name: string;
  version?: string;
  path: string;
}

/** Split `name@version/sub/path` (name may be scoped) into its parts. */
export function parseSpecifier(specifier: string): ParsedSpecifier {
  const parts = specifier.split("/");
  const head = specifier.startsWith("@") ? `${parts.shift()}/${parts.shift()}` : (parts.shift() as string);
  const at = head.indexOf("@", 1);
  return {
    name: at > 0 ? head.slice(0, at) : head,
    version: at > 0 ? head.slice(at + 1) : undefined,
    path: parts.join("/"),
  };
}

const CONTENT_TYPES: Record<string, string> = {
  ".js": "application/javascript; charset=utf-8",
  ".mjs": "application/javascript; charset=utf-8",
  ".cjs": "application/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".csv": "text/csv; charset=utf-8",
};

export class OfflineNpm {
  private readonly root: string;
  private readonly bundles = new Map<string, Promise<string>>();
  /** Nested installs met while bundling: `name@version` → package folder. */
  private readonly located = new Map<string, string>();

  constructor(options: OfflineNpmOptions) {
    this.root = resolve(options.root);
  }

  /** Folder of an installed package, or a clear error naming the fix. */
  packageDir(name: string): string {
    const dir = join(this.root, "node_modules", name);
    if (!existsSync(join(dir, "package.json"))) {
      throw new OfflineNpmError(
        `offline npm: package "${name}" is not installed in ${join(this.root, "node_modules")}; ` +
          `add it with \`npm install ${name}\` so the lockfile pins it`,
      );
    }
    return dir;
  }

  isInstalled(name: string): boolean {
    return existsSync(join(this.root, "node_modules", name, "package.json"));
  }

  installedVersion(name: string): string {
    const pkg = JSON.parse(readFileSync(join(this.packageDir(name), "package.json"), "utf-8"));
    return pkg.version as string;
  }

  /** Answer one request Framework would have sent to the network. */
  async handle(url: URL): Promise<Response> {
    if (url.hostname === "registry.npmjs.org") return this.registry(url);
    if (url.hostname === "cdn.jsdelivr.net" && url.pathname.startsWith("/npm/")) return this.cdn(url);
    throw new OfflineNpmError(`offline build: refusing to fetch ${url.href} (no network access; only npm packages from node_modules are served)`);
  }

  private registry(url: URL): Response {
    const rest = decodeURIComponent(url.pathname.slice(1));
    const parts = rest.split("/");
    const name = rest.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
    const tag = parts.slice(name.startsWith("@") ? 2 : 1).join("/");
    // Framework's client bundle names every optional library (react-dom, echarts, …)
    // and asks for its version even when no page uses it. An uninstalled package
    // resolves to a placeholder; fetching its code then fails with a clear message.
    const version = this.isInstalled(name) ? this.installedVersion(name) : NOT_INSTALLED;
    const versions: Record<string, { name: string; version: string }> = { [version]: { name, version } };
    for (const key of this.located.keys()) {
      const located = parseSpecifier(key);
      if (located.name === name && located.version) versions[located.version] = { name, version: located.version };
    }
    const body = tag ? { name, version } : { name, "dist-tags": { latest: version }, versions };
    return new Response(JSON.stringify(body), { status: 200, headers: { "content-type": "application/json" } });
  }

  private async cdn(url: URL): Promise<Response> {
    const { name, version, path } = parseSpecifier(decodeURIComponent(url.pathname.slice("/npm/".length)));
    if (version === NOT_INSTALLED) this.packageDir(name); // throws the clear "not installed" error
    const installed = this.installedVersion(name);
    const pkgDir = version && version !== installed ? this.located.get(`${name}@${version}`) : this.packageDir(name);
    if (!pkgDir) {
      throw new OfflineNpmError(
        `offline npm: ${name}@${version} was requested but node_modules has ${name}@${installed}; ` +
          `pin ${name}@${version} in package.json or import it without a version`,
      );
    }
    if (path === "+esm" || path.endsWith("/+esm")) {
      const subpath = path === "+esm" ? "" : path.slice(0, -"/+esm".length);
      const code = await this.bundle(name, subpath, pkgDir);
      return new Response(code, { status: 200, headers: { "content-type": CONTENT_TYPES[".js"] } });
    }
    const file = join(pkgDir, path);
    if (!file.startsWith(pkgDir) || !existsSync(file) || !statSync(file).isFile()) {
      throw new OfflineNpmError(`offline npm: no file "${path}" in installed package ${name}@${installed}`);
    }
    const type = CONTENT_TYPES[extname(file)] ?? "application/octet-stream";
    return new Response(readFileSync(file), { status: 200, headers: { "content-type": type } });
  }

  /** Bundle one package entry (or subpath) to a single ESM module. */
  bundle(name: string, subpath = "", pkgDir = this.packageDir(name)): Promise<string> {
    const key = `${pkgDir}/${subpath}`;
    let promise = this.bundles.get(key);
    if (!promise) {
      promise = this.build(name, subpath, pkgDir);
      this.bundles.set(key, promise);
    }
    return promise;
  }

  private async build(name: string, subpath: string, pkgDir: string): Promise<string> {
    const entry = subpath ? `${name}/${subpath}` : name;
    const self = this;
    const result = await esbuild.build({
      entryPoints: [entry],
      // Resolve the entry from the folder that holds this copy of the package.
      absWorkingDir: dirname(pkgDir.slice(0, -name.length - 1)),
      bundle: true,
      write: false,
      format: "esm",
      platform: "browser",
      target: "es2020",
      minify: true,
      mainFields: ["browser", "module", "main"],
      conditions: ["browser", "import", "module", "default"],
      logLevel: "silent",
      legalComments: "none",
      plugins: [
        {
          name: "externalise-bare-imports",
          setup(build) {
            build.onResolve({ filter: /^[^./]/ }, (args) => {
              if (args.kind === "entry-point" || args.kind === "require-call") return undefined;
              if (args.path.startsWith("node:")) return { path: args.path, external: true };
              const dep = parseSpecifier(args.path);
              const kept = SELF_CONTAINED.get(name);
              if (kept && !kept.includes(dep.name)) return undefined; // bundled in
              if (dep.name === name) return undefined; // self-reference: bundle it
              let version: string;
              try {
                version = self.installedVersionFrom(dep.name, args.resolveDir || pkgDir);
              } catch (error) {
                return { errors: [{ text: (error as Error).message }] };
              }
              const sub = dep.path ? `/${dep.path}` : "";
              return { path: `/npm/${dep.name}@${version}${sub}/+esm`, external: true };
            });
          },
        },
      ],
    });
    return result.outputFiles[0].text;
  }

  /** Version of a dependency as Node would resolve it from a folder (nested installs win). */
  private installedVersionFrom(name: string, fromDir: string): string {
    const require = createRequire(join(fromDir, "noop.js"));
    let pkgJson: string | undefined;
    try {
      pkgJson = require.resolve(`${name}/package.json`);
    } catch {
      let dir = fromDir;
      while (!pkgJson) {
        const candidate = join(dir, "node_modules", name, "package.json");
        if (existsSync(candidate)) pkgJson = candidate;
        const parent = dirname(dir);
        if (parent === dir) break;
        dir = parent;
      }
    }
    if (!pkgJson) return this.installedVersion(name);
    const version = JSON.parse(readFileSync(pkgJson, "utf-8")).version as string;
    this.located.set(`${name}@${version}`, dirname(pkgJson));
    return version;
  }
}

/** Replace the global fetch so Framework's npm and CDN requests are answered locally. */
export function installOfflineFetch(root: string): OfflineNpm {
  const npm = new OfflineNpm({ root });
  const original = globalThis.fetch;
  globalThis.fetch = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = new URL(typeof input === "string" ? input : input instanceof URL ? input.href : input.url);
    if (url.hostname === "127.0.0.1" || url.hostname === "localhost") return original(input, init);
    return npm.handle(url);
  };
  return npm;
}
