// Dynamic inventory: a group's hosts from DNS or a program, resolved at the start of every run.
export { readInventory, INVENTORY_KEYS, INVENTORY_EXPECTED } from './config';
export { resolveInventory, describeInventory, type InventoryOptions } from './resolve';
export type { InventorySource, DnsSource, CommandSource, DnsRecord } from './types';
