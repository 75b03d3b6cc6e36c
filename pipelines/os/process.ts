/** Operating-system facts the lock and the atomic writer share. */

/** Does a process with this pid exist (EPERM: it does, owned by someone else)? */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
