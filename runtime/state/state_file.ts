// The bytes of a state file (<version>.delta or <version>.snapshot): a fixed header, then the
// body encoded with msgpackr. The header carries the body's length and CRC-32, so a truncated or
// damaged file is reported as such instead of being read as fewer rows.
//
//   0  "SLST"            magic
//   4  u8  format        FORMAT_VERSION
//   5  u8  kind          1 = delta, 2 = snapshot
//   6  u16 reserved      0
//   8  u64 version       the store version the file holds (guards against a renamed file)
//  16  u64 bodyBytes
//  24  u32 crc32(body)
//  28  u32 entries       rows in a snapshot; updates + removals in a delta
//  32  body
//
// Delta body: [updates, removals], updates = [k1, v1, k2, v2, …], removals = [k1, k2, …].
// Snapshot body: [k1, v1, k2, v2, …]. Keys and values are arrays of engine values.
import { crc32 } from "node:zlib";
import { addExtension, Packr } from "msgpackr";
import { internalError } from "../errors.ts";
import { CalendarInterval } from "../types/calendar_interval.ts";
import { describe } from "./key_string.ts";

export const FORMAT_VERSION = 1;
export const HEADER_BYTES = 32;
const MAGIC = [0x53, 0x4c, 0x53, 0x54];

export type StateFileKind = "delta" | "snapshot";
const KIND_CODE: Record<StateFileKind, number> = { delta: 1, snapshot: 2 };

// msgpack has no -0: msgpackr writes it as the integer 0. A marker object carries it instead.
class NegativeZero {}
const NEGATIVE_ZERO = new NegativeZero();

// Extension type codes are global to msgpackr; these two are not used by msgpackr itself.
addExtension({ Class: NegativeZero, type: 0x2d, write: () => 0, read: () => -0 });
addExtension({
  Class: CalendarInterval,
  type: 0x43,
  write: (v: CalendarInterval) => [v.months, v.days, v.micros],
  read: (a: [number, number, number]) => new CalendarInterval(a[0], a[1], a[2]),
});

const packr = new Packr({
  useRecords: false, // plain arrays, no record structures shared between files
  mapsAsObjects: false, // a msgpack map is a JS Map
  int64AsType: "bigint", // only bigints are written as 64-bit integers, so they come back as bigints
  useBigIntExtension: true, // decimals of up to 38 digits do not fit 64 bits
  copyBuffers: true, // binary values must not keep the whole file alive
});

/** Thrown by decode with the reason; the provider adds the path. */
export class StateFileError extends Error {}

export function encodeStateFile(kind: StateFileKind, version: number, entries: number, body: unknown): Uint8Array {
  const packed = packr.pack(body);
  const out = new Uint8Array(HEADER_BYTES + packed.length);
  const view = new DataView(out.buffer);
  out.set(MAGIC, 0);
  view.setUint8(4, FORMAT_VERSION);
  view.setUint8(5, KIND_CODE[kind]);
  view.setBigUint64(8, BigInt(version));
  view.setBigUint64(16, BigInt(packed.length));
  view.setUint32(24, crc32(packed));
  view.setUint32(28, entries);
  out.set(packed, HEADER_BYTES);
  return out;
}

export function decodeStateFile(kind: StateFileKind, version: number, bytes: Uint8Array): unknown {
  if (bytes.length < HEADER_BYTES) {
    throw new StateFileError(`the file is truncated: it has ${bytes.length} bytes, less than the ${HEADER_BYTES}-byte header`);
  }
  if (MAGIC.some((b, i) => bytes[i] !== b)) throw new StateFileError("it is not a Sluice state file (bad magic number)");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const format = view.getUint8(4);
  if (format !== FORMAT_VERSION) {
    throw new StateFileError(`it has format version ${format}; this Sluice reads version ${FORMAT_VERSION} (written by a newer Sluice?)`);
  }
  if (view.getUint8(5) !== KIND_CODE[kind]) throw new StateFileError(`it is not a ${kind} file`);
  const fileVersion = Number(view.getBigUint64(8));
  if (fileVersion !== version) throw new StateFileError(`it holds version ${fileVersion}, not ${version}`);
  const bodyBytes = Number(view.getBigUint64(16));
  const actual = bytes.length - HEADER_BYTES;
  if (actual < bodyBytes) {
    throw new StateFileError(`the file is truncated: expected ${HEADER_BYTES + bodyBytes} bytes, found ${bytes.length}`);
  }
  if (actual > bodyBytes) {
    throw new StateFileError(`expected ${HEADER_BYTES + bodyBytes} bytes, found ${bytes.length} (trailing bytes)`);
  }
  // A plain Uint8Array view (not a Buffer), so binary values decode as Uint8Array.
  const body = new Uint8Array(bytes.buffer, bytes.byteOffset + HEADER_BYTES, bodyBytes);
  if (crc32(body) !== view.getUint32(24)) throw new StateFileError("its checksum does not match its contents (corrupt file)");
  try {
    return packr.unpack(body);
  } catch (e) {
    throw new StateFileError(`its contents cannot be decoded (${(e as Error).message})`);
  }
}

/** Rows in a file, from the header alone. */
export function stateFileEntries(bytes: Uint8Array): number {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(28);
}

/**
 * `row` ready for msgpackr: the same array when it holds no -0 (the usual case, no copy), else a
 * copy with -0 replaced by the marker. Rejects values outside the engine's representation, which
 * msgpackr would otherwise write as something that reads back differently.
 */
export function encodable(row: readonly unknown[]): readonly unknown[] {
  let out: unknown[] | undefined;
  for (let i = 0; i < row.length; i++) {
    const v = row[i];
    const e = typeof v === "string" || (typeof v === "number" && v !== 0) ? v : encodableValue(v);
    if (e !== v) {
      out ??= row.slice();
      out[i] = e;
    }
  }
  return out ?? row;
}

function encodableValue(v: unknown): unknown {
  switch (typeof v) {
    case "number":
      return v === 0 && 1 / v < 0 ? NEGATIVE_ZERO : v;
    case "string":
    case "boolean":
    case "bigint":
    case "undefined":
      return v;
    case "object": {
      if (v === null || v instanceof Uint8Array || v instanceof CalendarInterval) return v;
      if (Array.isArray(v)) return encodable(v);
      if (v instanceof Map) {
        let changed = false;
        const pairs: [unknown, unknown][] = [];
        for (const [k, x] of v) {
          const ek = encodableValue(k), ex = encodableValue(x);
          if (ek !== k || ex !== x) changed = true;
          pairs.push([ek, ex]);
        }
        return changed ? new Map(pairs) : v;
      }
    }
  }
  throw internalError(`A state store row cannot hold a value of type ${describe(v)}.`);
}
