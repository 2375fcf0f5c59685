// Reads the entries of a zip (a jar) whose names start with given prefixes: enough of the format
// (central directory, stored and deflated entries) to extract Spark's test resources without
// depending on `unzip` being installed.
import { readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";

const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const CENTRAL_DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_FILE_HEADER = 0x04034b50;
/** The end record is at most 22 bytes plus a 64 KiB comment from the end of the file. */
const END_RECORD_SEARCH_BYTES = 22 + 0xffff;

export interface ZipEntry {
  readonly name: string;
  readonly data: Uint8Array;
}

export function zipEntries(path: string, prefixes: readonly string[]): ZipEntry[] {
  const buf = readFileSync(path);
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let end = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - END_RECORD_SEARCH_BYTES); i--) {
    if (view.getUint32(i, true) === END_OF_CENTRAL_DIRECTORY) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new Error(`${path} is not a zip file (no end of central directory)`);
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const out: ZipEntry[] = [];
  const decoder = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (view.getUint32(at, true) !== CENTRAL_DIRECTORY_ENTRY) throw new Error(`${path}: damaged central directory`);
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localOffset = view.getUint32(at + 42, true);
    const name = decoder.decode(buf.subarray(at + 46, at + 46 + nameLength));
    at += 46 + nameLength + extraLength + commentLength;
    if (name.endsWith("/") || !prefixes.some((p) => name.startsWith(p))) continue;
    if (view.getUint32(localOffset, true) !== LOCAL_FILE_HEADER) throw new Error(`${path}: damaged entry ${name}`);
    const dataStart = localOffset + 30 + view.getUint16(localOffset + 26, true) + view.getUint16(localOffset + 28, true);
    const raw = buf.subarray(dataStart, dataStart + compressedSize);
    if (method === 0) out.push({ name, data: new Uint8Array(raw) });
    else if (method === 8) out.push({ name, data: new Uint8Array(inflateRawSync(raw)) });
    else throw new Error(`${path}: entry ${name} uses compression method ${method}`);
  }
  return out;
}
