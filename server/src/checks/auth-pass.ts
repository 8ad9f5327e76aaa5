import type { VrrpInstance } from "../model/config.ts";
import type { DirectiveContext, InstanceCheck } from "./diagnostic.ts";
import { byteLength, firstBytes } from "./util.ts";

/**
 * `auth-pass-truncated` and `auth-pass-placeholder`. An unfilled template (`{{ X }}`, undefined `$X`) is a
 * placeholder but not reported as truncated: its first 8 bytes mean nothing.
 *
 * data:
 * - auth-pass-placeholder: { instance?: string, value: string }
 * - auth-pass-truncated: { instance?: string, value: string, kept: string (the 8 bytes keepalived uses) }
 */

/** keepalived keeps this many bytes of auth_pass (VRRPv2 simple authentication carries 8 octets). */
export const AUTH_PASS_BYTES = 8;

const PLACEHOLDERS: RegExp[] = [
  /^REPLACE[_-]?WITH/i,
  /CHANGE[_-]?ME/i,
  /^<[^>]*>$/,
  /\{\{[^}]*\}\}/,
  /^\$\{?[A-Za-z_][A-Za-z0-9_]*\}?$/,
  /^(your[_-]?)?(auth[_-]?)?pass(word)?([_-]?here)?$/i,
  /^(secret|changeit|example|xxxx+|todo|fixme)$/i,
  /_HERE$/i,
  // Upper-case template tokens that sed or envsubst should have replaced: KEEPALIVE_PASS, __VRRP_PASSWORD__.
  /^_*[A-Z][A-Z0-9]*(_[A-Z0-9]+)*_PASS(WORD)?(_[A-Z0-9]+)*_*$/,
  /^__[A-Z0-9_]+__$/,
];

export function isPlaceholderPassword(value: string): boolean {
  for (const pattern of PLACEHOLDERS) if (pattern.test(value)) return true;
  return false;
}

function visit(instance: VrrpInstance, ctx: DirectiveContext): void {
  const pass = instance.authPass;
  if (pass === undefined) return;
  const value = pass.value;
  const name = instance.name?.text ?? "this instance";
  const placeholder = isPlaceholderPassword(value);
  if (placeholder) {
    ctx.report({
      code: "auth-pass-placeholder",
      message: `auth_pass '${value}' of ${name} is a placeholder from a guide or template: anyone who read the same guide knows it, and keepalived uses it as is${byteLength(value) > AUTH_PASS_BYTES ? ` (only its first ${AUTH_PASS_BYTES} bytes, '${firstBytes(value, AUTH_PASS_BYTES)}')` : ""}`,
      span: pass.word.span,
      data: { instance: instance.name?.text, value },
    });
  }
  if (byteLength(value) > AUTH_PASS_BYTES && !ctx.isPlaceholder(pass.word)) {
    const kept = firstBytes(value, AUTH_PASS_BYTES);
    ctx.report({
      code: "auth-pass-truncated",
      message: `auth_pass of ${name} is ${byteLength(value)} bytes: keepalived silently uses only the first ${AUTH_PASS_BYTES}, '${kept}', so the rest adds no strength and peers must agree on those 8`,
      span: pass.word.span,
      data: { instance: instance.name?.text, value, kept },
    });
  }
}

export const authPassChecks: InstanceCheck = { kind: "instance", name: "authPassChecks", context: () => "", visit };
