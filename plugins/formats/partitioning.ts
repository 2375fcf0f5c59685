// Partition columns from `key=value` directories, as Spark's PartitioningUtils reads them: names
// and values are unescaped (%XX), `__HIVE_DEFAULT_PARTITION__` is null, and value types are
// inferred (int, bigint, decimal, double, timestamp, date, else string) and widened across
// directories. Columns the user's schema names take the user's type. All files must agree on the
// partition column names (CONFLICTING_PARTITION_COLUMN_NAMES otherwise).
import { dirname, relative, resolve as resolvePath, sep } from "node:path";
import { userError, castFunction, longFromDigits, compileDatetimePattern, DATE, DecimalType, DOUBLE, INT, LONG, NULL, STRING, StructField, StructType, TIMESTAMP, type TimeZone, type DataType } from "sluice/plugin-sdk";
import type { ListedFile } from "./list_files.ts";

export const DEFAULT_PARTITION_NAME = "__HIVE_DEFAULT_PARTITION__";

/** Spark's escapePathName set: these characters are written as %XX in partition directory names. */
const ESCAPED = new Set(['"', "#", "%", "'", "*", "/", ":", "=", "?", "\\", "\u007f", "{", "[", "]", "^"]);

export function escapePathName(s: string): string {
  let out = "";
  for (const ch of s) {
    const code = ch.charCodeAt(0);
    if (ESCAPED.has(ch) || (code >= 1 && code <= 0x1f)) out += "%" + code.toString(16).toUpperCase().padStart(2, "0");
    else out += ch;
  }
  return out;
}

