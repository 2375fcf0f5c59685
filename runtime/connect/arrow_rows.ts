// Arrow IPC ↔ rows in the engine's value representation (types/data_type.ts). Spark Connect sends
// results as Arrow IPC streams and takes createDataFrame's rows as one. Values are read from and
// written to Arrow's buffers directly, so timestamps keep their microseconds, longs and decimals
// their exact digits (apache-arrow's get() turns timestamps into fractional milliseconds).
import {
  Binary, Bool, type Data, DateDay, Decimal, Duration, Field, Float32, Float64, Int8, Int16, Int32, Int64, IntervalYearMonth, List,
  makeData, Map_, Null, RecordBatch, RecordBatchStreamWriter, Schema, Struct, Table, tableFromIPC, TimeNanosecond, TimeUnit, TimestampMicrosecond,
  Type, Utf8, type DataType as ArrowType,
} from "apache-arrow";
import { userError } from "../errors.ts";
import { CalendarInterval } from "../types/calendar_interval.ts";
import type { DataType, StructType } from "../types/data_type.ts";
import { longFromBigInt } from "../types/long.ts";

type Reader = (i: number) => unknown;

const utf8 = new TextDecoder();

function isValid(data: Data, i: number): boolean {
  if (data.nullCount === 0 || !data.nullBitmap || data.nullBitmap.length === 0) return true;
  const bit = data.offset + i;
  return ((data.nullBitmap[bit >> 3]! >> (bit & 7)) & 1) === 1;
}

const MICROS_PER_UNIT = [1_000_000, 1_000, 1, 0.001];
const NANOS_PER_UNIT = [1_000_000_000, 1_000_000, 1_000, 1];

function decimalAt(words: Uint32Array, k: number): bigint {
  let v = 0n;
  for (let w = 3; w >= 0; w--) v = (v << 32n) | BigInt(words[k * 4 + w]!);
  return BigInt.asIntN(128, v);
}

/** A reader of logical row `i` of `data` (an Arrow column chunk) as the engine's value for `t`. */
export function columnReader(t: DataType, data: Data): Reader {
  const at = data.type as ArrowType;
  const off = data.offset;
  const v = data.values as ArrayLike<number | bigint> & { subarray?: unknown };
  const nullable = (read: Reader): Reader => (i) => (isValid(data, i) ? read(i) : null);
  if (at.typeId === Type.Null) return () => null;
  switch (t.kind) {
    case "null": return () => null;
    case "boolean": {
      const bits = data.values as Uint8Array;
      return nullable((i) => ((bits[(off + i) >> 3]! >> ((off + i) & 7)) & 1) === 1);
    }
    case "byte": case "short": case "int": case "float": case "double":
      return nullable((i) => Number(v[off + i]!));
    case "long":
      // Exact: a number while it is a safe integer, a bigint beyond (types/long.ts).
      return nullable((i) => longFromBigInt(BigInt(v[off + i]!)));
    case "yearmonth_interval":
      return nullable((i) => Number(v[off + i]!));
    case "daytime_interval": {
      const unit = (at as Duration).unit ?? TimeUnit.MICROSECOND;
      return nullable((i) => Number(v[off + i]!) * MICROS_PER_UNIT[unit]!);
    }
    case "timestamp": case "timestamp_ntz": {
      const unit = (at as TimestampMicrosecond).unit ?? TimeUnit.MICROSECOND;
      return nullable((i) => Number(v[off + i]!) * MICROS_PER_UNIT[unit]!);
    }
    case "time": {
      // Spark sends TIME as Arrow Time64 in nanoseconds; the engine keeps nanoseconds too.
      const unit = (at as TimeNanosecond).unit ?? TimeUnit.NANOSECOND;
      return nullable((i) => Number(v[off + i]!) * NANOS_PER_UNIT[unit]!);
    }
    case "date":
      // Date32 holds days; Date64 milliseconds.
      if ((at as DateDay).unit === 1) return nullable((i) => Math.floor(Number(v[off + i]!) / 86_400_000));
      return nullable((i) => Number(v[off + i]!));
    case "decimal": {
      const words = data.values as Uint32Array;
      return nullable((i) => decimalAt(words, off + i));
    }
    case "string": case "binary": {
      const offsets = data.valueOffsets as ArrayLike<number | bigint>;
      const bytes = data.values as Uint8Array;
      const slice = (i: number) => bytes.subarray(Number(offsets[off + i]!), Number(offsets[off + i + 1]!));
      return t.kind === "string" ? nullable((i) => utf8.decode(slice(i))) : nullable((i) => slice(i).slice());
    }
    case "array": {
      const offsets = data.valueOffsets as ArrayLike<number | bigint>;
      const child = data.children[0]!;
      const item = columnReader(t.elementType, child);
      return nullable((i) => {
        const out: unknown[] = [];
        for (let k = Number(offsets[off + i]!); k < Number(offsets[off + i + 1]!); k++) out.push(item(k));
        return out;
      });
    }
    case "map": {
      const offsets = data.valueOffsets as ArrayLike<number | bigint>;
      const entries = data.children[0]!;
      const key = columnReader(t.keyType, entries.children[0]!);
      const value = columnReader(t.valueType, entries.children[1]!);
      return nullable((i) => {
        const out = new Map<unknown, unknown>();
        for (let k = Number(offsets[off + i]!); k < Number(offsets[off + i + 1]!); k++) out.set(key(k), value(k));
        return out;
      });
    }
    case "struct": {
      const fields = t.fields.map((f, k) => columnReader(f.dataType, data.children[k]!));
      return nullable((i) => fields.map((r) => r(i)));
    }
    case "calendar_interval": {
      // Arrow's MONTH_DAY_NANO interval: months (int32), days (int32), nanoseconds (int64).
      const words = new Int32Array((data.values as Int32Array).buffer, (data.values as Int32Array).byteOffset, (data.values as Int32Array).length);
      return nullable((i) => {
        const k = (off + i) * 4;
        const nanos = (BigInt(words[k + 3]!) << 32n) | BigInt(words[k + 2]! >>> 0);
        return new CalendarInterval(words[k]!, words[k + 1]!, Number(nanos / 1000n));
      });
    }
  }
}

