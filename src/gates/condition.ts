// The small expression language of a gate's `condition:` ("result < 0.01 && result >= 0"): parsed
// once when the config is read, evaluated for every value a query returns. No eval(), no functions.

/** A value a gate's source returned: a Prometheus sample value, or what a JSON path points at. */
export type GateValue = number | string | boolean | null;

type Node =
  | { t: 'lit'; v: GateValue }
  | { t: 'result' }
  | { t: 'not'; a: Node }
  | { t: 'neg'; a: Node }
  | { t: 'bin'; op: string; a: Node; b: Node };

export class ConditionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConditionError';
  }
}

export interface Condition {
  text: string;
  /** True when the value satisfies the condition; throws a ConditionError on a type mismatch ("result is "x", not a number"). */
  test(result: GateValue): boolean;
}

const MAX_LENGTH = 1000;
const MAX_DEPTH = 32;

/** Parses a condition; throws a ConditionError naming the position and what was expected. */
export function parseCondition(text: string): Condition {
  if (text.length > MAX_LENGTH) throw new ConditionError(`is ${text.length} characters long (at most ${MAX_LENGTH})`);
  const tokens = tokenize(text);
  let i = 0;
  let depth = 0;
  const peek = () => tokens[i];
  const at = () => (peek() ? `at "${peek().text}" (column ${peek().pos + 1})` : 'at the end');
  const take = (...kinds: string[]) => (peek() && kinds.includes(peek().text) ? tokens[i++] : undefined);

  const or = (): Node => {
    let a = and();
    while (take('||', 'or')) a = { t: 'bin', op: '||', a, b: and() };
    return a;
  };
  const and = (): Node => {
    let a = not();
    while (take('&&', 'and')) a = { t: 'bin', op: '&&', a, b: not() };
    return a;
  };
  const not = (): Node => {
    if (take('!', 'not')) return nested(() => ({ t: 'not', a: not() }));
    return cmp();
  };
  const cmp = (): Node => {
    const a = add();
    const op = take('<', '<=', '>', '>=', '==', '!=');
    if (!op) {
      if (peek()?.text === '=') throw new ConditionError(`"=" ${at()}: write "==" to compare`);
      return a;
    }
    const node: Node = { t: 'bin', op: op.text, a, b: add() };
    if (peek() && ['<', '<=', '>', '>=', '==', '!='].includes(peek().text))
      throw new ConditionError(
        `a second comparison ${at()}: join comparisons with "&&", as in "result > 0 && result < 1"`,
      );
    return node;
  };
  const add = (): Node => {
    let a = mul();
    for (let op = take('+', '-'); op; op = take('+', '-')) a = { t: 'bin', op: op.text, a, b: mul() };
    return a;
  };
  const mul = (): Node => {
    let a = unary();
    for (let op = take('*', '/', '%'); op; op = take('*', '/', '%')) a = { t: 'bin', op: op.text, a, b: unary() };
    return a;
  };
  const unary = (): Node => {
    if (take('-')) return nested(() => ({ t: 'neg', a: unary() }));
    return primary();
  };
  const primary = (): Node => {
    const tok = peek();
    if (!tok) throw new ConditionError('ends too early (expected a value such as result, a number or a string)');
    i++;
    if (tok.kind === 'number') return { t: 'lit', v: Number(tok.text) };
    if (tok.kind === 'string') return { t: 'lit', v: tok.value! };
    if (tok.text === 'result') return { t: 'result' };
    if (tok.text === 'true' || tok.text === 'false') return { t: 'lit', v: tok.text === 'true' };
    if (tok.text === 'null') return { t: 'lit', v: null };
    if (tok.text === '(') {
      const node = nested(or);
      if (!take(')')) throw new ConditionError(`a missing ")" ${at()}`);
      return node;
    }
    i--;
    if (tok.kind === 'word')
      throw new ConditionError(`unknown name "${tok.text}" (column ${tok.pos + 1}): the value is called "result"`);
    throw new ConditionError(
      `unexpected "${tok.text}" (column ${tok.pos + 1}; expected result, a number, a string, "(" or "!")`,
    );
  };
  const nested = (fn: () => Node): Node => {
    if (++depth > MAX_DEPTH) throw new ConditionError(`is nested too deeply (at most ${MAX_DEPTH} levels)`);
    try {
      return fn();
    } finally {
      depth--;
    }
  };

  if (tokens.length === 0) throw new ConditionError('is empty (expected an expression like "result < 0.01")');
  const root = or();
  if (i < tokens.length)
    throw new ConditionError(
      `unexpected "${peek().text}" (column ${peek().pos + 1}; expected an operator such as <, ==, && or the end)`,
    );
  if (!mentionsResult(root))
    throw new ConditionError('does not use result (expected an expression like "result < 0.01")');
  return {
    text,
    test(result: GateValue): boolean {
      const v = evaluate(root, result);
      if (typeof v !== 'boolean') throw new ConditionError(`gives ${render(v)}, not true or false`);
      return v;
    },
  };
}

