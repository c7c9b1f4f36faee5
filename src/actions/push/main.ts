// The push action: inputs → the push engine → outputs digest and image (repo@digest).
import { connectBuilder } from '../../build/builder';
import { pushTags } from '../../push/push';
import { core, input, runAction } from '../runtime';
import { readPushInputs } from './inputs';

export async function run(): Promise<void> {
  await runAction(async (log) => {
    // Masked before the inputs are even validated, so no later line can carry it.
    log.secret(input('password'));
    const settings = readPushInputs();
    const result = await pushTags(connectBuilder(), settings, log);
    core.setOutput('digest', result.digest);
    core.setOutput('image', result.image);
  });
}
