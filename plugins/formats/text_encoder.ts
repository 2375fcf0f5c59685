// Rows of one STRING column as lines of text (Spark's TextOutputWriter); null writes an empty line.
import type { Row } from "sluice/plugin-sdk";
import type { FileEncoder } from "./encoder.ts";

export function textEncoder(lineSep = "\n"): FileEncoder["encode"] {
  return (rows: readonly Row[]) => {
    const parts = new Array<string>(rows.length);
    for (let i = 0; i < rows.length; i++) parts[i] = (rows[i]![0] as string | null) ?? "";
    return new TextEncoder().encode(parts.length ? parts.join(lineSep) + lineSep : "");
  };
}
