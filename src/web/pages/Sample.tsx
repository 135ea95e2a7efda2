/**
 * A sample on its own (an extended sample, say): its design and items, and testing it — a test
 * run of the control's attributes on these items, whose matrix opens when it is done.
 */
import { useState } from 'preact/hooks';
import { api } from '../api/client.js';
import { runJob } from '../api/jobs.js';
import type { JobView, SampleView } from '../api/types.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { PageHeading, Progress } from '../components/bits.js';
import { href, navigate } from '../state/router.js';
import { useResource } from '../state/resource.js';
import { ExtendSample, SampleFacts, SampleItems } from './SampleItems.js';

export function SamplePage({ sampleId }: { sampleId: string }) {
  const sample = useResource(() => api.get<{ sample: SampleView }>(`/v1/samples/${sampleId}`), [sampleId]);
  const [job, setJob] = useState<JobView | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (sample.error) return <><PageHeading title="Sample">Sample</PageHeading><ErrorNotice error={sample.error} title="Cannot open this sample" /></>;
  const s = sample.data?.sample;
  if (!s) return <p role="status">Loading…</p>;
  const running = job !== null && (job.state === 'queued' || job.state === 'running');
  return (
    <>
      <nav aria-label="Breadcrumb" class="crumbs"><a href={href('/')}>Engagements</a> › <a href={href(`/populations/${s.populationId}`)}>Population</a> › <span aria-current="page">Sample</span></nav>
      <PageHeading title={`Sample ${s.id}`}>Sample <span class="subtitle">{s.id}</span></PageHeading>
      <SampleFacts sample={s} />
      <div class="actions">
        <button type="button" disabled={running} onClick={async () => {
          setError(null);
          try {
            const done = await runJob(`/v1/populations/${s.populationId}/test-runs`, { sampleId: s.id, ...(s.request.period ? { period: s.request.period } : {}) }, setJob);
            navigate(`/test-runs/${done.result!.id}`);
          } catch (err) {
            setError(err);
          }
        }}>Test this sample</button>
      </div>
      {running && job ? <Progress label="Testing" done={job.progress.done} total={job.progress.total} /> : null}
      <ErrorNotice error={error} title="Not tested" />
      <h2>Items</h2>
      <SampleItems sample={s} />
      <ExtendSample sample={s} />
    </>
  );
}
