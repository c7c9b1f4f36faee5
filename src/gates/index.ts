// Gates: monitoring queries that must hold after each healthy batch before the rollout goes on.
export { readGates, readGatesInput, gatesFor, GATE_KEYS, GATE_PLACEHOLDERS, parseJsonPath } from './config';
export { evaluateGates, evaluateGate, describeCheck, describeSource, violation, type GateDeps } from './evaluate';
export { parseCondition, ConditionError, type Condition, type GateValue } from './condition';
export { httpRequest, HttpError, redactUrl, type HttpAnswer, type HttpRequest } from './http';
export type {
  GateCheck, GateContext, GateOutcome, GateResult, GateSample, GateSpec, HttpSource, NoDataRule, PrometheusSource, RoundVerdict,
} from './types';
