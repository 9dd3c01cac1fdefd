// Chart images for PR comments: pushed to an orphan assets branch at pr-<n>/<sha>/<file>, so old comments keep theirs.
import type { GitHubApi } from './github-api.js';
import { GitHubHttpError } from './github-api.js';
import { withPermission } from './permissions.js';

export const ASSETS_BRANCH = 'zsnas-assets';

export interface AssetFile {
  name: string;
  data: Uint8Array;
}

export interface PushAssetsArgs {
  owner: string;
  repo: string;
  prNumber: number;
  headSha: string;
  files: AssetFile[];
  branch?: string;
  /** https://github.com, or GITHUB_SERVER_URL on GitHub Enterprise. */
  serverUrl?: string;
}

export function assetPath(prNumber: number, headSha: string, name: string): string {
  if (!/^[\w.-]+$/.test(name)) throw new Error(`asset file name "${name}" must be letters, digits, '.', '_' or '-'`);
  return `pr-${prNumber}/${headSha}/${name}`;
}

/** The image URL GitHub serves for a blob, readable wherever the repository is (private ones too, for its readers). */
export function assetUrl(serverUrl: string, owner: string, repo: string, branch: string, path: string): string {
  return `${serverUrl.replace(/\/+$/, '')}/${owner}/${repo}/blob/${branch}/${path}?raw=true`;
}

/** Pushes each file and returns its public URL by file name. */
export async function pushAssets(api: GitHubApi, args: PushAssetsArgs): Promise<Record<string, string>> {
  const { owner, repo, prNumber, headSha } = args;
  const branch = args.branch ?? ASSETS_BRANCH;
  const serverUrl = args.serverUrl ?? process.env.GITHUB_SERVER_URL ?? 'https://github.com';
  return withPermission('contents: write', async () => {
    if ((await api.getBranchSha(owner, repo, branch)) === null) {
      await api.createOrphanBranch(owner, repo, branch, `# ${branch}\n\nChart images of zsnas pull-request reports. Safe to delete old pr-* folders.\n`);
    }
    const urls: Record<string, string> = {};
    for (const file of args.files) {
      const path = assetPath(prNumber, headSha, file.name);
      const put = async () =>
        api.putContent(owner, repo, {
          path,
          branch,
          message: `zsnas: ${path}`,
          content: file.data,
          sha: (await api.getContentSha(owner, repo, path, branch)) ?? undefined,
        });
      try {
        await put();
      } catch (err) {
        // 409: another job moved the branch between our read and write; one retry with fresh state is enough.
        if (!(err instanceof GitHubHttpError && err.status === 409)) throw err;
        await put();
      }
      urls[file.name] = assetUrl(serverUrl, owner, repo, branch, path);
    }
    return urls;
  });
}
