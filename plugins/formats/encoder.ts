// What each output format provides to the file sink: the file name ending and a function turning
// a batch's rows (data columns only) into the bytes of one file.
import type { Row, TimeZone, StructType } from "sluice/plugin-sdk";

export interface EncodeContext {
  zone: TimeZone;
  zoneId: string;
}

export interface FileEncoder {
  /** The file name ending after "part-NNNNN-<uuid>.c000", e.g. ".json", ".snappy.parquet". */
  extension: string;
  encode(rows: readonly Row[], schema: StructType): Uint8Array;
}

/** java.math.BigDecimal.toString of unscaled × 10^-scale (scientific notation for tiny values, as Java does). */
export function decimalString(unscaled: bigint, scale: number): string {
  const neg = unscaled < 0n;
  const digits = (neg ? -unscaled : unscaled).toString();
  const adjusted = digits.length - 1 - scale;
  let out: string;
  if (scale >= 0 && adjusted >= -6) {
    if (scale === 0) out = digits;
    else if (digits.length > scale) out = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
    else out = `0.${"0".repeat(scale - digits.length)}${digits}`;
  } else {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    out = `${mantissa}E${adjusted >= 0 ? "+" : ""}${adjusted}`;
  }
  return neg ? `-${out}` : out;
}

/** Base64 of bytes (what Spark's JSON writer emits for BINARY). */
export function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}
