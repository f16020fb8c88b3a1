/**
 * What the end-to-end tests of the demo portal and the installation test of the packed plugins share: the
 * repository root, services started in their own process group, waiting for them, and Debian's Chromium.
 * @packageDocumentation
 */
export { repoRoot } from './repoRoot';
export { answersOk, startService, waitUntil } from './service';
export type { Service } from './service';
export { launchChromium } from './chromium';
