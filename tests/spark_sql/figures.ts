// The committed figures of Spark's SQL test suite (tests/spark_sql/figures.json), written by
// `bun scripts/spark_sql_suite.ts --update`: per file the queries that pass, the expected errors
// answered with Spark's error class, and the queries known to give a wrong answer. The CI test
// fails when a file passes fewer queries or a query not listed gives a wrong answer.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export const FIGURES_PATH = join(import.meta.dir, "figures.json");

export interface CommittedFile {
  readonly queries: number;
  readonly pass: number;
  readonly expectedErrors: number;
  readonly errorClassMatched: number;
  /** Indices of queries answering differently from Spark (or not failing where Spark fails). */
  readonly knownWrongResults: readonly number[];
}

export interface Figures {
  readonly spark: string;
  readonly files: Readonly<Record<string, CommittedFile>>;
}

export function readFigures(): Figures {
  return JSON.parse(readFileSync(FIGURES_PATH, "utf8")) as Figures;
}

export function writeFigures(f: Figures): void {
  writeFileSync(FIGURES_PATH, JSON.stringify(f, null, 2) + "\n");
}
