/**
 * The profiles are data: each is checked against the kinds it feeds (every field it names exists,
 * its key fields exist, its enum spellings land on allowed values, its multi-value fields are
 * people), and each one's own header is recognised as itself and as nothing else.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { kindSpec, type Kind } from '../../src/population/kinds.js';
import { detectSource } from '../../src/sources/detect.js';
import { profiles } from '../../src/sources/profiles/index.js';

describe('source profiles as data', () => {
  it('one file per profile, ids unique and named like their file', () => {
    const files = readdirSync('src/sources/profiles').filter((f) => f !== 'index.ts').map((f) => f.replace(/\.ts$/, '')).sort();
    expect(profiles.map((p) => p.id).sort()).toEqual(files);
  });

  for (const p of profiles) {
    it(`${p.id}: names only fields, keys and values its kinds have`, () => {
      expect(p.notes.length + Object.values(p.kinds).reduce((n, k) => n + (k!.notes?.length ?? 0), 0)).toBeGreaterThan(0);
      if (p.anyKind) {
        expect(p.signature.required).toEqual([]);
        expect(p.signature.delimiter).toBeDefined();
        return;
      }
      expect(p.signature.required.length).toBeGreaterThan(0);
      for (const [kind, kp] of Object.entries(p.kinds) as [Kind, NonNullable<(typeof p.kinds)[Kind]>][]) {
        const spec = kindSpec(kind);
        const fields = new Map(spec.fields.map((f) => [f.name, f]));
        for (const field of Object.keys(kp.fields)) expect(fields.has(field), `${kind}.${field}`).toBe(true);
        for (const k of kp.key ?? []) expect(fields.has(k), `key ${k}`).toBe(true);
        for (const [field, spellings] of Object.entries(kp.enums ?? {})) {
          const f = fields.get(field)!;
          expect(f.type).toBe('enum');
          for (const [spelling, value] of Object.entries(spellings)) {
            expect(f.values, `${field}: ${spelling} → ${value}`).toContain(value);
            expect(spelling).toBe(spelling.toLowerCase());
          }
        }
        for (const field of Object.keys(kp.multiValue ?? {})) expect(fields.get(field)?.people, field).toBe(true);
        for (const field of Object.keys(kp.formats ?? {})) expect(fields.get(field)?.type, field).toBe('timestamp');
        // Every required field of the kind is named, so an export's gap is a decision written down.
        for (const f of spec.fields.filter((x) => x.required)) expect(Object.hasOwn(kp.fields, f.name), `${p.id} ${kind}.${f.name}`).toBe(true);
      }
    });

    if (!p.anyKind) {
      it(`${p.id}: its own signature is recognised as itself`, () => {
        const headers = [...p.signature.required, ...(p.signature.optional ?? [])];
        const found = detectSource(headers);
        expect(found.chosen?.profile.id).toBe(p.id);
        expect(found.reason).toContain(`${headers.length} of its ${headers.length} signature headers present`);
      });
    }
  }
});