export function unescapePathName(s: string): string {
  if (!s.includes("%")) return s;
  let out = "";
  for (let i = 0; i < s.length; i++) {
    if (s[i] === "%" &&  /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      out += String.fromCharCode(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else out += s[i];
  }
  return out;
}

export interface Partitioning {
  /** The partition columns, in directory order (empty when the files are not partitioned). */
  schema: StructType;
  /** The typed partition values of a file (by absolute path). */
  values(path: string): unknown[];
}

export const NO_PARTITIONS: Partitioning = { schema: new StructType([]), values: () => [] };

/** The raw `key=value` pairs of a file's directories below its root, outermost first. */
function rawPartition(file: ListedFile): [string, string][] {
  const rel = relative(file.root, dirname(file.path));
  if (rel === "" || rel.startsWith("..")) return [];
  const parts = rel.split(sep);
  const found: [string, string][] = [];
  for (let i = parts.length - 1; i >= 0; i--) {
    const part = parts[i]!;
    const eq = part.indexOf("=");
    if (eq <= 0 || eq === part.length - 1) {
      if (found.length > 0) break;
      continue;
    }
    found.unshift([unescapePathName(part.slice(0, eq)), part.slice(eq + 1)]);
  }
  return found;
}

const INT_RE = /^[+-]?\d+$/;
const DECIMAL_RE = /^[+-]?\d+$/;
const DOUBLE_RE = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[dDfF]?$|^[+-]?(NaN|Infinity)$/;

/** The type Spark infers for one raw partition value (inferPartitionColumnValue). */
function inferType(raw: string, zone: TimeZone): DataType {
  if (raw === DEFAULT_PARTITION_NAME) return NULL;
  if (INT_RE.test(raw)) {
    const n = BigInt(raw);
    if (n >= -2147483648n && n <= 2147483647n) return INT;
    if (n >= -9223372036854775808n && n <= 9223372036854775807n) return LONG;
    if (DECIMAL_RE.test(raw)) {
      const digits = raw.replace(/^[+-]/, "").replace(/^0+(?=\d)/, "").length;
      if (digits <= 38) return new DecimalType(digits, 0);
    }
  }
  if (DOUBLE_RE.test(raw)) return DOUBLE;
  const unescaped = unescapePathName(raw);
  if (parseTimestampValue(unescaped, zone) !== null) return TIMESTAMP;
  if (parseDateValue(raw) !== null) return DATE;
  return STRING;
}

const TS_PATTERN = "yyyy-MM-dd HH:mm:ss[.S]";

function parseTimestampValue(s: string, zone: TimeZone): number | null {
  return compileDatetimePattern(TS_PATTERN, true).tryParse(s, zone);
}

function parseDateValue(s: string): number | null {
  // Spark parses with yyyy-MM-dd and keeps the type only if formatting gives the text back.
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return null;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  if (d.getUTCFullYear() !== +m[1]! || d.getUTCMonth() !== +m[2]! - 1 || d.getUTCDate() !== +m[3]!) return null;
  return Math.floor(d.getTime() / 86_400_000);
}

const NUMERIC_RANK: Record<string, number> = { int: 1, long: 2, decimal: 3, double: 4 };

/** findWiderTypeForPartitionColumn: numbers widen, date+timestamp is timestamp, anything else string. */
function wider(a: DataType, b: DataType): DataType {
  if (a.kind === "null") return b;
  if (b.kind === "null") return a;
  if (a.equals(b)) return a;
  const ra = NUMERIC_RANK[a.kind], rb = NUMERIC_RANK[b.kind];
  if (ra !== undefined && rb !== undefined) {
    if (a.kind === "double" || b.kind === "double") return DOUBLE;
    if (a.kind === "decimal" && b.kind === "decimal") {
      return new DecimalType(Math.min(38, Math.max(a.precision, b.precision)), 0);
    }
    if (a.kind === "decimal" || b.kind === "decimal") {
      const d = (a.kind === "decimal" ? a : b) as DecimalType;
      const other = a.kind === "decimal" ? b : a;
      return new DecimalType(Math.max(d.precision, other.kind === "int" ? 10 : 20), 0);
    }
    return ra > rb ? a : b;
  }
  const kinds = new Set([a.kind, b.kind]);
  if (kinds.has("date") && kinds.has("timestamp")) return TIMESTAMP;
  return STRING;
}

/** Converts a raw directory value to `type`. */
function typedValue(raw: string, type: DataType, zone: TimeZone, zoneId: string): unknown {
  if (raw === DEFAULT_PARTITION_NAME) return null;
  const text = unescapePathName(raw);
  switch (type.kind) {
    case "string": return text;
    case "int": return Number(text);
    case "long": return longFromDigits(text.trim());
    case "double": return Number(text.replace(/[dDfF]$/, ""));
    case "decimal": return BigInt(text);
    case "timestamp": {
      const days = parseDateValue(text);
      return parseTimestampValue(text, zone) ?? (days === null ? null : zone.toUtc(days * 86_400_000_000));
    }
    case "date": return parseDateValue(text);
    default: return castFunction(STRING, type, false, zoneId)(text);
  }
}

/**
 * Discovers the partition columns of `files`. `userSchema` fixes the type of the columns it names;
 * the others are inferred.
 */
export function discoverPartitions(
  files: readonly ListedFile[],
  userSchema: StructType | undefined,
  zone: TimeZone,
  zoneId: string,
): Partitioning {
  if (files.length === 0) return NO_PARTITIONS;
  const raws = files.map((f) => ({ file: f, pairs: rawPartition(f) }));
  const nameLists = new Map<string, ListedFile[]>();
  for (const r of raws) {
    const key = JSON.stringify(r.pairs.map((p) => p[0]));
    if (!nameLists.has(key)) nameLists.set(key, []);
    nameLists.get(key)!.push(r.file);
  }
  if (nameLists.size > 1) throw conflictingNames(nameLists);
  const names = raws[0]!.pairs.map((p) => p[0]);
  if (names.length === 0) return NO_PARTITIONS;

  const types = names.map((name, i) => {
    const user = userSchema?.field(name);
    if (user) return user.dataType;
    let t: DataType = NULL;
    for (const r of raws) t = wider(t, inferType(r.pairs[i]![1], zone));
    return t.kind === "null" ? STRING : t;
  });
  const byPath = new Map<string, unknown[]>();
  for (const r of raws) byPath.set(r.file.path, r.pairs.map((p, i) => typedValue(p[1], types[i]!, zone, zoneId)));
  const schema = new StructType(names.map((n, i) => new StructField(userSchema?.field(n)?.name ?? n, types[i]!, true)));
  return {
    schema,
    values: (path) => byPath.get(path) ?? names.map(() => null),
  };
}

function conflictingNames(lists: Map<string, ListedFile[]>): Error {
  const listed = [...lists.keys()].map((k, i) => `\tPartition column name list #${i}: ${(JSON.parse(k) as string[]).join(", ")}`);
  const dirs = [...lists.values()].map((files) => `\tfile:${dirname(files[0]!.path)}`);
  return userError(
    "CONFLICTING_PARTITION_COLUMN_NAMES",
    `Conflicting partition column names detected:\n\n${listed.join("\n")}\n\nFor partitioned table directories, data files should only live in leaf directories.\nAnd directories at the same level should have the same partition column name.\nPlease check the following directories for unexpected files or inconsistent partition column names:\n\n${dirs.join("\n")}`,
    { sqlState: "KD009" },
  );
}

/** Where partition directories are read from for `path` (a directory, or the part of a glob before its first pattern). */
export function partitionRoot(path: string): string {
  const abs = resolvePath(path);
  const parts = abs.split(sep);
  const firstGlob = parts.findIndex((p) => /[{}[\]*?\\]/.test(p));
  if (firstGlob < 0) return abs;
  return parts.slice(0, Math.max(1, firstGlob)).join(sep) || sep;
}

/**
 * The values of `schema`'s partition columns for the file at `path` below `root`, typed as the
 * schema says; a column without a directory is null.
 */
export function partitionValues(path: string, root: string, schema: StructType, zone: TimeZone, zoneId: string): unknown[] {
  if (schema.fields.length === 0) return [];
  const pairs = rawPartition({ path, root, size: 0, mtimeMs: 0 });
  return schema.fields.map((f) => {
    const hit = pairs.find((p) => p[0] === f.name) ?? pairs.find((p) => p[0].toLowerCase() === f.name.toLowerCase());
    return hit === undefined ? null : typedValue(hit[1], f.dataType, zone, zoneId);
  });
}
