/**
 * `tickmark prune`: a dry run unless --apply, what stays named with what refers to it, --force,
 * --json, and a usage error when nothing is named.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.js';
import { tickmark } from '../sources/cli.js';

const CHANGES = join(process.cwd(), 'fixtures/change/changes-2025.csv');
const PERIOD = '2025-01-01..2025-12-31';

describe('tickmark prune', () => {
  it('prints the plan and deletes nothing without --apply; keeps what a sample refers to unless --force', async () => {
    const data = tempDir();
    const dd = ['--data-dir', data, '--workers', '0'];
    const sampled = await tickmark(...['sample', CHANGES, '--kind', 'change', '--period', PERIOD, '--seed', '7', '--size', '5', ...dd, '--json']);
    expect(sampled.code).toBe(0);
    const { id: sampleId, populationId } = JSON.parse(sampled.out) as { id: string; populationId: string };

    const dry = await tickmark(...['prune', populationId, '--data-dir', data]);
    expect(dry.code).toBe(0);
    expect(dry.out).toContain('dry run, nothing deleted');
    expect(dry.out).toContain(`${populationId}  population: referred to by ${sampleId}`);
    expect(dry.out).toMatch(/populations 0\n/);

    const kept = await tickmark(...['prune', populationId, '--apply', '--data-dir', data, '--json']);
    expect(JSON.parse(kept.out)).toMatchObject({ applied: true, populations: [], records: [], kept: [{ id: populationId, type: 'population' }] });
    expect((await tickmark(...['ls', 'populations', '--data-dir', data])).out).toContain(populationId);

    const forced = await tickmark(...['prune', populationId, '--force', '--apply', '--data-dir', data, '--json']);
    const plan = JSON.parse(forced.out) as { populations: { id: string }[]; records: { id: string; type: string }[] };
    expect(plan.populations.map((p) => p.id)).toEqual([populationId]);
    expect(plan.records.map((r) => r.id)).toContain(sampleId);
    expect((await tickmark(...['ls', 'populations', '--data-dir', data])).out.trim()).toBe('(none)');
    const log = JSON.parse((await tickmark(...['ls', 'log', '--data-dir', data, '--json'])).out) as { log: { action: string; target: string | null }[] };
    expect(log.log.map((e) => e.action)).toEqual(expect.arrayContaining(['sample.delete', 'population.delete', 'prune']));
  });

  it('needs ids or --older-than, and reads --older-than as whole days', async () => {
    const data = tempDir();
    const none = await tickmark(...['prune', '--data-dir', data]);
    expect(none.code).toBe(2);
    expect(none.err).toContain('name what to prune');
    const bad = await tickmark(...['prune', '--older-than', 'a week', '--data-dir', data]);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--older-than');
    const empty = await tickmark(...['prune', '--older-than', '30d', '--data-dir', data]);
    expect(empty.code).toBe(0);
    expect(empty.out).toContain('populations 0');
  });
});
