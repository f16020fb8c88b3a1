import { createRetryPolicy, isConnectionReset, isIdempotent } from './retry';

describe('retry policy', () => {
  it('retries only the methods that can be repeated safely', () => {
    expect(['GET', 'HEAD', 'PUT', 'get'].every(isIdempotent)).toBe(true);
    expect(['POST', 'PATCH', 'DELETE'].some(isIdempotent)).toBe(false);
  });

  it('backs off exponentially with jitter, up to the ceiling', () => {
    const policy = createRetryPolicy({
      baseDelayMs: 100,
      maxDelayMs: 300,
      random: () => 1,
    });
    expect([1, 2, 3].map(a => policy.delayMs(a))).toEqual([100, 200, 300]);
    const low = createRetryPolicy({ baseDelayMs: 100, random: () => 0 });
    expect(low.delayMs(2)).toBe(100);
  });

  it('recognises a dropped connection in undici errors', () => {
    const reset = new TypeError('fetch failed', {
      cause: Object.assign(new Error('read'), { code: 'ECONNRESET' }),
    });
    expect(isConnectionReset(reset)).toBe(true);
    expect(
      isConnectionReset(
        new TypeError('fetch failed', { cause: new Error('socket hang up') }),
      ),
    ).toBe(true);
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }),
    });
    expect(isConnectionReset(refused)).toBe(false);
  });
});
