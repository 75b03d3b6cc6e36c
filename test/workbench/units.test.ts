import { describe, expect, it } from "vitest";
import { allowed, capabilities, type Actor } from "../../pipelines/workbench/roles.ts";
import { BASE_DELAY_S, delayAfter, LoginThrottle, MAX_DELAY_S } from "../../pipelines/workbench/throttle.ts";
import { newUserProblems, normaliseUserName, hashPassword, verifyPassword } from "../../pipelines/workbench/users.ts";
import { taskEvidenceProblems } from "../../pipelines/workbench/writes.ts";

const editor: Actor = { name: "cb", role: "agency_editor", agency_id: "so-a" };
const analyst: Actor = { name: "pt", role: "analyst", agency_id: null };
const viewer: Actor = { name: "xem", role: "viewer", agency_id: null };
const admin: Actor = { name: "qt", role: "admin", agency_id: null };

describe("roles", () => {
  it("an agency editor writes only its own agency's evidence, nothing else", () => {
    expect(allowed(editor, "evidence.add", ["so-a"])).toBe(true);
    expect(allowed(editor, "evidence.upload", ["so-a", "so-a"])).toBe(true);
    expect(allowed(editor, "evidence.add", ["so-b"])).toBe(false);
    expect(allowed(editor, "evidence.upload", ["so-a", "so-b"])).toBe(false);
    expect(allowed(editor, "evidence.add", [])).toBe(false);
    expect(allowed(editor, "review.credit")).toBe(false);
    expect(allowed(editor, "task.update")).toBe(false);
    expect(capabilities(editor)).toEqual(["evidence.add", "evidence.upload"]);
  });
  it("viewers write nothing; analysts everything but accounts; admins everything", () => {
    expect(capabilities(viewer)).toEqual([]);
    expect(allowed(analyst, "review.exclude")).toBe(true);
    expect(allowed(analyst, "evidence.add", ["so-b"])).toBe(true);
    expect(allowed(analyst, "user.disable")).toBe(false);
    expect(allowed(admin, "user.disable")).toBe(true);
  });
});

describe("sign-in slow-down", () => {
  it("lets four failures through, then waits longer after each, up to the cap", () => {
    expect([1, 2, 3, 4].map(delayAfter)).toEqual([0, 0, 0, 0]);
    expect(delayAfter(5)).toBe(BASE_DELAY_S);
    expect(delayAfter(6)).toBe(2 * BASE_DELAY_S);
    expect(delayAfter(40)).toBe(MAX_DELAY_S);
  });
  it("refuses the account until the delay is over, and a success clears it", () => {
    const t = new LoginThrottle();
    for (let i = 0; i < 5; i++) t.failed("an", 1_000);
    expect(t.waitFor("an", 1_000)).toBe(BASE_DELAY_S);
    expect(t.waitFor("an", 1_000 + BASE_DELAY_S * 1000)).toBe(0);
    expect(t.waitFor("other", 1_000)).toBe(0);
    t.succeeded("an");
    t.failed("an", 2_000);
    expect(t.waitFor("an", 2_000)).toBe(0);
  });
});

describe("accounts", () => {
  it("names are NFC lower case; bad ones are refused", () => {
    expect(normaliseUserName("  Nguyễn.An ")).toBe("nguyễn.an");
    expect(() => normaliseUserName("a b")).toThrow(/không hợp lệ/);
  });
  it("an agency editor needs a known agency; other roles take none; short passwords are refused", () => {
    const known = new Set(["so-a"]);
    expect(newUserProblems({ name: "x", role: "agency_editor", password: "0123456789" }, known)).toEqual(["--agency: bắt buộc với vai trò agency_editor"]);
    expect(newUserProblems({ name: "x", role: "agency_editor", agency_id: "so-z", password: "0123456789" }, known)[0]).toMatch(/không có cơ quan "so-z"/);
    expect(newUserProblems({ name: "x", role: "analyst", agency_id: "so-a", password: "0123456789" }, known)[0]).toMatch(/chỉ dùng với vai trò agency_editor/);
    expect(newUserProblems({ name: "x", role: "boss", password: "short" }, known)).toHaveLength(2);
  });
  it("stores an argon2id hash, never the password, and verifies it (NFC either way)", async () => {
    const h = await hashPassword("mật khẩu dài đủ");
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(h).not.toContain("mật");
    expect(await verifyPassword(h, "mật khẩu dài đủ".normalize("NFD"))).toBe(true);
    expect(await verifyPassword(h, "mat khau dai du")).toBe(false);
    expect(await verifyPassword("not a hash", "x")).toBe(false);
  });
});

describe("plan-task evidence", () => {
  it("takes links and document numbers, refuses other schemes", () => {
    expect(taskEvidenceProblems(["https://sonoivu.tayninh.gov.vn/a", "Số 12/BC-SNV"])).toEqual([]);
    expect(taskEvidenceProblems(["javascript:alert(1)"])).toEqual(['evidence: "javascript:alert(1)" không phải đường dẫn http(s)']);
  });
});
