// Column keys and Vietnamese headers of the evidence export (one definition for the CLI and the site).
import { EVIDENCE_COLUMNS } from "../../pipelines/report/queries.ts";

process.stdout.write(JSON.stringify(EVIDENCE_COLUMNS));
