/**
 * The address guard. Pure checks of every notation, the registry validator,
 * and a real crawl inside a network namespace with only loopback (created with
 * `unshare -rn`), where "private" addresses live on lo behind trap listeners:
 * a guard that fails shows up as a connection, and no packet can leave.
 */
import { spawn, spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { AddressGuard, allowanceProblem, literalRefusal, refusalReason } from "../../pipelines/crawl/address-guard.ts";
import { loadRegistryDir } from "../../pipelines/registry/load.ts";
import { crawlSources } from "../../pipelines/registry/sources.ts";
import { formatIssue } from "../../pipelines/registry/yaml-source.ts";
import { registryWith } from "../registry/helpers.ts";

const HERE = dirname(fileURLToPath(import.meta.url));

describe("address guard: which addresses are refused", () => {
  const strict = new AddressGuard();
  it("refuses private, loopback, link-local, metadata, CGNAT, ULA and unspecified addresses in every URL notation", () => {
    const urls = [
      "http://10.255.255.1/",
      "http://184549121/", // decimal
      "http://0x0a.0xff.0xff.0x01/", // hex
      "http://012.0377.0377.01/", // octal
      "http://10.1/", // short form
      "http://[::ffff:10.255.255.1]/", // IPv4-mapped IPv6
      "http://[::ffff:aff:ff01]/",
      "http://[64:ff9b::a00:1]/", // NAT64
      "http://[2002:a00:1::]/", // 6to4
      "http://[fd00::1]/",
      "http://[fe80::1]/",
      "http://0.0.0.0/",
      "http://0/",
      "http://[::]/",
      "http://127.0.0.1/",
      "http://127.1/",
      "http://[::1]/",
      "http://169.254.169.254/latest/meta-data/",
      "http://100.64.0.1/",
      "http://172.16.5.5/",
      "http://192.168.1.1/",
      "http://224.0.0.1/",
      "http://255.255.255.255/",
    ];
    for (const u of urls) expect(literalRefusal(new URL(u), strict), u).not.toBeNull();
    for (const u of ["http://8.8.8.8/", "http://203.113.131.1/", "http://172.32.0.1/", "http://[2001:4860::8888]/", "http://[::ffff:8.8.8.8]/", "https://tayninh.gov.vn/"]) {
      expect(literalRefusal(new URL(u), strict), u).toBeNull();
    }
    expect(refusalReason("169.254.169.254")?.reason).toMatch(/siêu dữ liệu đám mây/);
    expect(refusalReason("100.64.1.1")?.reason).toMatch(/CGNAT/);
    expect(refusalReason("fd12::5")?.reason).toMatch(/ULA/);
  });

  it("lets a DEMO source reach loopback only, and an intranet allowance its networks only; never 0.0.0.0, :: or metadata", () => {
    const demo = new AddressGuard({ loopback: true, allow: [] });
    expect(demo.check("127.0.0.1")).toBeNull();
    expect(demo.check("::1")).toBeNull();
    expect(demo.check("10.255.255.1")).not.toBeNull();
    expect(demo.check("0.0.0.0")).not.toBeNull();
    expect(demo.check("::")).not.toBeNull();
    const intranet = new AddressGuard({ loopback: false, allow: ["10.20.0.0/16", "fd12::/64", "169.254.0.0/16"] });
    expect(intranet.check("10.20.3.4")).toBeNull();
    expect(intranet.check("::ffff:10.20.3.4")).toBeNull();
    expect(intranet.check("fd12::9")).toBeNull();
    expect(intranet.check("10.21.0.1")).toMatch(/RFC 1918/);
    expect(intranet.check("127.0.0.1")).toMatch(/loopback/);
    expect(intranet.check("169.254.169.254")).toMatch(/siêu dữ liệu đám mây/);
    expect(allowanceProblem("10.0.0.0/4")?.code).toBe("reg.allowance_too_wide");
    expect(allowanceProblem("intranet")?.code).toBe("reg.allowance_not_ip");
    expect(allowanceProblem("192.168.1.5")).toBeNull();
  });
});

describe("registry check: the address guard in the validator", () => {
  const problems = (dir: string) => loadRegistryDir(dir).issues.map((i) => formatIssue({ ...i, file: i.file.replace(`${dir}/`, "") }));
  it("refuses a base_url or start URL on a private, loopback or metadata address in any notation", () => {
    for (const url of ["http://10.255.255.1", "http://184549121", "http://0x0a.0xff.0xff.0x01", "http://[::ffff:10.255.255.1]", "http://[fd00::1]", "http://169.254.169.254", "http://0.0.0.0", "http://127.0.0.1:8080", "http://localhost"]) {
      const dir = registryWith({ "sources.yaml": (t) => t.replace("base_url: https://example.org", `base_url: ${url}`) });
      const found = problems(dir);
      expect(found, url).toEqual([expect.stringMatching(/^sources\.yaml:\d+: sources\[0\]\.base_url: .*(bị chặn|loopback)/)]);
    }
    const start = registryWith({ "sources.yaml": (t) => t.replace("start_urls: [/vi/news/rss/]", "start_urls: [/vi/news/rss/, 'http://172.16.5.5/rss']") });
    expect(problems(start)).toEqual([expect.stringMatching(/sources\[0\]\.start_urls\[1\]: "http:\/\/172\.16\.5\.5\/rss": địa chỉ 172\.16\.5\.5 bị chặn/)]);
  });

  it("accepts an intranet source whose registry entry names the network, and hands the allowance to the crawler", () => {
    const dir = registryWith({
      "sources.yaml": (t) => t.replace("base_url: https://example.org", "base_url: http://10.20.0.8\n    politeness: { delay_ms: 3000, allow_addresses: [10.20.0.0/16] }"),
    });
    expect(problems(dir)).toEqual([]);
    const bad = registryWith({ "sources.yaml": (t) => t.replace("base_url: https://example.org", "base_url: http://10.20.0.8\n    politeness: { allow_addresses: [intranet] }") });
    expect(problems(bad)).toEqual([expect.stringMatching(/politeness\.allow_addresses\[0\]: "intranet" không phải địa chỉ IP/), expect.stringMatching(/base_url: .*bị chặn/)]);
    const { registry } = loadRegistryDir(dir);
    const portal = crawlSources(registry, "2026-01-01").find((s) => s.source_id === "portal")!;
    expect(portal.allow_addresses).toEqual(["10.20.0.0/16"]);
    // further hosts the source's links may go to: names, never refused addresses
    const hosts = registryWith({ "sources.yaml": (t) => t.replace("base_url: https://example.org", "base_url: https://example.org\n    hosts: [tin.example.org, 'http://192.168.1.9']") });
    expect(problems(hosts)).toEqual([expect.stringMatching(/sources\[0\]\.hosts\[1\]: "http:\/\/192\.168\.1\.9": địa chỉ 192\.168\.1\.9 bị chặn/)]);
    const named = registryWith({ "sources.yaml": (t) => t.replace("base_url: https://example.org", "base_url: https://example.org\n    hosts: [tin.example.org]") });
    expect(crawlSources(loadRegistryDir(named).registry, "2026-01-01").find((s) => s.source_id === "portal")!.hosts).toEqual(["tin.example.org"]);
  });

  it("logs the allowance on `cchc registry check`", () => {
    const dir = registryWith({
      "sources.yaml": (t) => t.replace("base_url: https://example.org", "base_url: http://10.20.0.8\n    politeness: { allow_addresses: [10.20.0.0/16] }"),
    });
    const run = spawnSync(process.execPath, ["--import", "tsx", join(HERE, "../../bin/cchc.mjs"), "registry", "check", "--dir", dir], { encoding: "utf-8" });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/cảnh báo: nguồn portal được phép kết nối tới địa chỉ nội bộ 10\.20\.0\.0\/16/);
  });
});

