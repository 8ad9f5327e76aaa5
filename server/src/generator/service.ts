/**
 * The service keepalived watches: the EMQX Edge (NanoMQ) preset of the guide, any TCP port, or an HTTP(S) URL.
 * Written on the command line and in the wizard as `emqx-edge`, `tcp:PORT` or `http:URL`.
 */

export type Service =
  | { kind: "emqx-edge"; mqttPort: number; httpPort: number }
  | { kind: "tcp"; port: number }
  | { kind: "http"; url: string };

export const EMQX_EDGE: Service = { kind: "emqx-edge", mqttPort: 1883, httpPort: 8081 };

export const SERVICE_FORMS = "emqx-edge (alias nanomq), tcp:PORT, or http:URL (e.g. http:http://127.0.0.1:8080/health)";

function portProblem(text: string): string | undefined {
  if (!/^[1-9]\d{0,4}$/.test(text) || Number(text) > 65535) return `'${text}' is not a TCP port (expected a number from 1 to 65535)`;
  return undefined;
}

/** Why a URL cannot go into the check script, or undefined. */
export function urlProblem(url: string): string | undefined {
  let parsed: URL;
  // WHATWG URLs forgive `http:host`; a health URL written that way is more likely a typo than intended.
  if (!/^https?:\/\/[^/]/i.test(url)) return `'${url}' is not an http:// or https:// URL (expected e.g. http://127.0.0.1:8080/health)`;
  try {
    parsed = new URL(url);
  } catch {
    return `'${url}' is not a URL (expected e.g. http://127.0.0.1:8080/health)`;
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") return `'${url}' is not an http:// or https:// URL`;
  if (parsed.username !== "" || parsed.password !== "") {
    return `'${url}' carries credentials, which would sit readable in the check script (expected an endpoint that needs none, such as a health path)`;
  }
  return undefined;
}

/** `emqx-edge`, `tcp:PORT` or `http:URL` (also a bare http:// or https:// URL) as a Service, or a message. */
export function parseService(text: string): Service | string {
  const value = text.trim();
  if (value === "emqx-edge" || value === "nanomq") return EMQX_EDGE;
  if (value.startsWith("tcp:")) {
    const port = value.slice(4);
    return portProblem(port) ?? { kind: "tcp", port: Number(port) };
  }
  if (value.startsWith("http:") || value.startsWith("https:")) {
    const rest = value.slice(value.indexOf(":") + 1);
    const url = /^https?:\/\//.test(rest) ? rest : value;
    const problem = urlProblem(url);
    return problem ?? { kind: "http", url: new URL(url).href };
  }
  return `'${text}' is not a service to watch (expected ${SERVICE_FORMS})`;
}

export function formatService(service: Service): string {
  switch (service.kind) {
    case "emqx-edge":
      return "emqx-edge";
    case "tcp":
      return `tcp:${service.port}`;
    case "http":
      return `http:${service.url}`;
  }
}

/** How the README and scripts name the service. */
export function serviceTitle(service: Service): string {
  switch (service.kind) {
    case "emqx-edge":
      return "EMQX Edge";
    case "tcp":
      return `the service on TCP port ${service.port}`;
    case "http":
      return `the service at ${service.url}`;
  }
}

/** The host part of an HTTP service's URL, for checks against the cluster's addresses. */
export function serviceHost(service: Service): string | undefined {
  return service.kind === "http" ? new URL(service.url).hostname : undefined;
}
