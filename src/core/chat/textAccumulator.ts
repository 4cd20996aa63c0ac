const PIECES_PER_CHUNK = 1024;

/**
 * Collects streamed text in flat chunks. `s += delta` per token leaves a rope of one node per
 * token (about 32 bytes each, 8x the text of a 4-character token) until something flattens it;
 * joining every 1,024 pieces keeps the overhead to a few percent, and `toString()` (for a
 * snapshot) joins once and keeps the result.
 */
export class TextAccumulator {
  private chunks: string[] = [];
  private pieces: string[] = [];
  private size = 0;

  get length(): number {
    return this.size;
  }

  append(piece: string): void {
    if (piece === '') return;
    this.pieces.push(piece);
    this.size += piece.length;
    if (this.pieces.length >= PIECES_PER_CHUNK) {
      this.chunks.push(this.pieces.join(''));
      this.pieces = [];
    }
  }

  toString(): string {
    if (this.pieces.length > 0) {
      this.chunks.push(this.pieces.join(''));
      this.pieces = [];
    }
    if (this.chunks.length > 1) this.chunks = [this.chunks.join('')];
    return this.chunks[0] ?? '';
  }
}