/** Can this machine create a user + network namespace with only loopback? */
function namespaceSupport(): string | null {
  const probe = spawnSync("unshare", ["-rn", "sh", "-c", "ip link set lo up && ip addr add 10.255.255.1/32 dev lo"], { encoding: "utf-8" });
  if (probe.error) return `unshare not available (${probe.error.message}); install util-linux and iproute2`;
  if (probe.status !== 0) return `cannot create a loopback-only network namespace here (unshare -rn: ${probe.stderr.trim() || `exit ${probe.status}`}); allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1)`;
  return null;
}

const noNamespace = namespaceSupport();
if (noNamespace) console.warn(`SKIPPED address guard in a network namespace: ${noNamespace}`);

describe.skipIf(noNamespace !== null)("address guard in a loopback-only network namespace (a failed guard cannot reach any network)", () => {
  it("connects to no private, link-local, metadata, ULA or unspecified address — by base URL, listing link in any notation, or redirect — and stores nothing from them", async () => {
    const script = [
      "set -e",
      "ip link set lo up",
      'T=""',
      "for a in 10.255.255.1 172.16.5.5 169.254.169.254; do ip addr add $a/32 dev lo; T=\"$T,$a\"; done",
      'if ip -6 addr add fd00::1/128 dev lo nodad 2>/dev/null; then T="$T,fd00::1"; fi',
      'exec "$0" --import tsx "$1" "$T"',
    ].join("\n");
    const child = spawn("unshare", ["-rn", "sh", "-c", script, process.execPath, join(HERE, "fixtures/guard-child.ts")], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (c) => (out += c));
    child.stderr.on("data", (c) => (err += c));
    const code = await new Promise<number | null>((r) => child.on("exit", r));
    expect(code, err).toBe(0);
    const result = JSON.parse(out.trim().split("\n").pop()!) as {
      arrived: Record<string, string[]>;
      portalHits: string[];
      direct: Record<string, string>;
      articles: Array<{ source_id: string; url: string }>;
      errors: Array<{ source_id: string; url: string; kind: string; message: string }>;
      warnings: string[];
      status: Record<string, string>;
    };
    // the connection pool on its own refuses at connect time (IP literal) and at lookup (a name)
    expect(Object.values(result.direct)).toEqual(Array(5).fill("address_refused"));
    // positive control: the allowed intranet source did reach its trap, so the traps work
    expect(result.arrived["10.255.255.1"]!.filter((p) => p !== "(connection)").every((p) => p.startsWith("/allowed/") || p === "/robots.txt")).toBe(true);
    expect(result.arrived["10.255.255.1"]).toContain("/allowed/rss");
    expect(result.articles.filter((a) => a.source_id === "intranet-allowed")).toHaveLength(1);
    expect(result.warnings).toEqual([expect.stringMatching(/intranet-allowed|10\.255\.255\.0\/24/)]);
    // nothing else arrived anywhere private
    for (const [address, hits] of Object.entries(result.arrived)) {
      if (address !== "10.255.255.1") expect(hits, address).toEqual([]);
    }
    // 0.0.0.0 / :: did not reach the loopback portal
    expect(result.portalHits.filter((p) => /a6/.test(p))).toEqual([]);
    // only the legitimate DEMO article was stored from the loopback portal
    expect(result.articles.filter((a) => a.source_id !== "intranet-allowed").map((a) => a.url)).toEqual(["http://127.0.0.1:8080/ok.html"]);
    // every refusal is named for what it is
    const kinds = (source: string) => [...new Set(result.errors.filter((e) => e.source_id === source).map((e) => e.kind))];
    for (const s of ["ip-private", "ip-decimal", "ip-metadata", "ip-ula", "ip-172", "real-localhost"]) {
      expect(kinds(s), s).toEqual(["address_refused"]);
      expect(result.status[s]).toBe("failed");
    }
    const linkErrors = result.errors.filter((e) => e.source_id === "demo-links");
    expect(linkErrors.length).toBeGreaterThanOrEqual(10);
    expect(new Set(linkErrors.map((e) => e.kind))).toEqual(new Set(["address_refused"]));
    expect(linkErrors.find((e) => e.url.endsWith("/redirect.html"))?.message).toMatch(/172\.16\.5\.5.*bị chặn/);
    expect(result.errors.find((e) => e.source_id === "real-localhost")?.message).toMatch(/localhost → 127\.0\.0\.1 bị chặn: chính máy này \(loopback\)/);
  }, 60_000);
});
