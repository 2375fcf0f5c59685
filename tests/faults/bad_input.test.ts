// The bad-input matrix (issue 17): every case of bad_input/cases.json — JSON lines with type
// mismatches, Spark's relaxations on and off, invalid UTF-8, odd encodings and separators, schema
// inference — read by Sluice with the case's schema and options in each parse mode, must give what
// PySpark 4.1.1 gave (bad_input/golden.json, written by scripts/goldens/bad_input.py from the same
// input files): the same rows, the same corrupt records, or an error of the same class. Prints one
// summary line.
import { afterAll, describe, expect, test } from "bun:test";
import { join } from "node:path";
import { SparkSession } from "../../runtime/mod.ts";
import { type Encoded, toEncodedRow, type TypeLike } from "../conformance/golden_values.ts";
import cases from "./bad_input/cases.json" with { type: "json" };
import golden from "./bad_input/golden.json" with { type: "json" };

interface Case {
  id: string;
  schema?: string;
  options?: Record<string, string>;
  infer?: boolean;
}
interface Golden {
  id: string;
  variant: "permissive" | "permissive_plain" | "dropmalformed" | "failfast" | "infer";
  schema?: { name: string; type: string }[];
  rows?: Encoded[][];
  error?: { class: string | null; message: string };
}

const spark = SparkSession.builder.config("spark.sql.session.timeZone", "UTC").create();
const byId = new Map((cases as Case[]).map((c) => [c.id, c]));
const MODE = { permissive: "PERMISSIVE", permissive_plain: "PERMISSIVE", dropmalformed: "DROPMALFORMED", failfast: "FAILFAST" } as const;

function read(c: Case, variant: Golden["variant"]) {
  const path = join(import.meta.dir, "bad_input", "inputs", `${c.id}.json`);
  const options: Record<string, string> = { ...c.options };
  if (variant === "infer") return spark.read.options(options).json(path).collectRaw();
  let schema = c.schema!;
  const corrupt = options.columnNameOfCorruptRecord ?? "_corrupt_record";
  if (variant === "permissive" && !schema.includes(corrupt)) schema += `, ${corrupt} STRING`;
  options.mode = MODE[variant];
  return spark.read.schema(schema).options(options).json(path).collectRaw();
}

let same = 0, differ = 0;

describe("bad-input matrix against PySpark", () => {
  for (const g of golden as Golden[]) {
    const c = byId.get(g.id)!;
    test(`${g.id} (${g.variant})`, () => {
      let ok = false;
      try {
        if (g.error) {
          let thrown: unknown;
          try {
            read(c, g.variant);
          } catch (e) {
            thrown = e;
          }
          if (thrown === undefined) throw new Error(`expected ${g.error.class ?? "an error"}: ${g.error.message}, but the read succeeded`);
          const e = thrown as { code?: string; message?: string };
          if (g.error.class === null) expect(String(e.message)).toContain(g.error.message.replace(/^requirement failed: /, ""));
          else expect(e.code).toBe(g.error.class);
        } else {
          const { schema, rows } = read(c, g.variant);
          expect(schema.fields.map((f) => ({ name: f.name, type: f.dataType.simpleString() }))).toEqual(g.schema!);
          expect(rows.map((r) => toEncodedRow(r as unknown[], schema as TypeLike))).toEqual(g.rows!);
        }
        ok = true;
      } finally {
        if (ok) same++;
        else differ++;
      }
    });
  }
  afterAll(() => console.log(`bad input: ${(cases as Case[]).length} cases, ${same + differ} reads, ${same} as PySpark, ${differ} differ`));
});
