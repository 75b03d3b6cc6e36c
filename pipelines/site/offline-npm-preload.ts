/**
 * Preloaded with `node --import` into the Framework process: serves npm and
 * CDN requests from node_modules (see offline-npm.ts). The project root is the
 * working directory, or CCHC_NPM_ROOT.
 */
import { installOfflineFetch } from "./offline-npm.ts";

installOfflineFetch(process.env.CCHC_NPM_ROOT ?? process.cwd());
