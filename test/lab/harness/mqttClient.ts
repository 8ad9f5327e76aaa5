/**
 * The lab's MQTT client, run inside the client namespace (`ip netns exec NS node mqttClient.ts URL TOPIC`): it
 * connects to the VIP, subscribes to TOPIC and publishes a numbered message on it every 100 ms while connected.
 * It reports on standard output, one JSON object a line: {"event":"connect"|"close"|"message"|"error", ...}.
 * It ends when its standard input closes. mqtt.js's own reconnect loop (every second, its default) is the
 * client behaviour the lab measures.
 */
import mqtt from "mqtt";

const [url, topic] = process.argv.slice(2);
if (url === undefined || topic === undefined) {
  process.stderr.write("usage: mqttClient.ts URL TOPIC\n");
  process.exit(2);
}

function report(event: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(event)}\n`);
}

const client = mqtt.connect(url, { clientId: `kha-lab-${process.pid}`, clean: true, reconnectPeriod: 1000, connectTimeout: 2000, keepalive: 5, queueQoSZero: false });
let seq = 0;
client.on("connect", () => {
  report({ event: "connect" });
  client.subscribe(topic, { qos: 0 }, (error) => report(error ? { event: "error", message: error.message } : { event: "subscribed" }));
});
client.on("close", () => report({ event: "close" }));
client.on("error", (error) => report({ event: "error", message: error.message }));
client.on("message", (_topic, payload) => report({ event: "message", seq: Number(payload.toString()) }));
const timer = setInterval(() => {
  if (client.connected) client.publish(topic, String(++seq), { qos: 0 });
}, 100);
process.stdin.resume();
process.stdin.on("end", () => {
  clearInterval(timer);
  client.end(true, () => process.exit(0));
});
