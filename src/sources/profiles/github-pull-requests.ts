/**
 * GitHub pull requests: `gh pr list --state merged --json …` flattened to CSV with jq — camelCase
 * headers as gh names them, the approving reviewers' logins joined with `;`:
 *
 *   gh pr list --state merged --limit 1000 --json number,title,author,createdAt,mergedAt,mergedBy,reviews,baseRefName,url \
 *     | jq -r '["number","title","author","createdAt","mergedAt","mergedBy","approvedBy","approvedAt","baseRefName","url"],
 *       (.[] | [.number, .title, .author.login, .createdAt, .mergedAt, .mergedBy.login,
 *         ([.reviews[] | select(.state=="APPROVED") | .author.login] | unique | join(";")),
 *         ([.reviews[] | select(.state=="APPROVED") | .submittedAt] | max), .baseRefName, .url]) | @csv'
 */
import type { SourceProfile } from '../types.js';

export const githubPullRequests: SourceProfile = {
  id: 'github-pull-requests',
  name: 'GitHub pull requests (gh pr list --json, flattened to CSV)',
  system: 'GitHub',
  export: 'gh pr list --state merged --json number,title,author,createdAt,mergedAt,mergedBy,reviews,… | jq -r … @csv (the command is in the profile notes).',
  signature: {
    required: ['number', 'title', 'mergedAt', 'mergedBy'],
    optional: ['author', 'author.login', 'createdAt', 'approvedBy', 'approvedAt', 'reviewDecision', 'baseRefName', 'headRefName', 'url', 'state', 'isDraft'],
  },
  kinds: {
    change: {
      fields: {
        change_id: ['number'],
        title: ['title'],
        requester: ['author', 'author.login'],
        approver: ['approvedBy'],
        approved_at: ['approvedAt'],
        implementer: ['mergedBy', 'mergedBy.login'],
        deployed_at: ['mergedAt'],
        system: ['repository', 'baseRepository'],
        type: [],
        environment: [],
        test_evidence: [],
        tested_at: [],
        pir_at: [],
        ticket_ref: [],
      },
      multiValue: { approver: [';', ','] },
      notes: [
        'A pull request often has several approving reviewers: approvedBy holds them all ("alice;bob") and every one of them is held apart from the author and the merger.',
        'deployed_at is mergedAt: the merge to the base branch is the change; a separate deployment log can be joined (--join deployments=FILE).',
      ],
    },
  },
  read: { encoding: 'utf-8', delimiter: ',' },
  notes: [
    'jq: gh pr list --state merged --limit 1000 --json number,title,author,createdAt,mergedAt,mergedBy,reviews,baseRefName,url | jq -r \'["number","title","author","createdAt","mergedAt","mergedBy","approvedBy","approvedAt","baseRefName","url"], (.[] | [.number, .title, .author.login, .createdAt, .mergedAt, .mergedBy.login, ([.reviews[] | select(.state=="APPROVED") | .author.login] | unique | join(";")), ([.reviews[] | select(.state=="APPROVED") | .submittedAt] | max), .baseRefName, .url]) | @csv\'',
    'Instants are ISO 8601 in UTC.',
  ],
};
