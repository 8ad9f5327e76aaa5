import { buildDirectives } from "../model/build.ts";
import { buildConfig } from "../model/config.ts";
import { sourceFile, type SourceHost } from "../model/source.ts";
import { NEWEST_VERSION } from "../catalog/types.ts";

/** The guide's VRID: the one suggested when nothing else uses it. */
export const PREFERRED_VRID = 51;

/** Reads each text on its own (includes are not followed: the other files are in the list themselves). */
const NO_INCLUDES: SourceHost = {
  load: () => undefined,
  resolveInclude: () => [],
  isAbsolute: (pattern) => pattern.startsWith("/"),
  dirname: (file) => file.slice(0, Math.max(0, file.lastIndexOf("/"))) || "/",
};

/** Every virtual_router_id the given keepalived configurations use (texts; unreadable parts are skipped). */
export function usedVrids(configTexts: Iterable<string>): Set<number> {
  const used = new Set<number>();
  let n = 0;
  for (const text of configTexts) {
    const root = sourceFile(`/other-${n++}.conf`, text);
    const config = buildConfig(buildDirectives(root, NO_INCLUDES, { version: NEWEST_VERSION, configId: null }));
    for (const instance of config.instances) {
      const vrid = instance.vrid?.value;
      if (vrid !== undefined && vrid >= 1 && vrid <= 255) used.add(vrid);
    }
  }
  return used;
}

/** The first VRID from `preferred` upwards (wrapping after 255) that `used` lacks; undefined when all 255 are taken. */
export function suggestVrid(used: Iterable<number>, preferred: number = PREFERRED_VRID): number | undefined {
  const taken = new Set(used);
  for (let i = 0; i < 255; i++) {
    const vrid = ((preferred - 1 + i) % 255) + 1;
    if (!taken.has(vrid)) return vrid;
  }
  return undefined;
}
