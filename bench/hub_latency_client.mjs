// The official @microsoft/signalr client for bench/hub_latency.py: connects over WebSockets,
// subscribes to one restaurant, and prints one JSON line per order event with a sub-millisecond
// wall-clock receive time (performance.timeOrigin + performance.now(), in ms since the epoch).
//   KDS_HUB_URL, KDS_TOKEN, KDS_RESTAURANT, KDS_INTEROP_DIR (where node_modules lives)
// stdin: any line = stop and exit.
import { createRequire } from "node:module";
import * as path from "node:path";
import * as readline from "node:readline";

const require = createRequire(path.join(process.env.KDS_INTEROP_DIR, "package.json"));
const signalR = require("@microsoft/signalr");

const out = (obj) => process.stdout.write(JSON.stringify(obj) + "\n");
const nowMs = () => performance.timeOrigin + performance.now();

const connection = new signalR.HubConnectionBuilder()
  .withUrl(process.env.KDS_HUB_URL, {
    transport: signalR.HttpTransportType.WebSockets,
    accessTokenFactory: () => process.env.KDS_TOKEN,
  })
  .configureLogging(signalR.LogLevel.Warning)
  .build();

for (const target of ["ReceiveOrderPlaced", "ReceiveOrderStatusChanged"]) {
  connection.on(target, (dto) => {
    const t = nowMs();
    out({ e: dto.eventId, t });
  });
}

await connection.start();
await connection.invoke("SubscribeToRestaurant", process.env.KDS_RESTAURANT);
out({ ready: true });

readline.createInterface({ input: process.stdin }).on("line", async () => {
  await connection.stop();
  process.exit(0);
});
