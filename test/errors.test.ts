import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorRegistry, TickmarkError } from '../src/errors.js';

describe('the error registry', () => {
  it('is documented in the README table, code by code, with its HTTP status and exit code', () => {
    const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
    for (const [code, spec] of Object.entries(errorRegistry)) {
      expect(readme, code).toContain(`| \`${code}\` | ${spec.status} | ${spec.exit} |`);
    }
    const documented = [...readme.matchAll(/\| `(TM_ERR_[A-Z_]+)` \|/g)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(errorRegistry).sort());
  });

  it('renders messages that name what was wrong', () => {
    const e = new TickmarkError('TM_ERR_MISSING_FIELD', { kind: 'change', fields: ['deployed_at'], headers: ['Number', 'Date'] });
    expect(e.message).toBe('required field "deployed_at" for kind change not found in headers [Number, Date]');
    expect(e.status).toBe(422);
    expect(e.exitCode).toBe(3);
    expect(JSON.parse(JSON.stringify(e))).toMatchObject({ code: 'TM_ERR_MISSING_FIELD', details: { fields: ['deployed_at'] } });
  });
});
