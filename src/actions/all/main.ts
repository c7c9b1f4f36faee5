// The root action: build → push → deploy in one step. The deploy takes the digest the registry
// holds, so every host runs exactly the image that was built.
import { buildImage } from '../../build/build';
import { connectBuilder } from '../../build/builder';
import { outputsOf, prepare, errorWasLogged } from '../../deploy';
import { RunError } from '../../errors';
import { pushTags } from '../../push/push';
import { parsePushSettings } from '../../push/settings';
import { readBuildKitInputs } from '../build/buildkit-inputs';
import { readBuildInputs } from '../build/inputs';
import { core, input, runAction } from '../runtime';
import { Publisher } from '../shared/publish';
import { readPublishInputs, readRolloutInputs } from '../shared/rollout-inputs';
import { runRollout } from '../shared/rollout-step';

export async function run(): Promise<void> {
  await runAction(async (log) => {
    log.secret(input('password'));
    const problems: string[] = [];
    const build = readBuildInputs(readBuildKitInputs(problems), problems);
    const rollout = readRolloutInputs();
    rollout.overrides.gates = input('gates') || undefined;
    // The config is checked before the build: a typo in aviary.yml should not cost a build.
    prepare({ ...rollout, target: 'previous' }, log, process.env);
    const publisher = new Publisher(readPublishInputs(), log);

    const builder = connectBuilder();
    const built = await buildImage(builder, build, log);
    core.setOutput('imageid', built.imageId);
    core.setOutput('tags', built.tags.join('\n'));
    core.setOutput('metadata', JSON.stringify(built.metadata));

    const pushed = await pushTags(builder, parsePushSettings({
      tags: built.tags,
      registry: input('registry'),
      username: rollout.registry.username ?? '',
      password: rollout.registry.password ?? '',
      retries: input('retries'),
    }), log);
    core.setOutput('digest', pushed.digest);
    core.setOutput('image', pushed.image);

    rollout.overrides.image = pushed.image;
    const { report } = await runRollout(rollout, log, publisher);
    await publisher.finished(report);
    for (const [name, value] of Object.entries(outputsOf(report, rollout.reportFile))) if (name !== 'digest') core.setOutput(name, value);
    core.setOutput('deployment-id', publisher.githubDeploymentId);
    if (errorWasLogged(report)) process.exitCode = 1; // logged with every host already
    else if (report.result !== 'deployed') throw new RunError(report.error ?? `the rollout ended ${report.result}`);
  });
}
