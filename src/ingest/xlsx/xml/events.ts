/**
 * XML parts as a stream of element events for small hand-written handlers. Bytes are decoded as
 * UTF-8 with a streaming decoder (a character split across two chunks stays whole), tokenized by
 * tickmark's own XML tokenizer (tokens.ts), element names are reduced to their
 * local name (`x:row` → `row`, some generators prefix every element), and XML errors become
 * TM_ERR_XLSX_INVALID naming the part.
 *
 * @example
 * await readXml(['<sst><si><t>a</t></si></sst>'], handler, 'xl/sharedStrings.xml')
 */
import { tickmarkError } from '../../../errors.js';
import { XmlSyntaxError, XmlTokens } from './tokens.js';

export interface XmlHandler {
  open(name: string, attributes: Record<string, string>): void;
  text(value: string): void;
  close(name: string): void;
}

export function localName(name: string): string {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
}

/** The value of a namespaced attribute by its local name, whatever its prefix (`r:id`, `ns2:id`). */
export function prefixedAttribute(attributes: Record<string, string>, local: string): string | undefined {
  for (const key in attributes) {
    const colon = key.indexOf(':');
    if (colon > 0 && key.slice(colon + 1) === local && !key.startsWith('xmlns')) return attributes[key];
  }
  return undefined;
}

/** Decode UTF-8 bytes to text across chunk boundaries; a byte-order mark of UTF-16 is refused. */
export async function* decodeUtf8(chunks: AsyncIterable<Uint8Array | string>, part: string): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let first = true;
  try {
    for await (const chunk of chunks) {
      if (typeof chunk === 'string') {
        yield chunk;
        continue;
      }
      if (first && chunk.length >= 2 && ((chunk[0] === 0xff && chunk[1] === 0xfe) || (chunk[0] === 0xfe && chunk[1] === 0xff))) {
        throw tickmarkError('TM_ERR_XLSX_INVALID', { reason: `${part} is UTF-16; only UTF-8 XML parts are supported` });
      }
      first = false;
      const text = decoder.decode(chunk, { stream: true });
      if (text) yield text;
    }
    const rest = decoder.decode();
    if (rest) yield rest;
  } catch (err) {
    if (err instanceof TypeError && (err as { code?: string }).code === 'ERR_ENCODING_INVALID_ENCODED_DATA') {
      throw tickmarkError('TM_ERR_XLSX_INVALID', { reason: `${part} is not valid UTF-8` });
    }
    throw err;
  }
}

/** Feed text chunks to the handler; yields after each chunk so a caller can drain what the handler built. */
export async function* feedXml(chunks: AsyncIterable<string> | Iterable<string>, handler: XmlHandler, part: string): AsyncGenerator<void> {
  const tokens = new XmlTokens({
    open: (name, attributes) => handler.open(localName(name), attributes),
    text: (value) => handler.text(value),
    close: (name) => handler.close(localName(name)),
  });
  const step = (feed: () => void): void => {
    try {
      feed();
    } catch (err) {
      if (err instanceof XmlSyntaxError) throw tickmarkError('TM_ERR_XLSX_INVALID', { reason: `${part} is not well-formed XML (${err.message})` });
      throw err;
    }
  };
  // Stopping early (a return from the caller) closes the chunk source too: file and inflate streams.
  for await (const chunk of chunks) {
    step(() => tokens.write(chunk));
    yield;
  }
  step(() => tokens.end());
}

/** Parse a whole part through the handler. */
export async function readXml(chunks: AsyncIterable<string> | Iterable<string>, handler: XmlHandler, part: string): Promise<void> {
  for await (const _ of feedXml(chunks, handler, part)) void _;
}
