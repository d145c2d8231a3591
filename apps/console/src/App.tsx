import { useEffect, useState, type ComponentType } from 'react';
import { api, type Role } from './api';
import { Empty } from './components/ui';
import { useAsync } from './hooks';
import { useI18n, type MessageKey } from './i18n';
import { Link, match, navigate, useLocation } from './router';
import { rememberDeepLink, takeReturnTo, useSession, useUser } from './session';
import { LoginPage } from './pages/Login';
import { InboxPage } from './pages/Inbox';
import { QueuePage } from './pages/Queue';
import { ApplicationPage } from './pages/Application';
import { ApplicationsPage } from './pages/Applications';
import { ApplyPage } from './pages/Apply';
import { VouchersPage } from './pages/Vouchers';
import { EnterpriseSettlementsPage } from './pages/EnterpriseSettlements';
import { ContractsPage, ContractPage, SupplierSettlementsPage } from './pages/Supplier';
import { RunsPage } from './pages/Runs';
import { RunPage } from './pages/Run';
import { DashboardPage } from './pages/Dashboard';
import { ClockPage } from './pages/Clock';
import { ChangePasswordPage } from './pages/Account';
import { EnterprisesPage, ProgramsPage, RelatedPartiesPage, SuppliersPage, UsersPage } from './pages/Admin';
import { ProgramEditorPage } from './pages/ProgramEditor';
import { SimulatorPage } from './pages/Simulator';
import { FindingPage, SupervisionPage } from './pages/Supervision';
import { RecipientsPage, isRecipientsPath } from './pages/Recipients';
import { PuhuiPoolPage } from './pages/PuhuiPool';
import { PuhuiApplicationPage, PuhuiReviewPage } from './pages/PuhuiApplication';
import { PuhuiDeductionsPage, PuhuiRedemptionPage, PuhuiRedemptionsPage } from './pages/PuhuiSupplier';
import { RoundsPage } from './pages/Rounds';
import { RoundPage } from './pages/Round';
import { RoundApplyPage } from './pages/RoundApply';
import { NoticeRoutes, PublicShell, isPublicPath } from './pages/Notice';
import { GrantsPage } from './pages/Grants';
import { ApplicationRegisterPage, VoucherRegisterPage } from './pages/Registers';

type Params = Record<string, string>;
interface Route {
  path: string;
  roles: Role[];
  page: ComponentType<{ params: Params }>;
  /** Shown in the navigation for these roles. */
  nav?: MessageKey;
}

const REVIEWERS: Role[] = ['reviewer', 'senior_reviewer'];
const ALL: Role[] = ['enterprise', 'supplier', 'reviewer', 'senior_reviewer', 'finance', 'admin'];
const STAFF_ROLES: Role[] = ['reviewer', 'senior_reviewer', 'finance', 'admin'];

