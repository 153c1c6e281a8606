// A staff member's browser for scale tests: signs in on one server instance and calls the staff API with cookie and CSRF token.
import { spawnSync } from 'node:child_process';
import { REPO_ROOT } from './serverProcess.js';

/** `cli staff add <name>` against the given storage env; the password goes in on stdin. */
export function addStaff(env: Record<string, string>, name: string, password: string): void {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'staff', 'add', name], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    input: `${password}\n`,
    encoding: 'utf8',
  });
  if (result.status !== 0) throw new Error(`staff add failed (${result.status}): ${result.stderr}`);
}

export class StaffSession {
  private cookie = '';
  private csrf = '';

  constructor(readonly baseUrl: string) {}

  async login(name: string, password: string): Promise<void> {
    const res = await fetch(`${this.baseUrl}/staff/api/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name, password }) });
    if (res.status !== 200) throw new Error(`login: HTTP ${res.status}`);
    this.cookie = (res.headers.get('set-cookie') ?? '').split(';')[0]!;
    this.csrf = ((await res.json()) as { csrfToken: string }).csrfToken;
  }

  async call(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const res = await fetch(`${this.baseUrl}/staff/api${path}`, {
      method,
      headers: { cookie: this.cookie, 'x-csrf-token': this.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }
}
