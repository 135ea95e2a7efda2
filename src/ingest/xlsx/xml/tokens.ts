/**
 * A streaming XML tokenizer for the parts of a spreadsheet package: text goes in chunk by chunk
 * (an element may be split anywhere between two chunks), element events come out in order —
 * open (local or prefixed name, attributes), text, close. What SpreadsheetML uses and no more:
 * elements, attributes, character data, CDATA sections, the five predefined entities and
 * character references; comments, processing instructions and the XML declaration are skipped;
 * a document type declaration is refused (a workbook part never has one, and entity expansion is
 * how XML bombs work). Line ends are normalised as XML requires (CR LF and a lone CR become LF;
 * `&#13;` stays a CR), and so is white space in attribute values. Anything that is not
 * well-formed — an unknown entity, a close tag that does not match, a part that ends inside an
 * element — throws an `XmlSyntaxError` with the line it is on.
 *
 * @example
 * const tokens = new XmlTokens({ open: (n, a) => …, text: (t) => …, close: (n) => … })
 * tokens.write('<sst><si><t>a &amp; b</t></si>')
 * tokens.write('</sst>')
 * tokens.end()
 */

export interface XmlTokenHandler {
  open(name: string, attributes: Record<string, string>): void;
  text(value: string): void;
  close(name: string): void;
}

export class XmlSyntaxError extends Error {}

const PREDEFINED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const NAME = /^[A-Za-z_:\u00C0-\uFFFF][-A-Za-z0-9_:.\u00B7-\uFFFF]*$/;
const ATTRIBUTE = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/y;
const SPACE = /\s*/y;

/** Replace entity and character references; throws on an unknown or malformed one. */
export function decodeReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&([^;&]*);|&/g, (whole, ref: string | undefined) => {
    if (ref === undefined) throw new XmlSyntaxError('a bare "&" (not an entity reference)');
    const named = PREDEFINED[ref];
    if (named !== undefined) return named;
    let code = Number.NaN;
    if (/^#x[0-9A-Fa-f]+$/.test(ref)) code = Number.parseInt(ref.slice(2), 16);
    else if (/^#[0-9]+$/.test(ref)) code = Number.parseInt(ref.slice(1), 10);
    if (!(code >= 0 && code <= 0x10ffff) || code === 0 || (code >= 0xd800 && code <= 0xdfff)) {
      throw new XmlSyntaxError(`undefined entity ${whole}`);
    }
    return String.fromCodePoint(code);
  });
}

const lineEnds = (text: string): string => (text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text);

export class XmlTokens {
  private buffer = '';
  private readonly stack: string[] = [];
  private rootSeen = false;
  private rootClosed = false;
  /** Newlines in the text consumed before `buffer` (for error positions). */
  private line = 1;

  constructor(private readonly handler: XmlTokenHandler) {}

  /** Tokenize a chunk; an incomplete token at its end waits for the next chunk. */
  write(chunk: string): void {
    this.buffer = this.buffer ? this.buffer + chunk : chunk;
    const consumed = this.scan(this.buffer, false);
    this.advance(consumed);
  }

  /** The end of the document: anything left over, or an element still open, is an error. */
  end(): void {
    const consumed = this.scan(this.buffer, true);
    this.advance(consumed);
    if (this.buffer.trim()) this.fail('the part ends inside markup');
    if (this.stack.length) this.fail(`the part ends before </${this.stack[this.stack.length - 1]}>`);
    if (!this.rootSeen) this.fail('the part has no root element');
  }

  private advance(consumed: number): void {
    if (!consumed) return;
    const done = this.buffer.slice(0, consumed);
    for (let i = done.indexOf('\n'); i >= 0; i = done.indexOf('\n', i + 1)) this.line++;
    this.buffer = this.buffer.slice(consumed);
  }

  /** Fail at offset `at` of the text being scanned (`s`). */
  private fail(reason: string, s = '', at = 0): never {
    let line = this.line;
    for (let i = s.indexOf('\n'); i >= 0 && i < at; i = s.indexOf('\n', i + 1)) line++;
    throw new XmlSyntaxError(`${reason} (line ${line})`);
  }

