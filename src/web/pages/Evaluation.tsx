/**
 * The evaluation a CPA signs, as the service gave it: the conclusion (and whether completeness
 * qualifies it), then each part — key items apart from the sample — attribute by attribute: items
 * tested, deviations, still to mark, the rate and upper limit where statistical, and the reason.
 */
import type { ControlEvaluation } from '../api/types.js';
import { TableRegion } from '../components/bits.js';
import { percent } from '../format.js';

const STATUS: Record<string, string> = {
  effective: 'Effective',
  effective_with_exceptions: 'Effective with exceptions',
  exceptions_noted: 'Exceptions noted',
  not_effective: 'Not effective',
  incomplete: 'Incomplete',
};

const CONCLUSION: Record<string, string> = {
  supported: 'supported',
  not_supported: 'not supported',
  no_deviations: 'no deviations',
  deviations_found: 'deviations found',
  pending: 'items to mark',
  not_tested: 'not tested',
};

export function Conclusion({ evaluation }: { evaluation: ControlEvaluation }) {
  const c = evaluation.conclusion;
  return (
    <div class={`conclusion conclusion-${c.status}`}>
      <p><span class="conclusion-status">{STATUS[c.status] ?? c.status}</span>{c.qualified ? <span class="tag tag-bad">qualified by completeness</span> : null}</p>
      <p class="conclusion-sentence">{c.sentence}</p>
      {c.reasons.length > 1 ? <ul>{c.reasons.map((r, i) => <li key={i}>{r}</li>)}</ul> : null}
      {evaluation.options.length ? <ul class="options">{evaluation.options.map((o, i) => <li key={i}>{o.sentence}</li>)}</ul> : null}
    </div>
  );
}

export function EvaluationTables({ evaluation }: { evaluation: ControlEvaluation }) {
  return (
    <>
      {evaluation.parts.map((part) => (
        <TableRegion key={part.part} label={`Evaluation: ${part.part === 'key_items' ? 'key items' : 'sample'}`}>
          <table class="compact">
            <caption>{part.part === 'key_items' ? `Key items (${part.items}, tested in full${part.condition ? `: ${part.condition}` : ''})` : `Sample (${part.items} items, ${part.basis.replace('_', '-')})`}</caption>
            <thead><tr><th scope="col">Attribute</th><th scope="col" class="num">Tested</th><th scope="col" class="num">Deviations</th><th scope="col" class="num">N/A</th><th scope="col" class="num">To mark</th><th scope="col" class="num">Rate</th><th scope="col" class="num">Upper limit</th><th scope="col">Conclusion</th></tr></thead>
            <tbody>
              {[...part.attributes, part.overall].map((a) => (
                <tr key={a.attribute} class={a.attribute === 'overall' ? 'total' : undefined}>
                  <th scope="row" title={a.rationale}>{a.label}</th>
                  <td class="num">{a.tested}</td>
                  <td class="num">{a.deviations}</td>
                  <td class="num">{a.notApplicable}</td>
                  <td class="num">{a.pending}</td>
                  <td class="num">{percent(a.sampleRate)}</td>
                  <td class="num">{a.upperLimitPct === null ? '—' : `${a.upperLimitPct}%`}</td>
                  <td>{CONCLUSION[a.conclusion] ?? a.conclusion}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableRegion>
      ))}
      <details><summary>Conventions</summary><p>{evaluation.conventions}</p></details>
    </>
  );
}
