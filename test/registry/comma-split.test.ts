/** Issue 12: names split by a YAML flow-list comma are caught by the loader; the shipped registry has none. */
import { describe, expect, it } from "vitest";
import { loadRegistry, loadRegistryDir, SHIPPED_REGISTRY_DIR } from "../../pipelines/registry/load.ts";
import { formatIssue } from "../../pipelines/registry/yaml-source.ts";
import { foldName } from "../../pipelines/registry/names.ts";
import { lineOf, registryWith } from "./helpers.ts";

const problems = (dir: string) => loadRegistryDir(dir).issues.map((i) => formatIssue({ ...i, file: i.file.replace(`${dir}/`, "") }));

describe("names split by a flow-list comma", () => {
  it("reports the two halves at the line of the list, with the fix", () => {
    const dir = registryWith({
      "agencies.yaml": (t) => t.replace("name: Sở Bêta tỉnh Thử\n    short_names: [Sở Bêta]", "name: Sở Bêta, Văn hóa và Thể thao tỉnh Thử\n    short_names: [Sở Bêta, Văn hóa và Thể thao, SB]"),
    });
    expect(problems(dir)).toEqual([
      `agencies.yaml:${lineOf(dir, "agencies.yaml", "[Sở Bêta, Văn hóa")}: agencies[2].short_names[1]: "Sở Bêta" và "Văn hóa và Thể thao" có vẻ là một tên bị dấu phẩy tách đôi ("Sở Bêta, Văn hóa và Thể thao" là một phần tên cơ quan): hãy đặt trong ngoặc kép, "Sở Bêta, Văn hóa và Thể thao"`,
    ]);
  });

  it("accepts the same name quoted", () => {
    const dir = registryWith({
      "agencies.yaml": (t) => t.replace("name: Sở Bêta tỉnh Thử\n    short_names: [Sở Bêta]", 'name: Sở Bêta, Văn hóa và Thể thao tỉnh Thử\n    short_names: ["Sở Bêta, Văn hóa và Thể thao", SB]'),
    });
    expect(problems(dir)).toEqual([]);
  });

  it("the shipped registry has no half-names: no alias is a fragment of a comma-separated agency name", () => {
    const registry = loadRegistry(SHIPPED_REGISTRY_DIR, ["agencies"]);
    const names = registry.agencies.flatMap((a) => [...a.short_names, ...a.aliases]).map(foldName);
    expect(names).not.toContain(foldName("Thể thao và Du lịch"));
    expect(names).not.toContain(foldName("Truyền hình Tây Ninh"));
    expect(names).toContain(foldName("Sở Văn hóa, Thể thao và Du lịch"));
  });
});
