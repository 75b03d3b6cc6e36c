#!/usr/bin/env node
// Entry point of the `cchc` command: registers the TypeScript loader, then runs the CLI.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../pipelines/cli/index.ts");
await main(process.argv);
