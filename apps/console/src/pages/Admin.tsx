import { useState } from 'react';
import {
  INDUSTRIES,
  INDUSTRY_LABELS,
  SERVICE_KINDS,
  RULE_LABELS,
  SERVICE_KIND_LABELS,
  isBusinessDate,
  isCreditCodeFormat,
  REGION_CODES,
  regionName,
  type Industry,
  type ServiceKind,
} from '@app/domain';
import { api, type Role } from '../api';
import {
  lookup,
  passwordField,
  rules,
  text,
  type FieldSpec,
  type Lookup,
  type Option,
} from '../components/forms';
import { RecordsCard, actionColumn, type RowAction, type RowForm } from '../components/records';
import {
  Card,
  DataTable,
  ErrorBox,
  Field,
  Loading,
  Notice,
  Select,
  StatusBadge,
  type Column,
} from '../components/ui';
import { formatDate } from '../format';
import { useAsync } from '../hooks';
import { useI18n, type MessageKey, type Translate } from '../i18n';
import { useUser } from '../session';
import type { EnterpriseRecord, ProgramRecord, RelatedPartyLink, SupplierRecord, UserRecord } from '../types';

/** The API's DTO rule for a 统一社会信用代码 (GB 32100: no I, O, S, V, Z). */
const SUPPLIER_CODE = /^[a-z0-9-]{2,64}$/;
const ROLES: Role[] = ['enterprise', 'supplier', 'reviewer', 'senior_reviewer', 'finance', 'admin'];

/** The yes/no registry facts the eligibility rules read: these three must hold, the last must not. */
const REQUIRED_FACTS = ['independentLegalPerson', 'aiDirectionAligned', 'soundFinancialManagement'] as const;
const FLAGS = [...REQUIRED_FACTS, 'receivesOtherMunicipalComputeSubsidy'] as const;

/** A required text of `min`–`max` characters (the DTO's @Length). */
const sized = (t: Translate, name: string, label: MessageKey, max: number): FieldSpec => ({
  name,
  label: t(label),
  rule: rules.length(1, max),
  message: t('lengthRange', { min: 1, max }),
});
const emailField = (t: Translate): FieldSpec => ({
  name: 'contactEmail',
  label: t('contactEmail'),
  kind: 'email',
  rule: rules.email,
  message: t('emailFormat'),
});
const chooser = (t: Translate, name: string, label: MessageKey, options: Option[], message: MessageKey) => ({
  name,
  label: t(label),
  kind: 'select' as const,
  options,
  rule: rules.chosen,
  message: t(message),
});

/** Search-as-you-type pickers over the enterprise and supplier registers. */
function usePickers() {
  const { lang } = useI18n();
  return {
    enterprises: lookup<EnterpriseRecord>('/admin/enterprises', (e) => e.name),
    suppliers: lookup<SupplierRecord>('/admin/suppliers', (s) => (lang === 'zh' ? s.nameZh : s.nameEn)),
  };
}
const picker = (t: Translate, name: string, label: MessageKey, register: Lookup, message: MessageKey) => ({
  name,
  label: t(label),
  kind: 'lookup' as const,
  lookup: register,
  rule: rules.chosen,
  message: t(message),
});
/** A name the API gave, or the start of the id when the record is gone. */
const named = (name: string | null, id: string | null) => name ?? (id ? id.slice(0, 8) : '—');

export function EnterprisesPage() {
  const { t, pick } = useI18n();
  const fields: FieldSpec[] = [
    sized(t, 'name', 'enterpriseName', 200),
    {
      name: 'creditCode',
      label: t('creditCode'),
      hint: t('creditCodeHint'),
      rule: (v) => isCreditCodeFormat(text(v)),
      message: t('creditCodeFormat'),
    },
    chooser(
      t,
      'registrationRegion',
      'region',
      REGION_CODES.map((code) => ({ value: code, label: pick(regionName(code)) })),
      'chooseRegion',
    ),
    chooser(
      t,
      'industry',
      'industry',
      INDUSTRIES.map((k) => ({ value: k, label: pick(INDUSTRY_LABELS[k]) })),
      'chooseIndustry',
    ),
    emailField(t),
    {
      name: 'lastDishonestyRecordDate',
      label: t('lastDishonestyRecordDate'),
      hint: t('dishonestyHint'),
      rule: (v) => text(v) === '' || isBusinessDate(text(v)),
      message: t('dateFormat'),
    },
    ...FLAGS.map((name): FieldSpec => ({ name, label: t(name), kind: 'check' })),
  ];
  const columns: Column<EnterpriseRecord>[] = [
    { head: t('enterpriseName'), cell: (r) => r.name },
    { head: t('creditCode'), cell: (r) => <code>{r.creditCode}</code> },
    { head: t('region'), cell: (r) => pick(regionName(r.registrationRegion)) },
    { head: t('industry'), cell: (r) => pick(INDUSTRY_LABELS[r.industry as Industry]) || r.industry },
    {
      head: t('registryFacts'),
      cell: (r) => (
        <>
          {REQUIRED_FACTS.map((k) => (
            <span key={k} className={`badge ${r[k] ? 'ok' : 'bad'}`} title={t(k)}>
              {r[k] ? '✓' : '✗'} {t(`${k}Short`)}
            </span>
          ))}
          {r.receivesOtherMunicipalComputeSubsidy ? (
            <span className="badge warn">{t('receivesOtherMunicipalComputeSubsidyShort')}</span>
          ) : null}
        </>
      ),
    },
    { head: t('lastDishonestyRecordDate'), cell: (r) => formatDate(r.lastDishonestyRecordDate) },
    { head: t('contactEmail'), cell: (r) => r.contactEmail },
  ];
  return (
    <RecordsCard
      title="navEnterprises"
      url="/admin/enterprises"
      columns={columns}
      fields={fields}
      defaults={{ registrationRegion: 'beijing' }}
      editable
    />
  );
}

