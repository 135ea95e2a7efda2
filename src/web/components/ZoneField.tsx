/** A time-zone field: any IANA zone, with the browser's list of zones offered as suggestions. */
import { useId } from 'preact/hooks';
import { TextField } from './fields.js';

const zones = (): string[] => {
  const intl = Intl as unknown as { supportedValuesOf?: (k: string) => string[] };
  return ['UTC', ...(intl.supportedValuesOf?.('timeZone') ?? [])];
};

export function ZoneField({ value, onValue, label = 'Time zone' }: { value: string; onValue(v: string): void; label?: string }) {
  const id = useId();
  return (
    <>
      <TextField label={label} value={value} onValue={onValue} list={`${id}-zones`} required hint="IANA name, e.g. UTC or America/New_York: the zone the period and naive timestamps are read in." />
      <datalist id={`${id}-zones`}>{zones().map((z) => <option key={z} value={z} />)}</datalist>
    </>
  );
}
