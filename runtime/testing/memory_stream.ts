// MemoryStream, as in Spark's tests: a streaming source fed from code. Each addData() call
// becomes one batch (offset = number of calls so far), so tests drive batches exactly.
//
//   const input = new MemoryStream(spark, "value INT");
//   const q = input.toDF().groupBy("value").count().writeStream.format("memory")…start();
//   input.addData([[1], [2]]); await q.processAllAvailable();
import type { DataFrame } from "../api/data_frame.ts";
import type { SparkSession } from "../api/session.ts";
import { rowsFromUser } from "../api/rows_from_user.ts";
import { defineSource, type Offset, type Row } from "../plugin/contract.ts";
import { parseSchemaDDL } from "../types/ddl.ts";
import type { StructType } from "../types/data_type.ts";

let counter = 0;

export class MemoryStream {
  readonly schema: StructType;
  readonly name: string;
  private readonly batches: Row[][] = [];

  constructor(private readonly spark: SparkSession, schema: StructType | string) {
    this.schema = typeof schema === "string" ? parseSchemaDDL(schema) : schema;
    this.name = `memory-stream-${++counter}`;
    const batches = this.batches;
    const st = this.schema;
    spark.plugins.registry.register(defineSource<Record<string, never>>({
      name: this.name,
      summary: "Rows added from code, one batch per addData() (tests only).",
      options: { type: "object", properties: {} },
      schema: () => st,
      create: () => ({
        schema: st,
        description: `MemoryStream[${st.fieldNames.join(",")}]`,
        latestOffset: () => (batches.length === 0 ? null : batches.length - 1),
        getBatch: (start: Offset, end: Offset) => batches.slice(start === null ? 0 : (start as number) + 1, (end as number) + 1).flat(),
        prepareForTriggerAvailableNow: () => (batches.length === 0 ? null : batches.length - 1),
      }),
    }), "MemoryStream");
  }

  /** Adds one batch: rows as arrays in schema order or objects (Date allowed for timestamps). */
  addData(rows: readonly (readonly unknown[] | Record<string, unknown>)[]): number {
    this.batches.push(rowsFromUser(rows, this.schema));
    return this.batches.length - 1;
  }

  toDF(): DataFrame {
    return this.spark.readStream.format(this.name).load();
  }
}
