// The few protobuf messages a BuildKit session exchanges, encoded and decoded by hand: a dozen
// fields do not justify loading a protobuf library (and its .proto files) into the bundle.

/** Field number → its values, in wire order (varints as bigint, length-delimited as Buffer). */
export type Fields = Map<number, Array<bigint | Buffer>>;

function readVarint(buf: Buffer, pos: number): [bigint, number] {
  let result = 0n;
  let shift = 0n;
  for (;;) {
    if (pos >= buf.length) throw new Error('protobuf: truncated varint');
    const byte = buf[pos++];
    result |= BigInt(byte & 0x7f) << shift;
    if (!(byte & 0x80)) return [result, pos];
    shift += 7n;
  }
}

/** Splits a message into its fields; unknown wire types stop with an error (none are expected). */
export function decodeFields(buf: Buffer): Fields {
  const fields: Fields = new Map();
  let pos = 0;
  while (pos < buf.length) {
    const [key, afterKey] = readVarint(buf, pos);
    pos = afterKey;
    const field = Number(key >> 3n);
    const type = Number(key & 7n);
    let value: bigint | Buffer;
    if (type === 0) {
      [value, pos] = readVarint(buf, pos);
    } else if (type === 2) {
      const [len, start] = readVarint(buf, pos);
      value = buf.subarray(start, start + Number(len));
      pos = start + Number(len);
    } else if (type === 1) {
      value = buf.subarray(pos, pos + 8);
      pos += 8;
    } else if (type === 5) {
      value = buf.subarray(pos, pos + 4);
      pos += 4;
    } else {
      throw new Error(`protobuf: unexpected wire type ${type}`);
    }
    const list = fields.get(field);
    if (list) list.push(value);
    else fields.set(field, [value]);
  }
  return fields;
}

export function str(fields: Fields, n: number): string {
  const v = fields.get(n)?.[0];
  return Buffer.isBuffer(v) ? v.toString('utf8') : '';
}

export function bytes(fields: Fields, n: number): Buffer {
  const v = fields.get(n)?.[0];
  return Buffer.isBuffer(v) ? v : Buffer.alloc(0);
}

export function num(fields: Fields, n: number): number {
  const v = fields.get(n)?.[0];
  return typeof v === 'bigint' ? Number(v) : 0;
}

export function messages(fields: Fields, n: number): Fields[] {
  return (fields.get(n) ?? []).filter(Buffer.isBuffer).map((b) => decodeFields(b as Buffer));
}

function varint(value: number): Buffer {
  const out: number[] = [];
  let v = value;
  while (v > 0x7f) {
    out.push((v & 0x7f) | 0x80);
    v = Math.floor(v / 128);
  }
  out.push(v);
  return Buffer.from(out);
}

/** A length-delimited field (string, bytes or a nested message); empty values are left out, as proto3 does. */
export function lengthField(n: number, value: Buffer | string): Buffer {
  const body = typeof value === 'string' ? Buffer.from(value) : value;
  if (!body.length) return Buffer.alloc(0);
  return Buffer.concat([varint((n << 3) | 2), varint(body.length), body]);
}

export function varintField(n: number, value: number): Buffer {
  if (!value) return Buffer.alloc(0);
  return Buffer.concat([varint(n << 3), varint(value)]);
}

/** A map<string,string> field's entries (each a message of key = 1, value = 2). */
export function stringMap(fields: Fields, n: number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of messages(fields, n)) out[str(entry, 1)] = str(entry, 2);
  return out;
}
