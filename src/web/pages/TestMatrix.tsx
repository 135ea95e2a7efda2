/**
 * The test matrix: one row per sampled item (in draw order), one column per attribute. Automated
 * cells show the rule's result (and an override beside it); manual cells hold the team's mark.
 * It is one tab stop: the arrow keys (and Home/End) move between cells; on a manual cell, V (or
 * Y, C, 1) ticks ✓, X marks an exception, N (or A) not applicable, Delete clears; Enter opens the
 * item below the matrix.
 */
import { useRef, useState } from 'preact/hooks';
import type { AttributeSummary, Mark, TeamEntries } from '../api/types.js';
import { itemEntry, markForKey } from '../model/entries.js';
import { cellView, outcomeReason, type MatrixRow } from '../model/matrix.js';

export type { MatrixRow };

export function TestMatrix(props: {
  attributes: AttributeSummary[];
  rows: MatrixRow[];
  entries: TeamEntries;
  selected: number;
  onSelect(row: number): void;
  onMark(row: MatrixRow, attribute: string, mark: Mark | null): void;
}) {
  const { attributes, rows, entries } = props;
  const [focus, setFocus] = useState<{ r: number; c: number }>({ r: props.selected, c: attributes.findIndex((a) => a.mode === 'manual') >= 0 ? attributes.findIndex((a) => a.mode === 'manual') : 0 });
  const cells = useRef(new Map<string, HTMLTableCellElement>());

  // Focus moves at once (the cells are all rendered), so the next key lands on the new cell.
  const move = (r: number, c: number) => {
    const next = { r: Math.max(0, Math.min(rows.length - 1, r)), c: Math.max(0, Math.min(attributes.length - 1, c)) };
    setFocus(next);
    cells.current.get(`${next.r}:${next.c}`)?.focus();
    props.onSelect(next.r);
  };

  const onKey = (e: KeyboardEvent, r: number, c: number) => {
    const keys: Record<string, () => void> = {
      ArrowUp: () => move(r - 1, c), ArrowDown: () => move(r + 1, c), ArrowLeft: () => move(r, c - 1), ArrowRight: () => move(r, c + 1),
      Home: () => move(e.ctrlKey ? 0 : r, 0), End: () => move(e.ctrlKey ? rows.length - 1 : r, attributes.length - 1),
      PageUp: () => move(r - 10, c), PageDown: () => move(r + 10, c),
      Enter: () => document.getElementById('item-panel')?.focus(),
    };
    const action = keys[e.key];
    if (action) {
      e.preventDefault();
      action();
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const mark = markForKey(e.key);
    if (mark !== undefined && attributes[c]!.mode === 'manual') {
      e.preventDefault();
      props.onMark(rows[r]!, attributes[c]!.attribute, mark);
    }
  };

  return (
    <div class="table-wrap matrix-wrap">
      <table role="grid" class="matrix" aria-label="Test matrix" aria-describedby="matrix-keys" aria-rowcount={rows.length + 1}>
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">Item</th>
            {attributes.map((a) => <th scope="col" key={a.attribute} title={a.label}><abbr title={a.label}>{a.attribute}</abbr><span class="sr-only"> {a.label.replace(/^[A-Z]+ — /, '')}</span>{a.mode === 'manual' ? <span class="col-mode">inspect</span> : null}</th>)}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => {
            const entry = itemEntry(entries, row);
            return (
              <tr key={row.order} aria-selected={r === props.selected} class={r === props.selected ? 'selected' : undefined}>
                <td>{row.order}</td>
                <th scope="row">{row.key}</th>
                {attributes.map((a, c) => {
                  const view = cellView(row.outcomes[c], a.mode, entry.marks[a.attribute], entry.overrides[a.attribute]);
                  const reason = outcomeReason(row.outcomes[c]);
                  return (
                    <td
                      key={a.attribute}
                      ref={(el) => {
                        if (el) cells.current.set(`${r}:${c}`, el);
                      }}
                      tabIndex={focus.r === r && focus.c === c ? 0 : -1}
                      class={`cell cell-${view.tone} ${a.mode === 'manual' ? 'cell-manual' : ''}`}
                      title={reason || undefined}
                      onKeyDown={(e) => onKey(e, r, c)}
                      onClick={() => move(r, c)}
                      onFocus={() => {
                        if (focus.r !== r || focus.c !== c) setFocus({ r, c });
                      }}
                    >
                      <span aria-hidden="true">{view.symbol}</span>
                      <span class="sr-only">{`${a.attribute}: ${view.text}`}</span>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