export function SuppliersPage() {
  const { t, pick } = useI18n();
  const kindLabel = (k: string) => pick(SERVICE_KIND_LABELS[k as ServiceKind]) || k;
  const fields: FieldSpec[] = [
    {
      name: 'code',
      label: t('supplierCode'),
      rule: (v) => SUPPLIER_CODE.test(text(v)),
      message: t('supplierCodeFormat'),
    },
    sized(t, 'nameZh', 'nameZh', 200),
    sized(t, 'nameEn', 'nameEn', 200),
    emailField(t),
    { name: 'isPartner', label: t('isPartner'), kind: 'check', hint: t('partnerHint') },
    {
      name: 'serviceKinds',
      label: t('serviceKinds'),
      kind: 'multi',
      options: SERVICE_KINDS.map((k) => ({ value: k, label: kindLabel(k) })),
      rule: rules.some,
      message: t('chooseOne'),
    },
  ];
  const columns: Column<SupplierRecord>[] = [
    { head: t('supplierCode'), cell: (r) => <code>{r.code}</code> },
    { head: t('name'), cell: (r) => `${r.nameZh} / ${r.nameEn}` },
    {
      head: t('isPartner'),
      cell: (r) => (
        <span className={`badge ${r.isPartner ? 'ok' : 'muted'}`}>{t(r.isPartner ? 'yes' : 'no')}</span>
      ),
    },
    { head: t('serviceKinds'), cell: (r) => r.serviceKinds.map(kindLabel).join('、') },
    { head: t('contactEmail'), cell: (r) => r.contactEmail },
  ];
  return (
    <RecordsCard title="navSuppliers" url="/admin/suppliers" columns={columns} fields={fields} editable />
  );
}

export function RelatedPartiesPage() {
  const { t, pick } = useI18n();
  const pickers = usePickers();
  const fields: FieldSpec[] = [
    picker(t, 'enterpriseId', 'enterprise', pickers.enterprises, 'chooseEnterprise'),
    picker(t, 'supplierId', 'supplier', pickers.suppliers, 'chooseSupplier'),
    { ...sized(t, 'description', 'relationDescription', 500), hint: t('relationHint') },
  ];
  const columns: Column<RelatedPartyLink>[] = [
    { head: t('enterprise'), cell: (r) => named(r.enterpriseName, r.enterpriseId) },
    { head: t('supplier'), cell: (r) => named(r.supplierName, r.supplierId) },
    { head: t('relationDescription'), cell: (r) => r.description },
    { head: t('linkedOn'), cell: (r) => formatDate(r.createdAt) },
  ];
  const unlink: RowAction<RelatedPartyLink> = {
    label: () => t('unlink'),
    testId: () => 'unlink',
    message: (r) =>
      t('unlinkConfirm', {
        enterprise: named(r.enterpriseName, r.enterpriseId),
        supplier: named(r.supplierName, r.supplierId),
      }),
    run: (r) => api.delete(`/admin/related-parties/${r.id}`),
  };
  return (
    <div className="stack">
      <Notice>{t('relatedPartiesNote', { rule: pick(RULE_LABELS['supplier.non-affiliated']) })}</Notice>
      <RecordsCard
        title="navRelatedParties"
        url="/admin/related-parties"
        columns={columns}
        fields={fields}
        rowAction={unlink}
      />
    </div>
  );
}

