/**
 * Preloaded with `node --import` into the Framework process: serves npm and
 * CDN requests from node_modules (see offline-npm.ts). The project root is the
 * working directory, or CCHC_NPM_ROOT. Framework's cached npm bundles of the
 * site root being built (CCHC_SITE_ROOT, else src/) are dropped first when an
 * older bundler made them.
 */
import { join, resolve } from "node:path";
import { dropStaleBundles, installOfflineFetch } from "./offline-npm.ts";

dropStaleBundles(join(resolve(process.cwd(), process.env.CCHC_SITE_ROOT ?? "src"), ".observablehq", "cache", "_npm"));
installOfflineFetch(process.env.CCHC_NPM_ROOT ?? process.cwd());
