/** The population kinds and their canonical fields, read once from `GET /v1/kinds`. */
import { signal } from '@preact/signals';
import { api } from '../api/client.js';
import type { KindView } from '../api/types.js';

export const kinds = signal<KindView[] | null>(null);
let loading: Promise<KindView[]> | undefined;

export function loadKinds(): Promise<KindView[]> {
  return (loading ??= api.get<{ kinds: KindView[] }>('/v1/kinds').then((r) => (kinds.value = r.kinds), (err) => {
    loading = undefined;
    throw err;
  }));
}

export const kindOf = (name: string): KindView | undefined => kinds.value?.find((k) => k.kind === name);
