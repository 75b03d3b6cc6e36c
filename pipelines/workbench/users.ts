/**
 * Workbench accounts in the warehouse table `users` (migration 150). Passwords
 * are hashed with argon2id (@node-rs/argon2, memory-hard); only the hash is stored.
 */
import { hash, verify } from "@node-rs/argon2";
import type { Warehouse } from "../warehouse/db.ts";
import { toVietnamIso } from "../time/vietnam-time.ts";
import { type Actor, ROLES, type Role } from "./roles.ts";

/** argon2id, 19 MiB, 2 passes (OWASP's minimum for argon2id). */
const ARGON2 = { algorithm: 2 /* Argon2id */, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const MIN_PASSWORD_LENGTH = 10;

export interface UserRow extends Actor {
  created_at: string;
  created_by: string;
  disabled_at: string | null;
}

/** Sign-in names: NFC, lower case, letters / digits / . _ -; 2–40 characters. */
export function normaliseUserName(raw: string): string {
  const name = raw.normalize("NFC").trim().toLowerCase();
  if (!/^[\p{L}\p{N}._-]{2,40}$/u.test(name)) throw new Error(`tên đăng nhập "${raw}" không hợp lệ: 2–40 ký tự, chỉ chữ, số và . _ -`);
  return name;
}

export function passwordProblem(password: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `mật khẩu cần ít nhất ${MIN_PASSWORD_LENGTH} ký tự`;
  return null;
}

export function hashPassword(password: string): Promise<string> {
  return hash(password.normalize("NFC"), ARGON2);
}

export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  try {
    return await verify(stored, password.normalize("NFC"));
  } catch {
    return false;
  }
}

/** A hash to verify against when the user does not exist, so timing does not reveal which names exist. */
let dummyHash: Promise<string> | null = null;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("không có tài khoản này");
  return dummyHash;
}

function toUser(r: Record<string, unknown>): UserRow {
  return {
    name: r.name as string,
    role: r.role as Role,
    agency_id: (r.agency_id as string | null) ?? null,
    created_at: r.created_at as string,
    created_by: r.created_by as string,
    disabled_at: (r.disabled_at as string | null) ?? null,
  };
}

export async function findUser(w: Warehouse, name: string): Promise<(UserRow & { password_hash: string }) | null> {
  const r = await w.one("SELECT * FROM users WHERE name = $name", { name });
  return r ? { ...toUser(r), password_hash: r.password_hash as string } : null;
}

export async function listUsers(w: Warehouse): Promise<UserRow[]> {
  return (await w.all("SELECT * FROM users ORDER BY name")).map(toUser);
}

export interface NewUser {
  name: string;
  role: string;
  agency_id?: string | null;
  password: string;
}

/** Validate a new account (role, agency, password) against the known agency ids; throws with every problem. */
export function newUserProblems(u: NewUser, knownAgencies: Set<string>): string[] {
  const problems: string[] = [];
  if (!(ROLES as readonly string[]).includes(u.role)) problems.push(`--role: "${u.role}" không hợp lệ (một trong: ${ROLES.join(", ")})`);
  if (u.role === "agency_editor") {
    if (!u.agency_id) problems.push("--agency: bắt buộc với vai trò agency_editor");
    else if (!knownAgencies.has(u.agency_id)) problems.push(`--agency: không có cơ quan "${u.agency_id}" trong danh mục`);
  } else if (u.agency_id) problems.push(`--agency: chỉ dùng với vai trò agency_editor`);
  const p = passwordProblem(u.password);
  if (p) problems.push(p);
  return problems;
}

/** Insert a validated account (the caller validated with newUserProblems and audits). */
export async function insertUser(w: Warehouse, u: NewUser & { name: string }, createdBy: string, now: Date): Promise<UserRow> {
  if (await findUser(w, u.name)) throw new Error(`tài khoản "${u.name}" đã có`);
  const row = {
    name: u.name,
    role: u.role,
    agency: u.role === "agency_editor" ? (u.agency_id ?? null) : null,
    hash: await hashPassword(u.password),
    at: toVietnamIso(now),
    by: createdBy,
  };
  await w.run(
    `INSERT INTO users (name, role, agency_id, password_hash, created_at, created_by, disabled_at)
     VALUES ($name, $role, $agency, $hash, $at::TIMESTAMPTZ, $by, NULL)`,
    row,
  );
  const { password_hash: _hash, ...created } = (await findUser(w, u.name))!;
  return created;
}

export async function disableUser(w: Warehouse, name: string, now: Date): Promise<{ before: UserRow; after: UserRow }> {
  const before = await findUser(w, name);
  if (!before) throw new Error(`không có tài khoản "${name}"`);
  if (before.disabled_at) throw new Error(`tài khoản "${name}" đã bị khóa từ ${before.disabled_at}`);
  await w.run("UPDATE users SET disabled_at = $at::TIMESTAMPTZ WHERE name = $name", { name, at: toVietnamIso(now) });
  const after = (await findUser(w, name))!;
  const strip = ({ password_hash: _h, ...u }: UserRow & { password_hash: string }) => u;
  return { before: strip(before), after: strip(after) };
}
