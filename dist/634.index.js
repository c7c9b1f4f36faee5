"use strict";
exports.id = 634;
exports.ids = [634];
exports.modules = {

/***/ 6634:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  buildWithBuildKit: () => (/* binding */ buildWithBuildKit)
});

// UNUSED EXPORTS: isNoBuildKit

// EXTERNAL MODULE: ./src/errors.ts
var errors = __webpack_require__(83916);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(77598);
// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __webpack_require__(77030);
// EXTERNAL MODULE: ./node_modules/@grpc/grpc-js/build/src/index.js
var src = __webpack_require__(83033);
;// CONCATENATED MODULE: ./src/build/wire.ts
// The few protobuf messages a BuildKit session exchanges, encoded and decoded by hand: a dozen
// fields do not justify loading a protobuf library (and its .proto files) into the bundle.
function readVarint(buf, pos) {
    let result = 0n;
    let shift = 0n;
    for (;;) {
        if (pos >= buf.length)
            throw new Error('protobuf: truncated varint');
        const byte = buf[pos++];
        result |= BigInt(byte & 0x7f) << shift;
        if (!(byte & 0x80))
            return [result, pos];
        shift += 7n;
    }
}
/** Splits a message into its fields; unknown wire types stop with an error (none are expected). */
function decodeFields(buf) {
    const fields = new Map();
    let pos = 0;
    while (pos < buf.length) {
        const [key, afterKey] = readVarint(buf, pos);
        pos = afterKey;
        const field = Number(key >> 3n);
        const type = Number(key & 7n);
        let value;
        if (type === 0) {
            [value, pos] = readVarint(buf, pos);
        }
        else if (type === 2) {
            const [len, start] = readVarint(buf, pos);
            value = buf.subarray(start, start + Number(len));
            pos = start + Number(len);
        }
        else if (type === 1) {
            value = buf.subarray(pos, pos + 8);
            pos += 8;
        }
        else if (type === 5) {
            value = buf.subarray(pos, pos + 4);
            pos += 4;
        }
        else {
            throw new Error(`protobuf: unexpected wire type ${type}`);
        }
        const list = fields.get(field);
        if (list)
            list.push(value);
        else
            fields.set(field, [value]);
    }
    return fields;
}
function str(fields, n) {
    const v = fields.get(n)?.[0];
    return Buffer.isBuffer(v) ? v.toString('utf8') : '';
}
function bytes(fields, n) {
    const v = fields.get(n)?.[0];
    return Buffer.isBuffer(v) ? v : Buffer.alloc(0);
}
function num(fields, n) {
    const v = fields.get(n)?.[0];
    return typeof v === 'bigint' ? Number(v) : 0;
}
function messages(fields, n) {
    return (fields.get(n) ?? []).filter(Buffer.isBuffer).map((b) => decodeFields(b));
}
function varint(value) {
    const out = [];
    let v = value;
    while (v > 0x7f) {
        out.push((v & 0x7f) | 0x80);
        v = Math.floor(v / 128);
    }
    out.push(v);
    return Buffer.from(out);
}
/** A length-delimited field (string, bytes or a nested message); empty values are left out, as proto3 does. */
function lengthField(n, value) {
    const body = typeof value === 'string' ? Buffer.from(value) : value;
    if (!body.length)
        return Buffer.alloc(0);
    return Buffer.concat([varint((n << 3) | 2), varint(body.length), body]);
}
function varintField(n, value) {
    if (!value)
        return Buffer.alloc(0);
    return Buffer.concat([varint(n << 3), varint(value)]);
}
/** A map<string,string> field's entries (each a message of key = 1, value = 2). */
function stringMap(fields, n) {
    const out = {};
    for (const entry of messages(fields, n))
        out[str(entry, 1)] = str(entry, 2);
    return out;
}

;// CONCATENATED MODULE: ./src/build/buildkit-session.ts
// A BuildKit session of our own, opened on the engine's /session endpoint: it serves the build's
// secrets, SSH agents and registry credentials over gRPC, as the docker CLI's session does.
// Loaded only by BuildKit builds: gRPC is heavy and nothing else needs it.





