/**
 * A cheap, conservative screen for regexes that can backtrack catastrophically, run before a
 * custom rule's regex is compiled (the worker's time limit remains the backstop). It parses the
 * pattern once and refuses:
 * - an unbounded (or ≥ 16 times) repetition of something that already repeats (star height > 1):
 *   `(a+)+`, `(.*)*`, `(\d+\.)*` (rewrite without the nesting; `(\.\d{1,3}){3}` is fine);
 * - a repetition of alternatives that can start with the same character, or of an alternative
 *   that can match nothing: `(a|a)*`, `(a|ab)+`, `(\w|\d)*`, `(a|)*`;
 * - backreferences (`\1`, `\k<name>`), which no linear bound covers.
 * Polynomial patterns such as `.*a.*a.*` pass the screen; values are cut to 10 000 characters.
 *
 * @example
 * regexHazard('^CHG\\d{7}$', '') // null (safe)
 * regexHazard('(a+)+$', '')       // 'nested quantifier: …'
 */

type CharSet = 'any' | Set<number>;

interface Node {
  first: CharSet;
  nullable: boolean;
  /** Repetition depth inside (star height). */
  height: number;
  /** For a group: the first sets and nullability of its alternatives. */
  alternatives?: { first: CharSet; nullable: boolean }[];
}

class Hazard extends Error {}

const RANGE_CAP = 512;
/** A repetition this large (or unbounded) is where nested backtracking explodes. */
const LARGE = 16;

function union(a: CharSet, b: CharSet): CharSet {
  if (a === 'any' || b === 'any') return 'any';
  if (b.size === 0) return a;
  if (a.size === 0) return b;
  const out = new Set(a);
  for (const c of b) out.add(c);
  return out;
}

function overlaps(a: CharSet, b: CharSet): boolean {
  if (a === 'any') return b === 'any' || b.size > 0;
  if (b === 'any') return a.size > 0;
  for (const c of a) if (b.has(c)) return true;
  return false;
}

function range(from: number, to: number): Set<number> {
  const s = new Set<number>();
  for (let c = from; c <= to; c++) s.add(c);
  return s;
}

const DIGITS = range(48, 57);
const WORD = union(union(union(range(65, 90), range(97, 122)), DIGITS), new Set([95])) as Set<number>;

class Parser {
  private i = 0;
  constructor(private readonly src: string, private readonly ignoreCase: boolean) {}

  parse(): Node {
    const node = this.alternation();
    if (this.i < this.src.length) this.i++; // a stray ')' — RegExp itself reports the syntax error
    return node;
  }

  private fold(c: number): Set<number> {
    const s = new Set([c]);
    if (this.ignoreCase) {
      const ch = String.fromCodePoint(c);
      s.add(ch.toLowerCase().codePointAt(0)!);
      s.add(ch.toUpperCase().codePointAt(0)!);
    }
    return s;
  }

  private alternation(): Node {
    const alternatives: Node[] = [this.sequence()];
    while (this.src[this.i] === '|') {
      this.i++;
      alternatives.push(this.sequence());
    }
    let first: CharSet = new Set();
    let nullable = false;
    let height = 0;
    for (const a of alternatives) {
      first = union(first, a.first);
      nullable ||= a.nullable;
      height = Math.max(height, a.height);
    }
    return { first, nullable, height, alternatives: alternatives.map((a) => ({ first: a.first, nullable: a.nullable })) };
  }

  private sequence(): Node {
    let first: CharSet = new Set();
    let nullable = true;
    let height = 0;
    while (this.i < this.src.length && this.src[this.i] !== '|' && this.src[this.i] !== ')') {
      const item = this.quantified();
      if (nullable) first = union(first, item.first);
      nullable &&= item.nullable;
      height = Math.max(height, item.height);
    }
    return { first, nullable, height };
  }

  private quantified(): Node {
    const atom = this.atom();
    const q = this.quantifier();
    if (!q) return atom;
    if (this.src[this.i] === '?') this.i++; // lazy
    if (q.max >= LARGE) {
      if (atom.height > 0) throw new Hazard('nested quantifier: a repeated part already contains a repetition, as in (a+)+ or (.*)*; rewrite it without the nesting');
      const alts = atom.alternatives;
      if (alts && alts.length > 1) {
        for (let x = 0; x < alts.length; x++) {
          if (alts[x]!.nullable) throw new Hazard('a repeated group has an alternative that can match nothing, as in (a|)*');
          for (let y = x + 1; y < alts.length; y++) {
            if (overlaps(alts[x]!.first, alts[y]!.first)) throw new Hazard('a repeated group has alternatives that can start with the same character, as in (a|a)* or (a|ab)+; factor the common start out');
          }
        }
      }
      if (atom.nullable) throw new Hazard('a repetition of something that can match nothing, as in (a?)*');
    }
    return { first: atom.first, nullable: atom.nullable || q.min === 0, height: q.max > 1 ? atom.height + 1 : atom.height };
  }