/** Each route names the roles that may open it; the navigation shows only those. */
const ROUTES: Route[] = [
  { path: '/review', roles: REVIEWERS, page: () => <QueuePage kind="review" />, nav: 'navQueue' },
  {
    path: '/review/second',
    roles: ['senior_reviewer'],
    page: () => <QueuePage kind="second_approval" />,
    nav: 'navSecondQueue',
  },
  { path: '/applications', roles: ['enterprise'], page: ApplicationsPage, nav: 'navApplications' },
  { path: '/applications/new', roles: ['enterprise'], page: ApplyPage, nav: 'navApply' },
  {
    path: '/applications/:id',
    roles: ['enterprise', 'reviewer', 'senior_reviewer', 'finance', 'admin'],
    page: ({ params }) => <ApplicationPage id={params.id} />,
  },
  { path: '/vouchers', roles: ['enterprise'], page: VouchersPage, nav: 'navVouchers' },
  { path: '/settlements', roles: ['enterprise'], page: EnterpriseSettlementsPage, nav: 'navSettlements' },
  { path: '/contracts', roles: ['supplier'], page: ContractsPage, nav: 'navContracts' },
  { path: '/contracts/:id', roles: ['supplier'], page: ({ params }) => <ContractPage id={params.id} /> },
  {
    path: '/supplier-settlements',
    roles: ['supplier'],
    page: SupplierSettlementsPage,
    nav: 'navSupplierSettlements',
  },
  { path: '/runs', roles: ['finance', 'admin'], page: RunsPage, nav: 'navRuns' },
  { path: '/runs/:id', roles: ['finance', 'admin'], page: ({ params }) => <RunPage id={params.id} /> },
  { path: '/dashboard', roles: ['finance', 'admin'], page: DashboardPage, nav: 'navDashboard' },
  {
    path: '/admin/applications',
    roles: ['admin'],
    page: ApplicationRegisterPage,
    nav: 'navApplicationRegister',
  },
  { path: '/admin/vouchers', roles: ['admin'], page: VoucherRegisterPage, nav: 'navVoucherRegister' },
  { path: '/admin/enterprises', roles: ['admin'], page: EnterprisesPage, nav: 'navEnterprises' },
  { path: '/admin/suppliers', roles: ['admin'], page: SuppliersPage, nav: 'navSuppliers' },
  { path: '/admin/related-parties', roles: ['admin'], page: RelatedPartiesPage, nav: 'navRelatedParties' },
  { path: '/admin/users', roles: ['admin'], page: UsersPage, nav: 'navUsers' },
  { path: '/admin/programs', roles: ['admin'], page: ProgramsPage, nav: 'navPrograms' },
  { path: '/admin/program-versions', roles: ['admin'], page: ProgramEditorPage, nav: 'navProgramEditor' },
  { path: '/admin/simulator', roles: ['admin'], page: SimulatorPage, nav: 'navSimulator' },
  { path: '/supervision', roles: STAFF_ROLES, page: SupervisionPage, nav: 'navSupervision' },
  { path: '/supervision/:id', roles: STAFF_ROLES, page: ({ params }) => <FindingPage id={params.id} /> },
  { path: '/admin/clock', roles: ['admin'], page: ClockPage, nav: 'navClock' },
  // 普惠算力券 (Chengdu's first-come pool)
  {
    path: '/puhui',
    roles: ['enterprise', 'reviewer', 'senior_reviewer', 'finance', 'admin'],
    page: PuhuiPoolPage,
    nav: 'navPuhui',
  },
  { path: '/puhui/review', roles: REVIEWERS, page: PuhuiReviewPage, nav: 'navPuhuiReview' },
  {
    path: '/puhui/applications/:id',
    roles: ['enterprise', 'reviewer', 'senior_reviewer', 'finance', 'admin'],
    page: ({ params }) => <PuhuiApplicationPage id={params.id} />,
  },
  { path: '/puhui/deductions', roles: ['supplier'], page: PuhuiDeductionsPage, nav: 'navPuhuiDeductions' },
  {
    path: '/puhui/redemptions',
    roles: ['supplier', 'reviewer', 'senior_reviewer', 'finance', 'admin'],
    page: PuhuiRedemptionsPage,
    nav: 'navPuhuiRedemptions',
  },
  {
    path: '/puhui/redemptions/:id',
    roles: ['supplier', 'reviewer', 'senior_reviewer', 'finance', 'admin'],
    page: ({ params }) => <PuhuiRedemptionPage id={params.id} />,
  },
  // 特惠算力券 and 算力补贴券 (ranked rounds with 公示), 绿色算力券 (grants)
  { path: '/rounds', roles: [...REVIEWERS, 'finance', 'admin'], page: RoundsPage, nav: 'navRounds' },
  {
    path: '/rounds/:id',
    roles: [...REVIEWERS, 'finance', 'admin'],
    page: ({ params }) => <RoundPage id={params.id} />,
  },
  { path: '/round-entries', roles: ['enterprise', 'supplier'], page: RoundApplyPage, nav: 'navRoundApply' },
  { path: '/grants', roles: ['admin', 'finance'], page: GrantsPage, nav: 'navGrants' },
  { path: '/notices', roles: ALL, page: () => <NoticeRoutes path="/notices" />, nav: 'navNotices' },
  {
    path: '/notices/:programCode/:year',
    roles: ALL,
    page: ({ params }) => <NoticeRoutes path={`/notices/${params.programCode}/${params.year}`} />,
  },
  { path: '/inbox', roles: ALL, page: InboxPage, nav: 'navInbox' },
  { path: '/account/password', roles: ALL, page: ChangePasswordPage },
];

