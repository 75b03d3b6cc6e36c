/**
 * The address guard: which IP addresses the crawler may connect to. The check
 * runs at connect time on the address actually dialled — an IP literal in a
 * URL (every notation the URL parser accepts: decimal, hex, octal, short
 * forms, IPv4-mapped IPv6) before the socket is opened, a host name on every
 * address its lookup returns, and the socket's remote address once connected —
 * for every request and every redirect hop, robots.txt included.
 *
 * Refused by default: unspecified (0.0.0.0/8, ::), loopback, RFC 1918,
 * CGNAT (100.64/10), link-local (169.254/16, fe80::/10, with the cloud
 * metadata address 169.254.169.254), unique-local (fc00::/7), site-local,
 * documentation, benchmarking, multicast, reserved and broadcast ranges, and
 * IPv6 forms that embed an IPv4 address (IPv4-mapped, NAT64, 6to4) when the
 * embedded address is refused.
 *
 * Allowances (per source): a DEMO source may reach loopback only (the DEMO
 * farm and the tests serve on 127.0.0.1; whatever comes from there is labelled
 * DEMO); a deployment that crawls an intranet lists the networks in the
 * registry (`politeness.allow_addresses`), which is logged on every run.
 * Unspecified, metadata, multicast and broadcast addresses are never allowed.
 */
import { crawlMessage } from "./messages.ts";
import type { RegistryProblem } from "../registry/messages.ts";
import { buildConnector } from "undici";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { isIP, type Socket } from "node:net";

export const ADDRESS_REFUSED = "ECCHC_ADDRESS_REFUSED";

export class AddressRefusedError extends Error {
  readonly code = ADDRESS_REFUSED;
  constructor(
    readonly host: string,
    readonly address: string,
    readonly reason: string,
  ) {
    super(host === address ? crawlMessage("crawl.address_refused", { address, reason }) : crawlMessage("crawl.host_address_refused", { host, address, reason }));
  }
}

interface Range {
  net: bigint;
  bits: number;
  v6: boolean;
  reason: string;
  /** Never allowed, whatever the allowance says. */
  never?: boolean;
}

/** An IPv4 or IPv6 address (no brackets, no zone) as a 32- or 128-bit number; null when not an IP. */
export function parseIp(text: string): { v6: boolean; value: bigint } | null {
  const address = text.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const kind = isIP(address);
  if (kind === 4) return { v6: false, value: address.split(".").reduce((n, p) => (n << 8n) | BigInt(Number(p)), 0n) };
  if (kind !== 6) return null;
  let head = address;
  let tailV4: bigint | null = null;
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (v4) {
    tailV4 = parseIp(v4[1]!)!.value;
    head = `${address.slice(0, -v4[1]!.length)}0:0`;
  }
  const [left, right] = head.includes("::") ? head.split("::") : [head, null];
  const l = left ? left.split(":").filter((x) => x !== "") : [];
  const r = right ? right.split(":").filter((x) => x !== "") : [];
  const groups = right === null ? l : [...l, ...Array(8 - l.length - r.length).fill("0"), ...r];
  let value = groups.reduce((n, g) => (n << 16n) | BigInt(parseInt(g, 16)), 0n);
  if (tailV4 !== null) value = (value & ~0xffffffffn) | tailV4;
  return { v6: true, value };
}

function range(cidr: string, reason: string, never = false): Range {
  const [addr, bits] = cidr.split("/") as [string, string];
  const ip = parseIp(addr)!;
  return { net: ip.value, bits: Number(bits), v6: ip.v6, reason, never };
}

function inRange(ip: { v6: boolean; value: bigint }, r: Range): boolean {
  if (ip.v6 !== r.v6) return false;
  const width = ip.v6 ? 128n : 32n;
  const shift = width - BigInt(r.bits);
  return ip.value >> shift === r.net >> shift;
}

