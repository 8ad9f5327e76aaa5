import { fileURLToPath } from "node:url";
import type { LabNetwork } from "./network.ts";
import { LabProcess, now, type Line } from "./process.ts";

/** The test's handle on the MQTT client process (mqttClient.ts) running in the client namespace. */

export interface ClientEvent {
  t: number;
  event: "connect" | "subscribed" | "close" | "message" | "error";
  seq?: number;
  message?: string;
}

const PROGRAM = fileURLToPath(new URL("./mqttClient.ts", import.meta.url));

export class MqttClient {
  readonly process: LabProcess;
  readonly events: ClientEvent[] = [];

  private constructor(process: LabProcess) {
    this.process = process;
    process.on("line", (line: Line) => {
      if (!line.text.startsWith("{")) return;
      try {
        this.events.push({ ...(JSON.parse(line.text) as Omit<ClientEvent, "t">), t: line.t });
      } catch {
        // A partial or foreign line: the raw output stays in process.lines for the failure message.
      }
    });
  }

  /** Starts the client against `mqtt://VIP:1883`; resolves once it delivered its first message to itself. */
  static async start(network: LabNetwork, node: string, vip: string, deadlineMs: number): Promise<MqttClient> {
    const topic = `kha-lab/${process.pid}`;
    const child = new LabProcess("mqtt-client", "ip", ["netns", "exec", network.namespace(node), process.execPath, PROGRAM, `mqtt://${vip}:1883`, topic], { stdin: "pipe" });
    const client = new MqttClient(child);
    await client.nextMessage(0, deadlineMs, "first message through the VIP");
    return client;
  }

  /**
   * The first message delivered after the first (re)connection that follows `since`: a message the broker behind
   * the VIP accepted and sent back after the client got there again.
   */
  nextMessage(since: number, deadlineMs: number, what: string): Promise<ClientEvent> {
    const find = (): ClientEvent | undefined => {
      const connect = this.events.find((e) => e.event === "connect" && e.t >= since);
      return connect === undefined ? undefined : this.events.find((e) => e.event === "message" && e.t >= connect.t);
    };
    const found = find();
    if (found !== undefined) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const onLine = (): void => {
        const event = find();
        if (event === undefined) return;
        cleanup();
        resolve(event);
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`${what}: none within ${(deadlineMs / 1000).toFixed(1)} s; client events: ${this.summary(since)}`));
      }, deadlineMs);
      const cleanup = (): void => {
        clearTimeout(timer);
        this.process.off("line", onLine);
      };
      // Registered after this.events' own listener: by the time it runs, the line is parsed.
      this.process.on("line", onLine);
    });
  }

  /** "connect 0.00, close 0.31, connect 6.40 ..." relative to `since`, messages counted. */
  summary(since = now()): string {
    const shown = this.events.filter((e) => e.t >= since && e.event !== "message");
    const messages = this.events.filter((e) => e.t >= since && e.event === "message").length;
    return `${shown.map((e) => `${e.event}${e.message !== undefined ? ` (${e.message})` : ""} ${((e.t - since) / 1000).toFixed(2)}`).join(", ") || "none"}; ${messages} messages`;
  }

  async stop(): Promise<void> {
    this.process.child.stdin?.end();
    await this.process.stop("SIGTERM", 5_000).catch(() => undefined);
  }
}