const HOME: Record<Role, string> = {
  enterprise: '/applications',
  supplier: '/contracts',
  reviewer: '/review',
  senior_reviewer: '/review',
  finance: '/runs',
  admin: '/dashboard',
};

function resolve(path: string): { route: Route; params: Params } | null {
  for (const route of ROUTES) {
    const params = match(route.path, path);
    if (params) return { route, params };
  }
  return null;
}

export function App() {
  const { user } = useSession();
  const { path } = useLocation();

  useEffect(() => {
    if (!user && path !== '/login' && !isPublicPath(path) && !isRecipientsPath(path)) {
      rememberDeepLink();
      navigate('/login', true);
    }
    // Signed in (again): back to the page the session ended on (ADR 0049), else the role's home.
    if (user && (path === '/login' || path === '/')) navigate(takeReturnTo(user.id) ?? HOME[user.role], true);
  }, [user, path]);

  // The public notice (公示) is for anyone: no sign-in.
  if (!user && isPublicPath(path)) return <PublicShell path={path} />;
  // The published recipient lists (ADR 0030) are read by anyone, signed in or not.
  if (isRecipientsPath(path)) return <RecipientsPage />;
  if (!user || path === '/login') return <LoginPage />;
  return <Shell path={path} />;
}

function LangSwitch() {
  const { lang, setLang } = useI18n();
  return (
    <div className="lang" role="group" aria-label="language">
      <button type="button" className={lang === 'zh' ? 'on' : ''} onClick={() => setLang('zh')}>
        中文
      </button>
      <button type="button" className={lang === 'en' ? 'on' : ''} onClick={() => setLang('en')}>
        EN
      </button>
    </div>
  );
}

function UnreadBadge({ path }: { path: string }) {
  // Refreshed on every navigation; cheap (one count query).
  const inbox = useAsync(() => api.get<{ unread: number }>('/inbox?pageSize=1'), [path]);
  const n = inbox.data?.unread ?? 0;
  return n > 0 ? <span className="pill">{n}</span> : null;
}

function Shell({ path }: { path: string }) {
  const user = useUser();
  const { t } = useI18n();
  const { signOut } = useSession();
  const found = resolve(path);
  const nav = ROUTES.filter((r) => r.nav && r.roles.includes(user.role));
  const active = (r: Route) => r.path === path || (found?.route === r && r.path !== '/');
  // On a phone the navigation and the account links fold behind a menu button (ADR 0050).
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [path]);
  useEffect(() => {
    if (!menuOpen) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setMenuOpen(false);
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [menuOpen]);

  let body;
  if (!found) body = <Empty>{t('notFound')}</Empty>;
  else if (!found.route.roles.includes(user.role)) body = <Empty>{t('forbidden')}</Empty>;
  else body = <found.route.page params={found.params} />;

  return (
    <div className="shell">
      <header className={`topbar${menuOpen ? ' open' : ''}`}>
        <span className="brand">{t('appName')}</span>
        <button
          type="button"
          className="menu-button"
          aria-expanded={menuOpen}
          aria-controls="main-menu"
          data-testid="menu-button"
          onClick={() => setMenuOpen((o) => !o)}
        >
          <span aria-hidden="true">{menuOpen ? '✕' : '☰'}</span> {t(menuOpen ? 'closeMenu' : 'menu')}
        </button>
        <nav id="main-menu" aria-label={t('mainNavigation')}>
          {nav.map((r) => (
            <Link key={r.path} to={r.path} className={active(r) ? 'active' : ''} testId={`nav-${r.path}`}>
              {t(r.nav!)}
              {r.path === '/inbox' ? <UnreadBadge path={path} /> : null}
            </Link>
          ))}
        </nav>
        <div className="who">
          <LangSwitch />
          <span className="user" data-testid="whoami">
            {user.displayName} · {t(`role_${user.role}`)}
          </span>
          <Link to="/account/password" testId="account-password">
            {t('changePassword')}
          </Link>
          <button type="button" className="link" onClick={signOut}>
            {t('signOut')}
          </button>
        </div>
      </header>
      <main className="content">{body}</main>
    </div>
  );
}
