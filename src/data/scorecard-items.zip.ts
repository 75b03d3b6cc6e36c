// The items behind each number of the scorecard (mart_scorecard_items), split into parts so Thẻ điểm fetches only
// the chosen agency's: one Arrow file per part (`<part>.arrow`, parts 0 … mart_scorecard_items_parts() − 1, empty
// ones included), an agency's part being mart_scorecard_items_part (its card's `items_part`). One warehouse read;
// the page references each entry as FileAttachment("data/scorecard-items/<part>.arrow"), which Framework extracts.
import JSZip from "jszip";
import { scorecardItemPartFiles } from "../../pipelines/report/scorecard-items.ts";
import { withLoaderWarehouse } from "../../pipelines/site/loader-io.ts";

const zip = new JSZip();
for (const [name, bytes] of await withLoaderWarehouse((w) => scorecardItemPartFiles(w))) zip.file(name, bytes);
process.stdout.write(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
