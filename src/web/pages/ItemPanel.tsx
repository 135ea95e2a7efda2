/**
 * One sampled item, in full: each attribute with the rule's result and its reason; the team's
 * mark on manual attributes; an override of an automated result (with the reason it is
 * overridden); the evidence reference and a comment; a write-up of each exception on the item
 * (root cause, management response, isolated or systemic); and an exception the tool did not flag.
 * Marks and overrides are saved at once; the texts with “Save item”. (Keyed by the item: a new
 * item starts a new panel.)
 */
import { useEffect, useState } from 'preact/hooks';
import type { AttributeSummary, Mark, TeamEntries } from '../api/types.js';
import { RadioGroup, SelectField, TextArea, TextField } from '../components/fields.js';
import { addException, itemEntry, removeException, setItemText, setMark, setOverride, setWriteUp, writeUpOf } from '../model/entries.js';
import { cellView, exceptionsOf, outcomeReason, type MatrixRow } from '../model/matrix.js';

const MARKS: Mark[] = ['✓', 'X', 'N/A'];

interface Draft {
  evidence: string;
  comment: string;
  writeUps: Record<string, { rootCause: string; managementResponse: string; nature: '' | 'isolated' | 'systemic' }>;
}

function draftOf(row: MatrixRow, entries: TeamEntries, attributes: AttributeSummary[]): Draft {
  const e = itemEntry(entries, row);
  const writeUps: Draft['writeUps'] = {};
  for (const a of exceptionsOf(row, attributes, entries)) {
    const w = writeUpOf(entries, row, a);
    writeUps[a] = { rootCause: w?.rootCause ?? '', managementResponse: w?.managementResponse ?? '', nature: w?.nature ?? '' };
  }
  return { evidence: e.evidence ?? '', comment: e.comment ?? '', writeUps };
}

