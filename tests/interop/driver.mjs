// Drives one official @microsoft/signalr HubConnection for the pytest interop suite.
// Config comes from the environment; commands arrive as JSON lines on stdin and every
// observation leaves as one JSON line on stdout (logs go to stderr).
//   KDS_HUB_URL    full hub URL, e.g. http://127.0.0.1:5080/hubs/restaurant-orders
//   KDS_TOKEN      bearer token handed to accessTokenFactory ("" = no factory)
//   KDS_TRANSPORT  WebSockets | ServerSentEvents | LongPolling
//   KDS_RECONNECT  JSON array of retry delays in ms (absent = no automatic reconnect)
//   KDS_TARGETS    comma-separated server->client method names to listen for
//   KDS_OPTIONS    optional JSON: {"skipNegotiation": true} and/or {"statefulReconnect": true}
// Commands: {"cmd":"start"} {"cmd":"invoke","id":n,"method":m,"args":[...]}
//           {"cmd":"send","method":m,"args":[...]} {"cmd":"stop"}
import * as readline from "node:readline";
import * as signalR from "@microsoft/signalr";

const emit = (obj) => process.stdout.write(JSON.stringify(obj) + "\n");
const errorText = (err) => (err === undefined || err === null ? null : String(err.message ?? err));

const stderrLogger = {
  log(level, message) {
    if (level >= signalR.LogLevel.Warning) process.stderr.write(`[signalr ${level}] ${message}\n`);
  },
};

const transport = signalR.HttpTransportType[process.env.KDS_TRANSPORT ?? "WebSockets"];
const extra = JSON.parse(process.env.KDS_OPTIONS ?? "{}");
const options = { transport, skipNegotiation: Boolean(extra.skipNegotiation) };
if (process.env.KDS_TOKEN) options.accessTokenFactory = () => process.env.KDS_TOKEN;

let builder = new signalR.HubConnectionBuilder()
  .withUrl(process.env.KDS_HUB_URL, options)
  .configureLogging(stderrLogger);
if (extra.statefulReconnect) builder = builder.withStatefulReconnect();
if (process.env.KDS_RECONNECT) builder = builder.withAutomaticReconnect(JSON.parse(process.env.KDS_RECONNECT));
const connection = builder.build();

for (const target of (process.env.KDS_TARGETS ?? "").split(",").filter(Boolean)) {
  connection.on(target, (...args) => {
    emit({ event: "message", target, args, at_ms: Date.now() }); // no return value: not a client result
  });
}
connection.onreconnecting((err) => emit({ event: "reconnecting", error: errorText(err) }));
connection.onreconnected((id) => emit({ event: "reconnected", connectionId: id ?? null }));
connection.onclose((err) => emit({ event: "closed", error: errorText(err) }));

async function handle(command) {
  switch (command.cmd) {
    case "start":
      try {
        await connection.start();
        emit({ event: "started", connectionId: connection.connectionId });
      } catch (err) {
        emit({ event: "start_failed", error: errorText(err) });
      }
      break;
    case "invoke":
      try {
        const result = await connection.invoke(command.method, ...(command.args ?? []));
        emit({ event: "result", id: command.id, result: result ?? null });
      } catch (err) {
        emit({ event: "invoke_error", id: command.id, error: errorText(err) });
      }
      break;
    case "send":
      await connection.send(command.method, ...(command.args ?? []));
      emit({ event: "sent", method: command.method });
      break;
    case "stop":
      await connection.stop();
      emit({ event: "stopped" });
      process.exit(0);
  }
}

// Commands run one after another, in arrival order.
let chain = Promise.resolve();
readline.createInterface({ input: process.stdin }).on("line", (line) => {
  if (!line.trim()) return;
  const command = JSON.parse(line);
  chain = chain.then(() => handle(command));
});
process.stdin.on("end", () => chain.then(() => process.exit(0)));
