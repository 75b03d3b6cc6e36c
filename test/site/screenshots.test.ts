/** `npm run screenshots` names one file per page and width, for every page of the site. */
import { describe, expect, it } from "vitest";
import { VIEWPORTS } from "../../pipelines/site/layout-audit.ts";
import { screenshotFile, sitePaths } from "../../scripts/screenshots.ts";

describe("screenshots", () => {
  it("writes a desktop and a phone picture of every page, under distinct names", () => {
    expect(VIEWPORTS.map((v) => v.width)).toEqual([1400, 390]);
    expect(screenshotFile("/", 1400)).toBe("index-1400.png");
    expect(screenshotFile("/kenh", 390)).toBe("kenh-390.png");
    expect(screenshotFile("/kenh", 390, true)).toBe("kenh-390-dark.png");
    const files = sitePaths().flatMap((p) => VIEWPORTS.map((v) => screenshotFile(p, v.width)));
    expect(new Set(files).size).toBe(sitePaths().length * 2);
    expect(sitePaths()).toContain("/");
  });
});
