import { z } from "zod";

/** The shapes of the pair payloads (server/src/pair/sites.ts and friends), validated before any fix reads them. */

const offset = z.number().int().nonnegative();

export const Loc = z.object({ file: z.string().min(1), start: offset, end: offset });
export type Loc = z.infer<typeof Loc>;

export const WordSite = Loc.extend({ raw: z.string(), conditional: z.boolean() });
export type WordSite = z.infer<typeof WordSite>;

export const Site = z.object({
  label: z.string(),
  instance: z.string(),
  configId: z.string().optional(),
  otherIds: z.array(z.string()).optional(),
  value: z.string().optional(),
  word: WordSite.optional(),
  line: Loc.optional(),
  brace: Loc.optional(),
});
export type Site = z.infer<typeof Site>;

export const RoleSite = Site.extend({
  priority: z.number().int(),
  state: z.enum(["MASTER", "BACKUP"]),
  stateWord: WordSite.optional(),
  nopreempt: Loc.optional(),
  nopreemptWord: WordSite.optional(),
  after: Loc.optional(),
});
export type RoleSite = z.infer<typeof RoleSite>;

export const UnicastSite = Site.extend({
  src: z.string().optional(),
  srcWord: WordSite.optional(),
  srcLine: Loc.optional(),
  peers: z.array(z.object({ address: z.string(), line: Loc, raw: z.string() })),
  peerBlock: Loc.optional(),
  peerLine: Loc.optional(),
  after: Loc.optional(),
});
export type UnicastSite = z.infer<typeof UnicastSite>;

export const VipSite = Site.extend({
  items: z.array(z.object({ address: z.string(), text: z.string(), line: Loc })),
  vipBlock: Loc.optional(),
});
export type VipSite = z.infer<typeof VipSite>;

export const AuthSite = Site.extend({ block: Loc.optional(), pass: z.string().optional(), passWord: WordSite.optional(), dropped: z.string().optional() });
export type AuthSite = z.infer<typeof AuthSite>;
