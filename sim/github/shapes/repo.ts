// Repository shapes: minimal-repository (org listings), repository (PR head/base) and
// full-repository (GET /repos/{owner}/{repo}), following GitHub's OpenAPI field sets.
import type { SimOrg, SimRepo, SimUser } from '../../scenarios/org.js';
import { simpleUser } from './user.js';
import { nodeId, type SimUrls } from './urls.js';

const MIT = { key: 'mit', name: 'MIT License', spdx_id: 'MIT' };

export function orgAsUser(org: SimOrg): SimUser {
  return {
    id: org.id,
    login: org.login,
    type: 'User',
    name: org.name,
    activity: 0,
    createdAt: org.createdAt,
  };
}

function license(repo: SimRepo, urls: SimUrls) {
  if (repo.empty || repo.blocked) return null;
  return { ...MIT, url: `${urls.api}/licenses/mit`, node_id: nodeId('License', 13) };
}

function openIssues(repo: SimRepo): number {
  // GitHub counts open issues and open PRs together here.
  return (
    repo.issues.filter((i) => i.state === 'open').length +
    repo.pulls.filter((p) => p.state === 'open').length
  );
}

function repoUrls(org: SimOrg, repo: SimRepo, urls: SimUrls) {
  const full = `${org.login}/${repo.name}`;
  const api = `${urls.api}/repos/${full}`;
  return {
    id: repo.id,
    node_id: nodeId('Repository', repo.id),
    name: repo.name,
    full_name: full,
    private: false,
    owner: {
      ...simpleUser(orgAsUser(org), urls),
      type: 'Organization',
      node_id: nodeId('Organization', org.id),
    },
    html_url: `${urls.web}/${full}`,
    description: repo.description,
    fork: repo.fork,
    url: api,
    archive_url: `${api}/{archive_format}{/ref}`,
    assignees_url: `${api}/assignees{/user}`,
    blobs_url: `${api}/git/blobs{/sha}`,
    branches_url: `${api}/branches{/branch}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    comments_url: `${api}/comments{/number}`,
    commits_url: `${api}/commits{/sha}`,
    compare_url: `${api}/compare/{base}...{head}`,
    contents_url: `${api}/contents/{+path}`,
    contributors_url: `${api}/contributors`,
    deployments_url: `${api}/deployments`,
    downloads_url: `${api}/downloads`,
    events_url: `${api}/events`,
    forks_url: `${api}/forks`,
    git_commits_url: `${api}/git/commits{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_url: `git://127.0.0.1/${full}.git`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    issue_events_url: `${api}/issues/events{/number}`,
    issues_url: `${api}/issues{/number}`,
    keys_url: `${api}/keys{/key_id}`,
    labels_url: `${api}/labels{/name}`,
    languages_url: `${api}/languages`,
    merges_url: `${api}/merges`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    pulls_url: `${api}/pulls{/number}`,
    releases_url: `${api}/releases{/id}`,
    ssh_url: `git@127.0.0.1:${full}.git`,
    stargazers_url: `${api}/stargazers`,
    statuses_url: `${api}/statuses/{sha}`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    tags_url: `${api}/tags`,
    teams_url: `${api}/teams`,
    trees_url: `${api}/git/trees{/sha}`,
    clone_url: `${urls.web}/${full}.git`,
    mirror_url: null,
    hooks_url: `${api}/hooks`,
    svn_url: `${urls.web}/${full}`,
  };
}

function repoCounters(repo: SimRepo) {
  const open = openIssues(repo);
  return {
    homepage: null,
    language: repo.language,
    forks_count: repo.forks,
    stargazers_count: repo.stars,
    watchers_count: repo.stars,
    size: repo.empty ? 0 : 100 + repo.commits.length * 3,
    default_branch: repo.defaultBranch,
    open_issues_count: open,
    is_template: false,
    topics: repo.topics,
    has_issues: true,
    has_projects: true,
    has_wiki: false,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: repo.archived,
    disabled: false,
    visibility: 'public',
    pushed_at: repo.pushedAt,
    created_at: repo.createdAt,
    updated_at: repo.updatedAt,
    forks: repo.forks,
    open_issues: open,
    watchers: repo.stars,
  };
}

export function minimalRepository(org: SimOrg, repo: SimRepo, urls: SimUrls) {
  const lic = license(repo, urls);
  return {
    ...repoUrls(org, repo, urls),
    ...repoCounters(repo),
    permissions: { admin: false, maintain: false, push: false, triage: false, pull: true },
    allow_forking: true,
    web_commit_signoff_required: false,
    license: lic,
  };
}

export function repository(org: SimOrg, repo: SimRepo, urls: SimUrls) {
  return {
    ...minimalRepository(org, repo, urls),
    allow_rebase_merge: true,
    allow_squash_merge: true,
    allow_merge_commit: true,
    allow_auto_merge: false,
    delete_branch_on_merge: true,
    allow_update_branch: false,
    use_squash_pr_title_as_default: true,
  };
}

export function fullRepository(org: SimOrg, repo: SimRepo, urls: SimUrls) {
  const owner = repoUrls(org, repo, urls).owner;
  return {
    ...repository(org, repo, urls),
    temp_clone_token: null,
    network_count: repo.forks,
    subscribers_count: Math.max(1, Math.round(repo.stars / 10)),
    organization: owner,
    squash_merge_commit_title: 'PR_TITLE',
    squash_merge_commit_message: 'COMMIT_MESSAGES',
    merge_commit_title: 'MERGE_MESSAGE',
    merge_commit_message: 'PR_TITLE',
  };
}