/** The rows of Arrow IPC streams (each a whole stream: schema and record batches), read as `schema`. */
export function rowsFromArrow(streams: readonly Uint8Array[], schema: StructType): unknown[][] {
  const rows: unknown[][] = [];
  for (const bytes of streams) {
    const table = tableFromIPC(bytes);
    for (const batch of table.batches) {
      const readers = schema.fields.map((f, k) => columnReader(f.dataType, batch.data.children[k]!));
      for (let i = 0; i < batch.numRows; i++) rows.push(readers.map((r) => r(i)));
    }
  }
  return rows;
}

// ---- writing ----

function arrowTypeOf(t: DataType): ArrowType {
  switch (t.kind) {
    case "null": return new Null();
    case "boolean": return new Bool();
    case "byte": return new Int8();
    case "short": return new Int16();
    case "int": return new Int32();
    case "long": return new Int64();
    case "float": return new Float32();
    case "double": return new Float64();
    case "decimal": return new Decimal(t.scale, t.precision, 128);
    case "string": return new Utf8();
    case "binary": return new Binary();
    case "date": return new DateDay();
    case "timestamp": return new TimestampMicrosecond("UTC");
    case "timestamp_ntz": return new TimestampMicrosecond();
    case "time": return new TimeNanosecond();
    case "daytime_interval": return new Duration(TimeUnit.MICROSECOND);
    case "yearmonth_interval": return new IntervalYearMonth();
    case "array": return new List(new Field("element", arrowTypeOf(t.elementType), true));
    case "map":
      // deno-lint-ignore no-explicit-any
      return new Map_(new Field("entries", new Struct([new Field("key", arrowTypeOf(t.keyType), false), new Field("value", arrowTypeOf(t.valueType), true)]), false) as Field<any>);
    case "struct": return new Struct(t.fields.map((f) => new Field(f.name, arrowTypeOf(f.dataType), true)));
    case "calendar_interval":
      throw userError("UNSUPPORTED_ARROWTYPE", "Unsupported arrow type CalendarInterval.", { sqlState: "0A000" });
  }
}

function validity(values: readonly unknown[]): { bitmap: Uint8Array; nulls: number } {
  const bitmap = new Uint8Array(Math.ceil(values.length / 8));
  let nulls = 0;
  values.forEach((x, i) => {
    if (x === null || x === undefined) nulls++;
    else bitmap[i >> 3]! |= 1 << (i & 7);
  });
  return { bitmap, nulls };
}

const utf8Encoder = new TextEncoder();

function offsetsOf(lengths: number[]): Int32Array {
  const o = new Int32Array(lengths.length + 1);
  for (let i = 0; i < lengths.length; i++) o[i + 1] = o[i]! + lengths[i]!;
  return o;
}

