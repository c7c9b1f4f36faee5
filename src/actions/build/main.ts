// The build action: inputs → the build engine → outputs imageid, tags, metadata.
import { buildImage } from '../../build/build';
import { connectBuilder } from '../../build/builder';
import { outputWriter, runAction } from '../runtime';
import { OUTPUT } from '../shared/names';
import { readBuildInputs } from './inputs';

export const OUTPUTS = [OUTPUT.imageid, OUTPUT.tags, OUTPUT.metadata] as const;

export async function run(): Promise<void> {
  await runAction(async (log) => {
    const out = outputWriter(OUTPUTS);
    const settings = readBuildInputs();
    const result = await buildImage(connectBuilder(), settings, log);
    out.set(OUTPUT.imageid, result.imageId);
    out.set(OUTPUT.tags, result.tags.join('\n'));
    out.set(OUTPUT.metadata, JSON.stringify(result.metadata));
  });
}
