// actions/rollback: the post step shared by every action that changes hosts.
export { run } from '../shared/post';
