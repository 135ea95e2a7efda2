/**
 * Upload a population: drop a CSV or XLSX file here (or pick it), say its kind, and watch it go —
 * bytes sent (the browser's upload progress), then the service ingesting it (the rows read so far,
 * from the upload's job record, looked up once a second). When it is stored,
 * the mapping review opens: nothing counts before someone has looked at how it was read.
 */
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/client.js';
import { uploadWithProgress } from '../api/upload.js';
import type { Engagement, JobView, PopulationView } from '../api/types.js';
import { ErrorNotice } from '../components/ErrorNotice.js';
import { Progress } from '../components/bits.js';
import { SelectField } from '../components/fields.js';
import { ZoneField } from '../components/ZoneField.js';
import { grouped } from '../format.js';
import { kinds, loadKinds } from '../state/kinds.js';
import { navigate } from '../state/router.js';

type Phase = { at: 'idle' } | { at: 'sending'; sent: number; total: number } | { at: 'ingesting'; total: number } | { at: 'done' };

/** Rows the service has read of this engagement's running upload, once a second while `active`. */
function useRowsIngested(engagementId: string, active: boolean): number | null {
  const [rows, setRows] = useState<number | null>(null);
  useEffect(() => {
    if (!active) {
      setRows(null);
      return;
    }
    let stopped = false;
    const look = async () => {
      const { jobs } = await api.get<{ jobs: JobView[] }>('/v1/jobs?type=upload&state=running');
      const mine = jobs.find((j) => j.engagementId === engagementId);
      if (!stopped && mine?.progress.rows !== undefined) setRows(mine.progress.rows);
    };
    const timer = setInterval(() => void look().catch(() => {}), 1000);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [engagementId, active]);
  return rows;
}

export function UploadPanel({ engagement }: { engagement: Engagement }) {
  const [file, setFile] = useState<File | null>(null);
  const [kind, setKind] = useState('change');
  const [timeZone, setTimeZone] = useState(engagement.timeZone);
  const [dateOrder, setDateOrder] = useState('');
  const [phase, setPhase] = useState<Phase>({ at: 'idle' });
  const [error, setError] = useState<unknown>(null);
  const [over, setOver] = useState(false);
  useEffect(() => {
    void loadKinds().catch(setError);
  }, []);

  const busy = phase.at === 'sending' || phase.at === 'ingesting';
  const rows = useRowsIngested(engagement.id, phase.at === 'ingesting');
  return (
    <form class="card" aria-labelledby="upload-title" onSubmit={async (e) => {
      e.preventDefault();
      if (!file) return;
      setError(null);
      setPhase({ at: 'sending', sent: 0, total: file.size });
      const fields: Record<string, string> = { kind, timeZone, name: file.name };
      if (dateOrder) fields.dateOrder = dateOrder;
      const upload = uploadWithProgress<{ population: PopulationView; created: boolean }>(
        `/v1/engagements/${engagement.id}/populations`, file, fields,
        (sent, total) => setPhase({ at: 'sending', sent, total }),
        () => setPhase({ at: 'ingesting', total: file.size }),
      );
      try {
        const { population } = await upload.done;
        setPhase({ at: 'done' });
        navigate(`/populations/${population.id}`);
      } catch (err) {
        setError(err);
        setPhase({ at: 'idle' });
      }
    }}>
      <h2 id="upload-title">Upload a population</h2>
      <div
        class={`drop-zone ${over ? 'drop-over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={(e) => {
          e.preventDefault();
          setOver(false);
          const dropped = e.dataTransfer?.files[0];
          if (dropped) setFile(dropped);
        }}
      >
        <p>Drop a CSV or XLSX export here, or choose it:</p>
        <div class="field">
          <label for="population-file">Population file</label>
          <input id="population-file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            onChange={(e) => setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null)} />
        </div>
        {file ? <p class="muted">{file.name} — {grouped(file.size)} bytes</p> : null}
      </div>
      <div class="grid-3">
        <SelectField label="Kind" value={kind} onValue={setKind} required
          options={(kinds.value ?? []).map((k) => ({ value: k.kind, label: `${k.kind} — ${k.description}` }))} />
        <ZoneField value={timeZone} onValue={setTimeZone} label="Zone of naive timestamps" />
        <SelectField label="Day/month order of slash dates" value={dateOrder} onValue={setDateOrder}
          options={[{ value: '', label: 'Not given (ambiguous dates are flagged)' }, { value: 'dmy', label: 'Day first (31/12/2025)' }, { value: 'mdy', label: 'Month first (12/31/2025)' }]} />
      </div>
      {phase.at === 'sending' ? <Progress label="Uploading" done={phase.sent} total={phase.total} unit="bytes" /> : null}
      {phase.at === 'ingesting' ? <Progress label="Sent; the service is reading and typing the rows" done={rows ?? phase.total} total={null} unit={rows === null ? 'bytes sent' : 'rows read'} /> : null}
      <ErrorNotice error={error} title="Not uploaded" />
      <button type="submit" disabled={!file || busy}>{busy ? 'Uploading…' : 'Upload'}</button>
    </form>
  );
}
