// The analyst evidence template (CSV, UTF-8 with BOM), the same file as `cchc evidence template --format csv`.
import { evidenceCsv } from "../../pipelines/evidence/files.ts";

process.stdout.write(evidenceCsv());
