// Turns GitHub's 403/404 answers into an error that says exactly which workflow permission to add.
import { GitHubHttpError } from './github-api.js';

export type Permission = 'pull-requests: write' | 'contents: write';

const WHAT: Record<Permission, string> = {
  'pull-requests: write': 'write the pull-request comment',
  'contents: write': 'push report images to the assets branch',
};

export class PermissionError extends Error {
  /** Other permission problems met in the same publish step (e.g. charts not pushed), to report together. */
  related: string[] = [];

  constructor(
    readonly permission: Permission,
    readonly status: number,
    cause: GitHubHttpError,
  ) {
    super(
      `The GitHub token cannot ${WHAT[permission]} (${cause.method} ${cause.path} answered ${status}: ${cause.apiMessage}). ` +
        `Add \`permissions: { ${permission} }\` to the job. Pull requests from forks always get a read-only token: ` +
        'run zsnas in the `pull_request` workflow, upload the results as an artifact, and comment from a `workflow_run` ' +
        'workflow with `mode: comment` (see .github/workflows/zsnas-comment.yml).',
      { cause },
    );
    this.name = 'PermissionError';
  }
}

/** Rethrows 403 (forbidden, not a rate limit) and 404 (GitHub hides what a token may not see) as PermissionError. */
export async function withPermission<T>(permission: Permission, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof GitHubHttpError && (err.status === 404 || (err.status === 403 && !/rate limit/i.test(err.apiMessage)))) {
      throw new PermissionError(permission, err.status, err);
    }
    throw err;
  }
}
