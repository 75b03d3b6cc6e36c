// Entry of an analysis worker thread: registers the TypeScript loader (as bin/cchc.mjs does), then runs worker.ts.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
