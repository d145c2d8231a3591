import type { LocalizedText } from '@app/domain';

/** Console labels of one area, merged into the console's dictionary (i18n.tsx). Chinese first. */
export const REVIEW_STRINGS = {
  queueApplicationNo: { zh: '申请编号', en: 'Application no.' },
  queueContractNo: { zh: '合同编号', en: 'Contract no.' },
  queueSubmittedOn: { zh: '提交日期', en: 'Submitted' },
  tabCountCapped: { zh: '{count}+', en: '{count}+' },
  savedFilters: { zh: '已保存的筛选', en: 'Saved filters' },
  savedFilterPick: { zh: '选择已保存的筛选', en: 'Choose a saved filter' },
  savedFilterName: { zh: '筛选名称', en: 'Filter name' },
  savedFilterSave: { zh: '保存当前筛选', en: 'Save current filter' },
  savedFilterDelete: { zh: '删除所选筛选', en: 'Delete chosen filter' },
  savedFilterNameRequired: { zh: '请填写筛选名称', en: 'Give the filter a name' },
  savedFilterSaved: { zh: '已保存筛选“{name}”', en: 'Saved filter “{name}”' },
  decisionRequired: { zh: '请选择审核结论', en: 'Choose a decision' },
  decideConfirm: {
    zh: '确认对合同 {contract} 的申请作出“{decision}”的决定？提交后不能撤回。',
    en: 'Decide “{decision}” on the application for contract {contract}? This cannot be undone.',
  },
  decidedNext: {
    zh: '已对合同 {contract} 的申请作出“{decision}”的决定。已为您打开下一个任务。',
    en: 'Decided “{decision}” on the application for contract {contract}. The next task is open.',
  },
  decidedNoNext: {
    zh: '已对合同 {contract} 的申请作出“{decision}”的决定。队列中暂无其他待办任务。',
    en: 'Decided “{decision}” on the application for contract {contract}. No other task is waiting.',
  },
  firstOpinion: { zh: '初审意见', en: 'First reviewer’s opinion' },
  firstOpinionBy: { zh: '{name} 于 {at} 作出', en: 'By {name} on {at}' },
  noReasonGiven: { zh: '（未填写理由）', en: '(no reason given)' },
  comments: { zh: '审核评论', en: 'Reviewers’ comments' },
  commentsEmpty: { zh: '暂无评论', en: 'No comments yet' },
  commentBody: { zh: '评论内容', en: 'Comment' },
  commentPost: { zh: '发表评论', en: 'Post comment' },
  commentPosting: { zh: '发表中…', en: 'Posting…' },
  commentRequired: { zh: '请填写评论内容', en: 'Write the comment first' },
  commentTooLong: { zh: '评论不能超过 2000 字', en: 'A comment is at most 2000 characters' },
} satisfies Record<string, LocalizedText>;
