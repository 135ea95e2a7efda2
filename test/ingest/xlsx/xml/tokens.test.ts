/**
 * The XML tokenizer: the events of a part do not depend on where its chunks split (any split
 * inside a tag, an entity, a CDATA section or a CR LF), entities and character references are
 * decoded once, line ends and attribute white space are normalised as XML says, and what is not
 * well-formed is refused with its line.
 */
import seedrandom from 'seedrandom';
import { describe, expect, it } from 'vitest';
import { decodeReferences, XmlSyntaxError, XmlTokens } from '../../../../src/ingest/xlsx/xml/tokens.js';

type Event = ['open', string, Record<string, string>] | ['text', string] | ['close', string];

/** The events of `chunks`, adjacent texts joined (a split may cut one text in two). */
function events(chunks: readonly string[]): Event[] {
  const out: Event[] = [];
  const tokens = new XmlTokens({
    open: (name, attributes) => out.push(['open', name, attributes]),
    text: (value) => {
      const last = out[out.length - 1];
      if (last?.[0] === 'text') last[1] += value;
      else out.push(['text', value]);
    },
    close: (name) => out.push(['close', name]),
  });
  for (const chunk of chunks) tokens.write(chunk);
  tokens.end();
  return out;
}

const whole = (xml: string) => events([xml]);

function splitAt(text: string, rng: () => number): string[] {
  const parts: string[] = [];
  let at = 0;
  while (at < text.length) {
    const n = 1 + Math.floor(rng() * 7);
    parts.push(text.slice(at, at + n));
    at += n;
  }
  return parts;
}

const SAMPLE = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<!-- a comment -->'
  + '<x:worksheet xmlns:x="urn:x"><x:sheetData><x:row r="1" spans=\'1:2\'><x:c r="A1" t="inlineStr"><x:is><x:t xml:space="preserve"> a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#233;&#x1F600;</x:t></x:is></x:c>'
  + '<x:c r="B1" t="str"><x:v><![CDATA[<not a tag> & raw]]></x:v></x:c><x:c r="C1"/></x:row>\r\n<x:row r="2"><x:c r="A2"><x:v>line one\r\nline two\rthree&#13;</x:v></x:c></x:row></x:sheetData></x:worksheet>';

describe('XmlTokens', () => {
  it('gives elements, attributes and decoded text in order', () => {
    const got = whole(SAMPLE).filter((e) => !(e[0] === 'text' && !e[1].trim()));
    expect(got.slice(0, 5)).toEqual([
      ['open', 'x:worksheet', { 'xmlns:x': 'urn:x' }],
      ['open', 'x:sheetData', {}],
      ['open', 'x:row', { r: '1', spans: '1:2' }],
      ['open', 'x:c', { r: 'A1', t: 'inlineStr' }],
      ['open', 'x:is', {}],
    ]);
    expect(got).toContainEqual(['text', ' a & b <c> "d" \'e\' é😀']);
    expect(got).toContainEqual(['text', '<not a tag> & raw']);
    expect(got).toContainEqual(['text', 'line one\nline two\nthree\r']);
    expect(got.filter((e) => e[0] === 'open' && e[1] === 'x:c').map((e) => (e as ['open', string, Record<string, string>])[2].r)).toEqual(['A1', 'B1', 'C1', 'A2']);
    expect(got.filter((e) => e[0] === 'close').length).toBe(got.filter((e) => e[0] === 'open').length);
  });

  it('gives the same events however the text is cut into chunks', () => {
    const rng = seedrandom('tokens');
    const want = whole(SAMPLE);
    for (let i = 0; i < 300; i++) expect(events(splitAt(SAMPLE, rng))).toEqual(want);
  });

  it('normalises white space in attribute values and decodes references there', () => {
    expect(whole('<a v="x\ty\r\nz &amp;&#10;"/>')).toEqual([['open', 'a', { v: 'x y z &\n' }], ['close', 'a']]);
  });

  it.each([
    ['<a><b></a>', /<\/a> closes <b>/],
    ['<a>&nbsp;</a>', /undefined entity &nbsp;/],
    ['<a>AT&T</a>', /a bare "&"/],
    ['<a>&#0;</a>', /undefined entity/],
    ['<a b="1" b="2"/>', /attribute b repeated/],
    ['<a b=1/>', /malformed attribute/],
    ['<a>', /ends before <\/a>/],
    ['<a/><b/>', /second root element/],
    ['text<a/>', /text outside the root element/],
    ['<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>', /document type declaration/],
    ['<a><!-- open', /unterminated comment/],
    ['', /no root element/],
    ['<a>\n\n</b>', /line 3/],
  ])('refuses %j', (xml, message) => {
    expect(() => whole(xml)).toThrow(XmlSyntaxError);
    expect(() => whole(xml)).toThrow(message);
  });

  it('decodes references exactly once', () => {
    expect(decodeReferences('&amp;lt; &#38;amp;')).toBe('&lt; &amp;');
  });
});
