// The build action: inputs → the build engine → outputs imageid, tags, metadata.
import { buildImage, BuildResult } from '../../build/build';
import { connectBuilder } from '../../build/builder';
import { OutputWriter, outputWriter, runAction } from '../runtime';
import { OUTPUT } from '../shared/names';
import { readBuildInputs } from './inputs';

export const OUTPUTS = [OUTPUT.imageid, OUTPUT.tags, OUTPUT.metadata] as const;

export async function run(): Promise<void> {
  await runAction(async (log) => {
    const out = outputWriter(OUTPUTS);
    const settings = readBuildInputs();
    setBuildOutputs(out, await buildImage(connectBuilder(), settings, log));
  });
}

/** The build's outputs; the all-in-one action sets them too. */
export function setBuildOutputs(out: OutputWriter<(typeof OUTPUTS)[number]>, built: BuildResult): void {
  out.set(OUTPUT.imageid, built.imageId);
  out.set(OUTPUT.tags, built.tags.join('\n'));
  out.set(OUTPUT.metadata, JSON.stringify(built.metadata));
}
