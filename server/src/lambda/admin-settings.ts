/** The admin function's settings: the deployment's admin secret, checked for strength, and its public URL. */
import { adminSecretProblem } from '../core/secrets';
import type { AdminEnvironment } from './environment';
import { secretSource } from './secret-source';

/** The deployment's admin secret is too weak to guard every app: the Admin API refuses to work with it. */
export class WeakAdminSecretError extends Error {
  constructor(problem: string) {
    super(`the deployment's admin secret ${problem}; set a stronger one (docs/deployment.md)`);
    this.name = 'WeakAdminSecretError';
  }
}

export interface AdminSettings {
  adminSecret: string;
  publicBaseUrl: string;
}

/** PUBLIC_BASE_URL overrides the URL derived from the request (custom domains, local stack). */
export function adminSettingsFrom(
  env: Pick<AdminEnvironment, 'ADMIN_SECRET_PARAMETER' | 'ADMIN_SECRET' | 'PUBLIC_BASE_URL'>,
): (derivedBaseUrl: string) => Promise<AdminSettings> {
  const adminSecret = secretSource('ADMIN_SECRET', { parameter: env.ADMIN_SECRET_PARAMETER, value: env.ADMIN_SECRET });
  return async (derivedBaseUrl) => {
    const secret = await adminSecret();
    const problem = adminSecretProblem(secret);
    if (problem) throw new WeakAdminSecretError(problem);
    return { adminSecret: secret, publicBaseUrl: (env.PUBLIC_BASE_URL || derivedBaseUrl).replace(/\/+$/, '') };
  };
}
