// A repository's commits as git keeps them: every commit names its parents, the default branch is
// just a head, and what "is on the default branch" means is what that head reaches. Merge commits
// (two parents), force pushes (the head moves back, commits dangle) and GitHub's compare (what one
// head reaches and the other does not) all follow from that.
import type { SimCommit, SimRepo } from './org.js';

export interface CommitGraph {
  bySha: ReadonlyMap<string, SimCommit>;
  /** Creation position of each commit: a commit always comes after its parents. */
  position: ReadonlyMap<string, number>;
}

export function commitGraph(repo: Pick<SimRepo, 'objects'>): CommitGraph {
  const bySha = new Map<string, SimCommit>();
  const position = new Map<string, number>();
  repo.objects.forEach((commit, i) => {
    bySha.set(commit.sha, commit);
    position.set(commit.sha, i);
  });
  return { bySha, position };
}

/** Every commit `head` reaches through its parents, `head` included (empty for null). */
export function reachable(graph: CommitGraph, head: string | null): Set<string> {
  const seen = new Set<string>();
  const stack = head === null ? [] : [head];
  for (let sha = stack.pop(); sha !== undefined; sha = stack.pop()) {
    if (seen.has(sha)) continue;
    const commit = graph.bySha.get(sha);
    if (!commit) continue;
    seen.add(sha);
    for (const parent of commit.parents) if (!seen.has(parent)) stack.push(parent);
  }
  return seen;
}

/**
 * GitHub's order for listing a branch: newest committer date first; commits with the same date
 * (a rebase or a merge lands several at once) newest-created first, so children precede parents.
 */
export function newestFirst(graph: CommitGraph, shas: Iterable<string>): SimCommit[] {
  // Decorated once, so the sort compares plain values (the `large` scenario sorts 120k commits).
  const keyed = [...shas].map((sha) => ({
    commit: graph.bySha.get(sha) as SimCommit,
    position: graph.position.get(sha) ?? 0,
  }));
  keyed.sort(
    (a, b) =>
      (a.commit.committerDate < b.commit.committerDate
        ? 1
        : a.commit.committerDate > b.commit.committerDate
          ? -1
          : 0) || b.position - a.position,
  );
  return keyed.map((k) => k.commit);
}

/** Resolves a commit by full sha or a prefix of at least 7 characters. */
export function findCommit(graph: CommitGraph, ref: string): SimCommit | undefined {
  const wanted = ref.toLowerCase();
  const exact = graph.bySha.get(wanted);
  if (exact || wanted.length < 7 || !/^[0-9a-f]+$/.test(wanted)) return exact;
  for (const [sha, commit] of graph.bySha) if (sha.startsWith(wanted)) return commit;
  return undefined;
}

/** Recomputes `repo.commits` (the default branch, listed as GitHub lists it) from its head. */
export function refreshDefaultBranch(repo: SimRepo): void {
  const graph = commitGraph(repo);
  repo.commits = newestFirst(graph, reachable(graph, repo.head));
}

/** The head after moving back `steps` first parents, as `git reset --hard HEAD~steps` does. */
export function firstParentAncestor(
  graph: CommitGraph,
  head: string,
  steps: number,
): string | null | undefined {
  let sha: string | null = head;
  for (let i = 0; i < steps; i++) {
    const commit: SimCommit | undefined = sha === null ? undefined : graph.bySha.get(sha);
    if (!commit) return undefined;
    sha = commit.parents[0] ?? null;
  }
  return sha;
}