const raw = (b) => b;
/** A unary method whose messages are raw protobuf bytes, decoded by the handler itself. */
function unary(path) {
    return {
        path,
        requestStream: false,
        responseStream: false,
        requestSerialize: raw,
        requestDeserialize: raw,
        responseSerialize: raw,
        responseDeserialize: raw,
    };
}
const HEALTH = '/grpc.health.v1.Health/Check';
const CREDENTIALS = '/moby.filesync.v1.Auth/Credentials';
const GET_SECRET = '/moby.buildkit.secrets.v1.Secrets/GetSecret';
const CHECK_AGENT = '/moby.sshforward.v1.SSH/CheckAgent';
const FORWARD_AGENT = '/moby.sshforward.v1.SSH/ForwardAgent';
/** The gRPC metadata key that names which SSH agent a `RUN --mount=type=ssh,id=…` wants. */
const SSH_ID_KEY = 'buildkit.ssh.id';
function notFound(what) {
    return Object.assign(new Error(what), { code: src/* status */.h5.NOT_FOUND, details: what, metadata: new src/* Metadata */.OS() });
}
/** Opens the session on the engine; the build names it by id, and close() ends it after the build. */
async function openSession(docker, services) {
    const id = (0,external_node_crypto_.randomUUID)();
    const server = new src/* Server */.gq();
    const methods = {};
    const handlers = {};
    // BuildKit checks the session's health every second and drops a session that does not answer.
    methods.Check = unary(HEALTH);
    handlers.Check = (_call, done) => done(null, varintField(1, 1));
    methods.Credentials = unary(CREDENTIALS);
    handlers.Credentials = (call, done) => {
        const host = str(decodeFields(call.request), 1);
        const creds = services.credentials(host);
        services.log.debug(`BuildKit asked for credentials of ${host}: ${creds ? `user "${creds.username}"` : 'none'}`);
        done(null, creds ? Buffer.concat([lengthField(1, creds.username), lengthField(2, creds.password)]) : Buffer.alloc(0));
    };
    methods.GetSecret = unary(GET_SECRET);
    handlers.GetSecret = (call, done) => {
        const secretId = str(decodeFields(call.request), 1);
        const value = services.secrets.get(secretId);
        services.log.debug(`BuildKit asked for secret "${secretId}": ${value ? 'served' : 'not given'}`);
        if (!value)
            return done(notFound(`secret ${secretId} not found`));
        done(null, lengthField(1, value));
    };
    methods.CheckAgent = unary(CHECK_AGENT);
    handlers.CheckAgent = (call, done) => {
        const sshId = str(decodeFields(call.request), 1) || 'default';
        if (!services.ssh.has(sshId))
            return done(notFound(`no SSH agent "${sshId}" was given (input ssh)`));
        done(null, Buffer.alloc(0));
    };
    methods.ForwardAgent = {
        path: FORWARD_AGENT,
        requestStream: true,
        responseStream: true,
        requestSerialize: raw,
        requestDeserialize: raw,
        responseSerialize: raw,
        responseDeserialize: raw,
    };
    handlers.ForwardAgent = (call) => {
        const sshId = String(call.metadata.get(SSH_ID_KEY)[0] ?? '') || 'default';
        const source = services.ssh.get(sshId);
        if (!source)
            return call.destroy(notFound(`no SSH agent "${sshId}"`));
        void forwardAgent(call, source, services.log);
    };
    server.addService(methods, handlers);
    const socket = await dialSession(docker, id, Object.values(methods).map((m) => m.path));
    server.createConnectionInjector(src/* ServerCredentials */.O2.createInsecure()).injectConnection(socket);
    return {
        id,
        close() {
            server.forceShutdown();
            socket.destroy();
        },
    };
}
/** Hijacks POST /session: the engine upgrades the connection to HTTP/2, on which it is the gRPC client. */
function dialSession(docker, id, methods) {
    return new Promise((resolve, reject) => {
        docker.modem.dial({
            method: 'POST',
            path: '/session',
            hijack: true,
            headers: {
                Upgrade: 'h2c',
                'X-Docker-Expose-Session-Uuid': id,
                'X-Docker-Expose-Session-Name': 'aviary',
                // One header per method: docker-modem (Node's http) repeats a header given as an array.
                'X-Docker-Expose-Session-Grpc-Method': methods,
            },
            statusCodes: {
                101: true,
                200: true,
                400: 'bad request',
                404: 'the engine has no /session endpoint (no BuildKit)',
                500: 'server error',
            },
        }, (err, socket) => {
            if (err)
                reject(new errors/* RunError */.e4(`the engine refused a BuildKit session: ${(0,errors/* describeError */.Uc)(err)}`));
            else
                resolve(socket);
        });
    });
}
/** Pipes one agent connection of the build to the given agent, the gRPC stream carrying its bytes. */
async function forwardAgent(call, source, log) {
    let agent;
    try {
        agent = source.socket ? await connectSocket(source.socket) : await keyAgent(source.keys ?? []);
    }
    catch (err) {
        log.warn(`the SSH agent for a build step could not be opened: ${(0,errors/* describeError */.Uc)(err)}`);
        call.destroy(Object.assign(new Error((0,errors/* describeError */.Uc)(err)), { code: src/* status */.h5.UNAVAILABLE }));
        return;
    }
    call.on('data', (msg) => agent.write(decodeFields(msg).get(1)?.[0] ?? Buffer.alloc(0)));
    call.on('end', () => agent.end());
    call.on('error', () => agent.destroy());
    agent.on('data', (chunk) => call.write(lengthField(1, chunk)));
    agent.on('end', () => call.end());
    agent.on('error', () => call.end());
}
function connectSocket(path) {
    return new Promise((resolve, reject) => {
        const socket = (0,external_node_net_.connect)(path);
        socket.once('connect', () => resolve(socket));
        socket.once('error', reject);
    });
}
/** An in-process SSH agent holding private keys read from files, as buildx serves `--ssh id=key`. */
async function keyAgent(keys) {
    const { AgentProtocol, utils } = await Promise.resolve(/* import() */).then(__webpack_require__.t.bind(__webpack_require__, 85472, 23));
    const parsed = keys.map((k) => {
        const key = utils.parseKey(k);
        if (key instanceof Error)
            throw new errors/* RunError */.e4(`an SSH key of input ssh cannot be read: ${key.message}`);
        return Array.isArray(key) ? key[0] : key;
    });
    const protocol = new AgentProtocol(false);
    protocol.on('identities', (req) => protocol.getIdentitiesReply(req, parsed));
    protocol.on('sign', (req, pubKey, data, flags) => {
        const wanted = pubKey.getPublicSSH();
        const key = parsed.find((k) => k.getPublicSSH().equals(wanted));
        const signature = key?.sign(data, flags.hash);
        if (!key || !signature || signature instanceof Error)
            return protocol.failureReply(req);
        protocol.signReply(req, signature);
    });
    return protocol;
}

