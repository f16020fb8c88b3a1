import { startPortal } from './portal';

/** Starts the demo portal once for every end-to-end test file; globalTeardown stops it. */
export default async function globalSetup() {
  (globalThis as any).__stopPortal = await startPortal();
}
