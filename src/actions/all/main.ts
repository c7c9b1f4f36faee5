// The root action: build → push → deploy in one step. The deploy takes the digest the registry
// holds, so every host runs exactly the image that was built.
import { buildImage } from '../../build/build';
import { connectBuilder } from '../../build/builder';
import { prepare } from '../../deploy';
import { pushTags } from '../../push/push';
import { parsePushSettings } from '../../push/settings';
import { setBuildOutputs } from '../build/main';
import { setPushOutputs } from '../push/main';
import { outputWriter, runAction } from '../runtime';
import { OUTPUT, ROLLOUT_OUTPUTS } from '../shared/names';
import { Publisher } from '../shared/publish';
import { finishRollout, runRollout } from '../shared/rollout-step';
import { readAllInputs } from './inputs';

export const OUTPUTS = [OUTPUT.imageid, OUTPUT.tags, OUTPUT.metadata, OUTPUT.image, ...ROLLOUT_OUTPUTS] as const;

export async function run(): Promise<void> {
  await runAction(async (log) => {
    const out = outputWriter(OUTPUTS);
    const { build, push, rollout, publish } = readAllInputs(log);
    // The config is checked before the build: a typo in aviary.yml should not cost a build.
    prepare({ ...rollout, target: 'previous' }, log, process.env);
    const publisher = new Publisher(publish, log);

    const builder = connectBuilder();
    const built = await buildImage(builder, build, log);
    setBuildOutputs(out, built);

    const pushed = await pushTags(
      builder,
      parsePushSettings({
        tags: built.tags,
        registry: push.registry,
        username: rollout.registry.username ?? '',
        password: rollout.registry.password ?? '',
        retries: push.retries,
      }),
      log,
    );
    setPushOutputs(out, pushed);

    rollout.overrides.image = pushed.image;
    const { report } = await runRollout(rollout, log, publisher);
    await finishRollout(report, rollout.reportFile, publisher, {
      // The digest is the push's, set above: the same one the rollout deployed.
      setOutputs: (outputs) => {
        for (const name of ROLLOUT_OUTPUTS) if (name !== OUTPUT.digest) out.set(name, outputs[name]);
      },
    });
  });
}
