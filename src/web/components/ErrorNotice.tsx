/**
 * A failure as the service coded it: the code, the message and the hint, announced to screen
 * readers (role="alert"). Validation details, when there are any, are one click away.
 */
import { asApiError } from '../api/client.js';

export function ErrorNotice({ error, title = 'That did not work' }: { error: unknown; title?: string }) {
  if (!error) return null;
  const e = asApiError(error);
  const validation = e.details.validation as { path: string; message: string }[] | undefined;
  return (
    <div class="notice notice-error" role="alert">
      <p class="notice-title">
        <strong>{title}</strong> <code class="code">{e.code}</code>
      </p>
      <p>{e.message}</p>
      {validation?.length ? (
        <ul>
          {validation.map((v, i) => (
            <li key={i}>
              {v.path || '(request)'} {v.message}
            </li>
          ))}
        </ul>
      ) : null}
      {e.hint ? <p class="hint">Hint: {e.hint}</p> : null}
    </div>
  );
}
