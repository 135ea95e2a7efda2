/**
 * Small pieces every page uses: the page heading (focused when the page opens, and the tab's
 * title), a check status in words and symbol (never colour alone), a progress bar with its
 * figures, a scrollable table region that keyboard users can reach, a copy button, a key–value list.
 */
import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { grouped } from '../format.js';

export function PageHeading({ children, title }: { children: ComponentChildren; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} — tickmark`;
    ref.current?.focus({ preventScroll: false });
  }, [title]);
  return <h1 ref={ref} tabIndex={-1}>{children}</h1>;
}

const STATUS: Record<string, { text: string; symbol: string }> = {
  pass: { text: 'Pass', symbol: '✓' },
  warn: { text: 'Warn', symbol: '!' },
  fail: { text: 'Fail', symbol: '✗' },
  not_run: { text: 'Not run', symbol: '–' },
};

export function StatusBadge({ status }: { status: string }) {
  const s = STATUS[status] ?? { text: status, symbol: '?' };
  return <span class={`badge badge-${status}`}><span aria-hidden="true">{s.symbol} </span>{s.text}</span>;
}

/** Rows (or bytes) done out of a total; without a total, an indeterminate bar. */
export function Progress({ label, done, total, unit = 'rows' }: { label: string; done: number; total: number | null; unit?: string }) {
  const id = useId();
  const text = total ? `${grouped(done)} of ${grouped(total)} ${unit} (${Math.floor((done / Math.max(total, 1)) * 100)}%)` : `${grouped(done)} ${unit}`;
  return (
    <div class="progress">
      <label for={id}>{label}</label>
      {total ? <progress id={id} value={done} max={total} aria-valuetext={text} /> : <progress id={id} aria-valuetext={text} />}
      <span class="progress-text">{text}</span>
    </div>
  );
}

export function TableRegion({ label, children }: { label: string; children: ComponentChildren }) {
  return <div class="table-wrap" role="region" aria-label={label} tabIndex={0}>{children}</div>;
}

export function CopyButton({ text, label }: { text: string; label: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button type="button" class="button-small" aria-label={label} onClick={async () => {
      await navigator.clipboard?.writeText(text);
      setCopied(true);
      setTimeout(() => setCopied(false), 1500);
    }}>{copied ? 'Copied' : 'Copy'}</button>
  );
}

export function Facts({ items }: { items: [string, ComponentChildren][] }) {
  return (
    <dl class="facts">
      {items.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A polite live region: what just happened, for screen readers and sighted users alike. */
export function Status({ children }: { children: ComponentChildren }) {
  return <p class="status-line" role="status" aria-live="polite">{children}</p>;
}