export function UsersPage() {
  const { t } = useI18n();
  const me = useUser();
  const pickers = usePickers();
  const [role, setRole] = useState('');
  const roleLabel = (r: string) => (ROLES.includes(r as Role) ? t(`role_${r as Role}`) : r);
  const roleOptions = ROLES.map((r) => ({ value: r, label: roleLabel(r) }));
  const fields: FieldSpec[] = [
    sized(t, 'displayName', 'displayName', 200),
    { name: 'email', label: t('email'), kind: 'email', rule: rules.email, message: t('emailFormat') },
    passwordField(t, 'password', 'initialPassword'),
    chooser(t, 'role', 'role', roleOptions, 'chooseRole'),
    {
      ...picker(t, 'enterpriseId', 'ownerEnterprise', pickers.enterprises, 'chooseEnterprise'),
      when: (v) => v.role === 'enterprise',
    },
    {
      ...picker(t, 'supplierId', 'ownerSupplier', pickers.suppliers, 'chooseSupplier'),
      when: (v) => v.role === 'supplier',
    },
  ];
  const owner = (r: UserRecord) =>
    r.enterpriseId ? named(r.enterpriseName, r.enterpriseId) : named(r.supplierName, r.supplierId);
  const columns: Column<UserRecord>[] = [
    { head: t('displayName'), cell: (r) => r.displayName },
    { head: t('email'), cell: (r) => r.email },
    { head: t('role'), cell: (r) => roleLabel(r.role) },
    { head: t('owner'), cell: owner },
    { head: t('status'), cell: (r) => <StatusBadge status={r.active ? 'active' : 'inactive'} /> },
    { head: t('createdOn'), cell: (r) => formatDate(r.createdAt) },
  ];
  const activation: RowAction<UserRecord> = {
    hidden: (r) => r.id === me.id,
    label: (r) => t(r.active ? 'deactivate' : 'activate'),
    testId: (r) => (r.active ? 'deactivate' : 'activate'),
    message: (r) => t(r.active ? 'deactivateConfirm' : 'activateConfirm', { email: r.email }),
    run: (r) => api.patch(`/admin/users/${r.id}`, { active: !r.active }),
  };
  const reset: RowForm<UserRecord> = {
    label: t('resetPassword'),
    testId: 'reset-password',
    title: (r) => t('resetPasswordFor', { email: r.email }),
    fields: [passwordField(t, 'password', 'newPassword')],
    run: (r, v) => api.put(`/admin/users/${r.id}/password`, { password: v.password }),
    done: t('passwordResetDone'),
  };
  return (
    <RecordsCard
      title="navUsers"
      url="/admin/users"
      columns={columns}
      fields={fields}
      rowAction={activation}
      rowForm={reset}
      params={{ role }}
      filters={
        <Field label={t('role')}>
          <Select
            name="role-filter"
            value={role}
            options={roleOptions}
            placeholder={t('allRoles')}
            onValue={setRole}
          />
        </Field>
      }
    />
  );
}

/** The voucher programs: open (taking applications) or closed. */
export function ProgramsPage() {
  const { t, lang } = useI18n();
  const programs = useAsync(() => api.get<ProgramRecord[]>('/admin/programs'), []);
  const name = (p: ProgramRecord) => (lang === 'zh' ? p.nameZh : p.nameEn);
  const columns: Column<ProgramRecord>[] = [
    { head: t('code'), cell: (p) => <code>{p.code}</code> },
    { head: t('name'), cell: name },
    { head: t('planPeriod'), cell: (p) => `${p.definition.planStart} – ${p.definition.planEnd}` },
    { head: t('rate'), num: true, cell: (p) => `${Math.round(Number(p.definition.rate) * 1000) / 10}%` },
    {
      head: t('status'),
      cell: (p) => {
        const open = (p.status ?? (p.active ? 'open' : 'closed')) === 'open';
        return (
          <span className={`badge ${open ? 'ok' : 'muted'}`} data-status={open ? 'open' : 'closed'}>
            {t(open ? 'programOpen' : 'programClosed')}
          </span>
        );
      },
    },
    actionColumn(
      t('actions'),
      {
        label: (p) => t(p.active ? 'closeProgram' : 'openProgram'),
        testId: (p) => (p.active ? 'close-program' : 'open-program'),
        message: (p) => t(p.active ? 'closeProgramConfirm' : 'openProgramConfirm', { name: name(p) }),
        run: (p) => api.patch(`/admin/programs/${encodeURIComponent(p.code)}`, { active: !p.active }),
      },
      programs.reload,
    ),
  ];
  return (
    <Card title="navPrograms" testId="programs">
      <ErrorBox error={programs.error} />
      {programs.data ? (
        <DataTable rows={programs.data} columns={columns} rowKey={(p) => p.code} rowTestId="program-row" />
      ) : (
        <Loading />
      )}
    </Card>
  );
}
