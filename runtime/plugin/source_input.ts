// Where a source's rows enter the engine: one place for every source, built in or not. A reader
// with readBatch hands its rows over chunk by chunk (a file, a fetch, a generated block at a
// time); one with only getBatch (the whole-array form plugins were first written against) hands
// the batch at once, and it goes on in chunks from here. Either way the rest of the engine sees
// chunks of at most CHUNK_MAX_ROWS rows.
import { CHUNK_MAX_ROWS, chunksOf } from "../exec/chunks.ts";
import type { Offset, Row, SourceReader } from "./contract.ts";

/**
 * The rows of (start, end] from `reader`, in chunks of at most CHUNK_MAX_ROWS. A whole-array
 * source is read now (awaited once) and its chunks are handed out synchronously; a chunked one is
 * read as the chunks are taken. `waited(ms)` is told the time spent waiting on the source.
 */
export async function sourceChunks(reader: SourceReader, start: Offset, end: Offset, waited: (ms: number) => void = () => {}): Promise<Iterable<Row[]> | AsyncIterable<Row[]>> {
  if (!reader.readBatch) {
    const t = performance.now();
    const rows = await reader.getBatch(start, end);
    waited(performance.now() - t);
    return chunksOf(rows);
  }
  const source = reader.readBatch(start, end, { maxRows: CHUNK_MAX_ROWS });
  return (async function* () {
    const it = Symbol.asyncIterator in source ? source[Symbol.asyncIterator]() : (source as Iterable<Row[]>)[Symbol.iterator]();
    for (;;) {
      const t = performance.now();
      const step = await it.next();
      waited(performance.now() - t);
      if (step.done) return;
      yield* chunksOf(step.value);
    }
  })();
}

/** All the rows of (start, end], gathered (a static side, read once). */
export async function sourceRows(reader: SourceReader, start: Offset, end: Offset): Promise<Row[]> {
  if (!reader.readBatch) return await reader.getBatch(start, end);
  const rows: Row[] = [];
  for await (const chunk of reader.readBatch(start, end, { maxRows: CHUNK_MAX_ROWS })) for (const r of chunk) rows.push(r);
  return rows;
}