export function ItemPanel(props: { row: MatrixRow; attributes: AttributeSummary[]; entries: TeamEntries; onChange(next: TeamEntries, saveNow?: boolean): void }) {
  const { row, attributes, entries } = props;
  const entry = itemEntry(entries, row);
  const [draft, setDraft] = useState<Draft>(() => draftOf(row, entries, attributes));
  const [overrideDraft, setOverrideDraft] = useState<Record<string, { mark: string; reason: string }>>({});
  const [added, setAdded] = useState({ attribute: attributes[0]?.attribute ?? 'A', description: '' });
  const exceptions = exceptionsOf(row, attributes, entries);
  // New exceptions on the item (a mark X, an added one) get their write-up fields; what was typed stays.
  useEffect(() => setDraft((d) => {
    const fresh = draftOf(row, entries, attributes).writeUps;
    const typed = Object.fromEntries(Object.entries(d.writeUps).filter(([a]) => a in fresh));
    return { ...d, writeUps: { ...fresh, ...typed } };
  }), [exceptions.join(',')]);

  const saveTexts = () => {
    let next = setItemText(entries, row, { evidence: draft.evidence, comment: draft.comment });
    for (const [a, w] of Object.entries(draft.writeUps)) next = setWriteUp(next, row, a, w);
    props.onChange(next, true);
  };

  return (
    <section id="item-panel" class="card item-panel" tabIndex={-1} aria-labelledby="item-title">
      <h3 id="item-title">Item {row.order}: {row.key} <span class="muted">(record {row.record})</span></h3>
      <table class="compact attributes">
        <caption class="sr-only">Attributes of item {row.order}</caption>
        <thead><tr><th scope="col">Attribute</th><th scope="col">Result</th><th scope="col">The rule's reason</th><th scope="col">The team</th></tr></thead>
        <tbody>
          {attributes.map((a, i) => {
            const o = row.outcomes[i];
            const view = cellView(o, a.mode, entry.marks[a.attribute], entry.overrides[a.attribute]);
            const od = overrideDraft[a.attribute] ?? { mark: entry.overrides[a.attribute]?.mark ?? '', reason: entry.overrides[a.attribute]?.reason ?? '' };
            return (
              <tr key={a.attribute}>
                <th scope="row">{a.label}</th>
                <td class={`cell-${view.tone}`}>{view.text}</td>
                <td>{outcomeReason(o) || '—'}</td>
                <td>
                  {a.mode === 'manual' ? (
                    <div class="marks" role="group" aria-label={`Mark ${a.attribute} for item ${row.order}`}>
                      {MARKS.map((m) => (
                        <button key={m} type="button" class="button-small mark-button" aria-pressed={entry.marks[a.attribute] === m}
                          onClick={() => props.onChange(setMark(entries, row, a.attribute, entry.marks[a.attribute] === m ? null : m))}>{m}</button>
                      ))}
                    </div>
                  ) : (
                    <div class="override">
                      <SelectField label={`Override ${a.attribute}`} class="field-inline" value={od.mark} onValue={(mark) => setOverrideDraft({ ...overrideDraft, [a.attribute]: { ...od, mark } })}
                        options={[{ value: '', label: '(the rule stands)' }, ...MARKS.map((m) => ({ value: m, label: m }))]} />
                      {od.mark ? (
                        <>
                          <TextField label={`Reason for overriding ${a.attribute}`} class="field-inline" value={od.reason} onValue={(reason) => setOverrideDraft({ ...overrideDraft, [a.attribute]: { ...od, reason } })} required />
                          <button type="button" class="button-small" disabled={!od.reason.trim()} onClick={() => props.onChange(setOverride(entries, row, a.attribute, { mark: od.mark as Mark, reason: od.reason.trim() }), true)}>Override</button>
                        </>
                      ) : entry.overrides[a.attribute] ? (
                        <button type="button" class="button-small" onClick={() => props.onChange(setOverride(entries, row, a.attribute, null), true)}>Remove the override</button>
                      ) : null}
                    </div>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>

      <div class="grid-2">
        <TextField label="Evidence reference" value={draft.evidence} onValue={(evidence) => setDraft({ ...draft, evidence })} hint="Document, ticket or screenshot id" />
        <TextArea label="Comment" value={draft.comment} onValue={(comment) => setDraft({ ...draft, comment })} rows={2} />
      </div>

      {exceptions.length ? (
        <fieldset>
          <legend>Exceptions on this item: write-ups</legend>
          {exceptions.map((a) => {
            const w = draft.writeUps[a] ?? { rootCause: '', managementResponse: '', nature: '' as const };
            const setW = (patch: Partial<typeof w>) => setDraft({ ...draft, writeUps: { ...draft.writeUps, [a]: { ...w, ...patch } } });
            const addedHere = entries.addedExceptions.find((x) => x.order === row.order && x.key === row.key && x.attribute === a);
            return (
              <div class="write-up" key={a}>
                <h4>Exception on {attributes.find((x) => x.attribute === a)?.label ?? a}{addedHere ? ` (added by the team: ${addedHere.description})` : ''}</h4>
                <div class="grid-2">
                  <TextArea label={`Root cause (${a})`} value={w.rootCause} onValue={(rootCause) => setW({ rootCause })} rows={2} />
                  <TextArea label={`Management response (${a})`} value={w.managementResponse} onValue={(managementResponse) => setW({ managementResponse })} rows={2} />
                </div>
                <RadioGroup legend={`Nature (${a})`} name={`nature-${row.order}-${a}`} value={w.nature} onValue={(v) => setW({ nature: v as 'isolated' | 'systemic' })}
                  options={[{ value: 'isolated', label: 'Isolated' }, { value: 'systemic', label: 'Systemic' }]} />
                {addedHere ? <button type="button" class="button-small" onClick={() => props.onChange(removeException(entries, row, a), true)}>Remove this added exception</button> : null}
              </div>
            );
          })}
        </fieldset>
      ) : null}

      <div class="actions">
        <button type="button" onClick={saveTexts}>Save item</button>
      </div>

      <details>
        <summary>Add an exception the tool did not flag</summary>
        <div class="grid-3">
          <SelectField label="Attribute" value={added.attribute} onValue={(attribute) => setAdded({ ...added, attribute })} options={attributes.map((a) => ({ value: a.attribute, label: a.label }))} />
          <TextField label="What was found" value={added.description} onValue={(description) => setAdded({ ...added, description })} />
        </div>
        <button type="button" class="button-secondary" disabled={!added.description.trim()} onClick={() => {
          props.onChange(addException(entries, row, added.attribute, added.description), true);
          setAdded({ ...added, description: '' });
        }}>Add exception</button>
      </details>
    </section>
  );
}
