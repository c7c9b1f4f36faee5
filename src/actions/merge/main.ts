// The merge action: per-platform digests → one OCI image index under the tags → outputs digest, image.
import { connectBuilder } from '../../build/builder';
import { engineRegistries, mergeImages } from '../../build/merge';
import { outputWriter, runAction } from '../runtime';
import { OUTPUT } from '../shared/names';
import { readMergeInputs } from './inputs';

export const OUTPUTS = [OUTPUT.digest, OUTPUT.image, OUTPUT.platforms] as const;

export async function run(): Promise<void> {
  await runAction(async (log) => {
    const out = outputWriter(OUTPUTS);
    const settings = readMergeInputs(log);
    const result = await mergeImages(settings, log, { registries: await engineRegistries(connectBuilder(), log) });
    out.set(OUTPUT.digest, result.digest);
    out.set(OUTPUT.image, result.image);
    out.set(OUTPUT.platforms, result.platforms.join(','));
  });
}