  private quantifier(): { min: number; max: number } | null {
    const c = this.src[this.i];
    if (c === '*') { this.i++; return { min: 0, max: Infinity }; }
    if (c === '+') { this.i++; return { min: 1, max: Infinity }; }
    if (c === '?') { this.i++; return { min: 0, max: 1 }; }
    if (c === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i, this.i + 24));
      if (!m) return null;
      this.i += m[0].length;
      const min = Number(m[1]);
      const max = m[2] === undefined ? min : m[3] === '' ? Infinity : Number(m[3]);
      return { min, max };
    }
    return null;
  }

  private atom(): Node {
    const c = this.src[this.i]!;
    if (c === '(') return this.group();
    if (c === '[') return this.charClass();
    if (c === '\\') return this.escape();
    this.i++;
    if (c === '.') return { first: 'any', nullable: false, height: 0 };
    if (c === '^' || c === '$') return { first: new Set(), nullable: true, height: 0 };
    return { first: this.fold(c.codePointAt(0)!), nullable: false, height: 0 };
  }

  private group(): Node {
    this.i++; // (
    let lookaround = false;
    if (this.src[this.i] === '?') {
      const rest = this.src.slice(this.i, this.i + 3);
      if (rest.startsWith('?:')) this.i += 2;
      else if (rest.startsWith('?=') || rest.startsWith('?!')) { this.i += 2; lookaround = true; }
      else if (rest.startsWith('?<=') || rest.startsWith('?<!')) { this.i += 3; lookaround = true; }
      else if (rest.startsWith('?<')) {
        const end = this.src.indexOf('>', this.i);
        this.i = end < 0 ? this.src.length : end + 1;
      } else this.i++;
    }
    const inner = this.alternation();
    if (this.src[this.i] === ')') this.i++;
    if (lookaround) return { first: new Set(), nullable: true, height: inner.height };
    return inner;
  }

  private escapeSet(): CharSet {
    // at the character after '\'
    const c = this.src[this.i++];
    switch (c) {
      case 'd': return DIGITS;
      case 'w': return WORD;
      case 'D': case 'W': case 's': case 'S': return 'any';
      case 'p': case 'P': {
        if (this.src[this.i] === '{') {
          const end = this.src.indexOf('}', this.i);
          this.i = end < 0 ? this.src.length : end + 1;
        }
        return 'any';
      }
      case 'x': {
        const hex = /^[0-9a-fA-F]{2}/.exec(this.src.slice(this.i, this.i + 2));
        if (hex) { this.i += 2; return this.fold(parseInt(hex[0], 16)); }
        return this.fold(120);
      }
      case 'u': {
        const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(this.src.slice(this.i, this.i + 8));
        if (braced) { this.i += braced[0].length; return this.fold(parseInt(braced[1]!, 16)); }
        const hex = /^[0-9a-fA-F]{4}/.exec(this.src.slice(this.i, this.i + 4));
        if (hex) { this.i += 4; return this.fold(parseInt(hex[0], 16)); }
        return this.fold(117);
      }
      case 'c': { this.i++; return 'any'; }
      case 'n': return new Set([10]);
      case 'r': return new Set([13]);
      case 't': return new Set([9]);
      case 'f': return new Set([12]);
      case 'v': return new Set([11]);
      case '0': return new Set([0]);
      case undefined: return new Set();
      default: return this.fold(c.codePointAt(0)!);
    }
  }

  private escape(): Node {
    this.i++; // '\'
    const c = this.src[this.i];
    if (c !== undefined && c >= '1' && c <= '9') throw new Hazard('backreferences (\\1 …) are not allowed');
    if (c === 'k' && this.src[this.i + 1] === '<') throw new Hazard('named backreferences (\\k<name>) are not allowed');
    if (c === 'b' || c === 'B') { this.i++; return { first: new Set(), nullable: true, height: 0 }; }
    return { first: this.escapeSet(), nullable: false, height: 0 };
  }

  private charClass(): Node {
    this.i++; // [
    let negated = false;
    if (this.src[this.i] === '^') { negated = true; this.i++; }
    let set: CharSet = new Set();
    while (this.i < this.src.length && this.src[this.i] !== ']') {
      const lo = this.classAtom();
      if (this.src[this.i] === '-' && this.src[this.i + 1] !== ']' && this.i + 1 < this.src.length) {
        this.i++;
        const hi = this.classAtom();
        if (lo !== 'any' && hi !== 'any' && lo.size === 1 && hi.size === 1) {
          const a = [...lo][0]!;
          const b = [...hi][0]!;
          if (b - a > RANGE_CAP) set = 'any';
          else {
            let r: CharSet = range(Math.min(a, b), Math.max(a, b));
            if (this.ignoreCase) for (const ch of [...r]) r = union(r, this.fold(ch));
            set = union(set, r);
          }
        } else set = 'any';
        continue;
      }
      set = union(set, lo);
    }
    if (this.src[this.i] === ']') this.i++;
    return { first: negated ? 'any' : set, nullable: false, height: 0 };
  }

  private classAtom(): CharSet {
    const c = this.src[this.i]!;
    if (c === '\\') {
      this.i++;
      if (this.src[this.i] === 'b') { this.i++; return new Set([8]); }
      return this.escapeSet();
    }
    const cp = this.src.codePointAt(this.i)!;
    this.i += cp > 0xffff ? 2 : 1;
    return this.fold(cp);
  }
}

/** Why a pattern is refused as a backtracking hazard, or null when it passes the screen. */
export function regexHazard(pattern: string, flags: string): string | null {
  try {
    new Parser(pattern, flags.includes('i')).parse();
    return null;
  } catch (err) {
    if (err instanceof Hazard) return err.message;
    throw err;
  }
}
