/**
 * Where a byte of CSV text is, for messages that name a line and a column: its 1-based physical
 * line and the 0-based field of its record (delimiters outside quotes counted since the record
 * began). Reads bytes, so it serves UTF-8 and single-byte text alike (quote, delimiter and newline
 * are ASCII), from a record boundary — a chunk's start, or a stream read from its beginning.
 *
 * @example
 * new TextCursor(',').locate(Buffer.from('a,b\n"x,\ny",z')) // { line: 3, field: 1 }
 */
export class TextCursor {
  line = 1;
  field = 0;
  private inQuote = false;
  private readonly delimiter: number;

  constructor(delimiter: string) {
    this.delimiter = delimiter.charCodeAt(0);
  }

  /** Move past `bytes`. */
  advance(bytes: Uint8Array): void {
    const d = this.delimiter;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i]!;
      if (b === 34) this.inQuote = !this.inQuote;
      else if (b === 10) {
        this.line++;
        if (!this.inQuote) this.field = 0;
      } else if (b === d && !this.inQuote) this.field++;
    }
  }

  /** The position just after `bytes`, read from here (this cursor does not move). */
  locate(bytes: Uint8Array): { line: number; field: number } {
    const probe = new TextCursor(String.fromCharCode(this.delimiter));
    probe.line = this.line;
    probe.field = this.field;
    probe.inQuote = this.inQuote;
    probe.advance(bytes);
    return { line: probe.line, field: probe.field };
  }
}
