// Debian's nginx in the foreground, with a configuration of the test's own in a temporary
// folder: what the documented set-ups (docs/self-hosting.md, docs/seo.md) are tested with.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { connect } from "node:net";
import { join } from "node:path";

export const NGINX = "/usr/sbin/nginx";

export interface RunningNginx {
  output: () => string;
  stop: () => Promise<void>;
}

/** Waits until something listens on `port`. */
async function listening(port: number, output: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, "127.0.0.1", () => {
        socket.end();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`nginx did not listen on ${port}:\n${output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Starts nginx with `http` as the body of its `http { }` block (the temporary paths are
 * set: everything lives in `dir`), and resolves once it listens on `port`.
 */
export async function startNginx(dir: string, port: number, http: string): Promise<RunningNginx> {
  if (!existsSync(NGINX)) throw new Error(`${NGINX} is missing`);
  const isRoot = process.getuid?.() === 0;
  await writeFile(
    join(dir, "nginx.conf"),
    `${isRoot ? "user root;\n" : ""}worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log;
events {}
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
${http}
}
`,
  );
  let output = "";
  const nginx = spawn(NGINX, ["-p", dir, "-c", join(dir, "nginx.conf"), "-g", "daemon off;"], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  nginx.stdout.on("data", (d) => {
    output += d;
  });
  nginx.stderr.on("data", (d) => {
    output += d;
  });
  const stop = async () => {
    if (nginx.exitCode !== null) return;
    const exited = new Promise((r) => nginx.once("exit", r));
    nginx.kill("SIGQUIT");
    await exited;
  };
  try {
    await listening(port, () => output);
  } catch (err) {
    await stop();
    throw err;
  }
  return { output: () => output, stop };
}
