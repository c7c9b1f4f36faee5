// The build action: inputs → the build engine → outputs imageid, tags, metadata.
import { buildImage } from '../../build/build';
import { connectBuilder } from '../../build/builder';
import { core, runAction } from '../runtime';
import { readBuildInputs } from './inputs';

export async function run(): Promise<void> {
  await runAction(async (log) => {
    const settings = readBuildInputs();
    const result = await buildImage(connectBuilder(), settings, log);
    core.setOutput('imageid', result.imageId);
    core.setOutput('tags', result.tags.join('\n'));
    core.setOutput('metadata', JSON.stringify(result.metadata));
  });
}
