// Docker's multiplexed stdout/stderr stream format (exec and logs of a container without a TTY).

/**
 * Splits a multiplexed stream into text: frames of an 8-byte header (stream 0/1/2, three zero
 * bytes, big-endian length) and a payload. Anything that is not such a frame sequence (a TTY
 * container's raw output) is returned as it is.
 */
export function demuxDockerStream(raw: Buffer): { text: string; stdout: string; stderr: string } {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const all: Buffer[] = [];
  let offset = 0;
  while (offset < raw.length) {
    if (
      raw.length - offset < 8 ||
      raw[offset] > 2 ||
      raw[offset + 1] !== 0 ||
      raw[offset + 2] !== 0 ||
      raw[offset + 3] !== 0
    ) {
      if (offset === 0) {
        const text = raw.toString('utf8');
        return { text, stdout: text, stderr: '' };
      }
      all.push(raw.subarray(offset)); // a truncated last frame: keep what there is
      break;
    }
    const size = raw.readUInt32BE(offset + 4);
    const payload = raw.subarray(offset + 8, Math.min(raw.length, offset + 8 + size));
    (raw[offset] === 2 ? err : out).push(payload);
    all.push(payload);
    offset += 8 + size;
  }
  return {
    text: Buffer.concat(all).toString('utf8'),
    stdout: Buffer.concat(out).toString('utf8'),
    stderr: Buffer.concat(err).toString('utf8'),
  };
}
