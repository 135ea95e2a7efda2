/**
 * Form controls with their label always attached (`<label for>`), an optional hint tied to the
 * control (`aria-describedby`), and the native control underneath — so the browser's own keyboard
 * handling, validation and accessible names apply.
 *
 * @example
 * <TextField label="Client" value={client} onValue={setClient} required />
 */
import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

interface Common {
  label: string;
  hint?: ComponentChildren;
  required?: boolean;
  disabled?: boolean;
  name?: string;
  class?: string;
}

function Hint({ id, hint }: { id: string; hint: ComponentChildren }) {
  return hint ? <span class="field-hint" id={id}>{hint}</span> : null;
}

export function TextField(props: Common & { value: string; onValue(v: string): void; type?: 'text' | 'password' | 'date' | 'number' | 'search'; placeholder?: string; list?: string; autoComplete?: string; min?: number; max?: number; step?: number; pattern?: string; spellcheck?: boolean; readOnly?: boolean }) {
  const id = useId();
  return (
    <div class={`field ${props.class ?? ''}`}>
      <label for={id}>{props.label}{props.required ? <span aria-hidden="true"> *</span> : null}</label>
      <input
        // The type and its suggestion list go together; Preact's typings split inputs by type.
        {...({ type: props.type ?? 'text', list: props.list } as Record<string, unknown>)}
        id={id} name={props.name} value={props.value} required={props.required} disabled={props.disabled} readOnly={props.readOnly}
        placeholder={props.placeholder} autoComplete={props.autoComplete ?? 'off'} min={props.min} max={props.max} step={props.step} pattern={props.pattern}
        spellcheck={props.spellcheck ?? false} aria-describedby={props.hint ? `${id}-hint` : undefined}
        onInput={(e) => props.onValue((e.currentTarget as HTMLInputElement).value)}
      />
      <Hint id={`${id}-hint`} hint={props.hint} />
    </div>
  );
}

export function TextArea(props: Common & { value: string; onValue(v: string): void; rows?: number; maxLength?: number }) {
  const id = useId();
  return (
    <div class={`field ${props.class ?? ''}`}>
      <label for={id}>{props.label}</label>
      <textarea id={id} name={props.name} rows={props.rows ?? 3} value={props.value} disabled={props.disabled} maxLength={props.maxLength}
        aria-describedby={props.hint ? `${id}-hint` : undefined} onInput={(e) => props.onValue((e.currentTarget as HTMLTextAreaElement).value)} />
      <Hint id={`${id}-hint`} hint={props.hint} />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField(props: Common & { value: string; onValue(v: string): void; options: Option[] }) {
  const id = useId();
  return (
    <div class={`field ${props.class ?? ''}`}>
      <label for={id}>{props.label}{props.required ? <span aria-hidden="true"> *</span> : null}</label>
      <select id={id} name={props.name} value={props.value} required={props.required} disabled={props.disabled}
        aria-describedby={props.hint ? `${id}-hint` : undefined} onChange={(e) => props.onValue((e.currentTarget as HTMLSelectElement).value)}>
        {props.options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
      <Hint id={`${id}-hint`} hint={props.hint} />
    </div>
  );
}

export function CheckboxField(props: Common & { checked: boolean; onChecked(v: boolean): void }) {
  const id = useId();
  return (
    <div class={`field field-check ${props.class ?? ''}`}>
      <input id={id} type="checkbox" name={props.name} checked={props.checked} disabled={props.disabled}
        aria-describedby={props.hint ? `${id}-hint` : undefined} onChange={(e) => props.onChecked((e.currentTarget as HTMLInputElement).checked)} />
      <label for={id}>{props.label}</label>
      <Hint id={`${id}-hint`} hint={props.hint} />
    </div>
  );
}

/** A group of radio buttons under one legend. */
export function RadioGroup(props: { legend: string; name: string; value: string; onValue(v: string): void; options: Option[]; hint?: ComponentChildren }) {
  return (
    <fieldset class="field radio-group">
      <legend>{props.legend}</legend>
      {props.options.map((o) => {
        const id = `${props.name}-${o.value}`;
        return (
          <span class="radio" key={o.value}>
            <input type="radio" id={id} name={props.name} value={o.value} checked={props.value === o.value} onChange={() => props.onValue(o.value)} />
            <label for={id}>{o.label}</label>
          </span>
        );
      })}
      {props.hint ? <span class="field-hint">{props.hint}</span> : null}
    </fieldset>
  );
}
