/**
 * A pull: the control, where its evaluation stands now (the latest results, else the tests'),
 * the warnings, the outputs (downloads, verify), and the sample it drew — items, PRNs, strata —
 * with testing one click away.
 */
import { api } from '../api/client.js';
import type { ControlEvaluation, PullView, ResultsVersion, SampleView, TestRunView } from '../api/types.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Facts, PageHeading } from '../components/bits.js';
import { when } from '../format.js';
import { href } from '../state/router.js';
import { useResource } from '../state/resource.js';
import { Outputs } from './Outputs.js';
import { ExtendSample, SampleFacts, SampleItems } from './SampleItems.js';
import { Conclusion } from './Evaluation.js';

export function PullPage({ pullId }: { pullId: string }) {
  const pull = useResource(() => api.get<{ pull: PullView }>(`/v1/pulls/${pullId}`), [pullId]);
  const p = pull.data?.pull;
  const sample = useResource(async () => (p ? (await api.get<{ sample: SampleView }>(`/v1/samples/${p.sampleId}`)).sample : null), [p?.sampleId]);
  const evaluation = useResource(async (): Promise<ControlEvaluation | null> => {
    if (!p) return null;
    const { latest } = await api.get<{ latest: ResultsVersion | null }>(`/v1/test-runs/${p.testRunId}/results`);
    if (latest) return latest.evaluation;
    return (await api.get<{ testRun: TestRunView }>(`/v1/test-runs/${p.testRunId}`)).testRun.evaluation;
  }, [p?.testRunId]);
  if (pull.error) return <><PageHeading title="Pull">Pull</PageHeading><ErrorNotice error={pull.error} title="Cannot open this pull" /></>;
  if (!p) return <p role="status">Loading…</p>;
  const control = p.request.workbook?.control;
  return (
    <>
      <nav aria-label="Breadcrumb" class="crumbs"><a href={href('/')}>Engagements</a> › <a href={href(`/populations/${p.populationId}`)}>Population</a> › <span aria-current="page">{control?.id ?? p.id}</span></nav>
      <PageHeading title={control?.id ?? p.id}>{control?.id ?? p.id}{control?.description ? <span class="subtitle"> — {control.description}</span> : null}</PageHeading>
      <Facts items={[
        ['Period', p.request.period.replace('..', ' to ')],
        ['Pulled', when(p.createdAt)],
        ['Completeness', <a href={href(`/completeness/${p.completenessId}`)}>report {p.completenessId}</a>],
        ['Pull id', <code>{p.id}</code>],
      ]} />
      {evaluation.data ? <Conclusion evaluation={evaluation.data} /> : null}
      {p.warnings.length ? <div class="notice notice-warn"><p><strong>Before relying on the workbook</strong></p><ul>{p.warnings.map((w, i) => <li key={i}>{w}</li>)}</ul></div> : null}
      <div class="actions">
        <a class="button" href={href(`/test-runs/${p.testRunId}`)}>Test the items</a>
      </div>
      <Outputs pull={p} onResults={() => void evaluation.reload()} />
      <section aria-labelledby="sample-title">
        <h2 id="sample-title">Sample</h2>
        <ErrorNotice error={sample.error} />
        {sample.data ? <><SampleFacts sample={sample.data} /><SampleItems sample={sample.data} /><ExtendSample sample={sample.data} /></> : null}
      </section>
    </>
  );
}
