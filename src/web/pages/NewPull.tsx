/**
 * A new pull of one control over a population: the control, the period, the method (random,
 * stratified, systematic, key items + random), the size — fixed, or planned from the firm's
 * frequency table or a statistical attribute plan, the service computing it live as the parameters
 * change — a suggested seed (editable), filters. The pull runs as a job: completeness, the seeded
 * sample, the attribute tests, the evaluation and the workbook.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client.js';
import { runJob } from '../api/jobs.js';
import type { Engagement, JobView, PlanView, PopulationView } from '../api/types.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { PageHeading, Progress, Status } from '../components/bits.js';
import { RadioGroup, SelectField, TextArea, TextField } from '../components/fields.js';
import { grouped } from '../format.js';
import { planOf, suggestSeed, type Basis, type Method, type PlanParams } from '../model/pull-request.js';
import { hasRoute } from '../state/features.js';
import { href, navigate } from '../state/router.js';
import { useResource } from '../state/resource.js';

/** The size the service plans for these parameters, asked again (debounced) whenever they change. */
function useLivePlan(populationId: string, params: PlanParams): { plan: PlanView | null; error: unknown; available: boolean } {
  const [plan, setPlan] = useState<PlanView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const available = hasRoute('post', '/v1/plans');
  const key = JSON.stringify(planOf(params));
  useEffect(() => {
    if (!available) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const answer = await api.post<{ plan: PlanView }>('/v1/plans', { populationId, plan: JSON.parse(key) }, { signal: controller.signal });
        setPlan(answer.plan);
        setError(null);
      } catch (err) {
        if (!controller.signal.aborted) {
          setPlan(null);
          setError(err);
        }
      }
    }, 250);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [populationId, key, available]);
  return { plan, error, available };
}

