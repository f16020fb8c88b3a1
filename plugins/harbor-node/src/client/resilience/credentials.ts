import { HarborCredentialsRejectedError } from './errors';
import { PrincipalVerdict } from './principal';

/** The verdict an instance's credentials have so far: `unchecked` until a check could ask Harbor. */
export type CredentialVerdict = 'unchecked' | 'accepted' | 'rejected';

/** After a 401 or 403, the credentials are checked again, but not more often than this. */
export const DEFAULT_RECHECK_MIN_INTERVAL_MS = 10_000;

/**
 * The credential check of one instance: one check at a time (callers join the one running), and a verdict that
 * only a check that could ask Harbor changes, so that an outage neither accepts nor rejects credentials.
 */
export class CredentialCheck {
  readonly #instance: string;
  readonly #verify: () => Promise<PrincipalVerdict>;
  readonly #now: () => number;
  readonly #onChange: () => void;
  #verdict: CredentialVerdict = 'unchecked';
  #reason = '';
  #checkedAt?: number;
  #running?: Promise<void>;

  constructor(options: {
    instance: string;
    verify: () => Promise<PrincipalVerdict>;
    now: () => number;
    onChange: () => void;
  }) {
    this.#instance = options.instance;
    this.#verify = options.verify;
    this.#now = options.now;
    this.#onChange = options.onChange;
  }

  verdict(): CredentialVerdict {
    return this.#verdict;
  }

  /** The error every call throws while rejected. */
  rejection(): HarborCredentialsRejectedError {
    return new HarborCredentialsRejectedError(this.#instance, this.#reason);
  }

  /** Runs the check, or joins the one running; rejects when Harbor could not be asked. */
  check(): Promise<void> {
    if (!this.#running) {
      this.#running = this.#run().finally(() => {
        this.#running = undefined;
      });
    }
    return this.#running;
  }

  /** Checks again unless a check ran within `minIntervalMs`; never rejects. */
  async recheck(minIntervalMs: number): Promise<void> {
    const recent =
      this.#checkedAt !== undefined &&
      this.#now() - this.#checkedAt < minIntervalMs;
    if (recent && !this.#running) return;
    await this.check().catch(() => undefined);
  }

  async #run(): Promise<void> {
    const verdict = await this.#verify();
    this.#checkedAt = this.#now();
    const next: CredentialVerdict = verdict.accepted ? 'accepted' : 'rejected';
    const reason = verdict.accepted ? '' : verdict.reason;
    if (next !== this.#verdict || reason !== this.#reason) {
      this.#verdict = next;
      this.#reason = reason;
      this.#onChange();
    }
  }
}
