/**
 * Workbench roles and what each may do: the one place permissions are decided
 * (the server and its tests call `allowed`). Pure.
 */
export const ROLES = ["viewer", "agency_editor", "analyst", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  viewer: "Xem",
  agency_editor: "Cán bộ cơ quan (nhập minh chứng của cơ quan mình)",
  analyst: "Chuyên viên phân tích",
  admin: "Quản trị",
};

/** What a write does, for permission checks and audit labels. */
export const ACTIONS = [
  "review.credit",
  "review.exclude",
  "review.reform",
  "review.not_reform",
  "evidence.add",
  "evidence.upload",
  "task.update",
  "plan.import",
  "target.confirm",
  "user.add",
  "user.disable",
] as const;
export type Action = (typeof ACTIONS)[number];

export const ACTION_LABELS: Record<Action, string> = {
  "review.credit": "Gán tin, bài cho cơ quan",
  "review.exclude": "Loại khỏi số liệu",
  "review.reform": "Xác nhận là tin CCHC",
  "review.not_reform": "Xác nhận không phải tin CCHC",
  "evidence.add": "Nhập một minh chứng",
  "evidence.upload": "Tải lên tệp minh chứng",
  "task.update": "Cập nhật nhiệm vụ kế hoạch",
  "plan.import": "Tải lên kế hoạch",
  "target.confirm": "Xác nhận chỉ tiêu tạm",
  "user.add": "Thêm tài khoản",
  "user.disable": "Khóa tài khoản",
};

export interface Actor {
  name: string;
  role: Role;
  /** agency_editor only: the agency it acts for. */
  agency_id: string | null;
}

/**
 * Whether `actor` may do `action`; for evidence, `agencyIds` are the agencies of
 * every row written (an agency editor may write only its own agency's rows).
 */
export function allowed(actor: Actor, action: Action, agencyIds: string[] = []): boolean {
  switch (actor.role) {
    case "admin":
      return true;
    case "analyst":
      return !action.startsWith("user.");
    case "agency_editor":
      return (action === "evidence.add" || action === "evidence.upload") && agencyIds.length > 0 && agencyIds.every((id) => id === actor.agency_id);
    default:
      return false;
  }
}

/** The write actions a role may reach at all (the pages show only these controls). */
export function capabilities(actor: Actor): Action[] {
  return ACTIONS.filter((a) => (actor.role === "agency_editor" ? a.startsWith("evidence.") : allowed(actor, a, actor.agency_id ? [actor.agency_id] : ["*"])));
}
