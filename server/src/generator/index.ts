/**
 * The HA-pair generator's public API (pure: no VS Code, no file system). The wizard, the CLI's `init` and the
 * tests use only what is exported here.
 *
 *   const used = usedVrids(otherConfigTexts);
 *   const result = parseSpec({ interface: "eth0", primary: "192.168.1.10", ... }, { usedVrids: used });
 *   if (result.success) for (const file of generateFiles(result.spec)) write(file.path, file.content, file.mode);
 *   else result.issues.forEach((i) => show(i.field, i.message));
 *
 * Inline validation, one step at a time: validateField("standby", text, answersSoFar, { usedVrids: used }).
 */
export { generateFiles, type GeneratedFile } from "./generate.ts";
export {
  DEFAULTS,
  FIELD_VALIDATORS,
  HaSpecSchema,
  SPEC_FIELDS,
  defaultsFor,
  dockerAddresses,
  formatIssue,
  haSpecSchema,
  parseSpec,
  validateField,
  type HaSpec,
  type HaSpecInput,
  type SpecField,
  type SpecIssue,
  type SpecOptions,
  type SpecResult,
} from "./spec.ts";
export { DEPLOYMENTS, type Deployment, type FieldResult } from "./fields.ts";
export { EMQX_EDGE, SERVICE_FORMS, formatService, parseService, serviceTitle, type Service } from "./service.ts";
export { PASSWORD_ALPHABET, PASSWORD_LENGTH, generatePassword, type RandomIndex } from "./password.ts";
export { PREFERRED_VRID, suggestVrid, usedVrids } from "./vrid.ts";
export { derivedWeight, failoverEstimate, formatEstimate, type FailoverEstimate } from "./timing.ts";
export { KEEPALIVED_DIR, namesOf, type Names, type Role } from "./names.ts";
