import { afterAll, describe, expect, it, vi } from 'vitest';
import { closePools, getPool } from '../../src/pool/pool.js';

afterAll(() => closePools());

describe('the worker pool', () => {
  it('absorbs the late reply of an aborted task instead of crashing the process', () => {
    const pool = getPool(1);
    expect(pool.listenerCount('error')).toBeGreaterThan(0);
    const warn = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      // What piscina emits when a worker answers a task that was aborted meanwhile.
      expect(() => pool.emit('error', new Error('Unexpected message from Worker: { taskId: 7 }'))).not.toThrow();
      expect(warn).not.toHaveBeenCalled();
      // Any other pool error is reported, not thrown.
      expect(() => pool.emit('error', new Error('worker exploded'))).not.toThrow();
      expect(warn).toHaveBeenCalledTimes(1);
    } finally {
      warn.mockRestore();
    }
  });
});
