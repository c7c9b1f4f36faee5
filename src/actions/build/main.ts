// The build action: inputs → the build engine → outputs imageid, tags, metadata.
import { buildImage } from '../../build/build';
import { connectBuilder } from '../../build/builder';
import { core, runAction } from '../runtime';
import { readBuildKitInputs } from './buildkit-inputs';
import { readBuildInputs } from './inputs';

export async function run(): Promise<void> {
  await runAction(async (log) => {
    const problems: string[] = [];
    const settings = readBuildInputs(readBuildKitInputs(problems), problems);
    const result = await buildImage(connectBuilder(), settings, log);
    core.setOutput('imageid', result.imageId);
    core.setOutput('tags', result.tags.join('\n'));
    core.setOutput('metadata', JSON.stringify(result.metadata));
  });
}
