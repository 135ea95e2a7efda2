import { it } from 'vitest';
import { parsePeriod } from '../../../src/period/period.js';
import { completenessPlan } from '../../../src/completeness/index.js';
import { checkRegistry } from '../../../src/completeness/registry.js';
import type { PopulationChunk } from '../../../src/population/types.js';
import { metaOf } from '../helpers.js';

function makeChunk(offset: number, n: number): PopulationChunk {
  const ids: string[] = new Array(n), dep = new Float64Array(n), appr = new Float64Array(n);
  const approver: string[] = new Array(n), req: string[] = new Array(n), impl: string[] = new Array(n), title: string[] = new Array(n), sys: string[] = new Array(n);
  const depRaw: string[] = new Array(n), apprRaw: string[] = new Array(n);
  const start = Date.UTC(2025, 0, 1, 5);
  for (let i = 0; i < n; i++) {
    const k = offset + i;
    ids[i] = 'CHG' + String(k + 1).padStart(7, '0');
    dep[i] = start + ((k * 7919) % 365) * 86_400_000 + (k % 86_400) * 1000;
    appr[i] = dep[i]! - 3_600_000;
    depRaw[i] = new Date(dep[i]!).toISOString(); apprRaw[i] = new Date(appr[i]!).toISOString();
    approver[i] = 'approver' + (k % 50); req[i] = 'requester' + (k % 70); impl[i] = 'impl' + (k % 30);
    title[i] = 'Change number ' + k + ' to the payments service'; sys[i] = 'system-' + (k % 12);
  }
  const flat = (a: string[]): string[] => JSON.parse(JSON.stringify(a));
  [ids, depRaw, apprRaw, approver, req, impl, title, sys].forEach((a) => { const f = flat(a); for (let i = 0; i < n; i++) a[i] = f[i]!; });
  const record = Int32Array.from({ length: n }, (_, i) => offset + i + 1);
  return {
    rows: n, record, line: Int32Array.from(record, (r) => r + 1),
    source: { change_id: ids, deployed_at: depRaw, approved_at: apprRaw, approver, requester: req, implementer: impl, title, system: sys },
    fields: {
      change_id: { type: 'string', values: ids }, deployed_at: { type: 'timestamp', values: dep }, approved_at: { type: 'timestamp', values: appr },
      approver: { type: 'string', values: approver }, requester: { type: 'string', values: req }, implementer: { type: 'string', values: impl },
      title: { type: 'string', values: title }, system: { type: 'string', values: sys },
    },
  };
}

it('perf', () => {
  const cal = new Float64Array(1_000_000).map((_, i) => i * 1.5);
  const t0 = performance.now(); let sum = 0; for (let r = 0; r < 10; r++) for (let i = 0; i < cal.length; i++) if (cal[i]! > 5) sum += cal[i]!;
  console.log('calibration 10M compares ms', Math.round(performance.now() - t0), sum > 0);
  const meta = metaOf('change', ['change_id', 'deployed_at', 'approved_at', 'approver', 'requester', 'implementer', 'title', 'system']);
  const plan = completenessPlan({ meta, period: parsePeriod('2025-01-01..2025-12-31', 'America/New_York'), params: {} });
  const ctx = plan.context;
  let acc = plan.empty();
  let mapMs = 0;
  const per: Record<string, number> = {};
  for (let c = 0; c < 10; c++) {
    const chunk = makeChunk(c * 100_000, 100_000);
    const t = performance.now();
    const p = plan.map(chunk);
    mapMs += performance.now() - t;
    for (const [id, check] of Object.entries(checkRegistry)) {
      const t2 = performance.now();
      (check as any).map(chunk, ctx);
      per[id] = (per[id] ?? 0) + performance.now() - t2;
    }
    const t3 = performance.now();
    acc = plan.merge(acc, p);
    per.merge = (per.merge ?? 0) + performance.now() - t3;
  }
  const t = performance.now();
  const report = plan.report(acc);
  const finishMs = performance.now() - t;
  console.log(JSON.stringify({ mapMs: Math.round(mapMs), finishMs: Math.round(finishMs), per: Object.fromEntries(Object.entries(per).map(([k, v]) => [k, Math.round(v)])), status: report.status, rows: report.population.rows }));
  const sizes = structuredClone(acc);
  console.log('checks:', report.checks.map((c) => c.id + '=' + c.status).join(' '));
}, 600_000);
