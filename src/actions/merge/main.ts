// The merge action: per-platform digests → one OCI image index under the tags → outputs digest, image.
import { connectBuilder } from '../../build/builder';
import { engineRegistries, mergeImages } from '../../build/merge';
import { core, input, runAction } from '../runtime';
import { readMergeInputs } from './inputs';

export async function run(): Promise<void> {
  await runAction(async (log) => {
    // Masked before the inputs are even validated, so no later line can carry it.
    log.secret(input('password'));
    const settings = readMergeInputs();
    const result = await mergeImages(settings, log, { registries: await engineRegistries(connectBuilder(), log) });
    core.setOutput('digest', result.digest);
    core.setOutput('image', result.image);
    core.setOutput('platforms', result.platforms.join(','));
  });
}
