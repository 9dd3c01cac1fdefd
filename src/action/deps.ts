// What the action's entry points take from outside: tests inject a fake pipeline and a client for the loopback API.
// Its own module so that main.ts and commenter.ts both depend on it, never on each other.
import type { GitHubApi } from '../publish/github-api.js';
import type { Pipeline } from './pipeline.js';

export interface ActionDeps {
  pipeline?: Pipeline;
  /** GitHub client factory; the default talks to GITHUB_API_URL. */
  createApi?: (token: string) => GitHubApi;
}
