/** The platform adapters, by the name the registry uses. */
import { nukeviet } from "./nukeviet/index.ts";
import type { Adapter } from "./types.ts";

export const ADAPTERS: Record<string, Adapter> = {
  nukeviet,
};

export function adapterFor(platform: string): Adapter {
  const adapter = ADAPTERS[platform];
  if (!adapter) throw new Error(`no adapter for platform "${platform}" (known: ${Object.keys(ADAPTERS).join(", ")})`);
  return adapter;
}
