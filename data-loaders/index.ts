/** The platform adapters, by the name the registry uses. */
import { baotayninh } from "./baotayninh/index.ts";
import { generic } from "./generic/index.ts";
import { nukeviet } from "./nukeviet/index.ts";
import { rss } from "./rss/index.ts";
import { sharepoint } from "./sharepoint/index.ts";
import type { Adapter } from "./types.ts";

export const ADAPTERS: Record<string, Adapter> = {
  nukeviet,
  sharepoint,
  baotayninh,
  rss,
  generic,
};

export function adapterFor(platform: string): Adapter {
  const adapter = ADAPTERS[platform];
  if (!adapter) throw new Error(`no adapter for platform "${platform}" (known: ${Object.keys(ADAPTERS).join(", ")})`);
  return adapter;
}
