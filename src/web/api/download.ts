/**
 * Downloads that need the bearer token (a plain link cannot send it): fetch the file, then hand
 * it to the browser as a `blob:` URL with the name the service gave (Content-Disposition).
 *
 * @example
 * await downloadFile('/v1/pulls/pull_…/workbook', 'workbook.xlsx')
 */
import { request } from './client.js';

/** The file name of a Content-Disposition header (our names are `[A-Za-z0-9._-]`). */
export function dispositionName(header: string | null, fallback: string): string {
  const m = header ? /filename="([^"]+)"/.exec(header) : null;
  return m?.[1] ?? fallback;
}

export async function downloadFile(path: string, fallbackName: string): Promise<string> {
  const res = await request('GET', path);
  const name = dispositionName(res.headers.get('content-disposition'), fallbackName);
  const url = URL.createObjectURL(await res.blob());
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    // Revoked after the click has been handled: the download has its own copy by then.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return name;
}
