/**
 * Strings as one UTF-8 buffer, each written straight into it (no joined string in between: a
 * joined megabyte would be one large heap object, freed only by a full garbage collection). A
 * surrogate pair cut between two strings is written whole, as the joined text would have it.
 *
 * @example
 * utf8Of(['<a>', 'é', '</a>'], 8).toString() // '<a>é</a>'
 */
export function utf8Of(strings: readonly string[], chars: number): Buffer {
  if (strings.length === 1) return Buffer.from(strings[0]!, 'utf8');
  // A UTF-16 unit takes at most 3 bytes in UTF-8 (a surrogate pair, two units, takes 4).
  const out = Buffer.allocUnsafe(chars * 3);
  let at = 0;
  let carry = '';
  for (let s of strings) {
    if (carry) {
      s = carry + s;
      carry = '';
    }
    if (endsInHighSurrogate(s)) {
      carry = s.slice(-1);
      s = s.slice(0, -1);
    }
    at += out.write(s, at, 'utf8');
  }
  if (carry) at += out.write(carry, at, 'utf8');
  return out.subarray(0, at);
}

/** Whether the text's last unit is the first half of a surrogate pair (its second half comes next). */
export function endsInHighSurrogate(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  return last >= 0xd800 && last <= 0xdbff;
}
