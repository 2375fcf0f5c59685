// One of Spark's SQL test files, read the way SQLQueryTestSuite/SQLQueryTestHelper read them: the
// queries of `inputs/<name>` (comment lines dropped, split at semicolons not preceded by a
// backslash, --QUERY-DELIMITER blocks, --IMPORT of another file), its --SET and --CONFIG_DIM
// settings, and the expected schema and output of each query from `results/<name>.out`.
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface ExpectedQuery {
  readonly sql: string;
  /** Spark's `schema.catalogString`; `struct<>` for commands and errors. */
  readonly schema: string;
  /** The output lines joined by newlines, trailing whitespace removed. */
  readonly output: string;
}

export interface SparkTestFile {
  readonly name: string;
  readonly queries: readonly string[];
  /** `--SET k=v` settings, then the first config set of each `--CONFIG_DIM` dimension. */
  readonly settings: readonly (readonly [string, string])[];
  readonly expected: readonly ExpectedQuery[];
}

export function readTestFile(dir: string, name: string): SparkTestFile {
  const inputs = join(dir, "sql-tests", "inputs");
  const { comments, code } = splitCommentsAndCodes(readFileSync(join(inputs, name), "utf8"));
  const imported = comments.filter((c) => c.startsWith("--IMPORT ")).flatMap((c) => {
    const other = c.slice("--IMPORT ".length);
    return splitCommentsAndCodes(readFileSync(join(inputs, other), "utf8")).code;
  });
  const queries = getQueries([...imported, ...code]);
  const settings = [...sparkSettings(comments), ...firstOfEachConfigDim(comments)];
  const expected = readGolden(readFileSync(join(dir, "sql-tests", "results", `${name}.out`), "utf8"));
  if (expected.length !== queries.length) {
    throw new Error(`${name}: ${queries.length} queries in the input, ${expected.length} in the golden file`);
  }
  return { name, queries, settings, expected };
}

function splitCommentsAndCodes(input: string): { comments: string[]; code: string[] } {
  const comments: string[] = [], code: string[] = [];
  for (const line of input.split("\n")) {
    const t = line.trim();
    if (t.startsWith("--") && !t.startsWith("--QUERY-DELIMITER")) comments.push(line);
    else code.push(line);
  }
  return { comments, code };
}

/** Java's `split("(?<=[^\\\\]);")`: at each `;` whose previous character is not a backslash. */
function splitWithSemicolon(lines: readonly string[]): string[] {
  const text = lines.join("\n");
  const parts: string[] = [];
  let start = 0;
  for (let i = 1; i < text.length; i++) {
    if (text[i] === ";" && text[i - 1] !== "\\") {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  // Java's split drops trailing empty strings.
  while (parts.length > 0 && parts[parts.length - 1] === "") parts.pop();
  return parts;
}

function getQueries(code: readonly string[]): string[] {
  let temp: string[];
  if (code.some((c) => c.trim().startsWith("--QUERY-DELIMITER"))) {
    temp = [];
    let other: string[] = [];
    let block = "";
    let inBlock = false;
    for (const c of code) {
      if (c.trim().startsWith("--QUERY-DELIMITER-START")) {
        inBlock = true;
        temp.push(...splitWithSemicolon(other));
        other = [];
      } else if (c.trim().startsWith("--QUERY-DELIMITER-END")) {
        inBlock = false;
        temp.push(`\n${block.endsWith(";") ? block.slice(0, -1) : block}`);
        block = "";
      } else if (inBlock) {
        block += `\n${c}`;
      } else {
        other.push(c);
      }
    }
    if (other.length > 0) temp.push(...splitWithSemicolon(other));
  } else {
    temp = splitWithSemicolon(code);
  }
  return temp
    .map((q) => q.trim())
    .filter((q) => q !== "")
    .map((q) => q.split("\n").filter((l) => !l.startsWith("--")).join("\n").trim())
    .filter((q) => q !== "");
}

function parseSettingList(text: string): [string, string][] {
  return text.split(",").map((kv) => {
    const eq = kv.indexOf("=");
    return [kv.slice(0, eq).trim(), kv.slice(eq + 1).trim()];
  });
}

function sparkSettings(comments: readonly string[]): [string, string][] {
  return comments.filter((c) => c.startsWith("--SET ")).flatMap((c) => parseSettingList(c.slice(6)));
}

/**
 * Spark runs a file once per combination of its --CONFIG_DIM sets; every dimension in the files
 * Sluice runs picks a physical strategy (codegen, join algorithm, null-aware anti join) that
 * Sluice does not have, so one run with the first set of each dimension stands for all.
 */
function firstOfEachConfigDim(comments: readonly string[]): [string, string][] {
  const seen = new Set<string>();
  const out: [string, string][] = [];
  for (const c of comments.filter((c) => c.startsWith("--CONFIG_DIM"))) {
    const rest = c.slice("--CONFIG_DIM".length);
    const dim = rest.slice(0, rest.indexOf(" "));
    if (seen.has(dim)) continue;
    seen.add(dim);
    out.push(...parseSettingList(rest.slice(rest.indexOf(" ") + 1)));
  }
  return out;
}

/** Spark's normalizeTestResults: drops Python tracebacks and trailing whitespace. */
export function normalizeOutput(output: string): string {
  let traceback = false;
  const kept = output.split("\n").filter((line) => {
    if (line === "Traceback (most recent call last):") traceback = true;
    else if (!line.startsWith(" ")) traceback = false;
    return !traceback;
  });
  return kept.join("\n").replace(/\s+$/, "");
}

function readGolden(text: string): ExpectedQuery[] {
  const segments = text.split(/-- !query.*\n/);
  const out: ExpectedQuery[] = [];
  for (let i = 1; i + 2 < segments.length; i += 3) {
    out.push({ sql: segments[i]!.trim(), schema: segments[i + 1]!.trim(), output: normalizeOutput(segments[i + 2]!) });
  }
  return out;
}
