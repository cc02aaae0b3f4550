// Starts the real ProEventa binary on a fresh database in the shared throwaway PostgreSQL
// cluster, with demo data, and stops it afterwards. For development against a server that is
// already running, set PROEVENTA_E2E_BASE_URL instead (role changes then need
// PROEVENTA_E2E_DATABASE_URL, a conninfo for that server's database); to try SPA changes without
// rebuilding the binary, PROEVENTA_E2E_WEB_ROOT=<repo>/web.
import { spawn, execFileSync } from 'node:child_process';
import { readFileSync, createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import net from 'node:net';
import crypto from 'node:crypto';

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** The same connection string pointing at another database (URI or key=value form). */
export function withDatabase(conninfo, dbname) {
  const s = conninfo.trim();
  if (/^postgres(ql)?:\/\//.test(s)) {
    const url = new URL(s);
    url.pathname = `/${dbname}`;
    return url.toString();
  }
  if (/(^|\s)dbname\s*=/.test(s)) return s.replace(/(^|\s)dbname\s*=\s*('(?:[^'\\]|\\.)*'|\S+)/, `$1dbname=${dbname}`);
  return `${s} dbname=${dbname}`;
}

function psql(conninfo, sql) {
  return execFileSync('psql', [conninfo, '-v', 'ON_ERROR_STOP=1', '-X', '-q', '-t', '-A', '-c', sql], {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 30000,
  });
}

async function waitHealthy(baseUrl, child, log, timeoutMs = 60000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      throw new Error(`proeventa exited with code ${child.exitCode} before it was healthy:\n${log.join('')}`);
    }
    try {
      const res = await fetch(`${baseUrl}/health`);
      if (res.status === 200) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`proeventa was not healthy within ${timeoutMs / 1000}s:\n${log.join('')}`);
}

export async function startServer() {
  if (process.env.PROEVENTA_E2E_BASE_URL) {
    const databaseUrl = process.env.PROEVENTA_E2E_DATABASE_URL || null;
    return {
      baseUrl: process.env.PROEVENTA_E2E_BASE_URL.replace(/\/$/, ''),
      sql: (q) => (databaseUrl ? psql(databaseUrl, q) : ''),
      log: () => '',
      stop: async () => {},
    };
  }
  const binary = process.env.PROEVENTA_BINARY;
  const clusterDir = process.env.PROEVENTA_TEST_CLUSTER_DIR;
  if (!binary || !clusterDir) {
    throw new Error('Set PROEVENTA_BINARY and PROEVENTA_TEST_CLUSTER_DIR (ctest does), or PROEVENTA_E2E_BASE_URL.');
  }
  const adminConninfo = readFileSync(`${clusterDir}/conninfo`, 'utf8').trim();
  const dbname = `e2e_${crypto.randomBytes(6).toString('hex')}`;
  psql(adminConninfo, `CREATE DATABASE ${dbname}`);
  const databaseUrl = withDatabase(adminConninfo, dbname);
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const log = [];
  const args = ['--port', String(port), '--database-url', databaseUrl, '--demo'];
  // Development: serve web/ from disk instead of the copy embedded at build time.
  if (process.env.PROEVENTA_E2E_WEB_ROOT) args.push('--web-root', process.env.PROEVENTA_E2E_WEB_ROOT);
  // The server's output goes to <out>/server.log for post-mortems, and is kept for errors here.
  const outDir = process.env.PROEVENTA_E2E_OUT;
  let logFile = null;
  if (outDir) {
    mkdirSync(outDir, { recursive: true });
    logFile = createWriteStream(path.join(outDir, 'server.log'));
  }
  const keep = (d) => {
    log.push(d.toString());
    if (log.length > 2000) log.splice(0, log.length - 2000);
    if (logFile) logFile.write(d);
  };
  let stopping = false;
  let child = null;
  const spawnServer = () => {
    child = spawn(binary, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PROEVENTA_ENV: 'development' },
    });
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('exit', (code, signal) => {
      if (!stopping) console.error(`proeventa exited unexpectedly (code ${code}, signal ${signal}); last output:\n${log.slice(-40).join('')}`);
    });
  };
  // SIGTERM, then wait for the exit; resolves to how the server ended.
  const terminate = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10000);
      await exited;
      clearTimeout(timer);
    }
    return { code: child.exitCode, signal: child.signalCode };
  };
  spawnServer();
  // Resolves to how the server ended; a clean SIGTERM shutdown is { code: 0, signal: null }.
  // Under the sanitizer presets a report written at exit shows up here as a non-zero code.
  const stop = async () => {
    stopping = true;
    const ended = await terminate();
    if (logFile) logFile.end();
    try {
      psql(adminConninfo, `DROP DATABASE IF EXISTS ${dbname} WITH (FORCE)`);
    } catch { /* the cluster is throwaway */ }
    return ended;
  };
  // The same server stopped (SIGTERM, draining) and started again on the same port and database,
  // as after a deploy; resolves to how the old process ended, once the new one is healthy.
  const restart = async () => {
    stopping = true;
    const ended = await terminate();
    stopping = false;
    spawnServer();
    await waitHealthy(baseUrl, child, log);
    return ended;
  };
  try {
    await waitHealthy(baseUrl, child, log);
  } catch (err) {
    await stop();
    throw err;
  }
  return { baseUrl, sql: (q) => psql(databaseUrl, q), log: () => log.join(''), stop, restart };
}