/** Refused ranges, most specific first (the first match names the reason). */
const REFUSED: Range[] = [
  range("169.254.169.254/32", "địa chỉ siêu dữ liệu đám mây", true),
  range("100.100.100.200/32", "địa chỉ siêu dữ liệu đám mây", true),
  range("fd00:ec2::254/128", "địa chỉ siêu dữ liệu đám mây", true),
  range("0.0.0.0/8", "địa chỉ không xác định / 'mạng này'", true),
  range("10.0.0.0/8", "mạng riêng (RFC 1918)"),
  range("100.64.0.0/10", "dải CGNAT dùng chung (RFC 6598)"),
  range("127.0.0.0/8", "chính máy này (loopback)"),
  range("169.254.0.0/16", "liên kết cục bộ (link-local)"),
  range("172.16.0.0/12", "mạng riêng (RFC 1918)"),
  range("192.0.0.0/24", "dải dành cho giao thức IETF"),
  range("192.0.2.0/24", "dải dùng cho tài liệu"),
  range("192.88.99.0/24", "chuyển tiếp 6to4 (anycast)"),
  range("192.168.0.0/16", "mạng riêng (RFC 1918)"),
  range("198.18.0.0/15", "dải đo hiệu năng"),
  range("198.51.100.0/24", "dải dùng cho tài liệu"),
  range("203.0.113.0/24", "dải dùng cho tài liệu"),
  range("224.0.0.0/4", "đa hướng (multicast)", true),
  range("255.255.255.255/32", "quảng bá (broadcast)", true),
  range("240.0.0.0/4", "dải dự trữ"),
  range("::/128", "địa chỉ không xác định", true),
  range("::1/128", "chính máy này (loopback)"),
  range("100::/64", "tiền tố loại bỏ (discard)"),
  range("2001::/32", "đường hầm Teredo"),
  range("2001:db8::/32", "dải dùng cho tài liệu"),
  range("fc00::/7", "địa chỉ cục bộ duy nhất (ULA)"),
  range("fe80::/10", "liên kết cục bộ (link-local)"),
  range("fec0::/10", "cục bộ nội bộ (site-local)"),
  range("ff00::/8", "đa hướng (multicast)", true),
];

/** The IPv4 address embedded in an IPv4-mapped (::ffff:0:0/96), IPv4-compatible (::/96), NAT64 (64:ff9b::/96) or 6to4 (2002::/16) address. */
function embeddedV4(ip: { v6: boolean; value: bigint }): bigint | null {
  if (!ip.v6) return null;
  const v = ip.value;
  if (v >> 32n === 0xffffn || v >> 32n === 0n || v >> 32n === 0x0064ff9b0000000000000000n) return v & 0xffffffffn;
  if (v >> 112n === 0x2002n) return (v >> 80n) & 0xffffffffn;
  return null;
}

/** Why `address` may not be connected to without an allowance (null: a public address). */
export function refusalReason(address: string): { reason: string; never: boolean } | null {
  const ip = parseIp(address);
  if (!ip) return { reason: "không phải địa chỉ IP", never: true };
  const v4 = embeddedV4(ip);
  if (v4 !== null && !(ip.value === 0n || ip.value === 1n)) {
    const inner = refusalReason([24n, 16n, 8n, 0n].map((s) => String((v4 >> s) & 0xffn)).join("."));
    return inner ? { reason: `${inner.reason} (nằm trong một địa chỉ IPv6)`, never: inner.never } : null;
  }
  const r = REFUSED.find((x) => inRange(ip, x));
  return r ? { reason: r.reason, never: !!r.never } : null;
}

export interface AddressPolicy {
  /** Loopback (127.0.0.0/8, ::1) allowed: DEMO sources only. */
  loopback: boolean;
  /** Networks ("10.20.0.0/16", "192.168.1.5", "fd12::/64") allowed by the registry for an intranet deployment. */
  allow: string[];
}

export const STRICT_POLICY: AddressPolicy = { loopback: false, allow: [] };

/** The allowance text is a CIDR or a single address; returns the problem or null. */
export function allowanceProblem(entry: string): RegistryProblem | null {
  const [addr, bits, extra] = entry.split("/");
  const ip = addr ? parseIp(addr) : null;
  if (!ip || extra !== undefined) return { code: "reg.allowance_not_ip", params: { entry } };
  const max = ip.v6 ? 128 : 32;
  if (bits !== undefined && (!/^\d+$/.test(bits) || Number(bits) > max)) return { code: "reg.allowance_prefix", params: { entry, max } };
  if (bits !== undefined && Number(bits) < (ip.v6 ? 16 : 8)) return { code: "reg.allowance_too_wide", params: { entry, min: ip.v6 ? 16 : 8 } };
  return null;
}

function parseAllowance(entry: string): Range {
  const [addr, bits] = entry.split("/") as [string, string | undefined];
  const ip = parseIp(addr)!;
  return { net: ip.value, bits: bits === undefined ? (ip.v6 ? 128 : 32) : Number(bits), v6: ip.v6, reason: "allowed" };
}

