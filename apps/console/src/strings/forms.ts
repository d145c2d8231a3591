import type { LocalizedText } from '@app/domain';

/** Console labels of one area, merged into the console's dictionary (i18n.tsx). Chinese first. */
export const FORMS_STRINGS = {
  requiredField: { zh: '必填', en: 'required' },
  dateNotExist: { zh: '日期不存在', en: 'This date does not exist' },
  amountFormat: {
    zh: '金额须为数字，最多两位小数，可用千分位（如 5,000,000.00）',
    en: 'An amount: digits, at most two decimals, separators allowed (e.g. 5,000,000.00)',
  },
  amountHint: { zh: '如 5,000,000.00', en: 'e.g. 5,000,000.00' },
  draftSaving: { zh: '正在保存草稿…', en: 'Saving the draft…' },
  draftSaved: { zh: '草稿已自动保存（{time}）', en: 'Draft saved automatically ({time})' },
  draftUnsaved: { zh: '有尚未保存的修改', en: 'Changes not saved yet' },
  draftSaveFailed: {
    zh: '草稿未能保存，请检查网络后继续填写',
    en: 'The draft could not be saved; check the connection',
  },
  draftRestored: { zh: '已恢复上次保存的草稿', en: 'Your saved draft was restored' },
  discardDraft: { zh: '清空草稿', en: 'Discard the draft' },
  confirmDiscard: {
    zh: '确定清空草稿及已上传的材料吗？',
    en: 'Discard the draft and its uploaded materials?',
  },
  leaveUnsaved: {
    zh: '填写的内容尚未保存，确定离开本页吗？',
    en: 'What you typed has not been saved yet. Leave this page?',
  },
  materialsChecklist: { zh: '3. 申请材料', en: '3. Materials' },
  stepSubmit: { zh: '4. 预检与提交', en: '4. Pre-check and submit' },
  materialsIntro: {
    zh: '请按清单逐项上传。提交前可替换或删除；提交后不能再修改。',
    en: 'Upload each item of the checklist. Before submission a file can be replaced or deleted; not after.',
  },
  slotRequired: { zh: '必需', en: 'Required' },
  slotOptional: { zh: '可选', en: 'Optional' },
  slotAccepts: { zh: '可上传：{types}', en: 'Accepted: {types}' },
  slotEmpty: { zh: '尚未上传', en: 'Not uploaded yet' },
  slotUpload: { zh: '上传', en: 'Upload' },
  slotReplace: { zh: '替换', en: 'Replace' },
  slotDelete: { zh: '删除', en: 'Delete' },
  slotUploading: { zh: '正在上传…', en: 'Uploading…' },
  slotTemplate: { zh: '下载模板', en: 'Download the template' },
  slotFileType: { zh: '该材料只接受：{types}', en: 'This material takes only: {types}' },
  cannotSubmitYet: { zh: '暂不能提交，原因如下：', en: 'You cannot submit yet:' },
  reasonMaterial: { zh: '请上传“{name}”', en: 'Upload “{name}”' },
} satisfies Record<string, LocalizedText>;
