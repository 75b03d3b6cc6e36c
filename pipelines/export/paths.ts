/**
 * Export file names chosen from data (an agency name, a report title) must stay
 * inside the output folder. A name is a single path segment: no separators of
 * any platform, no "..", no absolute or drive paths, no NUL or control bytes.
 */
import { isAbsolute, join, relative, resolve, sep } from "node:path";

export class UnsafePathError extends Error {}

const WINDOWS_RESERVED = /^(?:con|prn|aux|nul|com\d|lpt\d)(?:\..*)?$/i;

/** Why `name` is not a safe file name, or null when it is. */
export function unsafeNameReason(name: string): string | null {
  if (name.length === 0) return "empty file name";
  if (name.length > 255) return "file name longer than 255 characters";
  if (/[\u0000-\u001f\u007f]/.test(name)) return "control character (NUL, newline …) in file name";
  if (/[/\\]/.test(name)) return "path separator in file name";
  if (/^[a-z]:/i.test(name) || name.includes(":")) return "drive or stream colon in file name";
  if (name === "." || name === "..") return `"${name}" is not a file name`;
  if (/[. ]$/.test(name)) return "file name ends with a dot or a space";
  if (WINDOWS_RESERVED.test(name)) return `"${name}" is a reserved device name on Windows`;
  if (/[<>"|?*]/.test(name)) return "character not allowed in Windows file names (< > \" | ? *)";
  return null;
}

/** The absolute path of `name` inside `dir`; throws UnsafePathError when `name` could escape or is not portable. */
export function safeOutputPath(dir: string, name: string): string {
  const reason = unsafeNameReason(name);
  if (reason) throw new UnsafePathError(`unsafe export file name ${JSON.stringify(name)}: ${reason}`);
  const root = resolve(dir);
  const full = resolve(join(root, name.normalize("NFC")));
  const rel = relative(root, full);
  if (!rel || rel.startsWith("..") || isAbsolute(rel) || rel.includes(sep)) {
    throw new UnsafePathError(`unsafe export file name ${JSON.stringify(name)}: resolves outside ${root}`);
  }
  return full;
}
