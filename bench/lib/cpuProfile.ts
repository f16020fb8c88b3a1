import fs from 'node:fs';
import { Session } from 'node:inspector/promises';

/** Runs `measure`; with a `file`, writes a V8 CPU profile of this process during it there. */
export async function withCpuProfile<T>(
  file: string | undefined,
  measure: () => Promise<T>,
): Promise<T> {
  if (!file) return measure();
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  const result = await measure();
  const { profile } = await session.post('Profiler.stop');
  fs.writeFileSync(file, JSON.stringify(profile));
  session.disconnect();
  return result;
}