/** An Arrow column chunk holding `values` (engine representation) of type `t`. */
export function columnData(t: DataType, values: readonly unknown[]): Data {
  const type = arrowTypeOf(t);
  const length = values.length;
  const { bitmap, nulls } = validity(values);
  const nullBitmap = nulls === 0 ? undefined : bitmap;
  const base = { type, length, nullCount: nulls, nullBitmap } as const;
  switch (t.kind) {
    case "null": return makeData({ type: new Null(), length });
    case "boolean": {
      const bits = new Uint8Array(Math.ceil(length / 8));
      values.forEach((x, i) => { if (x === true) bits[i >> 3]! |= 1 << (i & 7); });
      return makeData({ ...base, type: type as Bool, data: bits });
    }
    case "byte": return makeData({ ...base, type: type as Int8, data: Int8Array.from(values, (x) => Number(x ?? 0)) });
    case "short": return makeData({ ...base, type: type as Int16, data: Int16Array.from(values, (x) => Number(x ?? 0)) });
    case "int": case "yearmonth_interval":
      return makeData({ ...base, type: type as Int32, data: Int32Array.from(values, (x) => Number(x ?? 0)) });
    case "time":
      return makeData({ ...base, type: type as TimeNanosecond, data: BigInt64Array.from(values, (x) => BigInt(Math.trunc(Number(x ?? 0)))) });
    case "long": case "timestamp": case "timestamp_ntz": case "daytime_interval":
      return makeData({ ...base, type: type as Int64, data: BigInt64Array.from(values, (x) => (typeof x === "bigint" ? x : BigInt(Math.trunc(Number(x ?? 0))))) });
    case "float": return makeData({ ...base, type: type as Float32, data: Float32Array.from(values, (x) => Number(x ?? 0)) });
    case "double": return makeData({ ...base, type: type as Float64, data: Float64Array.from(values, (x) => Number(x ?? 0)) });
    case "date": return makeData({ ...base, type: type as DateDay, data: Int32Array.from(values, (x) => Number(x ?? 0)) });
    case "decimal": {
      const words = new Uint32Array(length * 4);
      values.forEach((x, i) => {
        let u = BigInt.asUintN(128, BigInt((x as bigint | null) ?? 0n));
        for (let w = 0; w < 4; w++) { words[i * 4 + w] = Number(u & 0xffffffffn); u >>= 32n; }
      });
      return makeData({ ...base, type: type as Decimal, data: words });
    }
    case "string": case "binary": {
      const parts = values.map((x) => (x === null || x === undefined ? new Uint8Array(0) : typeof x === "string" ? utf8Encoder.encode(x) : (x as Uint8Array)));
      const data = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) { data.set(p, at); at += p.length; }
      return makeData({ ...base, type: type as Utf8, data, valueOffsets: offsetsOf(parts.map((p) => p.length)) });
    }
    case "array": {
      const lists = values.map((x) => (x as unknown[] | null) ?? []);
      const child = columnData(t.elementType, lists.flat(1));
      return makeData({ ...base, type: type as List, valueOffsets: offsetsOf(lists.map((l) => l.length)), child });
    }
    case "map": {
      const maps = values.map((x) => [...((x as Map<unknown, unknown> | null) ?? new Map()).entries()]);
      const entries = maps.flat(1);
      const keys = columnData(t.keyType, entries.map((e) => e[0]));
      const vals = columnData(t.valueType, entries.map((e) => e[1]));
      const entryType = (type as Map_).children[0]!.type as Struct;
      const child = makeData({ type: entryType, length: entries.length, nullCount: 0, children: [keys, vals] });
      return makeData({ ...base, type: type as Map_, valueOffsets: offsetsOf(maps.map((m) => m.length)), child });
    }
    case "struct": {
      const children = t.fields.map((f, k) => columnData(f.dataType, values.map((x) => (x === null || x === undefined ? null : (x as unknown[])[k]))));
      return makeData({ ...base, type: type as Struct, children });
    }
    case "calendar_interval":
      throw userError("UNSUPPORTED_ARROWTYPE", "Unsupported arrow type CalendarInterval.", { sqlState: "0A000" });
  }
}

/** Rows (engine representation) as one Arrow IPC stream with `schema`'s columns. */
export function arrowFromRows(rows: readonly (readonly unknown[])[], schema: StructType): Uint8Array {
  const fields = schema.fields.map((f) => new Field(f.name, arrowTypeOf(f.dataType), f.nullable));
  const arrowSchema = new Schema(fields);
  const children = schema.fields.map((f, k) => columnData(f.dataType, rows.map((r) => r[k])));
  const structData = makeData({ type: new Struct(fields), length: rows.length, nullCount: 0, children });
  const batch = new RecordBatch(arrowSchema, structData);
  return RecordBatchStreamWriter.writeAll(new Table(arrowSchema, [batch])).toUint8Array(true);
}