/** The check one source's connections go through. */
export class AddressGuard {
  private readonly allowed: Range[];
  constructor(readonly policy: AddressPolicy = STRICT_POLICY) {
    this.allowed = policy.allow.map(parseAllowance);
    if (policy.loopback) this.allowed.push(range("127.0.0.0/8", "chính máy này (loopback)"), range("::1/128", "chính máy này (loopback)"));
  }

  /** null when `address` may be connected to, else the reason it is refused. */
  check(address: string): string | null {
    const refused = refusalReason(address);
    if (!refused) return null;
    if (refused.never) return refused.reason;
    const ip = parseIp(address)!;
    const v4 = embeddedV4(ip);
    const probe = v4 !== null && !(ip.value === 0n || ip.value === 1n) ? { v6: false, value: v4 } : ip;
    return this.allowed.some((r) => inRange(probe, r)) ? null : refused.reason;
  }

  /** Throws AddressRefusedError when `address` is refused. */
  assert(host: string, address: string): void {
    const reason = this.check(address);
    if (reason) throw new AddressRefusedError(host, address, reason);
  }

  /** A dns.lookup that refuses a name when any address it resolves to is refused. */
  readonly lookup = (hostname: string, options: object, callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, []);
      const list = addresses as LookupAddress[];
      for (const a of list) {
        const reason = this.check(a.address);
        if (reason) return callback(new AddressRefusedError(hostname, a.address, reason) as unknown as NodeJS.ErrnoException, []);
      }
      if ((options as { all?: boolean }).all) return callback(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };

  /**
   * An undici connector that checks the address before connecting (IP literal),
   * at lookup (host name) and after connecting (the socket's remote address).
   */
  connector(options: { timeout: number; rejectUnauthorized?: boolean }): buildConnector.connector {
    const base = buildConnector({ timeout: options.timeout, lookup: this.lookup as never, ...(options.rejectUnauthorized === false ? { rejectUnauthorized: false } : {}) });
    return (opts, callback) => {
      const host = String(opts.hostname).replace(/^\[|\]$/g, "");
      if (isIP(host)) {
        const reason = this.check(host);
        if (reason) return callback(new AddressRefusedError(host, host, reason), null);
      }
      base(opts, (err, socket) => {
        if (err) return callback(err, null);
        const remote = (socket as Socket | null)?.remoteAddress;
        const reason = remote ? this.check(remote) : null;
        if (reason) {
          socket!.destroy();
          return callback(new AddressRefusedError(host, remote!, reason), null);
        }
        callback(null, socket!);
      });
    };
  }
}

/** Is `error` (or its cause) an address-guard refusal? */
export function isAddressRefusal(error: unknown): error is AddressRefusedError {
  for (let e = error as { code?: string; cause?: unknown } | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++) {
    if (e.code === ADDRESS_REFUSED) return true;
  }
  return false;
}

/** The refusal inside `error` (or its cause chain). */
export function findAddressRefusal(error: unknown): AddressRefusedError | null {
  for (let e = error as { code?: string; cause?: unknown } | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++) {
    if (e.code === ADDRESS_REFUSED) return e as unknown as AddressRefusedError;
  }
  return null;
}

/** Refusal of a URL whose host is an IP literal (after the URL parser's normalisation), before anything is sent. */
export function literalRefusal(url: URL, guard: AddressGuard): AddressRefusedError | null {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (!isIP(host)) return null;
  const reason = guard.check(host);
  return reason ? new AddressRefusedError(host, host, reason) : null;
}

/** The policy of a source: loopback for DEMO sources, the registry's allowance for an intranet. */
export function sourceAddressPolicy(source: { is_demo: boolean; allow_addresses?: string[] }): AddressPolicy {
  return { loopback: source.is_demo, allow: source.allow_addresses ?? [] };
}

/**
 * The registry validator's check of a source URL: an IP-literal host the guard
 * refuses (written in any notation), or a loopback name (localhost), unless the
 * source's allowance covers it. Returns the problem or null.
 */
export function registryUrlAddressProblem(url: string, guard: AddressGuard): RegistryProblem | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null; // reported as "not a URL" elsewhere
  }
  const host = parsed.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) return { code: "reg.loopback_url", params: { url, host } };
  if (!isIP(host)) return null;
  const reason = guard.check(host);
  if (!reason) return null;
  return { code: "reg.address_refused", params: { url, host, reason } };
}