export function NewPullPage({ populationId }: { populationId: string }) {
  const population = useResource(() => api.get<{ population: PopulationView }>(`/v1/populations/${populationId}`), [populationId]);
  const p = population.data?.population;
  const engagement = useResource(async () => (p?.engagementId ? (await api.get<{ engagement: Engagement }>(`/v1/engagements/${p.engagementId}`)).engagement : null), [p?.engagementId]);
  const e = engagement.data;
  const [controlId, setControlId] = useState('');
  const [description, setDescription] = useState('');
  const [tsc, setTsc] = useState('');
  const [start, setStart] = useState('');
  const [end, setEnd] = useState('');
  const [method, setMethod] = useState<Method>('stratified');
  const [strata, setStrata] = useState('month');
  const [keyItems, setKeyItems] = useState('type=emergency');
  const [filter, setFilter] = useState('');
  const [seed, setSeed] = useState(suggestSeed);
  const [preparer, setPreparer] = useState('');
  const [params, setParams] = useState<PlanParams>({ basis: 'fixed', size: '25', frequency: 'many-per-day', risk: 'lower', confidence: '0.95', tolerable: '0.05', expectedCount: '0', distribution: 'binomial' });
  const [job, setJob] = useState<JobView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const live = useLivePlan(populationId, params);
  const set = (patch: Partial<PlanParams>) => setParams({ ...params, ...patch });
  const periodStart = start || e?.period?.start || '';
  const periodEnd = end || e?.period?.end || '';
  const running = job !== null && (job.state === 'queued' || job.state === 'running');

  if (population.error) return <><PageHeading title="New pull">New pull</PageHeading><ErrorNotice error={population.error} title="Cannot open this population" /></>;
  if (!p) return <p role="status">Loading…</p>;
  return (
    <>
      <nav aria-label="Breadcrumb" class="crumbs">
        <a href={href('/')}>Engagements</a> › {e ? <a href={href(`/engagements/${e.id}`)}>{e.client}</a> : '…'} › <a href={href(`/populations/${p.id}`)}>{p.source.name}</a> › <span aria-current="page">New pull</span>
      </nav>
      <PageHeading title="New pull">New pull <span class="subtitle">of {p.source.name} ({grouped(p.rows.accepted)} rows)</span></PageHeading>
      <form class="card" onSubmit={async (ev) => {
        ev.preventDefault();
        setError(null);
        const sample: Record<string, unknown> = {
          seed: seed.trim(),
          method: method === 'key_items' ? 'random' : method,
          ...(method === 'stratified' ? { strata } : {}),
          ...(method === 'key_items' && keyItems.trim() ? { keyItems: keyItems.trim() } : {}),
          ...(filter.trim() ? { filter: filter.trim() } : {}),
          ...(params.basis === 'fixed' ? { size: Number(params.size) } : { plan: planOf(params) }),
        };
        try {
          const done = await runJob('/v1/pulls', {
            populationId: p.id,
            ...(periodStart && periodEnd ? { period: `${periodStart}..${periodEnd}` } : {}),
            sample,
            workbook: {
              control: { id: controlId.trim(), ...(description.trim() ? { description: description.trim() } : {}), ...(tsc.trim() ? { tsc: tsc.trim() } : {}) },
              ...(preparer.trim() ? { preparer: preparer.trim() } : {}),
            },
          }, setJob);
          navigate(`/pulls/${done.result!.id}`);
        } catch (err) {
          setError(err);
        }
      }}>
        <fieldset>
          <legend>Control</legend>
          <div class="grid-3">
            <TextField label="Control id" value={controlId} onValue={setControlId} required hint="As the client numbers it, e.g. CC8.1-01" />
            <TextField label="Trust Services Criterion" value={tsc} onValue={setTsc} hint="E.g. CC8.1" />
            <TextField label="Prepared by" value={preparer} onValue={setPreparer} />
          </div>
          <TextArea label="Control description" value={description} onValue={setDescription} hint="As the client describes it; left blank, the workbook leaves it for the team to fill." />
        </fieldset>
        <fieldset>
          <legend>Period and selection</legend>
          <div class="grid-3">
            <TextField label="Period start" type="date" value={periodStart} onValue={setStart} required />
            <TextField label="Period end" type="date" value={periodEnd} onValue={setEnd} required />
            <SelectField label="Method" value={method} onValue={(v) => setMethod(v as Method)} options={[
              { value: 'random', label: 'Random (smallest PRNs)' },
              { value: 'stratified', label: 'Stratified by period' },
              { value: 'systematic', label: 'Systematic (random start)' },
              { value: 'key_items', label: 'Key items + random' },
            ]} />
            {method === 'stratified' ? <SelectField label="Strata" value={strata} onValue={setStrata} options={[{ value: 'month', label: 'Month' }, { value: 'quarter', label: 'Quarter' }]} /> : null}
            {method === 'key_items' ? <TextField label="Key items (all taken)" value={keyItems} onValue={setKeyItems} hint="A condition, e.g. type=emergency" /> : null}
            <TextField label="Filter (eligible items)" value={filter} onValue={setFilter} hint="Optional, e.g. environment in prod-us|prod-eu" />
          </div>
          <div class="grid-3 seed-row">
            <TextField label="Seed" value={seed} onValue={setSeed} required hint="Recorded in the workbook; the same seed draws the same sample." />
            <button type="button" class="button-secondary" onClick={() => setSeed(suggestSeed())}>Suggest another seed</button>
          </div>
        </fieldset>
        <fieldset>
          <legend>Size</legend>
          <RadioGroup legend="Size from" name="basis" value={params.basis} onValue={(v) => set({ basis: v as Basis })} options={[
            { value: 'fixed', label: 'A size I set' },
            { value: 'frequency', label: "The firm's frequency table" },
            { value: 'statistical', label: 'A statistical plan' },
          ]} />
          {params.basis === 'fixed' ? (
            <TextField label="Sample size" type="number" min={1} value={params.size} onValue={(v) => set({ size: v })} required />
          ) : params.basis === 'frequency' ? (
            <div class="grid-3">
              <SelectField label="How often the control runs" value={params.frequency} onValue={(v) => set({ frequency: v })} options={['annual', 'quarterly', 'monthly', 'weekly', 'daily', 'many-per-day', 'automated'].map((f) => ({ value: f, label: f }))} />
              <SelectField label="Risk" value={params.risk} onValue={(v) => set({ risk: v })} options={[{ value: 'lower', label: 'Lower (low end)' }, { value: 'higher', label: 'Higher (high end)' }]} />
            </div>
          ) : (
            <div class="grid-3">
              <TextField label="Confidence" value={params.confidence} onValue={(v) => set({ confidence: v })} hint="E.g. 0.95 or 95%" />
              <TextField label="Tolerable deviation rate" value={params.tolerable} onValue={(v) => set({ tolerable: v })} hint="E.g. 0.05 or 5%" />
              <TextField label="Expected deviations" type="number" min={0} value={params.expectedCount} onValue={(v) => set({ expectedCount: v })} />
              <SelectField label="Distribution" value={params.distribution} onValue={(v) => set({ distribution: v })} options={['binomial', 'poisson', 'hypergeometric'].map((d) => ({ value: d, label: d }))} />
            </div>
          )}
          {live.available ? (
            <Status>
              {live.plan ? <><strong>Planned size: {grouped(live.plan.n)}</strong>{live.plan.allowedDeviations ? `, ${live.plan.allowedDeviations} deviation(s) allowed` : ''} — {live.plan.rationale}</> : live.error ? 'No size for these parameters (see below).' : 'Planning…'}
            </Status>
          ) : <p class="muted">The size is computed by the service when the pull runs.</p>}
          <ErrorNotice error={live.error} title="These parameters give no size" />
        </fieldset>
        {running && job ? <Progress label="Pulling" done={job.progress.done} total={job.progress.total} /> : null}
        <ErrorNotice error={error} title="Not pulled" />
        <button type="submit" disabled={running || !controlId.trim() || !seed.trim()}>Pull</button>
      </form>
    </>
  );
}
