// The push action: inputs → the push engine → outputs digest and image (repo@digest).
import { connectBuilder } from '../../build/builder';
import { pushTags } from '../../push/push';
import { outputWriter, runAction } from '../runtime';
import { OUTPUT } from '../shared/names';
import { readPushInputs } from './inputs';

export const OUTPUTS = [OUTPUT.digest, OUTPUT.image] as const;

export async function run(): Promise<void> {
  await runAction(async (log) => {
    const out = outputWriter(OUTPUTS);
    const settings = readPushInputs(log);
    const result = await pushTags(connectBuilder(), settings, log);
    out.set(OUTPUT.digest, result.digest);
    out.set(OUTPUT.image, result.image);
  });
}
