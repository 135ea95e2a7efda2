/**
 * Raw deflate on libuv's thread pool, fed from the main thread: `write` hands it bytes and
 * returns at once while fewer than `IN_FLIGHT_BYTES` are still waiting to be compressed (so the
 * caller renders the next piece while the last one compresses), the compressed bytes go to
 * `emit` in order, one at a time, and `end` resolves with their count once all are emitted.
 *
 * @example
 * const chunks: Buffer[] = []
 * const deflate = new DeflateStream(1, (bytes) => void chunks.push(bytes))
 * await deflate.write(Buffer.from('<row/>'))
 * await deflate.end() // Buffer.concat(chunks) inflates (inflateRawSync) to '<row/>'
 */
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { createDeflateRaw, type DeflateRaw } from 'node:zlib';

/** Bytes written but not yet compressed before `write` waits. */
const IN_FLIGHT_BYTES = 8 << 20;
/** Size of the compressed chunks the stream hands out. */
const OUT_CHUNK = 1 << 16;

export class DeflateStream {
  private readonly deflate: DeflateRaw;
  private compressed = 0;
  private inFlight = 0;
  private emitting: Promise<void> = Promise.resolve();
  private failure: unknown;

  constructor(level: number, emit: (bytes: Buffer) => Promise<void> | void) {
    this.deflate = createDeflateRaw({ level, chunkSize: OUT_CHUNK });
    this.deflate.on('data', (bytes: Buffer) => {
      this.compressed += bytes.length;
      this.deflate.pause();
      this.emitting = this.emitting.then(() => emit(bytes)).then(() => void this.deflate.resume(), (err: unknown) => {
        this.failure ??= err;
        this.deflate.destroy(err instanceof Error ? err : new Error(String(err)));
      });
    });
  }

  /** Hand over bytes; `consumed` is called once they are compressed (the buffer may then be used again). */
  async write(bytes: Buffer, consumed?: () => void): Promise<void> {
    if (this.failure) throw this.failure;
    this.inFlight += bytes.length;
    this.deflate.write(bytes, () => {
      this.inFlight -= bytes.length;
      consumed?.();
      this.deflate.emit('compressed');
    });
    while (this.inFlight > IN_FLIGHT_BYTES) await once(this.deflate, 'compressed');
  }

  async end(): Promise<number> {
    this.deflate.end();
    await finished(this.deflate);
    await this.emitting;
    if (this.failure) throw this.failure;
    return this.compressed;
  }
}
