export function archiveUrl(path: string | null | undefined, base?: string | null): string | null;
