/**
 * `--save-map F` writes the decision (profile, kind, field → header) and `--map F` replays it:
 * the same population, every field now an explicit (override) decision.
 */
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readMapFile } from '../../src/ingest/mapping/map-file.js';
import { TickmarkError } from '../../src/errors.js';
import { tempDir } from '../helpers/tmp.js';
import { tickmark, tickmarkJson } from '../sources/cli.js';

describe('--save-map and --map replay', () => {
  it('replays a saved decision to the same population', async () => {
    const dir = tempDir();
    const data = ['--data-dir', join(dir, 'data'), '--workers', '0'];
    const saved = join(dir, 'servicenow.map.json');
    const file = 'fixtures/sources/servicenow-change/change_request.csv';
    const first = await tickmarkJson('ingest', file, '--save-map', saved, ...data);
    const written = JSON.parse(readFileSync(saved, 'utf8'));
    expect(written).toEqual({ profile: 'servicenow-change', kind: 'change', mapping: first.mapping });
    const replay = await tickmarkJson('ingest', file, '--map', saved, ...data);
    expect(replay.id).toBe(first.id);
    expect(replay.created).toBe(false);
    // In a fresh store the replay decides every field by the map, with the profile named.
    const fresh = await tickmarkJson('ingest', file, '--map', saved, '--data-dir', join(dir, 'other'), '--workers', '0');
    expect(fresh.id).toBe(first.id);
    expect(fresh.profile).toMatchObject({ id: 'servicenow-change', forced: true });
    expect(new Set(fresh.mappingDecisions.map((d: { how: string }) => d.how))).toEqual(new Set(['override']));
  });

  it('reads a plain field → header object too, and refuses other shapes', () => {
    expect(readMapFile({ deployed_at: 'Go-live', approver: null })).toEqual({ map: { deployed_at: 'Go-live', approver: null } });
    expect(() => readMapFile(['x'])).toThrow(TickmarkError);
    expect(() => readMapFile({ profile: 7, mapping: {} })).toThrow(/"profile" must be a profile id or null/);
  });

  it('--source forces a profile; an unknown one is a usage error listing the profiles', async () => {
    const dir = tempDir();
    const r = await tickmark('ingest', 'fixtures/change/good.csv', '--source', 'servicenow', '--data-dir', join(dir, 'data'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown source profile "servicenow"; profiles: servicenow-change, servicenow-incident');
  });
});
