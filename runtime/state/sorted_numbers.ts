// A sorted set of numbers kept in blocks of at most BLOCK_MAX_NUMBERS (a "sorted list" of
// sorted arrays): inserting or removing costs a binary search and a splice inside one block, so a
// million distinct event times stay cheap to maintain, and walking a range costs what it yields.

/** Numbers per block before it is split in two. */
export const BLOCK_MAX_NUMBERS = 512;

export class SortedNumbers {
  private blocks: number[][] = [];
  private count = 0;

  get size(): number {
    return this.count;
  }

  /** Adds `x`; false if it was there already. */
  insert(x: number): boolean {
    const blocks = this.blocks;
    if (blocks.length === 0) {
      blocks.push([x]);
      this.count++;
      return true;
    }
    const b = this.blockFor(x);
    const block = blocks[b]!;
    const i = lowerBound(block, x);
    if (block[i] === x) return false;
    block.splice(i, 0, x);
    this.count++;
    if (block.length > BLOCK_MAX_NUMBERS) blocks.splice(b + 1, 0, block.splice(block.length >> 1));
    return true;
  }

  /** Removes `x`; false if it was not there. */
  remove(x: number): boolean {
    if (this.blocks.length === 0) return false;
    const b = this.blockFor(x);
    const block = this.blocks[b]!;
    const i = lowerBound(block, x);
    if (block[i] !== x) return false;
    block.splice(i, 1);
    this.count--;
    if (block.length === 0) this.blocks.splice(b, 1);
    return true;
  }

  has(x: number): boolean {
    if (this.blocks.length === 0) return false;
    const block = this.blocks[this.blockFor(x)]!;
    return block[lowerBound(block, x)] === x;
  }

  /** The smallest number, or undefined when empty. */
  min(): number | undefined {
    return this.blocks[0]?.[0];
  }

  /** The numbers in [from, to], ascending. Do not change the set while iterating. */
  *range(from = -Infinity, to = Infinity): Generator<number> {
    const blocks = this.blocks;
    if (blocks.length === 0) return;
    for (let b = this.blockFor(from); b < blocks.length; b++) {
      const block = blocks[b]!;
      for (let i = b === 0 || block[0]! < from ? lowerBound(block, from) : 0; i < block.length; i++) {
        const x = block[i]!;
        if (x > to) return;
        yield x;
      }
    }
  }

  clear(): void {
    this.blocks = [];
    this.count = 0;
  }

  /** The block that holds `x` or where it would go: the first whose last number is >= x (else the last). */
  private blockFor(x: number): number {
    const blocks = this.blocks;
    let lo = 0, hi = blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const block = blocks[mid]!;
      if (block[block.length - 1]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** The first index whose number is >= x (block.length if none). */
function lowerBound(block: readonly number[], x: number): number {
  let lo = 0, hi = block.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (block[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
