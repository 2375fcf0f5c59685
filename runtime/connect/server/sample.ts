// PySpark's df.sample(fraction, seed) and randomSplit (Sample relations), without replacement, as
// Spark samples: one XORShiftRandom(seed + partition) double per row, the row kept when it falls in
// [lowerBound, upperBound). rand(seed) is that draw, so Sluice keeps the rows Spark keeps when
// Spark reads the input as one partition. randomSplit asks for a deterministic order: the input is
// sorted by its orderable columns first, as Spark sorts each partition.
import { userError } from "../../errors.ts";
import { callOf, lit } from "../../api/column.ts";
import type { DataFrame } from "../../api/data_frame.ts";
import type { DataType } from "../../types/data_type.ts";
import type { Sample } from "../gen/spark/connect/relations_pb.ts";

const orderable = (t: DataType): boolean =>
  t.kind === "map" ? false : t.kind === "array" ? orderable(t.elementType) : t.kind === "struct" ? t.fields.every((f) => orderable(f.dataType)) : true;

export function sampleFrame(input: DataFrame, s: Sample): DataFrame {
  if (s.withReplacement) {
    throw userError("UNSUPPORTED_FEATURE.SAMPLE_WITH_REPLACEMENT", "Sluice samples without replacement only.", {
      sqlState: "0A000", hint: "Call sample(withReplacement=False, …).",
    });
  }
  if (input.isStreaming) {
    throw userError("_LEGACY_ERROR_TEMP_3102", "Sampling is not supported on streaming DataFrames/Datasets");
  }
  const quoted = (n: string) => "`" + n.replaceAll("`", "``") + "`";
  const keys = input.schema.fields.filter((f) => orderable(f.dataType)).map((f) => input.col(quoted(f.name)));
  const df = s.deterministicOrder && keys.length > 0 ? input.orderBy(...keys) : input;
  // Both bounds test the same draw: two rand(seed) of one row give the same value.
  const seed = lit(s.seed ?? 0n);
  return df.filter(callOf("rand", seed).geq(s.lowerBound).and(callOf("rand", seed).lt(s.upperBound)));
}
