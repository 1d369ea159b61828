// N official @microsoft/signalr connections in one Node process, for bench/server_fanout.py.
// Env: KDS_HUB_URL, KDS_TOKEN, KDS_RID, KDS_CONNECTIONS. Every connection subscribes to the
// restaurant; each ReceiveOrderPlaced records receipt time minus the DTO's occurredOnUtc.
// stdin commands (one per line): "reset", "report", "stop". Output: JSON lines on stdout.
import * as readline from "node:readline";
import * as signalR from "@microsoft/signalr";

const emit = (obj) => process.stdout.write(JSON.stringify(obj) + "\n");
const quiet = { log(level, message) { if (level >= signalR.LogLevel.Error) process.stderr.write(message + "\n"); } };
const count = Number(process.env.KDS_CONNECTIONS ?? "1");
let latencies = [];

function open() {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(process.env.KDS_HUB_URL, {
      transport: signalR.HttpTransportType.WebSockets,
      accessTokenFactory: () => process.env.KDS_TOKEN,
    })
    .configureLogging(quiet)
    .build();
  connection.on("ReceiveOrderPlaced", (dto) => {
    latencies.push(Date.now() - Date.parse(dto.occurredOnUtc));
  });
  return connection;
}

const connections = Array.from({ length: count }, open);
for (let i = 0; i < count; i += 50) {
  await Promise.all(connections.slice(i, i + 50).map(async (c) => {
    await c.start();
    await c.invoke("SubscribeToRestaurant", process.env.KDS_RID);
  }));
}
emit({ event: "ready", connections: count });

readline.createInterface({ input: process.stdin }).on("line", async (line) => {
  const cmd = line.trim();
  if (cmd === "reset") {
    latencies = [];
    emit({ event: "reset" });
  } else if (cmd === "report") {
    emit({ event: "report", latencies_ms: latencies });
  } else if (cmd === "stop") {
    await Promise.all(connections.map((c) => c.stop()));
    emit({ event: "stopped" });
    process.exit(0);
  }
});
