// Config schema of the ip stage: allow and deny lists of addresses and CIDRs (checked at create()).
import { Type, type Static } from '@sinclair/typebox';

export const ipConfigSchema = Type.Object({
  allow: Type.Array(Type.String(), {
    default: [],
    description: 'client addresses or CIDRs allowed in; empty allows everyone not denied (IPv4 entries also match IPv4-mapped IPv6)',
  }),
  deny: Type.Array(Type.String(), {
    default: [],
    description: 'client addresses or CIDRs refused with 403; deny wins over allow',
  }),
}, { additionalProperties: false });

export type IpConfig = Static<typeof ipConfigSchema>;
