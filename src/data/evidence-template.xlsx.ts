// The analyst evidence template (XLSX with a guide sheet), the same file as `cchc evidence template --format xlsx`.
import { evidenceXlsx } from "../../pipelines/evidence/files.ts";

process.stdout.write(await evidenceXlsx());
