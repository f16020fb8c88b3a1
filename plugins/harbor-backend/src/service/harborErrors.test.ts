import { HarborCredentialsRejectedError } from '@backstage-harbor/plugin-harbor-node';
import { failedStatus } from './harborErrors';

describe('failedStatus', () => {
  it("says once, in people's words, why an instance's data is missing (no developer-form 'caused by' repeat)", () => {
    const status = failedStatus(
      'misconfigured',
      new HarborCredentialsRejectedError(
        'misconfigured',
        'Harbor answers them as anonymous',
      ),
      '2026-12-08T04:00:00.000Z',
    );
    expect(status).toEqual({
      state: 'credentials-rejected',
      message: expect.stringMatching(
        /^Harbor instance 'misconfigured' rejected the configured credentials/,
      ),
      lastReachableAt: '2026-12-08T04:00:00.000Z',
    });
    expect(status.message).not.toContain('caused by');
    expect(
      status.message!.match(/rejected the configured credentials/g),
    ).toHaveLength(1);
  });
});
