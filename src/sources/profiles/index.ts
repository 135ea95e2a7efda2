/** Every source profile tickmark knows, in the order they are listed in the README. */
import type { SourceProfile } from '../types.js';
import { activeDirectory } from './active-directory.js';
import { azureDevops } from './azure-devops.js';
import { bamboohrTerminations } from './bamboohr-terminations.js';
import { entraUsers } from './entra-users.js';
import { excelEu } from './excel-eu.js';
import { githubPullRequests } from './github-pull-requests.js';
import { gitlabMergeRequests } from './gitlab-merge-requests.js';
import { googleWorkspace } from './google-workspace.js';
import { googleWorkspaceGam } from './google-workspace-gam.js';
import { grcAccessReview } from './grc-access-review.js';
import { jira } from './jira.js';
import { nessus } from './nessus.js';
import { oktaAppAssignments } from './okta-app-assignments.js';
import { oktaSystemLog } from './okta-system-log.js';
import { oktaUsers } from './okta-users.js';
import { pagerdutyIncidents } from './pagerduty-incidents.js';
import { qualys } from './qualys.js';
import { servicenowChange } from './servicenow-change.js';
import { servicenowIncident } from './servicenow-incident.js';
import { servicenowUser } from './servicenow-user.js';
import { tenableIo } from './tenable-io.js';
import { tenableSc } from './tenable-sc.js';
import { workdayTerminations } from './workday-terminations.js';

export const profiles: readonly SourceProfile[] = [
  servicenowChange, servicenowIncident, servicenowUser,
  jira, azureDevops, githubPullRequests, gitlabMergeRequests, pagerdutyIncidents,
  oktaSystemLog, oktaAppAssignments, oktaUsers, entraUsers, activeDirectory, googleWorkspace, googleWorkspaceGam,
  workdayTerminations, bamboohrTerminations,
  grcAccessReview,
  tenableIo, tenableSc, nessus, qualys,
  excelEu,
];