interface Token {
  kind: 'number' | 'string' | 'word' | 'op';
  text: string;
  pos: number;
  value?: string;
}

function tokenize(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const rest = text.slice(i);
    let m = /^(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?/.exec(rest);
    if (m) {
      out.push({ kind: 'number', text: m[0], pos: i });
      i += m[0].length;
      continue;
    }
    m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(rest);
    if (m) {
      out.push({ kind: 'word', text: m[0], pos: i });
      i += m[0].length;
      continue;
    }
    if (c === '"' || c === "'") {
      let j = i + 1;
      let value = '';
      while (j < text.length && text[j] !== c) {
        if (text[j] === '\\' && j + 1 < text.length) {
          value += text[j + 1];
          j += 2;
          continue;
        }
        value += text[j++];
      }
      if (j >= text.length)
        throw new ConditionError(`a string that is not closed (column ${i + 1}; expected ${c} at its end)`);
      out.push({ kind: 'string', text: text.slice(i, j + 1), pos: i, value });
      i = j + 1;
      continue;
    }
    m = /^(<=|>=|==|!=|&&|\|\||[<>!()+\-*/%=])/.exec(rest);
    if (m) {
      out.push({ kind: 'op', text: m[0], pos: i });
      i += m[0].length;
      continue;
    }
    throw new ConditionError(`unexpected character ${JSON.stringify(c)} (column ${i + 1})`);
  }
  return out;
}

function mentionsResult(n: Node): boolean {
  switch (n.t) {
    case 'result':
      return true;
    case 'lit':
      return false;
    case 'not':
    case 'neg':
      return mentionsResult(n.a);
    case 'bin':
      return mentionsResult(n.a) || mentionsResult(n.b);
  }
}

/** A number for numbers and numeric strings ("50", "NaN", "+Inf" as Prometheus writes them); else undefined. */
export function asNumber(v: GateValue): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string') return undefined;
  const s = v.trim();
  if (/^[+-]?inf$/i.test(s)) return s.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(s)) return NaN;
  if (s === '' || !/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(s)) return undefined;
  return Number(s);
}

function evaluate(n: Node, result: GateValue): GateValue {
  switch (n.t) {
    case 'lit':
      return n.v;
    case 'result':
      return result;
    case 'not': {
      const a = evaluate(n.a, result);
      if (typeof a !== 'boolean') throw new ConditionError(`"!" needs true or false, got ${render(a)}`);
      return !a;
    }
    case 'neg':
      return -number(evaluate(n.a, result), '-');
    case 'bin': {
      if (n.op === '&&' || n.op === '||') {
        const a = evaluate(n.a, result);
        if (typeof a !== 'boolean') throw new ConditionError(`"${n.op}" needs true or false, got ${render(a)}`);
        if (n.op === '&&' ? !a : a) return a;
        const b = evaluate(n.b, result);
        if (typeof b !== 'boolean') throw new ConditionError(`"${n.op}" needs true or false, got ${render(b)}`);
        return b;
      }
      const a = evaluate(n.a, result);
      const b = evaluate(n.b, result);
      switch (n.op) {
        case '+':
          return number(a, '+') + number(b, '+');
        case '-':
          return number(a, '-') - number(b, '-');
        case '*':
          return number(a, '*') * number(b, '*');
        case '/':
          return number(a, '/') / number(b, '/');
        case '%':
          return number(a, '%') % number(b, '%');
        default:
          return compare(n.op, a, b);
      }
    }
  }
}

function number(v: GateValue, op: string): number {
  const n = asNumber(v);
  if (n === undefined) throw new ConditionError(`"${op}" needs a number, got ${render(v)}`);
  return n;
}

/** Numbers compare as numbers (a numeric string beside a number counts as one); strings as text; others only by ==, !=. */
function compare(op: string, a: GateValue, b: GateValue): boolean {
  if (typeof a === 'number' || typeof b === 'number') {
    const x = asNumber(a);
    const y = asNumber(b);
    if (x === undefined || y === undefined) {
      if (op === '==') return false;
      if (op === '!=') return true;
      throw new ConditionError(`"${op}" needs two numbers, got ${render(a)} and ${render(b)}`);
    }
    return ordered(op, x, y);
  }
  if (typeof a === 'string' && typeof b === 'string') return ordered(op, a, b);
  if (op === '==') return a === b;
  if (op === '!=') return a !== b;
  throw new ConditionError(`"${op}" cannot order ${render(a)} and ${render(b)}`);
}

function ordered<T extends number | string>(op: string, x: T, y: T): boolean {
  switch (op) {
    case '<':
      return x < y;
    case '<=':
      return x <= y;
    case '>':
      return x > y;
    case '>=':
      return x >= y;
    case '==':
      return x === y;
    default:
      return x !== y;
  }
}

function render(v: GateValue): string {
  return typeof v === 'string' ? JSON.stringify(v.length > 40 ? v.slice(0, 39) + '…' : v) : String(v);
}