// EXTERNAL MODULE: ./src/build/progress.ts
var progress = __webpack_require__(4017);
// EXTERNAL MODULE: ./src/util/duration.ts
var duration = __webpack_require__(26518);
;// CONCATENATED MODULE: ./src/build/trace.ts
// BuildKit's progress as the engine streams it (`moby.buildkit.trace`: base64 StatusResponse
// protobuf) turned into a readable log: one line when a step starts, its output, one line when it
// finishes (cached, or its time), and for a failed build the failing step with its last lines.




function timestamp(fields, n) {
    const t = messages(fields, n)[0];
    if (!t)
        return undefined;
    return num(t, 1) * 1000 + Math.floor(num(t, 2) / 1e6);
}
/** Decodes one `moby.buildkit.trace` payload (base64 of moby.buildkit.v1.StatusResponse). */
function decodeStatus(base64) {
    const fields = decodeFields(Buffer.from(base64, 'base64'));
    return {
        vertexes: messages(fields, 1).map((v) => ({
            digest: str(v, 1),
            name: str(v, 3),
            cached: num(v, 4) !== 0,
            started: timestamp(v, 5),
            completed: timestamp(v, 6),
            error: str(v, 7) || undefined,
        })),
        logs: messages(fields, 3).map((l) => ({ vertex: str(l, 1), stream: num(l, 3), msg: bytes(l, 4) })),
    };
}
/** Steps BuildKit runs for itself (loading the Dockerfile, the context): shown at debug level only. */
function isInternal(name) {
    return (/^\[internal\]/.test(name) ||
        /^(exporting to image|exporting cache|importing cache manifest from|load metadata for|copy \/context \/$)/.test(name));
}
/** Follows a BuildKit build's stream: logs steps and their output, keeps the image id and the failure. */
class BuildKitTranscript {
    line;
    debug;
    imageId;
    error;
    failedStep;
    steps = new Map();
    count = 0;
    constructor(line, debug = () => undefined) {
        this.line = line;
        this.debug = debug;
    }
    take(message) {
        const error = (0,progress/* progressError */.W)(message);
        if (error) {
            this.error = error.trim();
            return;
        }
        if (message.id === 'moby.image.id') {
            const aux = message.aux;
            if (aux?.ID)
                this.imageId = aux.ID;
            return;
        }
        if (message.id === 'moby.buildkit.trace' && typeof message.aux === 'string') {
            this.status(decodeStatus(message.aux));
            return;
        }
        if (message.stream)
            for (const l of message.stream.split('\n'))
                if (l.trim())
                    this.line(l.trimEnd());
    }
    step(v) {
        let s = this.steps.get(v.digest);
        if (!s) {
            s = {
                number: ++this.count,
                name: v.name ?? '',
                announced: false,
                finished: false,
                output: [],
                partial: new Map(),
            };
            this.steps.set(v.digest, s);
        }
        if (v.name)
            s.name = v.name;
        return s;
    }
    say(s, text) {
        (isInternal(s.name) ? this.debug : this.line)(text);
    }
    status(status) {
        for (const v of status.vertexes) {
            const s = this.step(v);
            if (!s.name)
                continue;
            if (v.started && !s.announced && !v.completed) {
                s.announced = true;
                this.say(s, `#${s.number} ${s.name}`);
            }
            if (v.completed && !s.finished) {
                s.finished = true;
                this.flush(s);
                if (v.error) {
                    this.failedStep = s.name;
                    this.line(`#${s.number} ${s.name}: failed: ${v.error}`);
                    this.errorOutput = s.output;
                }
                else if (v.cached) {
                    this.say(s, `#${s.number} ${s.name}: cached`);
                }
                else {
                    const took = v.started ? (0,duration/* formatDuration */.a)(Math.max(0, v.completed - v.started)) : '';
                    this.say(s, `#${s.number} ${s.name}: done${took ? ` in ${took}` : ''}`);
                }
            }
        }
        for (const l of status.logs) {
            const s = this.step({ digest: l.vertex });
            const pieces = ((s.partial.get(l.stream) ?? '') + l.msg.toString('utf8')).split('\n');
            s.partial.set(l.stream, pieces.pop() ?? '');
            for (const piece of pieces)
                this.output(s, piece);
        }
    }
    errorOutput = [];
    output(s, raw) {
        // A terminal shows what follows the last carriage return (progress bars); escapes would show as text.
        const text = raw
            .slice(raw.lastIndexOf('\r', raw.length - 2) + 1)
            .replace(/\x1b\[[0-9;]*m/g, '')
            .trimEnd();
        if (text.trim() === '')
            return;
        s.output.push(text);
        if (s.output.length > 500)
            s.output.splice(0, s.output.length - 200);
        this.say(s, `#${s.number} ${text}`);
    }
    flush(s) {
        for (const rest of s.partial.values())
            if (rest)
                this.output(s, rest);
        s.partial.clear();
    }
    /** Emits every step's unfinished line, at the end of the stream. */
    finish() {
        for (const s of this.steps.values())
            this.flush(s);
    }
    failure(tail) {
        const where = this.failedStep ? `build failed at "${this.failedStep}"` : 'build failed';
        const lines = this.errorOutput.slice(-tail);
        const last = lines.length ? `\nlast output lines:\n${lines.map((l) => `  ${l}`).join('\n')}` : '';
        return new errors/* RunError */.e4(`${where}: ${this.error}${last}`, { step: this.failedStep, output: lines });
    }
}

;// CONCATENATED MODULE: ./src/build/buildkit-build.ts




/** Said by engines whose API cannot build with BuildKit (Windows, or the feature switched off). */
function isNoBuildKit(message) {
    return /buildkit not supported|not supported by (the )?daemon|unknown version|session not supported|no \/session endpoint/i.test(message);
}
/** Runs the build; returns the image id, or throws a RunError naming the failing step. */
async function buildWithBuildKit(docker, context, run) {
    const session = await openSession(docker, run.services);
    try {
        const { t, cachefrom, ...rest } = run.query;
        const options = { ...rest, version: '2', session: session.id, rm: true, forcerm: true };
        // docker-modem repeats an array (t=a&t=b, each a tag) but JSON-encodes objects; cachefrom is a JSON list.
        if (t.length)
            options.t = t;
        if (cachefrom?.length)
            options.cachefrom = JSON.stringify(cachefrom);
        const stream = await new Promise((resolve, reject) => {
            docker.modem.dial({
                path: '/build?',
                method: 'POST',
                file: context,
                options,
                isStream: true,
                headers: { 'Content-Type': 'application/x-tar' },
                statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
            }, (err, data) => (err ? reject(err) : resolve(data)));
        }).catch((err) => {
            throw new errors/* RunError */.e4(`build failed: the engine refused the build: ${(0,errors/* describeError */.Uc)(err)}`);
        });
        const transcript = new BuildKitTranscript(run.line, run.debug);
        await (0,progress/* readProgress */.g)(stream, (m) => transcript.take(m));
        transcript.finish();
        if (transcript.error)
            throw transcript.failure(run.tail);
        if (!transcript.imageId)
            throw new errors/* RunError */.e4('build finished but the engine reported no image id');
        return transcript.imageId;
    }
    finally {
        session.close();
    }
}


/***/ })

};
;