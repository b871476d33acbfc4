/**
 * A TCP proxy on 127.0.0.1 in front of a real server (PostgreSQL), to play the network's
 * failures in tests: forwarding, a black hole (connections accepted, nothing ever answered,
 * as when a host is gone and its packets are dropped), or nothing listening at all (the
 * database down).
 */
import { createServer, type Server, type Socket, connect as tcpConnect } from "node:net";

export type ProxyMode = "forward" | "black hole" | "refuse";

export interface TcpProxy {
  port: number;
  /** `url` with its host and port replaced by the proxy's. */
  through(url: string): string;
  /**
   * `"black hole"` freezes every connection, open or new, for good: after `"forward"`,
   * only new connections reach the server again, as after a failover to a standby that
   * took the address. `"refuse"` stops listening and cuts every connection.
   */
  setMode(mode: ProxyMode): Promise<void>;
  close(): Promise<void>;
}

/**
 * @example
 * const proxy = await tcpProxy(5432);
 * const store = await openStore({ databaseUrl: proxy.through(DATABASE_URL) });
 * await proxy.setMode("black hole");
 */
export async function tcpProxy(targetPort: number, targetHost = "127.0.0.1"): Promise<TcpProxy> {
  let mode: ProxyMode = "forward";
  /** Incoming connections, with their upstream once one is opened. */
  const links = new Map<Socket, Socket | null>();

  const forward = (client: Socket) => {
    if (links.get(client)) return;
    const upstream = tcpConnect(targetPort, targetHost);
    links.set(client, upstream);
    const cut = () => {
      client.destroy();
      upstream.destroy();
      links.delete(client);
    };
    upstream.on("error", cut).on("close", cut);
    client.pipe(upstream);
    upstream.pipe(client);
    client.resume();
  };
  // Unpiped as well as paused: a pipe resumes its source when its destination drains.
  const freeze = (client: Socket) => {
    const upstream = links.get(client);
    client.unpipe();
    upstream?.unpipe();
    client.pause();
    upstream?.pause();
  };

  const onConnection = (client: Socket) => {
    links.set(client, null);
    client
      .on("error", () => {})
      .on("close", () => {
        links.get(client)?.destroy();
        links.delete(client);
      });
    if (mode === "forward") forward(client);
    else freeze(client);
  };
  let server: Server = createServer(onConnection);
  const listen = (port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, "127.0.0.1", () => {
        const address = server.address();
        resolve(typeof address === "object" && address ? address.port : port);
      });
    });
  const stopListening = () => new Promise<void>((resolve) => server.close(() => resolve()));
  const port = await listen(0);

  return {
    port,
    through(url) {
      const parsed = new URL(url);
      parsed.hostname = "127.0.0.1";
      parsed.port = String(port);
      return parsed.toString();
    },
    async setMode(next) {
      const previous = mode;
      mode = next;
      if (next === "black hole") for (const client of links.keys()) freeze(client);
      if (next === "forward" && previous === "refuse") {
        server = createServer(onConnection);
        await listen(port);
      }
      if (next === "refuse" && previous !== "refuse") {
        const closed = stopListening();
        for (const [client, upstream] of links) {
          client.destroy();
          upstream?.destroy();
        }
        links.clear();
        await closed;
      }
    },
    async close() {
      for (const [client, upstream] of links) {
        client.destroy();
        upstream?.destroy();
      }
      links.clear();
      if (mode !== "refuse") await stopListening();
    },
  };
}
