/**
 * Upload a file with progress: XMLHttpRequest (fetch has no upload progress) posting a multipart
 * body — the options as fields before the file, as the service reads them — and reporting bytes
 * sent as they go. Resolves with the JSON answer, or rejects with the coded error.
 *
 * @example
 * const { population } = await uploadWithProgress(`/v1/engagements/${id}/populations`, file, { kind: 'change' }, (sent, total) => …)
 */
import { currentToken } from '../state/session.js';
import { ApiError } from './client.js';

export interface UploadHandle<T> {
  done: Promise<T>;
  abort(): void;
}

export function uploadWithProgress<T>(url: string, file: File, fields: Record<string, string>, onBytes: (sent: number, total: number) => void, onSent?: () => void): UploadHandle<T> {
  const xhr = new XMLHttpRequest();
  const done = new Promise<T>((resolve, reject) => {
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', file, file.name);
    xhr.open('POST', url);
    const token = currentToken();
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.setRequestHeader('accept', 'application/json');
    xhr.responseType = 'text';
    xhr.upload.addEventListener('progress', (e) => onBytes(e.loaded, e.lengthComputable ? e.total : file.size));
    xhr.upload.addEventListener('load', () => onSent?.());
    xhr.addEventListener('load', () => {
      let body: { code?: string; message?: string; hint?: string; details?: Record<string, unknown> } | undefined;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else reject(new ApiError(xhr.status, body?.code ?? `HTTP_${xhr.status}`, body?.message ?? xhr.statusText, body?.hint, body?.details ?? {}));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, 'NETWORK', 'The upload failed: the connection was lost.', 'Check that tickmark serve is running, then upload again.')));
    xhr.addEventListener('abort', () => reject(new ApiError(0, 'ABORTED', 'The upload was cancelled; nothing was stored.')));
    xhr.send(form);
  });
  return { done, abort: () => xhr.abort() };
}
