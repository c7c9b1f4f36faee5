// The push action: inputs → the push engine → outputs digest and image (repo@digest).
import { connectBuilder } from '../../build/builder';
import { pushTags, PushResult } from '../../push/push';
import { OutputWriter, outputWriter, runAction } from '../runtime';
import { OUTPUT } from '../shared/names';
import { readPushInputs } from './inputs';

export const OUTPUTS = [OUTPUT.digest, OUTPUT.image] as const;

export async function run(): Promise<void> {
  await runAction(async (log) => {
    const out = outputWriter(OUTPUTS);
    const settings = readPushInputs(log);
    setPushOutputs(out, await pushTags(connectBuilder(), settings, log));
  });
}

/** The push's outputs; the all-in-one action sets them too. */
export function setPushOutputs(out: OutputWriter<(typeof OUTPUTS)[number]>, pushed: PushResult): void {
  out.set(OUTPUT.digest, pushed.digest);
  out.set(OUTPUT.image, pushed.image);
}
