/**
 * Raw deflate of a part handed over in pieces, fed from the main thread: each piece is deflated
 * as one job on libuv's thread pool while the caller renders the next (several at once when the
 * caller is ahead), its window primed with the last 32 KiB of the piece before, as pigz does. A
 * piece ends on a byte boundary (a sync flush), so the pieces joined in order, then a final empty
 * block, are one deflate stream. `write` returns at once while fewer than `IN_FLIGHT_BYTES` wait
 * to be emitted; the compressed pieces go to `emit` in order, one at a time, and `end` resolves
 * with their byte count once all are emitted.
 *
 * @example
 * const chunks: Buffer[] = []
 * const deflate = new DeflateStream(1, (bytes) => void chunks.push(bytes))
 * await deflate.write(Buffer.from('<row/>'))
 * await deflate.end() // Buffer.concat(chunks) inflates (inflateRawSync) to '<row/>'
 */
import { promisify } from 'node:util';
import { constants, deflateRaw, type ZlibOptions } from 'node:zlib';

const deflatePiece: (bytes: Uint8Array, options: ZlibOptions) => Promise<Buffer> = promisify(deflateRaw);

/** Bytes handed over but not yet emitted before `write` waits. */
const IN_FLIGHT_BYTES = 8 << 20;
/** How far back deflate looks: the tail of a piece that primes the next. */
const WINDOW = 32 << 10;
/** A final fixed-Huffman block holding only its end code: what closes the stream. */
const FINAL_EMPTY_BLOCK = Buffer.from([0x03, 0x00]);

interface Piece {
  bytes: number;
  packed: Promise<Buffer>;
}

export class DeflateStream {
  private compressed = 0;
  private inFlight = 0;
  private readonly pieces: Piece[] = [];
  private window: Buffer | undefined;

  constructor(private readonly level: number, private readonly emit: (bytes: Buffer) => Promise<void> | void) {}

  /** Hand over bytes; `consumed` is called once they are compressed (the buffer may then be used again). */
  async write(bytes: Buffer, consumed?: () => void): Promise<void> {
    const options: ZlibOptions = {
      level: this.level,
      finishFlush: constants.Z_SYNC_FLUSH,
      // Room for the whole piece's output, so it deflates in one job without the main thread.
      chunkSize: Math.max(1 << 16, bytes.length + (bytes.length >> 4) + 64),
      ...(this.window && { dictionary: this.window }),
    };
    this.window = Buffer.from(bytes.subarray(Math.max(0, bytes.length - WINDOW)));
    const packed = deflatePiece(bytes, options).finally(() => consumed?.());
    packed.catch(() => undefined); // a failure is thrown where the piece is emitted
    this.pieces.push({ bytes: bytes.length, packed });
    this.inFlight += bytes.length;
    while (this.inFlight > IN_FLIGHT_BYTES) await this.emitOldest();
  }

  async end(): Promise<number> {
    while (this.pieces.length) await this.emitOldest();
    await this.emit(FINAL_EMPTY_BLOCK);
    return this.compressed + FINAL_EMPTY_BLOCK.length;
  }

  private async emitOldest(): Promise<void> {
    const piece = this.pieces.shift();
    if (!piece) return;
    const packed = await piece.packed;
    this.inFlight -= piece.bytes;
    this.compressed += packed.length;
    await this.emit(packed);
  }
}
