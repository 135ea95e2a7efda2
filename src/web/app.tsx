/**
 * The app: sign in, then the page the URL names. Every page reads and writes through the public
 * `/v1` API with the session's token.
 */
import { Layout } from './components/Layout.js';
import { PageHeading } from './components/bits.js';
import { AdminPage } from './pages/Admin.js';
import { AuditPage } from './pages/Audit.js';
import { CompletenessPage } from './pages/Completeness.js';
import { EngagementPage } from './pages/Engagement.js';
import { EngagementsPage } from './pages/Engagements.js';
import { NewPullPage } from './pages/NewPull.js';
import { PopulationPage } from './pages/Population.js';
import { PullPage } from './pages/Pull.js';
import { SamplePage } from './pages/Sample.js';
import { SignIn } from './pages/SignIn.js';
import { TestingPage } from './pages/Testing.js';
import { href, route } from './state/router.js';
import { session } from './state/session.js';

function Page() {
  const { name, params } = route.value;
  switch (name) {
    case 'engagements': return <EngagementsPage />;
    case 'engagement': return <EngagementPage key={params.engagementId} engagementId={params.engagementId!} />;
    case 'audit': return <AuditPage key={params.engagementId} engagementId={params.engagementId!} />;
    case 'population': return <PopulationPage key={params.populationId} populationId={params.populationId!} />;
    case 'newPull': return <NewPullPage key={params.populationId} populationId={params.populationId!} />;
    case 'completeness': return <CompletenessPage key={params.reportId} reportId={params.reportId!} />;
    case 'pull': return <PullPage key={params.pullId} pullId={params.pullId!} />;
    case 'sample': return <SamplePage key={params.sampleId} sampleId={params.sampleId!} />;
    case 'testing': return <TestingPage key={params.runId} runId={params.runId!} />;
    case 'admin': return <AdminPage />;
    default:
      return (
        <>
          <PageHeading title="Not found">Page not found</PageHeading>
          <p>There is no page at <code>{route.value.path}</code>. <a href={href('/')}>Back to the engagements</a>.</p>
        </>
      );
  }
}

export function App() {
  if (!session.value) {
    return (
      <main id="main" tabIndex={-1}><SignIn /></main>
    );
  }
  return <Layout><Page /></Layout>;
}