  /** Emit every complete token of `s`; returns how many characters were consumed. */
  private scan(s: string, final: boolean): number {
    const h = this.handler;
    let at = 0;
    const n = s.length;
    while (at < n) {
      const lt = s.indexOf('<', at);
      if (lt < 0) {
        // Text runs to the end of the chunk: emit it, but for a reference that may be cut short
        // (or a CR whose LF may start the next chunk).
        const amp = s.lastIndexOf('&');
        let keep = !final && amp >= at && s.indexOf(';', amp) < 0 ? amp : n;
        if (!final && keep === n && s.charCodeAt(n - 1) === 0x0d) keep = n - 1;
        if (keep > at) this.characters(s.slice(at, keep), s, at);
        return keep;
      }
      if (lt > at) this.characters(s.slice(at, lt), s, at);
      at = lt;
      const next = s.charCodeAt(at + 1);
      if (next === 0x21 /* ! */) {
        if (s.startsWith('<!--', at)) {
          const close = s.indexOf('-->', at + 4);
          if (close < 0) return final ? this.fail('an unterminated comment', s, at) : at;
          at = close + 3;
        } else if (s.startsWith('<![CDATA[', at)) {
          const close = s.indexOf(']]>', at + 9);
          if (close < 0) return final ? this.fail('an unterminated CDATA section', s, at) : at;
          if (!this.stack.length) this.fail('character data outside the root element', s, at);
          const data = s.slice(at + 9, close);
          if (data) h.text(lineEnds(data));
          at = close + 3;
        } else if (s.length - at < 9 && !final) {
          return at;
        } else {
          return this.fail(s.startsWith('<!DOCTYPE', at) ? 'a document type declaration (not allowed in a workbook part)' : 'a malformed "<!" declaration', s, at);
        }
      } else if (next === 0x3f /* ? */) {
        const close = s.indexOf('?>', at + 2);
        if (close < 0) return final ? this.fail('an unterminated processing instruction', s, at) : at;
        at = close + 2;
      } else {
        const close = tagEnd(s, at + 1);
        if (close < 0) return final ? this.fail('an unterminated tag', s, at) : at;
        if (Number.isNaN(next)) return at;
        this.tag(s.slice(at + 1, close), s, at);
        at = close + 1;
      }
    }
    return at;
  }

  private characters(raw: string, s: string, at: number): void {
    if (!this.stack.length) {
      if (raw.trim()) this.fail('text outside the root element', s, at);
      return;
    }
    let text: string;
    try {
      text = decodeReferences(lineEnds(raw));
    } catch (err) {
      this.fail((err as Error).message, s, at);
    }
    this.handler.text(text);
  }

  /** `inner`: what is between `<` and `>`. */
  private tag(inner: string, s: string, start: number): void {
    if (inner.charCodeAt(0) === 0x2f /* / */) {
      const name = inner.slice(1).trim();
      const open = this.stack.pop();
      if (open !== name) this.fail(open === undefined ? `a close tag </${name}> with no element open` : `</${name}> closes <${open}>`, s, start);
      if (!this.stack.length) this.rootClosed = true;
      this.handler.close(name);
      return;
    }
    const selfClosing = inner.charCodeAt(inner.length - 1) === 0x2f;
    const body = selfClosing ? inner.slice(0, -1) : inner;
    let nameEnd = 0;
    while (nameEnd < body.length && !isSpace(body.charCodeAt(nameEnd))) nameEnd++;
    const name = body.slice(0, nameEnd);
    if (!NAME.test(name)) this.fail(`a malformed element name "<${name}"`, s, start);
    if (this.rootClosed) this.fail(`a second root element <${name}>`, s, start);
    const attributes: Record<string, string> = {};
    let at = nameEnd;
    for (;;) {
      SPACE.lastIndex = at;
      SPACE.exec(body);
      at = SPACE.lastIndex;
      if (at >= body.length) break;
      ATTRIBUTE.lastIndex = at;
      const m = ATTRIBUTE.exec(body);
      if (!m || (at > nameEnd && !isSpace(body.charCodeAt(at - 1)))) this.fail(`a malformed attribute in <${name}>`, s, start);
      const key = m[1]!;
      if (Object.hasOwn(attributes, key)) this.fail(`attribute ${key} repeated in <${name}>`, s, start);
      const raw = m[2] ?? m[3] ?? '';
      if (raw.includes('<')) this.fail(`"<" in the value of attribute ${key}`, s, start);
      try {
        attributes[key] = decodeReferences(raw.replace(/\r\n|[\t\n\r]/g, ' '));
      } catch (err) {
        this.fail((err as Error).message, s, start);
      }
      at = ATTRIBUTE.lastIndex;
    }
    this.rootSeen = true;
    this.stack.push(name);
    this.handler.open(name, attributes);
    if (selfClosing) {
      this.stack.pop();
      if (!this.stack.length) this.rootClosed = true;
      this.handler.close(name);
    }
  }
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

/** The index of the `>` that ends the tag starting at `from` (quotes respected); -1 when not in `s`. */
function tagEnd(s: string, from: number): number {
  let quote = 0;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (quote) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x3e) return i;
  }
  return -1;
}
